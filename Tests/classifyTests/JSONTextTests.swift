import Foundation
import Testing
@testable import classify

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
}
