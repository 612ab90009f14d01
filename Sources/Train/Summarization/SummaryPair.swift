import Foundation
import NLP

/// An article with its reference summary: one line of a pairs file
/// (`{"id", "title", "body", "abstract"}`, the format of VietNews as the benchmarks use it).
public struct SummaryPair: Sendable {
    public var id: String
    public var title: String
    public var body: String
    public var abstract: String

    /// The article as the summarizer sees it: title and body, cleaned.
    public var article: Article {
        ArticleCleaner().clean(TextNormalizer.normalize(title.isEmpty ? body : title + "\n\n" + body))
    }

    /// Reads a pairs file, sorted by id. Lines that do not parse are reported in
    /// `problems` (file and line) and skipped.
    public static func read(_ path: String) throws(DatasetError) -> (pairs: [SummaryPair], problems: [DatasetError]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? .unreadable(path, reason: "cannot read the file") : .notFound(path)
        }
        struct Line: Decodable { var id: String?; var title: String?; var body: String?; var text: String?; var abstract: String? }
        var pairs: [SummaryPair] = []
        var problems: [DatasetError] = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let record = try? decoder.decode(Line.self, from: line) else {
                problems.append(.unparsableLine(path, line: index + 1, reason: "not a JSON object {\"id\", \"title\", \"body\", \"abstract\"}"))
                continue
            }
            guard let body = record.body ?? record.text, let abstract = record.abstract,
                  !body.allSatisfy(\.isWhitespace), !abstract.allSatisfy(\.isWhitespace) else {
                problems.append(.unparsableLine(path, line: index + 1, reason: "needs a non-empty \"body\" (or \"text\") and \"abstract\""))
                continue
            }
            pairs.append(SummaryPair(id: record.id ?? "\(path):\(index + 1)", title: record.title ?? "", body: body, abstract: abstract))
        }
        pairs.sort { $0.id < $1.id }
        return (pairs, problems)
    }
}
