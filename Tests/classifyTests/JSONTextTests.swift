import Foundation
import Testing
@testable import classify
@testable import NLP

@Suite struct JSONTextTests {
    @Test func escapesWhatJSONRequires() throws {
        let text = "Đảng \"ủy\" \\ dòng\nmới\t\u{1}"
        let encoded = JSONText.string(text)
        #expect(encoded == #""Đảng \"ủy\" \\ dòng\nmới\t\u0001""#)
        let decoded = try JSONDecoder().decode(String.self, from: Data(encoded.utf8))
        #expect(decoded == text)
    }

    @Test func buildsObjectsInOrder() throws {
        let line = JSONText.object([("id", JSONText.string("a")), ("labels", JSONText.array(["x", "y"])),
                                    ("primary", "null"), ("score", JSONText.number(Float(0.25)))])
        #expect(line == #"{"id":"a","labels":["x","y"],"primary":null,"score":0.25}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
    }

    @Test func findsACharacterToEscapeAnywhereInALongText() throws {
        let prefix = String(repeating: "Nghị quyết của Đảng ", count: 20)
        for tail in ["\"", "\\", "\n", "\u{1F}"] {
            let text = prefix + tail + "hết"
            let decoded = try JSONDecoder().decode(String.self, from: Data(JSONText.string(text).utf8))
            #expect(decoded == text)
        }
        #expect(JSONText.string(prefix) == "\"" + prefix + "\"")
    }

    @Test func summaryLinesAreValidJSON() throws {
        let summary = Summary(sentences: [ScoredSentence(index: 0, score: 0.5, text: "Ông nói: \"Đoàn kết\"."),
                                          ScoredSentence(index: 3, score: 0.25, text: "Dòng\tcuối")], warning: nil)
        let line = String(decoding: Summarize.format(summary, id: "a\"b", as: .jsonl), as: UTF8.self)
        #expect(line.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "a\"b")
        #expect(object["summary"] as? String == summary.text)
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.map { $0["index"] as? Int } == [0, 3])
        #expect(sentences.map { ($0["score"] as? NSNumber)?.floatValue } == [0.5, 0.25])
        #expect(sentences.map { $0["text"] as? String } == summary.sentences.map(\.text))
    }
}
