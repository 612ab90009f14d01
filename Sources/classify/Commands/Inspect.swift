import ArgumentParser
import Foundation
import NLP

/// `classify inspect`: what is in a model file.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a model file's header and the top terms of each label.",
        discussion: """
        Labels, feature count, training configuration, data fingerprint, held-out metrics, \
        creation time, tool version; then the terms with the largest weights per label. \
        For a summarizer model: its sentence features and their weights, default length, \
        background vocabulary, training data and tuning-set ROUGE.

        Examples:
          classify inspect models/themes.model
          classify inspect models/summarizer.model
          classify inspect --terms 30 my.model
          # the JSON header as stored:
          classify inspect --format json models/themes.model
        """)

    @Argument(help: ArgumentHelp("The model file.", valueName: "file"))
    var file: String

    @Option(help: "Top terms to list per label.")
    var terms: Int = 15

    @Option(help: "text, or json (the stored JSON header).")
    var format: ReportFormat = .text

    func run() throws {
        let modelFile: ModelFile
        do { modelFile = try ModelFile(contentsOf: URL(fileURLWithPath: file)) } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
        if format == .json {
            print(String(decoding: try modelFile.metadataJSON, as: UTF8.self))
            return
        }
        do {
            if try modelFile.kind() == "summarizer" {
                print(describe(try Summarizer(contentsOf: URL(fileURLWithPath: file)), byteCount: modelFile.byteCount))
                return
            }
        } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
        let classifier: ThemeClassifier
        do { classifier = try ThemeClassifier(contentsOf: URL(fileURLWithPath: file)) } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
        let meta = classifier.metadata
        let training = meta.training
        var lines = [
            "file          \(file) (\(ByteCountFormatter.string(fromByteCount: Int64(modelFile.byteCount), countStyle: .file)))",
            "kind          \(meta.kind), \(meta.model.rawValue), \(meta.multiLabel ? "multi-label" : "single-label")",
            "labels        " + zip(meta.labels, meta.thresholds).map { meta.multiLabel ? String(format: "%@ (threshold %.3f)", $0, $1) : $0 }.joined(separator: ", "),
            "features      \(meta.featureCount) (\(meta.vectorizer.ngrams)-grams, min-df \(meta.vectorizer.minDF), tone style \(meta.vectorizer.tokenizer.toneStyle.rawValue), numbers \(meta.vectorizer.tokenizer.numbersAsClass ? "as <num>" : "kept"))",
            "trained on    \(training.data): \(training.documents) documents, fingerprint \(training.dataFingerprint)",
            "options       " + training.options.keys.sorted().map { "\($0)=\(training.options[$0]!)" }.joined(separator: " "),
            "fit           \(training.iterations) iterations\(training.converged ? "" : " (not converged)"), \(String(format: "%.1f", training.seconds)) s in all",
            "evaluation    \(training.evaluation)",
        ]
        if !training.metrics.isEmpty {
            lines.append("metrics       " + training.metrics.keys.sorted().map { String(format: "%@ %.4f", $0, training.metrics[$0]!) }.joined(separator: ", "))
            for label in meta.labels {
                guard let scores = training.perLabel[label] else { continue }
                lines.append(String(format: "              %@: precision %.3f, recall %.3f, f1 %.3f, support %.0f", label,
                                    scores["precision"] ?? 0, scores["recall"] ?? 0, scores["f1"] ?? 0, scores["support"] ?? 0))
            }
        }
        lines.append("created       \(meta.createdAt) by classify \(meta.toolVersion)")
        for label in meta.labels {
            lines.append("")
            lines.append("top terms of \(label):")
            lines.append("  " + classifier.topTerms(label: label, count: terms).map { String(format: "%@ %.2f", $0.term, $0.weight) }.joined(separator: ", "))
        }
        print(lines.joined(separator: "\n"))
    }

    /// The text report of a summarizer model: its header, then each feature's weight.
    private func describe(_ summarizer: Summarizer, byteCount: Int) -> String {
        let meta = summarizer.metadata
        let tokenizer = meta.vectorizer.tokenizer
        var lines = [
            "file          \(file) (\(ByteCountFormatter.string(fromByteCount: Int64(byteCount), countStyle: .file)))",
            "kind          \(meta.kind), logistic regression over \(meta.featureNames.count) sentence features",
            "length        \(meta.defaultLength) by default; sentences under \(meta.minimumSyllables) syllables never chosen",
            "redundancy    a sentence with cosine above \(meta.redundancyThreshold) to a chosen one is skipped",
            "background    idf of \(summarizer.vectorizer.state.vocabulary.count) terms from \(meta.vectorizerDocuments) documents (\(meta.vectorizer.ngrams)-grams, tone style \(tokenizer.toneStyle.rawValue))",
            "training      " + meta.training.keys.sorted().map { "\($0)=\(meta.training[$0]!)" }.joined(separator: " "),
        ]
        if !meta.metrics.isEmpty {
            lines.append("metrics       " + meta.metrics.keys.sorted().map { String(format: "%@ %.4f", $0, meta.metrics[$0]!) }.joined(separator: ", "))
        }
        lines.append("created       \(meta.createdAt) by classify \(meta.toolVersion)")
        lines.append("")
        lines.append("feature weights (intercept \(String(format: "%.3f", summarizer.bias))):")
        let width = meta.featureNames.map(\.count).max() ?? 0
        for (name, weight) in zip(meta.featureNames, summarizer.weights) {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: " %+.3f", weight))
        }
        return lines.joined(separator: "\n")
    }
}
