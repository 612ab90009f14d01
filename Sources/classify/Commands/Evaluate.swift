import ArgumentParser
import Foundation
import NLP
import Train

/// `classify evaluate`: how good a model, or a training configuration, is.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model on labelled data, or cross-validate a training configuration.",
        discussion: """
        With a model: the same report as training (per-label precision, recall, F1, \
        support; accuracy; macro-F1; confusion matrix) on the given data; when the data \
        has paragraph labels (the seeds in seeds/labels.jsonl), a paragraph report too. \
        With --folds: K-fold cross-validation of the training options, mean ± std of each metric.

        Examples:
          # the default model:
          classify evaluate --data seeds/labels.jsonl --split test
          classify evaluate --model my.model --data held-out/
          classify evaluate --folds 5 --data seeds/labels.jsonl --split train --c 3
        """)

    @Option(name: .customLong("model"), help: ArgumentHelp(
        "The model file to score (default: models/themes.model); with --folds, the model type to cross-validate: logistic or svm.",
        valueName: "file|type"))
    var modelArgument: String?
    @OptionGroup var data: DataOptions
    @OptionGroup var training: TrainingOptionGroup

    @Option(help: "Cross-validate the training options with K folds instead of scoring a model.")
    var folds: Int?

    func validate() throws {
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2.") }
        if folds != nil, let modelArgument, TrainingOptions.ModelChoice(rawValue: modelArgument) == nil {
            throw ValidationError("With --folds, --model is the model type to cross-validate: logistic or svm.")
        }
    }

    func run() throws {
        if let folds { return try crossValidate(folds: folds) }
        let model = ModelLocation(path: modelArgument)
        let classifier = try model.loadClassifier()
        let (dataset, skipped) = try data.read(multiLabel: classifier.metadata.multiLabel ? true : nil)
        let cleaner = ArticleCleaner()
        let documents = dataset.documents
        let predictions = parallelMap(documents.count) { index in
            let article = cleaner.clean(documents[index].text)
            return (classifier.predict(article), article)
        }
        let report = ClassificationReport(
            labelNames: classifier.labels, truth: documents.map(\.labels), predicted: predictions.map(\.0.labels),
            multiLabel: classifier.metadata.multiLabel, truePrimary: documents.map { $0.primary ?? $0.labels.first },
            predictedPrimary: predictions.map(\.0.primary))
        print(report.formatted(title: "Model \(model.resolved()) on \(data.data)\(data.split.map { " (split \($0))" } ?? "")"))

        // Paragraph labels, where the data has them.
        var truth: [[String]] = [], predicted: [[String]] = []
        for (document, (_, article)) in zip(documents, predictions) {
            guard let labels = document.paragraphLabels, labels.count == article.paragraphs.count else { continue }
            truth += labels
            predicted += classifier.predictParagraphs(article).map(\.labels)
        }
        if !truth.isEmpty {
            let paragraphs = ClassificationReport(labelNames: classifier.labels, truth: truth, predicted: predicted, multiLabel: true)
            print("")
            print(paragraphs.formatted(title: "Paragraphs (predict --paragraphs) of the documents with paragraph labels", unit: "paragraphs"))
        }
        if skipped > 0 { throw ExitCode(1) }
    }

    private func crossValidate(folds: Int) throws {
        let modelType = modelArgument.flatMap(TrainingOptions.ModelChoice.init(rawValue:)) ?? .logistic
        let options = try training.options(model: modelType, evaluation: .folds(folds), threads: data.jobs)
        let (dataset, skipped) = try data.read(multiLabel: training.multiLabel ? true : nil)
        let display = ProgressLine(unit: "folds")
        let reports: [ClassificationReport]
        do {
            reports = try Trainer.crossValidate(dataset, folds: folds, options: options) { display.update(0, detail: $0.stage) }
        } catch {
            display.finish()
            throw CommandFailure(error.description)
        }
        display.finish()
        print("\(folds)-fold cross-validation on \(data.data)\(data.split.map { " (split \($0))" } ?? ""), "
              + "\(dataset.documents.count) documents, seed \(training.seed)")
        print("")
        func line(_ name: String, _ values: [Double]) -> String {
            let mean = values.reduce(0, +) / Double(values.count)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, values.count - 1))).squareRoot()
            return name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%.4f ± %.4f", mean, std)
        }
        for name in reports[0].metrics.keys.sorted() { print(line(name, reports.map { $0.metrics[name] ?? 0 })) }
        for (index, label) in reports[0].labels.enumerated() {
            print(line("f1 \(label.label)", reports.map { $0.labels[index].f1 }))
        }
        if skipped > 0 { throw ExitCode(1) }
    }
}
