import Foundation
import Testing

/// A model file that is missing, truncated, corrupted, of another kind or version is
/// refused with a message that says which, exit status 2.
@Suite struct ModelErrorTests {
    let article = "seeds/000_1f3f0ba758b92919.txt"

    func predict(with model: URL) throws -> CLI.Result {
        try CLI.run(["predict", "--model", model.path, article])
    }

    @Test func eachBadModelIsRefusedByName() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try Data(contentsOf: CLI.repository.appendingPathComponent("models/themes.model"))
        var cases: [(String, Data, String)] = []
        cases.append(("truncated", good.prefix(good.count / 2), "truncated"))
        var flipped = good
        flipped[good.count / 2] ^= 0x01
        cases.append(("flipped", flipped, "checksum mismatch"))
        var magic = good
        magic[0] = 0x00
        cases.append(("magic", magic, "not a model file"))
        cases.append(("text", Data("Đây không phải là mô hình".utf8), "not a model file"))
        for (name, data, message) in cases {
            let url = directory.appendingPathComponent("\(name).model")
            try data.write(to: url)
            let result = try predict(with: url)
            #expect(result.status == 2, "\(name)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stderr.contains(url.path), "\(name) names the file")
        }
        let missing = try predict(with: directory.appendingPathComponent("absent.model"))
        #expect(missing.status == 2 && missing.stderr.contains("absent.model"))
    }

    @Test func aSummarizerIsNotAThemeModel() throws {
        let result = try predict(with: CLI.repository.appendingPathComponent("models/summarizer.model"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a theme classifier"))
        let other = try CLI.run(["summarize", "--model", "models/themes.model", article])
        #expect(other.status == 2 && other.stderr.contains("not a summarizer"))
    }
}
