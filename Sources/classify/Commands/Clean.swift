import ArgumentParser
import NLP

/// `classify clean`: the article as the models see it, without web furniture.
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Print articles without web furniture: title, then content paragraphs.",
        discussion: """
        Drops comment forms, navigation, view counters, photo captions, bylines, source \
        lines, site footers and repeated lines; see docs/pipeline.md for every rule.

        Examples:
          classify clean seeds/003_7205f8992f055d2a.txt
          # every line and why it was kept or dropped:
          classify clean --explain seeds/004_827a990b354b5f07.txt
          # title, paragraphs, sentences:
          classify clean --format json seeds/000_1f3f0ba758b92919.txt
        """)

    @OptionGroup var input: InputOptions

    @Option(help: "text, json (one pretty object per article) or jsonl (one line per article).")
    var format: DocumentFormat = .text

    @Flag(help: "Show every input line with the kind the cleaner gave it (text format only).")
    var explain = false

    func validate() throws {
        if explain && format != .text {
            throw ValidationError("--explain prints one line of text per input line; it cannot be combined with --format \(format.rawValue).")
        }
    }

    struct Output: Encodable {
        var id: String
        var title: String
        var paragraphs: [String]
        var sentences: [Sentence]
    }

    func run() throws {
        var reader = input.reader()
        let out = OutputWriter()
        let cleaner = ArticleCleaner()
        let splitter = SentenceSplitter()
        var first = true
        let counts = try DocumentPipeline(jobs: input.jobs).run(&reader) { document in
            if explain {
                return (Article(title: "", paragraphs: []), cleaner.analyze(document.text))
            }
            return (cleaner.clean(document.text), [ArticleCleaner.Line]())
        } emit: { document, result in
            let (article, lines) = result
            switch format {
            case .text where explain:
                if input.inputs.count > 1 || !first { out.writeLine((first ? "" : "\n") + "==> \(document.id) <==") }
                for line in lines where line.kind != .blank {
                    out.writeLine((line.kind.isContent ? "  " : "- ") + "[\(line.kind.rawValue)] " + line.text)
                }
            case .text:
                if input.inputs.count > 1 || !first { out.writeLine((first ? "" : "\n") + "==> \(document.id) <==") }
                out.write(article.text + "\n")
            case .json, .jsonl:
                let value = Output(id: document.id, title: article.title, paragraphs: article.paragraphs,
                                   sentences: splitter.sentences(of: article))
                out.writeLine(format == .json ? JSONOutput.pretty(value) : JSONOutput.line(value))
            }
            first = false
        }
        out.flush()
        if counts.failed > 0 { throw ExitCode(1) }
    }
}
