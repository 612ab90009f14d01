import Foundation
import Testing
@testable import Train

@Suite struct DatasetReaderTests {
    func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        try body(directory)
    }

    @Test func readsFolderPerLabel() throws {
        try withFiles(["data/sport/a.txt": "Trận đấu", "data/sport/b.txt": "Bàn thắng", "data/law/c.txt": "Khởi tố"]) { dir in
            let result = try DatasetReader.read(dir.appendingPathComponent("data").path)
            #expect(result.dataset.labels == ["law", "sport"])
            #expect(result.dataset.documents.count == 3)
            #expect(!result.dataset.isMultiLabel)
        }
    }

    @Test func anEmptyLabelFolderIsAnError() throws {
        try withFiles(["data/sport/a.txt": "Trận đấu", "data/law/c.txt": "Khởi tố", "data/health/.keep": ""]) { dir in
            #expect(throws: DatasetError.labelWithoutExamples(dir.appendingPathComponent("data").path, label: "health")) {
                try DatasetReader.read(dir.appendingPathComponent("data").path)
            }
        }
    }

    @Test func readsJSONLWithLabelOrLabels() throws {
        let lines = """
        {"id": "a", "text": "Kết nạp đảng viên", "label": "recruit"}
        {"title": "Chi bộ", "text": "Sinh hoạt chi bộ", "labels": ["cell", "recruit"]}
        {"text": "Bóng đá", "labels": []}
        """
        try withFiles(["d.jsonl": lines]) { dir in
            let result = try DatasetReader.read(dir.appendingPathComponent("d.jsonl").path)
            #expect(result.dataset.isMultiLabel)
            #expect(result.dataset.labels == ["cell", "recruit"])
            #expect(result.dataset.documents[1].text == "Chi bộ\n\nSinh hoạt chi bộ")
            #expect(result.dataset.documents[0].id == "a")
        }
    }

    @Test func aBadLineIsReportedWithItsNumberAndSkipped() throws {
        let lines = "{\"text\": \"Một\", \"label\": \"a\"}\nnot json\n{\"text\": \"   \", \"label\": \"b\"}\n{\"text\": \"Hai\", \"label\": \"b\"}\n"
        try withFiles(["d.jsonl": lines]) { dir in
            let path = dir.appendingPathComponent("d.jsonl").path
            let result = try DatasetReader.read(path)
            #expect(result.dataset.documents.count == 2)
            #expect(result.problems.count == 2)
            #expect(result.problems[0].description.hasPrefix("\(path):2: "))
            #expect(result.problems[1] == .emptyText("\(path):3"))
        }
    }

    @Test func readsTSVAndFastText() throws {
        try withFiles(["d.tsv": "sport\tTrận đấu hay\nlaw\tKhởi tố vụ án\n",
                       "d.txt": "__label__sport __label__world Trận đấu\n__label__law Khởi tố\n"]) { dir in
            let tsv = try DatasetReader.read(dir.appendingPathComponent("d.tsv").path)
            #expect(tsv.dataset.labels == ["law", "sport"])
            let fast = try DatasetReader.read(dir.appendingPathComponent("d.txt").path)
            #expect(fast.dataset.documents[0].labels == ["sport", "world"])
            #expect(fast.dataset.documents[0].text == "Trận đấu")
            #expect(fast.dataset.isMultiLabel)
        }
    }

    @Test func formatErrorsSayWhatIsWrong() throws {
        try withFiles(["d.dat": "just some text\nmore text\n", "one.tsv": "sport\tA\nsport\tB\n"]) { dir in
            #expect(throws: DatasetError.unknownFormat(dir.appendingPathComponent("d.dat").path)) {
                try DatasetReader.read(dir.appendingPathComponent("d.dat").path)
            }
            #expect(throws: DatasetError.tooFewClasses(dir.appendingPathComponent("one.tsv").path, labels: ["sport"])) {
                try DatasetReader.read(dir.appendingPathComponent("one.tsv").path)
            }
            #expect(throws: DatasetError.notFound("/no/such/file.jsonl")) { try DatasetReader.read("/no/such/file.jsonl") }
        }
    }
}
