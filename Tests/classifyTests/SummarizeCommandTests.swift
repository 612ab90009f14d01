import Foundation
import Testing

@Suite struct SummarizeCommandTests {
    static func corpus(_ directory: URL, count: Int) throws -> URL {
        let seed = String(decoding: try CLI.seed("004_827a990b354b5f07"), as: UTF8.self)
        let path = directory.appendingPathComponent("corpus.jsonl")
        var lines: [String] = []
        for index in 0..<count {
            let object = ["id": "doc-\(index)", "title": "Bài \(index)", "body": seed]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: path)
        return path
    }

    @Test func writesOneLinePerInputInOrder() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // More than two batches of 256, so that batches overlap on the workers.
        let corpus = try Self.corpus(directory, count: 700)
        let out = directory.appendingPathComponent("out.jsonl")
        let result = try CLI.run(["summarize", "--format", "jsonl", "--out", out.path, "--words", "40", "--jobs", "2", corpus.path])
        #expect(result.status == 0)
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 700)
        let ids = lines.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        #expect(ids == (0..<700).map { "doc-\($0)" })
        #expect(result.stderr.contains("summarized 700 documents"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["corpus.jsonl", "out.jsonl"])
    }

    @Test func resumeSkipsFinishedIdsAndRepairsAPartialLine() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = try Self.corpus(directory, count: 10)
        let out = directory.appendingPathComponent("out.jsonl")
        // An earlier run finished doc-0 and doc-1 and died in the middle of doc-2.
        let full = try CLI.run(["summarize", "--format", "jsonl", corpus.path]).stdout.split(separator: "\n")
        try Data((full[0] + "\n" + full[1] + "\n" + full[2].prefix(20)).utf8).write(to: out)
        let result = try CLI.run(["summarize", "--format", "jsonl", "--out", out.path, "--resume", corpus.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("2 already in"))
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.map(String.init) == full.map(String.init))
    }

    @Test func resumeIntoAMissingFolderSaysSo() throws {
        let directory = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("no-such-folder/out.jsonl")
        let result = try CLI.run(["summarize", "--format", "jsonl", "--out", out.path, "--resume",
                                  "seeds/000_1f3f0ba758b92919.txt"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot create \(out.path)"))
    }

    @Test func lengthOptionsAreChecked() throws {
        let both = try CLI.run(["summarize", "--sentences", "2", "--words", "30", "seeds/000_1f3f0ba758b92919.txt"])
        #expect(both.status == 64)
        let resume = try CLI.run(["summarize", "--resume", "seeds/000_1f3f0ba758b92919.txt"])
        #expect(resume.status == 64 && resume.stderr.contains("--resume needs --out"))
    }

    @Test func jsonIsOnePrettyObjectPerArticleWithTheLinesFields() throws {
        let seeds = ["seeds/000_1f3f0ba758b92919.txt", "seeds/004_827a990b354b5f07.txt"]
        let pretty = try CLI.run(["summarize", "--format", "json"] + seeds)
        let lines = try CLI.run(["summarize", "--format", "jsonl"] + seeds)
        #expect(pretty.status == 0 && lines.status == 0)
        // Objects start at a line holding only "{".
        let objects = pretty.stdout.components(separatedBy: "\n{").map { $0.hasPrefix("{") ? $0 : "{" + $0 }
        #expect(objects.count == 2 && pretty.stdout.split(separator: "\n").count > 10)
        for (object, line) in zip(objects, lines.stdout.split(separator: "\n")) {
            let a = try JSONSerialization.jsonObject(with: Data(object.utf8)) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
            #expect(a != nil && a == b)
        }
    }

    /// Each command's --format takes only what it prints: --help lists those, and the
    /// parser refuses the rest, naming the valid values.
    @Test(arguments: [("summarize", "csv", "seeds/000_1f3f0ba758b92919.txt"),
                      ("clean", "csv", "seeds/000_1f3f0ba758b92919.txt"),
                      ("inspect", "jsonl", "models/themes.model")])
    func formatsACommandCannotPrintAreRefused(_ command: String, _ format: String, _ input: String) throws {
        let result = try CLI.run([command, "--format", format, input])
        #expect(result.status == 64)
        #expect(result.stderr.contains("The value '\(format)' is invalid for '--format"))
        let help = try CLI.run([command, "--help"])
        #expect(!help.stdout.contains(format + ";") && !help.stdout.contains(format + ")") && !help.stdout.contains(", " + format))
    }
}

@Suite struct HelpTests {
    @Test func versionFlagPrintsTheToolVersion() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // MAJOR.MINOR.PATCH, the form model files record ("created … by classify 0.1.0").
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." })
    }

    @Test func everySubcommandIsListedAndHasExamples() throws {
        let root = try CLI.run(["--help"])
        let subcommands = ["predict", "summarize", "train", "evaluate", "inspect", "train-summarizer",
                           "evaluate-summaries", "clean", "tokens", "vectorize"]
        for name in subcommands {
            #expect(root.stdout.contains("  \(name) "), "\(name) listed")
            let help = try CLI.run([name, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(name) --help has examples")
        }
    }
}
