import ArgumentParser
import Foundation
import NLP
import Train

/// `classify evaluate-summaries`: ROUGE of the summarizer against reference summaries.
struct EvaluateSummaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-summaries",
        abstract: "Summarize articles with references and report ROUGE-1, ROUGE-2 and ROUGE-L.",
        discussion: """
        ROUGE F1 (with precision and recall), mean over documents, over Vietnamese \
        syllables: NFC, lower case, runs of letters and digits, as rouge_vi.py scores them.

        Examples:
          # the tuning part:
          classify evaluate-summaries --data vietnews-val.jsonl --from 18000
          classify evaluate-summaries --data pairs.jsonl --sentences 1 --out hyps.jsonl
        """)

    @Option(help: ArgumentHelp("Pairs of articles and reference summaries, JSON lines {\"id\", \"title\", \"body\", \"abstract\"}.", valueName: "pairs.jsonl"))
    var data: String

    @OptionGroup var model: SummarizerLocation
    @OptionGroup var length: SummaryLengthOptions

    @Option(name: .customLong("from"), help: "Skip the first N pairs (by id).")
    var skip: Int = 0

    @Option(help: "Score at most N pairs.")
    var limit: Int?

    @Option(help: "Also write the summaries as JSON lines {\"id\", \"summary\"} (the format rouge_vi.py reads).")
    var out: String?

    @Option(help: "Worker threads, one per core unless set.")
    var jobs: Int = defaultThreadCount

    func run() throws {
        let summarizer = try model.load()
        let (pairs, problems): ([SummaryPair], [DatasetError])
        do { (pairs, problems) = try SummaryPair.read(data) } catch { throw CommandFailure(error.description) }
        for problem in problems { StandardError.print("classify: error: \(problem) (skipped)") }
        let selected = Array(pairs.dropFirst(skip).prefix(limit ?? Int.max))
        guard !selected.isEmpty else { throw CommandFailure("\(data): no pairs to score after --from \(skip)") }
        let requested = length.length
        let start = Date()
        let results = parallelMap(selected.count) { index -> (String, Rouge.Scores) in
            let summary = summarizer.summarize(selected[index].article, length: requested).text
            return (summary, Rouge.score(reference: selected[index].abstract, hypothesis: summary))
        }
        let seconds = Date().timeIntervalSince(start)
        let mean = Rouge.mean(results.map(\.1))
        print("\(selected.count) documents from \(data) (pairs \(skip + 1)–\(skip + selected.count) by id), "
              + "length: \(requested ?? summarizer.metadata.defaultLength)")
        print("metric        P       R      F1")
        for (name, score) in [("ROUGE-1", mean.rouge1), ("ROUGE-2", mean.rouge2), ("ROUGE-L", mean.rougeL)] {
            print(String(format: "%@  %6.2f  %6.2f  %6.2f", name, 100 * score.precision, 100 * score.recall, 100 * score.f1))
        }
        print(String(format: "{\"docs\": %d, \"rouge1_f1\": %.6f, \"rouge2_f1\": %.6f, \"rougeL_f1\": %.6f, \"docs_per_s\": %.1f}",
                     selected.count, mean.rouge1.f1, mean.rouge2.f1, mean.rougeL.f1, Double(selected.count) / seconds))
        if let out {
            struct Line: Encodable { var id: String; var summary: String }
            let text = zip(selected, results).map { JSONOutput.line(Line(id: $0.id, summary: $1.0)) + "\n" }.joined()
            do { try AtomicFile.write(Data(text.utf8), to: out) } catch { throw CommandFailure(error.description) }
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
