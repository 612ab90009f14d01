import Foundation
import NLP
import Testing
@testable import Train

/// Validates seeds/labels.jsonl, the labelled corpus the default model is trained on
/// (seeds/README.md documents the format and the split rule).
@Suite struct CorpusManifestTests {
    struct Row: Decodable {
        struct Paragraph: Decodable { var index: Int; var themes: [String] }
        var id: String
        var path: String
        var themes: [String]
        var primary: String
        var split: String
        var provenance: String
        var paragraphs: [Paragraph]?
    }

    static let themes: Set<String> = ["ideological-education", "member-recruitment", "cell-quality"]

    let rows: [Row] = {
        let text = try! String(contentsOfFile: TestPaths.manifest, encoding: .utf8)
        return text.split(separator: "\n").map { try! JSONDecoder().decode(Row.self, from: Data($0.utf8)) }
    }()

    @Test func everyPathExists() {
        for row in rows {
            #expect(FileManager.default.fileExists(atPath: TestPaths.repository.appendingPathComponent(row.path).path), "\(row.id)")
        }
    }

    @Test func themesAndPrimariesFollowTheTaxonomy() {
        for row in rows {
            #expect(Set(row.themes).isSubset(of: Self.themes), "\(row.id): \(row.themes)")
            #expect(Set(row.themes).count == row.themes.count, "\(row.id): a theme twice")
            if row.primary == "none" {
                #expect(row.themes.isEmpty, "\(row.id): primary none but themes \(row.themes)")
            } else {
                #expect(row.themes.first == row.primary, "\(row.id): primary \(row.primary) is not the first of \(row.themes)")
            }
            #expect(["seed", "written"].contains(row.provenance))
        }
    }

    @Test func noDuplicateIdsOrTexts() throws {
        #expect(Set(rows.map(\.id)).count == rows.count)
        #expect(Set(rows.map(\.path)).count == rows.count)
        let texts = try rows.map { try String(contentsOf: TestPaths.repository.appendingPathComponent($0.path), encoding: .utf8) }
        #expect(Set(texts).count == rows.count)
        // No sentence of 8 or more words may appear in two articles (no template filling).
        var owner: [String: String] = [:]
        for (row, text) in zip(rows, texts) {
            for sentence in SentenceSplitter().split(text.replacingOccurrences(of: "\n", with: " ")) where sentence.split(separator: " ").count >= 8 {
                if let other = owner[sentence], other != row.id {
                    Issue.record("\(row.id) and \(other) share the sentence: \(sentence)")
                }
                owner[sentence] = row.id
            }
        }
    }

    @Test func seedsHaveParagraphLabelsForEveryCleanedParagraph() throws {
        let seeds = rows.filter { $0.provenance == "seed" }
        #expect(seeds.count == 5)
        for row in seeds {
            let raw = try String(contentsOf: TestPaths.repository.appendingPathComponent(row.path), encoding: .utf8)
            let article = ArticleCleaner().clean(TextNormalizer.normalize(raw))
            let paragraphs = try #require(row.paragraphs, "\(row.id) has no paragraph labels")
            #expect(paragraphs.map(\.index) == Array(0..<article.paragraphs.count), "\(row.id)")
            for paragraph in paragraphs { #expect(Set(paragraph.themes).isSubset(of: Self.themes)) }
        }
        #expect(rows.filter { $0.provenance == "written" }.allSatisfy { $0.paragraphs == nil })
    }

    @Test func splitFollowsTheDocumentedRule() {
        for primary in Set(rows.map(\.primary)) {
            let members = rows.filter { $0.primary == primary }
            let target = Int(0.2 * Double(members.count) + 0.5)
            let seeds = members.filter { $0.provenance == "seed" }.map(\.id)
            let written = members.filter { $0.provenance == "written" }.sorted { SHA256.hex($0.id) < SHA256.hex($1.id) }.map(\.id)
            let expectedTest = Set(seeds + written.prefix(max(0, target - seeds.count)))
            for row in members {
                #expect(row.split == (expectedTest.contains(row.id) ? "test" : "train"), "\(row.id)")
            }
        }
    }

    @Test func sha256MatchesTheStandardVector() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func theReaderLoadsEachSplit() throws {
        let train = try DatasetReader.read(TestPaths.manifest, split: "train")
        let test = try DatasetReader.read(TestPaths.manifest, split: "test")
        #expect(train.problems.isEmpty && test.problems.isEmpty)
        #expect(train.dataset.documents.count == rows.filter { $0.split == "train" }.count)
        #expect(test.dataset.documents.count == rows.filter { $0.split == "test" }.count)
        #expect(train.dataset.isMultiLabel)
        #expect(train.dataset.labels == Self.themes.sorted())
        #expect(test.dataset.documents.filter { $0.paragraphLabels != nil }.count == 5)
    }
}
