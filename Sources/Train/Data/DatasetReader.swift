import Foundation
import NLP

/// The layouts labelled data can come in.
public enum DatasetFormat: String, CaseIterable, Sendable {
    /// `DIR/<label>/*.txt`, the layout Create ML uses.
    case folders
    /// One JSON object per line: `{"text", "label"}` or `{"text", "labels": […]}`,
    /// optionally `"title"` and `"id"`.
    case jsonl
    /// `label<TAB>text` per line.
    case tsv
    /// fastText lines: `__label__a __label__b text`.
    case fasttext
    /// The corpus manifest (`seeds/labels.jsonl`): `{"id", "path", "themes", "primary", "split"}`.
    case manifest

    /// The format of `path`: a directory is `folders`; `labels.jsonl` or JSONL whose
    /// objects have `path` and `themes` is `manifest`; other `.jsonl` is `jsonl`;
    /// `.tsv` is `tsv`; otherwise the first line decides (`__label__` → fastText, a tab → TSV).
    public static func detect(_ path: String) throws(DatasetError) -> DatasetFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        if isDirectory.boolValue { return .folders }
        let firstLine = DatasetReader.firstLine(of: path) ?? ""
        if path.hasSuffix(".jsonl") || path.hasSuffix(".json") {
            if (path as NSString).lastPathComponent == "labels.jsonl"
                || (firstLine.contains("\"path\"") && firstLine.contains("\"themes\"")) {
                return .manifest
            }
            return .jsonl
        }
        if path.hasSuffix(".tsv") { return .tsv }
        if firstLine.hasPrefix("__label__") { return .fasttext }
        if firstLine.hasPrefix("{") { return .jsonl }
        if firstLine.contains("\t") { return .tsv }
        throw .unknownFormat(path)
    }
}

/// Reads labelled data. A document that cannot be read (a line that does not parse, an
/// empty text, an undecodable file) is skipped and reported in `problems`; only
/// problems that leave nothing to learn from are thrown.
public enum DatasetReader {
    /// What was read, and what was skipped.
    public struct Result: Sendable {
        public var dataset: Dataset
        public var problems: [DatasetError]
    }

    /// Reads `path` in `format` (detected when `nil`).
    /// - Parameters:
    ///   - split: for the manifest, `train`, `test` or `nil` for every document.
    ///   - multiLabel: force multi-label (`true`) or single-label (`false`); `nil` decides
    ///     from the data (a document with no label or several makes it multi-label).
    public static func read(_ path: String, format: DatasetFormat? = nil, split: String? = nil,
                            multiLabel: Bool? = nil) throws(DatasetError) -> Result {
        let resolved: DatasetFormat
        if let format { resolved = format } else { resolved = try DatasetFormat.detect(path) }
        var problems: [DatasetError] = []
        var documents: [LabelledDocument] = []
        var declared: [String] = []
        var multi = multiLabel
        switch resolved {
        case .folders:
            (documents, declared) = try readFolders(path, problems: &problems)
        case .jsonl:
            documents = try readLines(path, problems: &problems, parse: parseJSONLine)
        case .tsv:
            documents = try readLines(path, problems: &problems, parse: parseTSVLine)
        case .fasttext:
            documents = try readLines(path, problems: &problems, parse: parseFastTextLine)
        case .manifest:
            documents = try readManifest(path, split: split, problems: &problems)
            if multi == nil { multi = true }
            if documents.isEmpty, let split { throw .unknownSplit(path, split: split) }
        }
        return Result(dataset: try Dataset(documents: documents, source: path, multiLabel: multi, declaredLabels: declared),
                      problems: problems)
    }

    static func firstLine(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)?
            .trimmingCharacters(in: .whitespaces)
    }

    // MARK: Formats

    private static func readFolders(_ path: String, problems: inout [DatasetError]) throws(DatasetError)
        -> ([LabelledDocument], [String]) {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: path) else {
            throw .unreadable(path, reason: "cannot list the directory")
        }
        var documents: [LabelledDocument] = []
        var labels: [String] = []
        for label in entries.sorted() where !label.hasPrefix(".") {
            let folder = (path as NSString).appendingPathComponent(label)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            labels.append(label)
            let files = (manager.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
                .filter { $0.lowercased().hasSuffix(".txt") }.sorted()
            for file in files {
                let full = (folder as NSString).appendingPathComponent(file)
                switch InputItem.file(path: full).load() {
                case .success(let document):
                    documents.append(LabelledDocument(id: full, text: document.text, labels: [label]))
                case .failure(let failure):
                    problems.append(.unreadable(full, reason: failure.problem))
                }
            }
        }
        if labels.isEmpty { throw .unreadable(path, reason: "no label folders (expected DIR/<label>/*.txt)") }
        return (documents, labels)
    }

    private static func readLines(_ path: String, problems: inout [DatasetError],
                                  parse: @escaping (String, String, Int) throws(DatasetError) -> LabelledDocument?) throws(DatasetError)
        -> [LabelledDocument] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) else {
            throw .unreadable(path, reason: "cannot read the file")
        }
        // UTF-16 (with a BOM) is decoded whole; UTF-8 is split on line-end bytes and
        // each line is checked and parsed on its own, in parallel, so that a bad line is
        // reported by number and a large file costs one pass.
        if data.count >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)) {
            let decoded: Swift.Result<String, TextProblem> = data.withUnsafeBytes { bytes in
                do throws(TextProblem) { return .success(try TextDecoder.decode(bytes).text) } catch { return .failure(error) }
            }
            switch decoded {
            case .success(let text): return try parseLines(text.split(separator: "\n", omittingEmptySubsequences: false).map { Data($0.utf8) }, path, &problems, parse)
            case .failure(let problem): throw .unreadable(path, reason: problem.description)
            }
        }
        var lines: [Data] = []
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return }
            var start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            while start <= bytes.count {
                let end: Int
                if start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                } else {
                    end = bytes.count
                }
                var trimmed = end
                if trimmed > start && bytes[trimmed - 1] == 0x0D { trimmed -= 1 }
                lines.append(Data(UnsafeBufferPointer(rebasing: bytes[start..<trimmed])))
                start = end + 1
            }
        }
        return try parseLines(lines, path, &problems, parse)
    }

    private static func parseLines(_ lines: [Data], _ path: String, _ problems: inout [DatasetError],
                                   _ parse: @escaping (String, String, Int) throws(DatasetError) -> LabelledDocument?) throws(DatasetError)
        -> [LabelledDocument] {
        let blocks = contiguousChunks(lines.count, parts: defaultThreadCount * 8)
        let parsed = parallelMap(blocks.count) { block -> [Swift.Result<LabelledDocument?, DatasetError>] in
            blocks[block].map { index in
                let line = lines[index]
                guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return .success(nil) }
                guard let text = String(validating: line, as: UTF8.self) else {
                    return .failure(.unparsableLine(path, line: index + 1, reason: "invalid UTF-8"))
                }
                do throws(DatasetError) { return .success(try parse(text, path, index + 1)) } catch { return .failure(error) }
            }
        }
        var documents: [LabelledDocument] = []
        for result in parsed.joined() {
            switch result {
            case .success(let document): if let document { documents.append(document) }
            case .failure(let problem): problems.append(problem)
            }
        }
        return documents
    }

    private struct JSONRecord: Decodable {
        var id: String?
        var text: String?
        var title: String?
        var body: String?
        var label: String?
        var labels: [String]?

        enum CodingKeys: String, CodingKey { case id, text, title, body, label, labels }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let id = try? container.decodeIfPresent(String.self, forKey: .id) { self.id = id }
            else if let id = try? container.decodeIfPresent(Int.self, forKey: .id) { self.id = String(id) }
            text = try container.decodeIfPresent(String.self, forKey: .text)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            body = try container.decodeIfPresent(String.self, forKey: .body)
            label = try container.decodeIfPresent(String.self, forKey: .label)
            labels = try container.decodeIfPresent([String].self, forKey: .labels)
        }
    }

    private static let jsonKeys: Set<String> = ["id", "text", "title", "body", "label"]

    private static func parseJSONLine(_ line: String, _ path: String, _ number: Int) throws(DatasetError) -> LabelledDocument? {
        var copy = line
        // The fast reader takes lines with a single "label"; "labels" arrays and anything
        // unusual go through Foundation's decoder.
        if !line.contains("\"labels\""), let fields = copy.withUTF8({ JSONLineFields.strings(in: $0, keys: jsonKeys) }),
           let label = fields["label"] {
            var text = fields["text"] ?? fields["body"] ?? ""
            if let title = fields["title"], !title.isEmpty { text = title + "\n\n" + text }
            return try document(id: fields["id"] ?? "\(path):\(number)", text: text, labels: [label], where: "\(path):\(number)")
        }
        let record: JSONRecord
        do {
            record = try JSONDecoder().decode(JSONRecord.self, from: Data(line.utf8))
        } catch {
            throw .unparsableLine(path, line: number, reason: "not a JSON object with \"text\" and \"label\" or \"labels\"")
        }
        guard let labels = record.labels ?? record.label.map({ [$0] }) else {
            throw .unparsableLine(path, line: number, reason: "no \"label\" or \"labels\" field")
        }
        var text = record.text ?? record.body ?? ""
        if let title = record.title, !title.isEmpty { text = title + "\n\n" + text }
        return try document(id: record.id ?? "\(path):\(number)", text: text, labels: labels, where: "\(path):\(number)")
    }

    private static func parseTSVLine(_ line: String, _ path: String, _ number: Int) throws(DatasetError) -> LabelledDocument? {
        guard let tab = line.firstIndex(of: "\t") else {
            throw .unparsableLine(path, line: number, reason: "expected label<TAB>text")
        }
        let label = line[..<tab].trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty else { throw .unparsableLine(path, line: number, reason: "empty label") }
        return try document(id: "\(path):\(number)", text: String(line[line.index(after: tab)...]), labels: [label],
                            where: "\(path):\(number)")
    }

    private static func parseFastTextLine(_ line: String, _ path: String, _ number: Int) throws(DatasetError) -> LabelledDocument? {
        var labels: [String] = []
        var rest = Substring(line)
        while true {
            rest = rest.drop { $0 == " " }
            guard rest.hasPrefix("__label__") else { break }
            let word = rest.prefix { $0 != " " }
            labels.append(String(word.dropFirst("__label__".count)))
            rest = rest.dropFirst(word.count)
        }
        guard !labels.isEmpty else { throw .unparsableLine(path, line: number, reason: "expected __label__NAME before the text") }
        return try document(id: "\(path):\(number)", text: String(rest), labels: labels, where: "\(path):\(number)")
    }

    private struct ManifestRecord: Decodable {
        struct Paragraph: Decodable { var index: Int; var themes: [String] }
        var id: String
        var path: String
        var themes: [String]
        var primary: String
        var split: String
        var paragraphs: [Paragraph]?
    }

    private static func readManifest(_ path: String, split: String?, problems: inout [DatasetError]) throws(DatasetError)
        -> [LabelledDocument] {
        // Paths are relative to the folder that holds the manifest's folder (the
        // repository root for seeds/labels.jsonl), else to the manifest's own folder.
        let folder = (path as NSString).deletingLastPathComponent
        let root = (folder as NSString).deletingLastPathComponent
        return try readLines(path, problems: &problems) { line, file, number throws(DatasetError) in
            let record: ManifestRecord
            do {
                record = try JSONDecoder().decode(ManifestRecord.self, from: Data(line.utf8))
            } catch {
                throw .unparsableLine(file, line: number, reason: "not a manifest line {\"id\", \"path\", \"themes\", \"primary\", \"split\"}")
            }
            if let split, record.split != split { return nil }
            let candidates = [(root as NSString).appendingPathComponent(record.path),
                              (folder as NSString).appendingPathComponent(record.path), record.path]
            guard let articlePath = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw .unparsableLine(file, line: number, reason: "\(record.path): no such file")
            }
            let text: String
            switch InputItem.file(path: articlePath).load() {
            case .success(let document): text = document.text
            case .failure(let failure): throw .unreadable(articlePath, reason: failure.problem)
            }
            var paragraphs: [[String]]?
            if let labelled = record.paragraphs {
                var byIndex = [[String]](repeating: [], count: (labelled.map(\.index).max() ?? -1) + 1)
                for paragraph in labelled { byIndex[paragraph.index] = paragraph.themes }
                paragraphs = byIndex
            }
            return LabelledDocument(id: record.id, text: text, labels: record.themes,
                                    primary: record.primary == "none" ? nil : record.primary, paragraphLabels: paragraphs)
        }
    }

    private static func document(id: String, text: String, labels: [String], where place: String) throws(DatasetError)
        -> LabelledDocument {
        let normalized = TextNormalizer.normalize(text)
        guard normalized.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) else { throw .emptyText(place) }
        return LabelledDocument(id: id, text: normalized, labels: labels)
    }
}
