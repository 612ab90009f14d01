import ArgumentParser
import Foundation
import NLP
import Train

/// `classify train-summarizer`: learn sentence-scoring weights from reference summaries.
struct TrainSummarizer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-summarizer",
        abstract: "Learn a summarizer from articles paired with reference summaries.",
        discussion: """
        Reads JSON lines {"id", "title", "body", "abstract"} and sorts them by id. The first \
        --train-count pairs (default 90%) train the model: each sentence is labelled by a \
        greedy ROUGE oracle against the abstract, and a logistic regression learns the \
        weights of the sentence scores (position, length, LexRank centrality, title and \
        article similarity…). The remaining pairs choose the default length and redundancy \
        threshold by mean ROUGE F1. Writes a summarizer model file atomically.

        Examples:
          classify train-summarizer --data vietnews-val.jsonl --train-count 18000 --out models/summarizer.model
          classify train-summarizer --data my-pairs.jsonl --out my-summarizer.model
        """)

    @Option(help: ArgumentHelp("Pairs of articles and reference summaries, JSON lines {\"id\", \"title\", \"body\", \"abstract\"}.", valueName: "pairs.jsonl"))
    var data: String

    @Option(help: ArgumentHelp("Where to write the model file.", valueName: "file"))
    var out: String

    @Option(help: "Train on the first N pairs by id and tune on the rest (default: 90%).")
    var trainCount: Int?

    @Option(name: .customLong("c"), help: "Inverse regularization strength of the logistic regression.")
    var c: Double = 1

    @Option(help: "Worker threads, one per core unless set.")
    var jobs: Int = defaultThreadCount

    func run() throws {
        let (pairs, problems): ([SummaryPair], [DatasetError])
        do { (pairs, problems) = try SummaryPair.read(data) } catch { throw CommandFailure(error.description) }
        for problem in problems { StandardError.print("classify: error: \(problem) (skipped)") }
        guard pairs.count >= 2 else { throw CommandFailure("\(data): need at least 2 pairs, found \(pairs.count)") }
        if let trainCount, trainCount < 1 || trainCount > pairs.count {
            throw CommandFailure("--train-count must be between 1 and \(pairs.count) (the pairs in \(data))")
        }
        let display = ProgressLine(unit: "steps")
        let options = SummarizerTrainingOptions(trainCount: trainCount, c: c, threads: jobs)
        let (summarizer, tuning) = SummarizerTrainer.train(pairs, source: data, options: options) { step in
            display.update(step.done, detail: "\(step.stage) (\(step.done)/\(step.total))")
        }
        display.finish()
        if !tuning.isEmpty {
            print("Tuning pairs: mean ROUGE F1 (%) by default length and redundancy threshold")
            print("length                     redundancy   R-1     R-2     R-L   syllables")
            for result in tuning.sorted(by: { $0.meanF1 > $1.meanF1 }).prefix(12) {
                print(String(format: "%@ %10.2f %7.2f %7.2f %7.2f %9.1f",
                             "\(result.length)".padding(toLength: 26, withPad: " ", startingAt: 0), result.redundancyThreshold,
                             100 * result.scores.rouge1.f1, 100 * result.scores.rouge2.f1, 100 * result.scores.rougeL.f1, result.meanSyllables))
            }
            print("chosen default: \(summarizer.metadata.defaultLength), redundancy \(summarizer.metadata.redundancyThreshold)")
        }
        print("weights: " + zip(SentenceFeatures.names, summarizer.weights).map { String(format: "%@ %.3f", $0, $1) }.joined(separator: ", ")
              + String(format: ", bias %.3f", summarizer.bias))
        do { try summarizer.write(to: URL(fileURLWithPath: out)) } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
        StandardError.print("classify: wrote \(out) (\(summarizer.metadata.training["training-pairs"] ?? "?") training pairs, "
                            + "\(summarizer.metadata.training["tuning-pairs"] ?? "?") tuning pairs, \(summarizer.metadata.training["seconds"] ?? "?") s)")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
