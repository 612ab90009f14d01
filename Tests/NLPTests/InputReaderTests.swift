import Foundation
import Testing
@testable import NLP

@Suite struct InputReaderTests {
    /// Writes `contents` to a fresh temporary file named `name`; returns its path.
    private func temporaryFile(_ name: String, _ contents: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("InputReaderTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    /// The (line number, bytes) of every JSONL item of `path`.
    private func jsonLines(_ path: String) -> [(line: Int, bytes: Data)] {
        InputReader(inputs: [path]).compactMap { item in
            if case .jsonLine(_, let line, let bytes) = item { return (line, bytes) }
            Issue.record("unexpected item \(item.source)")
            return nil
        }
    }

    @Test func linesAcrossChunkBoundariesComeBackWhole() throws {
        // Lines of varying lengths, so that chunk ends fall inside lines at many offsets.
        var lines: [Data] = []
        var contents = Data()
        for index in 0..<3_000 {
            let line = Data("{\"id\":\"\(index)\",\"text\":\"\(String(repeating: "chi bộ ", count: index % 700))\"}".utf8)
            lines.append(line)
            contents.append(line)
            contents.append(0x0A)
        }
        #expect(contents.count > 2 * LineReader.chunkSize)
        let read = jsonLines(try temporaryFile("many.jsonl", contents))
        #expect(read.map(\.bytes) == lines)
        #expect(read.map(\.line) == Array(1...3_000))
    }

    /// A record's id is its `id` field (string or number), else its file and line.
    @Test func recordsWithoutAnIdAreNamedByFileAndLine() throws {
        let path = try temporaryFile("ids.jsonl", Data("""
            {"text":"Chi bộ họp."}
            {"id":"a7","text":"Chi bộ họp."}
            {"id":42,"title":"Tin","body":"Chi bộ họp."}

            """.utf8))
        let ids = InputReader(inputs: [path]).compactMap { item -> String? in
            guard case .success(let document) = item.load() else { Issue.record("\(item.source) failed"); return nil }
            return document.id
        }
        #expect(ids == ["\(path):1", "a7", "42"])
    }

    @Test func aLineLongerThanAChunkIsOneItem() throws {
        let long = Data("{\"text\":\"\(String(repeating: "đảng viên ", count: LineReader.chunkSize / 5))\"}".utf8)
        #expect(long.count > 2 * LineReader.chunkSize)
        var contents = Data("{\"text\":\"a\"}\n".utf8)
        contents.append(long)
        contents.append(Data("\n{\"text\":\"b\"}".utf8))
        let read = jsonLines(try temporaryFile("long.jsonl", contents))
        #expect(read.map(\.bytes) == [Data("{\"text\":\"a\"}".utf8), long, Data("{\"text\":\"b\"}".utf8)])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let contents = Data("{\"text\":\"a\"}\n\n  \r\n{\"text\":\"b\"}\r\n".utf8)
        let read = jsonLines(try temporaryFile("blank.jsonl", contents))
        #expect(read.map(\.line) == [1, 4])
        #expect(read.last?.bytes == Data("{\"text\":\"b\"}\r".utf8))
    }

    @Test func anEmptyFileHasNoItems() throws {
        #expect(jsonLines(try temporaryFile("empty.jsonl", Data())).isEmpty)
    }
}
