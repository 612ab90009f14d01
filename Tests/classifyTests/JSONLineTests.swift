import Foundation
import Testing
@testable import classify

@Suite struct JSONLineTests {
    @Test func buildsALineFromLiteralsStringsAndNumbers() throws {
        var line = JSONLine()
        line.raw("{\"id\":")
        line.string("bài \"1\"")
        line.raw(",\"n\":")
        line.number(42)
        line.raw(",\"p\":")
        line.number(Float(0.1))
        line.raw(",\"x\":")
        line.json("[1,2]")
        line.raw("}")
        #expect(line.text == #"{"id":"bài \"1\"","n":42,"p":0.1,"x":[1,2]}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.bytes)) as? [String: Any])
        #expect(object["id"] as? String == "bài \"1\"")
    }

    @Test func numbersReadBackAsTheSameFloat() throws {
        for value: Float in [0, 1, -2.5, 1e-7, 0.33333334, 123456.79, .leastNonzeroMagnitude, .greatestFiniteMagnitude] {
            var line = JSONLine()
            line.number(value)
            #expect(Float(line.text) == value, "\(value)")
        }
    }

    @Test func nonFiniteNumbersAreNull() {
        for value: Float in [.nan, .infinity, -.infinity] {
            var line = JSONLine()
            line.number(value)
            #expect(line.text == "null")
        }
    }

    @Test func escapesEveryControlCharacter() throws {
        let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\\\"Đảng"
        var line = JSONLine()
        line.string(text)
        #expect(try JSONDecoder().decode(String.self, from: Data(line.bytes)) == text)
        #expect(line.text.contains(#"\u001f"#))
    }

    /// Plain runs between escapes are copied whole: every run must come through.
    @Test func keepsThePlainRunsAroundEscapes() throws {
        for text in ["\"đầu", "cuối\"", "a\"b\\c\nđảng \"viên\" mới", "\"\"", "x\ty"] {
            var line = JSONLine()
            line.string(text)
            #expect(try JSONDecoder().decode(String.self, from: Data(line.bytes)) == text, "\(text)")
        }
    }
}
