import Foundation
import Testing

/// `classify predict` on the shipped default model: its output formats and options.
@Suite struct PredictCommandTests {
    static let seeds = ["000_1f3f0ba758b92919", "001_e299345001c93c62", "002_41c83e62ec92bec8",
                        "003_7205f8992f055d2a", "004_827a990b354b5f07"].map { "seeds/\($0).txt" }

    static func objects(_ stdout: String) -> [[String: Any]] {
        stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func jsonlGivesOneObjectPerInputWithEveryLabelsProbability() throws {
        let result = try CLI.run(["predict", "--format", "jsonl"] + Self.seeds)
        #expect(result.status == 0)
        let objects = Self.objects(result.stdout)
        #expect(objects.map { $0["id"] as? String } == Self.seeds)
        for object in objects {
            #expect(Array(object.keys).sorted() == ["id", "labels", "primary", "scores"])
            let labels = object["labels"] as! [String]
            let scores = object["scores"] as! [String: Double]
            #expect(Set(scores.keys) == ["cell-quality", "ideological-education", "member-recruitment"])
            #expect(scores.values.allSatisfy { (0...1).contains($0) })
            #expect(Set(labels).isSubset(of: Set(scores.keys)))
            // The primary theme is the first label, or null when there is none.
            if let first = labels.first { #expect(object["primary"] as? String == first) } else { #expect(object["primary"] is NSNull) }
        }
        // The five seeds are Party-building articles: each gets at least one theme.
        #expect(objects.allSatisfy { !($0["labels"] as! [String]).isEmpty })
    }

    @Test func thresholdAndTopDecideTheLabels() throws {
        let seed = Self.seeds[0]
        let everything = Self.objects(try CLI.run(["predict", "--format", "jsonl", "--threshold", "0", seed]).stdout)[0]
        #expect((everything["labels"] as! [String]).count == 3)
        let scores = everything["scores"] as! [String: Double]
        let byProbability = scores.keys.sorted { scores[$0]! > scores[$1]! }
        // The primary theme first (the one most of the text is about), then the others
        // most probable first.
        let labels = everything["labels"] as! [String]
        #expect(labels.first == everything["primary"] as? String)
        #expect(Array(labels.dropFirst()) == byProbability.filter { $0 != labels.first })
        let top = Self.objects(try CLI.run(["predict", "--format", "jsonl", "--threshold", "0", "--top", "1", seed]).stdout)[0]
        #expect(top["labels"] as! [String] == [byProbability[0]])
        let none = Self.objects(try CLI.run(["predict", "--format", "jsonl", "--threshold", "1", seed]).stdout)[0]
        #expect((none["labels"] as! [String]).isEmpty && none["primary"] is NSNull)
    }

    @Test func explainListsTermsThatPushedEachChosenLabel() throws {
        let result = try CLI.run(["predict", "--format", "jsonl", "--explain", "4", Self.seeds[1]])
        let object = Self.objects(result.stdout)[0]
        let labels = object["labels"] as! [String]
        let explanation = object["explanation"] as! [String: [[String: Any]]]
        #expect(Set(explanation.keys) == Set(labels))
        for terms in explanation.values {
            let contributions = terms.map { $0["contribution"] as! Double }
            #expect(!terms.isEmpty && terms.count <= 4)
            #expect(contributions.allSatisfy { $0 > 0 } && contributions == contributions.sorted(by: >))
            #expect(terms.allSatisfy { !($0["term"] as! String).isEmpty })
        }
    }

    @Test func paragraphsLabelEachContentParagraph() throws {
        let seed = "seeds/003_7205f8992f055d2a.txt"
        let cleaned = try CLI.run(["clean", "--format", "json", seed])
        let article = try JSONSerialization.jsonObject(with: Data(cleaned.stdout.utf8)) as! [String: Any]
        let expected = article["paragraphs"] as! [String]
        let object = Self.objects(try CLI.run(["predict", "--format", "jsonl", "--paragraphs", seed]).stdout)[0]
        let paragraphs = object["paragraphs"] as! [[String: Any]]
        #expect(paragraphs.map { $0["index"] as! Int } == Array(expected.indices))
        #expect(paragraphs.map { $0["text"] as! String } == expected)
        #expect(paragraphs.allSatisfy { ($0["scores"] as! [String: Double]).count == 3 })
    }

    @Test func csvHasAHeaderAndQuotesFieldsThatNeedIt() throws {
        let line = #"{"id": "a, \"b\"", "text": "Chi bộ thôn họp định kỳ, tự phê bình và phê bình nghiêm túc, nâng cao chất lượng sinh hoạt chi bộ."}"#
        let result = try CLI.run(["predict", "--format", "csv", "-"], stdin: Data(line.utf8))
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 2)
        #expect(rows[0] == "id,labels,primary,cell-quality,ideological-education,member-recruitment")
        #expect(rows[1].hasPrefix(#""a, ""b""","#))
        #expect(rows[1].split(separator: ",").suffix(3).allSatisfy { Double($0).map { (0...1).contains($0) } ?? false })
    }

    @Test func textIsOneBlockPerArticle() throws {
        let result = try CLI.run(["predict", Self.seeds[0], Self.seeds[2]])
        #expect(result.status == 0)
        let heads = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }
        #expect(heads.map { String($0.prefix { $0 != ":" }) } == [Self.seeds[0], Self.seeds[2]])
    }

    @Test func aBatchEndsWithACountOnStandardErrorAndOneArticleDoesNot() throws {
        let batch = try CLI.run(["predict", "--format", "jsonl", "/no/such/file.txt"] + Self.seeds)
        #expect(batch.status == 1)
        #expect(batch.stderrLines.last?.hasPrefix("classify: predicted 5 documents in ") == true)
        #expect(batch.stderrLines.last?.hasSuffix(", 1 failed") == true)
        let one = try CLI.run(["predict", Self.seeds[0]])
        #expect(one.status == 0 && one.stderr.isEmpty)
    }
}
