import Foundation
import Testing
@testable import NLP

@Suite struct JSONLineFieldsTests {
    let keys: Set<String> = ["id", "text", "title", "body"]

    func read(_ line: String) -> [String: String]? {
        Array(line.utf8).withUnsafeBufferPointer { JSONLineFields.strings(in: $0, keys: keys) }
    }

    @Test func readsWantedStringsAndSkipsTheRest() {
        let fields = read(#"{"id": "000001", "label": "law", "split": "train", "n": [1, {"a": null}, true], "text": "Khởi tố"}"#)
        #expect(fields == ["id": "000001", "text": "Khởi tố"])
    }

    @Test func numericIdsKeepTheirText() {
        #expect(read(#"{"id": 42, "text": "x"}"#) == ["id": "42", "text": "x"])
        #expect(read(#"{"id": -1.5e3, "text": "x"}"#)?["id"] == "-1.5e3")
    }

    @Test func unescapesEverything() {
        let fields = read(#"{"text": "a\"b\\c\/d\n\t\u00e0\u1ea1 \ud83d\ude00"}"#)
        #expect(fields?["text"] == "a\"b\\c/d\n\tàạ 😀")
    }

    @Test(arguments: [
        #"{"text": "unterminated}"#, #"{"text": "x",}"#, #"{"text" "x"}"#, #"["text"]"#, #"{"text": "x"} extra"#,
        #"{"text": "bad \q escape"}"#, #"{"text": "\ud83d alone"}"#, #"{"text": "a", "text": "b"}"#, "{\"text\": \"raw\u{1}control\"}", "",
    ])
    func refusesWhatItCannotReadExactly(_ line: String) {
        #expect(read(line) == nil)
    }

    @Test func agreesWithFoundationOnRealisticLines() throws {
        struct Record: Decodable, Equatable { var id: String?; var title: String?; var body: String? }
        let lines = [
            #"{"id": "1", "title": "Tiêu đề “có ngoặc”", "abstract": "…", "body": "Đoạn một.\n\nĐoạn hai với \"trích dẫn\" và \\ gạch."}"#,
            #"{"body": "Chỉ thân bài", "id": "2"}"#,
        ]
        for line in lines {
            let fast = read(line)
            let slow = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
            #expect(fast?["id"] == slow.id && fast?["title"] == slow.title && fast?["body"] == slow.body)
        }
    }
}

/// The scans go sixteen bytes at a time, with a byte-by-byte tail near the end of the
/// line, and the UTF-8 check looks two bytes back across blocks: these tests put
/// escapes, quotes, control bytes and multi-byte letters at every position of strings
/// of many lengths, near the start and the end of lines, and compare with Foundation.
@Suite struct JSONLineFieldsBlockTests {
    let keys: Set<String> = ["id", "text", "title", "body"]

    func read(_ bytes: [UInt8], keys: Set<String>? = nil) -> [String: String]? {
        bytes.withUnsafeBufferPointer { JSONLineFields.strings(in: $0, keys: keys ?? self.keys) }
    }

    func read(_ line: String, keys: Set<String>? = nil) -> [String: String]? {
        read(Array(line.utf8), keys: keys)
    }

    /// The wanted fields as Foundation reads them; `nil` if it refuses the line.
    func reference(_ line: String) -> [String: String]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        var fields: [String: String] = [:]
        for key in keys { if let value = object[key] as? String { fields[key] = value } }
        return fields
    }

    /// `text` written as JSON string contents, escaping what must be escaped.
    func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines with `contents` as the text, at several distances from the start and the
    /// end of the line (the tail of a line is scanned byte by byte).
    func lines(text contents: String) -> [String] {
        [#"{"text": "\#(contents)"}"#,
         #"{"id":"7","text":"\#(contents)"   }"#,
         #"{"title": "", "text": "\#(contents)", "label": "a much longer value than sixteen bytes"}"#]
    }

    @Test(arguments: [#"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\u00e0"#, #"\u1ea1"#, #"\ud83d\ude00"#, #"\u0000"#])
    func escapesAtEveryPosition(_ escape: String) {
        for length in 0...34 {
            for position in 0...length {
                let filler = Array("abcdefghijklmnopqrstuvwxyz0123456789")
                let contents = String(filler[0..<position]) + escape + String(filler[position..<length])
                for line in lines(text: contents) {
                    let fast = read(line)
                    #expect(fast != nil && fast == reference(line), "\(line)")
                }
            }
        }
    }

    @Test func stringsOfEveryShortLength() {
        let letters = Array("aàbạcđ\"\\\n“”😀 ")
        for length in 0...20 {
            for shift in 0..<letters.count {
                let text = String((0..<length).map { letters[($0 + shift) % letters.count] })
                for line in lines(text: escaped(text)) {
                    #expect(read(line)?["text"] == text, "\(line)")
                }
            }
        }
    }

    @Test(arguments: [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] as [UInt8])
    func rawControlBytesAreRefusedAtEveryPosition(_ control: UInt8) {
        for length in 1...34 {
            for position in 0..<length {
                var contents = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8.prefix(length))
                contents[position] = control
                for key in ["text", "other"] {
                    let line = Array(#"{"\#(key)": ""#.utf8) + contents + Array(#"", "id": "1"}"#.utf8)
                    #expect(read(line) == nil, "\(key) \(length) \(position)")
                }
            }
        }
        // DEL and space are not control bytes to JSON.
        #expect(read("{\"text\": \"a\u{7F} b\"}")?["text"] == "a\u{7F} b")
    }

    /// Two-, three- and four-byte letters, including the leads whose second byte is
    /// restricted (E0, ED, F0, F4), straddling every block boundary.
    @Test func multiByteLettersAcrossBlocks() {
        let letters = ["ạ", "đ", "Ư", "“", "😀", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{10000}", "\u{10FFFF}", "\u{FFFD}", "\u{80}"]
        for letter in letters {
            for offset in 0..<34 {
                for suffix in ["", "x", "xy", "ạ", "\\n"] {
                    let contents = String(repeating: "a", count: offset) + letter + letter + suffix
                    for line in lines(text: contents) {
                        let fast = read(line), slow = reference(line)
                        #expect(fast != nil && fast == slow, "\(line)")
                        // Counting UTF-16 trusts what the String knows of itself (is it ASCII?).
                        #expect(fast?["text"]?.utf16.count == slow?["text"]?.utf16.count, "\(line)")
                    }
                }
            }
        }
    }

    /// Ill-formed UTF-8 at every position, in strings with and without escapes: refused
    /// exactly when the standard library refuses the unescaped bytes.
    @Test func illFormedUTF8AtEveryPosition() {
        let faults: [[UInt8]] = [
            [0x80], [0xBF], [0xC3], [0xC0, 0x80], [0xC1, 0xBF], [0xE1, 0xBA], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xF0, 0x9F, 0x98], [0xFF], [0xFE], [0xC3, 0xA1, 0xA1], [0xE1, 0xBA, 0xA1, 0x80],
            // Well-formed, for contrast: E0, ED, F0 and F4 with the right second byte.
            [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        // Plain text, text with two-byte letters only, and text with three-byte ones: the
        // fast check must not lean on well-formed letters elsewhere in the string.
        let texts = ["Tin tuc hom nay: gia vang tang manh", "Tin tuc: giá vàng đã tăng", "Tin tức hôm nay: giá vàng tăng mạnh"]
        for text in texts.map({ Array($0.utf8) }) {
            for fault in faults {
                for position in 0...text.count {
                    for escape in [[], Array(#"\n"#.utf8)] {
                        let contents = Array(text[..<position]) + fault + escape + Array(text[position...])
                        let decoded = Array(text[..<position]) + fault + (escape.isEmpty ? [] : [0x0A]) + Array(text[position...])
                        let expected = String(validating: decoded, as: UTF8.self)
                        for before in [#"{"text": ""#, #"{"title": "", "id": "123456789", "text": ""#] {
                            let line = Array(before.utf8) + contents + Array(#""}"#.utf8)
                            let fast = read(line)
                            #expect((fast == nil) == (expected == nil) && fast?["text"] == expected, "\(fault) at \(position)")
                        }
                    }
                }
            }
        }
    }

    @Test func surrogatesAndUnicodeEscapes() {
        #expect(read(#"{"text": "\u0000"}"#)?["text"] == "\u{0}")
        #expect(read(#"{"text": "\uD83D\uDE00\u00E9"}"#)?["text"] == "😀é")
        #expect(read(#"{"text": "\ud83d\ude00\ud83d\ude00"}"#)?["text"] == "😀😀")
        for line in [#"{"text": "\ude00"}"#, #"{"text": "\ud83d"}"#, #"{"text": "\ud83d\u0041"}"#, #"{"text": "\ud83dx"}"#,
                     #"{"text": "\ud83d\ud83d"}"#, #"{"text": "\u12G4"}"#, #"{"text": "\u12"}"#, #"{"text": "\u"#, #"{"text": "\"#] {
            #expect(read(line) == nil, "\(line)")
        }
    }

    /// Unwanted values are skipped without decoding; escaped quotes and brackets inside
    /// them must not end them early.
    @Test func unwantedValuesAreSkippedWhole() {
        let lines = [
            #"{"label": "a \"quoted\" word", "text": "x"}"#,
            #"{"label": "ends in a backslash \\", "text": "x"}"#,
            #"{"label": "\\\"\\\"\\", "text": "x"}"#,
            #"{"meta": {"a": "}\"]", "b": [1, "]", {"c": "\\"}], "d": {}}, "text": "x"}"#,
            #"{"list": [[], [[]], [{"text": "not this"}], "\"text\": \"nor this\""], "text": "x"}"#,
            #"{"n": -0.5e-3, "t": true, "f": false, "z": null, "text": "x"}"#,
            "{\"label\": \"\(String(repeating: "long \\\" value ", count: 9))\", \"text\": \"x\"}",
        ]
        for line in lines {
            #expect(read(line) == ["text": "x"], "\(line)")
            #expect(reference(line) == ["text": "x"], "\(line)")
        }
        // As before: skipped values are checked for shape, not for UTF-8 or escapes.
        let skippedBadUTF8 = Array(#"{"label": ""#.utf8) + [0xFF, 0xC3] + Array(#"", "text": "x"}"#.utf8)
        #expect(read(skippedBadUTF8) == ["text": "x"])
        #expect(read(#"{"label": "\q", "text": "x"}"#) == ["text": "x"])
        // But keys inside skipped objects are decoded, and must be valid.
        #expect(read(#"{"meta": {"\q": 1}, "text": "x"}"#) == nil)
    }

    @Test func keysAreComparedAsStrings() {
        #expect(read(#"{"te\u0078t": "x"}"#) == ["text": "x"])
        #expect(read(#"{"text": "x", "t\u0065xt": "y"}"#) == nil)
        #expect(read(#"{"text": "x", "text": null}"#) == nil)
        #expect(read(#"{"text": null, "text": "y"}"#) == ["text": "y"])
        #expect(read(#"{"tëxt": "x", "Text": "y", "tex": "z", "texts": "w"}"#) == [:])
        #expect(read(Array(#"{""#.utf8) + [0xC3] + Array(#"": "x", "text": "y"}"#.utf8)) == nil)
        #expect(read("{\"te\u{1}xt\": \"x\"}") == nil)
        // A key beyond ASCII is found in any canonically equivalent spelling.
        let vietnamese: Set<String> = ["tên"]
        #expect(read(#"{"tên": "x"}"#, keys: vietnamese) == ["tên": "x"])
        #expect(read(#"{"te\u0302n": "x"}"#, keys: vietnamese)?["tên"] == "x")
        #expect(read("{\"te\u{302}n\": \"x\"}", keys: vietnamese)?["tên"] == "x")
    }

    /// Random lines built from pieces that test the edges: escapes, quotes, Vietnamese
    /// letters, emoji, runs of plain text of every length; nested unwanted values.
    @Test func agreesWithFoundationOnGeneratedLines() {
        var random = Xorshift(state: 0x9E37_79B9_7F4A_7C15)
        let pieces = ["a", "Tin", " ", "ạ", "đ", "ướ", "“", "”", "…", "😀", "\u{800}", "\u{D7FF}", "\u{10FFFF}", "\"", "\\", "/",
                      "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", String(repeating: "x", count: 15), String(repeating: "y", count: 17)]
        func text() -> String {
            (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        func contents(_ text: String) -> String {
            // Some letters are written as \u escapes (surrogate pairs beyond the BMP).
            var out = ""
            for character in escaped(text) {
                if character.unicodeScalars.first!.value >= 0x80, Int.random(in: 0..<3, using: &random) == 0 {
                    for unit in String(character).utf16 { out += String(format: "\\u%04X", unit) }
                } else {
                    out.append(character)
                }
            }
            return out
        }
        for _ in 0..<3000 {
            var fields: [String] = []
            for key in ["id", "title", "label", "body", "meta", "text"].shuffled(using: &random) where Bool.random(using: &random) {
                let value = key == "meta" ? #"{"a": ["\#(contents(text()))", {"b": "\#(contents(text()))"}], "c": 1}"# : "\"\(contents(text()))\""
                fields.append("\"\(key)\":\(String(repeating: " ", count: Int.random(in: 0...2, using: &random)))\(value)")
            }
            let line = "{" + fields.joined(separator: ", ") + "}"
            let fast = read(line)
            #expect(fast != nil && fast == reference(line), "\(line)")
        }
    }
}

/// A small seeded generator, so that a failing line comes back on the next run.
private struct Xorshift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
