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
