import ArgumentParser
import Foundation
import NLP

/// `classify summarize`: extractive summaries of whole corpora.
struct Summarize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Write short extractive summaries of articles, a corpus at a time.",
        discussion: """
        Each summary is made of the article's own most important sentences, in their \
        original order. The default length is the model's (see `classify inspect \
        models/summarizer.model`); --sentences, --ratio or --words set another.

        Results are written in input order as they are produced; memory does not grow \
        with the corpus. With --out, the file is replaced atomically at the end; Ctrl-C \
        stops after the batch in flight and keeps what is done, and --resume continues a \
        run, skipping the ids already in the file.

        Examples:
          classify summarize seeds/004_827a990b354b5f07.txt
          classify summarize --format jsonl --out summaries.jsonl corpus.jsonl
          # after an interruption, continue where it stopped:
          classify summarize --format jsonl --out summaries.jsonl --resume corpus.jsonl
          classify summarize --sentences 3 articles/
        """)

    @OptionGroup var model: SummarizerLocation
    @OptionGroup var input: InputOptions
    @OptionGroup var length: SummaryLengthOptions

    @Option(help: "text, json (one pretty object per article) or jsonl (one line per article).")
    var format: DocumentFormat = .text

    @Option(help: ArgumentHelp("Write the results to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Append to --out, skipping the ids it already holds (JSONL only).")
    var resume = false

    func validate() throws {
        if resume && (out == nil || format != .jsonl) { throw ValidationError("--resume needs --out FILE and --format jsonl.") }
    }

    func run() throws {
        let summarizer = try model.load()
        let requested = length.length
        let cleaner = ArticleCleaner()
        let done = resume ? ResultFile.completedIDs(in: out!) : []
        let file: ResultFile? = try out.map { resume ? try ResultFile(appendingTo: $0) : try ResultFile(replacing: $0) }
        let stdout = OutputWriter()
        var pending: [UInt8] = []
        func write(_ bytes: [UInt8]) { if file == nil { stdout.write(bytes) } else { pending += bytes } }

        let interrupt = InterruptFlag()
        let progress = ProgressLine(unit: "docs", estimatingTotal: {
            InputReader.estimatedCount(input.inputs).map { max(0, $0 - done.count) }
        })
        var reader = input.reader()
        var skipped = 0
        var warnings = 0
        let start = Date()
        let counts = try DocumentPipeline(jobs: input.jobs).run(&reader, progress: progress, skip: { item in
            guard !done.isEmpty else { return false }
            let isDone = done.contains(Summarize.id(of: item))
            if isDone { skipped += 1 }
            return isDone
        }, stop: { interrupt.isRaised }) { document -> (Summary, [UInt8]) in
            // Workers summarize and format; the main thread only writes, in order.
            let summary = summarizer.summarize(cleaner.clean(document.text), length: requested)
            return (summary, Summarize.format(summary, id: document.id, as: format))
        } emit: { document, result in
            if let warning = result.0.warning {
                progress.finish()
                StandardError.warn("\(document.id): \(warning)")
                warnings += 1
            }
            write(result.1)
        } batchDone: {
            // One write per batch: an interruption between batches loses nothing written.
            try file?.write(pending)
            pending.removeAll(keepingCapacity: true)
            stdout.flush()
        }
        stdout.flush()
        try file?.finish()
        var summary = ProgressLine.closingLine("summarized", documents: counts.done, seconds: Date().timeIntervalSince(start))
        if counts.failed > 0 { summary += ", \(counts.failed) failed" }
        if warnings > 0 { summary += ", \(warnings) with nothing to summarize" }
        if skipped > 0 { summary += ", \(skipped) already in \(out!) (resumed)" }
        if let out { summary += "; results in \(out)" }
        StandardError.print(summary)
        if counts.interrupted {
            StandardError.print("classify: interrupted; \(out.map { "\($0) holds the finished documents; rerun with --resume to continue" } ?? "stopped")")
            throw ExitCode(130)
        }
        if counts.failed > 0 { throw ExitCode(1) }
    }

    /// One result as the output format wants it, newline included, in UTF-8.
    static func format(_ summary: Summary, id: String, as format: DocumentFormat) -> [UInt8] {
        switch format {
        case .text:
            return Array(("==> \(id) <==\n" + summary.sentences.map { $0.text + "\n" }.joined() + "\n").utf8)
        case .json:
            return Array((JSONOutput.pretty(PrettySummary(id: id, summary: summary.text, sentences: summary.sentences)) + "\n").utf8)
        case .jsonl:
            // Built by hand as bytes, not by JSONEncoder: this runs once per article of
            // a corpus.
            var line = JSONLine(capacity: 96 + id.utf8.count + 2 * summary.sentences.reduce(0) { $0 + $1.text.utf8.count }
                                + 48 * summary.sentences.count)
            line.raw("{\"id\":")
            line.string(id)
            line.raw(",\"summary\":")
            line.string(summary.text)
            line.raw(",\"sentences\":[")
            for (position, sentence) in summary.sentences.enumerated() {
                line.raw(position == 0 ? "{\"index\":" : ",{\"index\":")
                line.number(sentence.index)
                line.raw(",\"score\":")
                line.number(sentence.score)
                line.raw(",\"text\":")
                line.string(sentence.text)
                line.raw("}")
            }
            line.raw("]}\n")
            return line.bytes
        }
    }

    /// `--format json`'s object: the fields of a JSONL line, laid out for reading.
    struct PrettySummary: Encodable {
        let id: String
        let summary: String
        let sentences: [ScoredSentence]
    }

    /// The id a result line gets: the JSONL `id` field, else `path:line`, else the path.
    static func id(of item: InputItem) -> String {
        if case .jsonLine(_, _, let bytes) = item,
           let id = bytes.withUnsafeBytes({ JSONLineFields.strings(in: $0.bindMemory(to: UInt8.self), keys: ["id"]) })?["id"] {
            return id
        }
        return item.source
    }
}
