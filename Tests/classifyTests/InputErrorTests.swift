import Foundation
import Testing

/// Bad inputs: each is reported on standard error with its name and the problem, the
/// good ones are processed, and the exit status says something failed.
@Suite struct InputErrorTests {
    /// A directory with good articles and every kind of bad file.
    static func mixedDirectory() throws -> URL {
        let directory = CLI.temporaryDirectory()
        let good = try CLI.seed("003_7205f8992f055d2a")
        let text = String(decoding: good, as: UTF8.self)
        let files: [String: Data] = [
            "good.txt": good,
            "good-nfd.txt": Data(text.decomposedStringWithCanonicalMapping.utf8),
            "good-crlf-bom.txt": Data([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            "empty.txt": Data(),
            "blank.txt": Data(" \n\t\n".utf8),
            "binary.txt": Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x14]),
            "invalid.txt": Data(Array("Đảng bộ".utf8) + [0xC3, 0x28] + Array(" viên".utf8)),
            "tcvn3.txt": Data(Array("\u{A7}\u{B6}ng b\u{E9} ph\u{AD}\u{EA}ng \u{AE}\u{E3} k\u{D5}t n\u{B9}p \u{AE}\u{B6}ng vi\u{AA}n m\u{ED}i; chi b\u{E9} sinh ho\u{B9}t \u{AE}\u{D3}nh k\u{FA} \u{AE}\u{B6}ng b\u{E9}".unicodeScalars.map { UInt8($0.value & 0xFF) })),
        ]
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        return directory
    }

    @Test func predictReportsEachBadFileAndProcessesTheRest() throws {
        let directory = try Self.mixedDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["predict", "--format", "jsonl", directory.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 3)
        let problems = result.stderrLines.filter { $0.hasPrefix("classify: error: ") }
        #expect(problems.count == 5)
        #expect(result.stderrLines.last?.hasPrefix("classify: predicted 3 documents") == true)
        let expected = ["empty.txt: empty file", "blank.txt: no text (only white space)", "binary.txt: binary data",
                        "invalid.txt: invalid UTF-8 at byte offset 12", "tcvn3.txt: looks like TCVN3 (ABC)"]
        for fragment in expected {
            #expect(problems.contains { $0.hasPrefix("classify: error: ") && $0.contains(fragment) }, "\(fragment)")
        }
        // NFC, NFD and CRLF-with-BOM versions of one article get the same prediction.
        let scores = lines.map { $0["scores"] as! [String: Double] }
        #expect(scores[0] == scores[1] && scores[1] == scores[2])
    }

    @Test func cleanAndTokensTreatNFDLikeNFC() throws {
        let directory = try Self.mixedDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in ["clean", "tokens"] {
            let nfc = try CLI.run([command, directory.appendingPathComponent("good.txt").path])
            let nfd = try CLI.run([command, directory.appendingPathComponent("good-nfd.txt").path])
            #expect(nfc.status == 0 && nfd.status == 0)
            #expect(Array(nfc.stdout.unicodeScalars) == Array(nfd.stdout.unicodeScalars), "\(command)")
        }
    }

    @Test func aFiftyMegabyteSingleLineIsProcessed() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sentence = "Đảng bộ xã kết nạp thêm đảng viên mới, nâng cao chất lượng sinh hoạt chi bộ. "
        let path = directory.appendingPathComponent("huge.txt")
        try Data(String(repeating: sentence, count: 50_000_000 / sentence.utf8.count).utf8).write(to: path)
        let result = try CLI.run(["predict", "--format", "jsonl", path.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("member-recruitment") || result.stdout.contains("cell-quality"))
    }

    @Test func summarizeGivesOneLinePerGoodInputAndReportsTheRest() throws {
        let directory = try Self.mixedDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["summarize", "--format", "jsonl", directory.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { ($0["summary"] as? String)?.isEmpty == false && $0["sentences"] is [Any] && $0["id"] is String })
        #expect(result.stderrLines.filter { $0.hasPrefix("classify: error: ") }.count == 5)
    }

    @Test func jsonlInputWithABadLine() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("in.jsonl")
        let lines = [#"{"id": "a", "text": "Chi bộ thôn họp định kỳ, tự phê bình và phê bình nghiêm túc."}"#,
                     "this is not json",
                     #"{"id": 7, "title": "Kết nạp", "body": "Xã kết nạp 12 đảng viên mới trong năm."}"#,
                     #"{"id": "no-text", "label": "x"}"#]
        try Data(lines.joined(separator: "\n").utf8).write(to: path)
        let result = try CLI.run(["predict", "--format", "jsonl", path.path])
        #expect(result.status == 1)
        let ids = result.stdout.split(separator: "\n").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        #expect(ids == ["a", "7"])
        #expect(result.stderr.contains("in.jsonl:2: not a JSON object"))
        #expect(result.stderr.contains("in.jsonl:4: no \"text\" or \"body\" field"))
    }

    @Test func standardInputIsOneArticle() throws {
        let result = try CLI.run(["predict", "-"], stdin: try CLI.seed("001_e299345001c93c62"))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<stdin>: "))
    }

    @Test func aMissingInputIsReported() throws {
        let result = try CLI.run(["clean", "/no/such/article.txt", "seeds/003_7205f8992f055d2a.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/no/such/article.txt: no such file or directory"))
        #expect(result.stdout.contains("Năm 2016"))
    }
}
