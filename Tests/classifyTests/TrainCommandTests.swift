import Foundation
import Testing

@Suite struct TrainCommandTests {
    static func labelled(_ directory: URL, badLine: Bool) throws -> URL {
        var lines: [String] = []
        let texts = ["cell": "Chi bộ duy trì sinh hoạt định kỳ, tự phê bình và phê bình, đánh giá xếp loại chi bộ.",
                     "recruit": "Đảng bộ kết nạp đảng viên mới, bồi dưỡng quần chúng ưu tú, tạo nguồn phát triển đảng viên."]
        for index in 0..<20 {
            let label = index % 2 == 0 ? "cell" : "recruit"
            lines.append("\(label)\tBài \(index). \(texts[label]!) Năm \(2000 + index).")
        }
        if badLine { lines.insert("a line without a tab", at: 3) }
        let path = directory.appendingPathComponent("data.tsv")
        try Data(lines.joined(separator: "\n").utf8).write(to: path)
        return path
    }

    @Test func trainsReportsAndWritesTheModel() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Self.labelled(directory, badLine: true)
        let model = directory.appendingPathComponent("m.model")
        let result = try CLI.run(["train", "--data", data.path, "--out", model.path, "--folds", "4"])
        #expect(result.status == 1)                                           // one line was skipped
        #expect(result.stderr.contains("data.tsv:4: expected label<TAB>text"))
        #expect(result.stdout.contains("Held-out report: 4-fold cross-validation"))
        #expect(result.stdout.contains("confusion matrix"))
        #expect(FileManager.default.fileExists(atPath: model.path))
        #expect(result.stderr.contains("mean training log-loss 0."))           // what verify_logreg.py compares
        let predicted = try CLI.run(["predict", "--model", model.path, "--format", "jsonl", "-"],
                                    stdin: Data(#"{"id": "x", "text": "Kết nạp đảng viên mới từ quần chúng ưu tú."}"#.utf8))
        #expect(predicted.stdout.contains(#""primary":"recruit""#))
        let inspected = try CLI.run(["inspect", model.path])
        #expect(inspected.status == 0 && inspected.stdout.contains("top terms of recruit"))
        // No temporary files are left beside the model.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["data.tsv", "m.model"])
    }

    @Test func dataProblemsStopTrainingWithAClearMessage() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let one = directory.appendingPathComponent("one.tsv")
        try Data("only\tChi bộ họp.\nonly\tChi bộ họp lần hai.\n".utf8).write(to: one)
        let single = try CLI.run(["train", "--data", one.path, "--out", directory.appendingPathComponent("x.model").path])
        #expect(single.status == 2 && single.stderr.contains("only one class"))
        let unknown = directory.appendingPathComponent("notes.dat")
        try Data("chỉ là văn bản\nkhông có nhãn\n".utf8).write(to: unknown)
        let format = try CLI.run(["train", "--data", unknown.path, "--out", directory.appendingPathComponent("x.model").path])
        #expect(format.status == 2 && format.stderr.contains("cannot tell the data format"))
        let rare = directory.appendingPathComponent("rare.tsv")
        try Data("a\tChi bộ họp.\na\tChi bộ họp lại.\nb\tKết nạp đảng viên.\n".utf8).write(to: rare)
        let folds = try CLI.run(["evaluate", "--folds", "3", "--data", rare.path])
        #expect(folds.status == 2 && folds.stderr.contains("label 'b' has 1 example"))
    }

    @Test func aFailedWriteKeepsTheOldModel() throws {
        let result = try CLI.run(["train", "--data", "seeds/labels.jsonl", "--split", "test", "--validation", "0",
                                  "--out", "/no/such/directory/m.model"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write /no/such/directory/m.model") || result.stderr.contains("/no/such/directory"))
    }

    @Test func evaluateScoresTheShippedModelOnTheTestSplit() throws {
        let result = try CLI.run(["evaluate", "--data", "seeds/labels.jsonl", "--split", "test"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("macro-F1"))
        #expect(result.stdout.contains("Paragraphs (predict --paragraphs)"))
    }
}
