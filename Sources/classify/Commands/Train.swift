import ArgumentParser
import Foundation
import NLP
import Train

/// `classify train`: fit a classifier and write it as a model file.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a classifier on labelled articles and write the model file.",
        discussion: """
        Prints the held-out report (per-label precision, recall, F1, support; accuracy; \
        macro-F1; confusion matrix), then fits the final model on all the data and writes \
        it atomically. Held-out evaluation defaults to 5-fold cross-validation below 5,000 \
        documents and a 10% validation split above; multi-label thresholds are tuned on it.

        Examples:
          classify train --data seeds/labels.jsonl --split train --out models/themes.model
          # a folder per label, my-articles/<label>/*.txt:
          classify train --data my-articles/ --out my.model
          classify train --data topics.jsonl --model svm --validation 0.1 --out topics.model
          classify train --data labelled.tsv --folds 10 --class-weight balanced --out t.model
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var training: TrainingOptionGroup

    @Option(help: "logistic (softmax, or one-vs-rest when multi-label) or svm (linear SVM, squared hinge).")
    var model: TrainingOptions.ModelChoice = .logistic

    @Option(help: ArgumentHelp("Where to write the model file.", valueName: "file"))
    var out: String

    @Option(help: "Hold out this fraction of the documents (stratified) for the report; 0 for none.")
    var validation: Double?

    @Option(help: "Report K-fold cross-validation instead of a validation split.")
    var folds: Int?

    func validate() throws {
        if validation != nil && folds != nil { throw ValidationError("Give --validation or --folds, not both.") }
        if let validation, !(0..<1).contains(validation) { throw ValidationError("--validation must be in [0, 1).") }
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2.") }
    }

    func run() throws {
        let evaluation: TrainingOptions.Evaluation
        if let folds { evaluation = .folds(folds) }
        else if let validation { evaluation = validation == 0 ? .none : .validation(validation) }
        else { evaluation = .automatic }
        let options = try training.options(model: model, evaluation: evaluation, threads: data.jobs)
        let (dataset, skipped) = try data.read(multiLabel: training.multiLabel ? true : nil)
        StandardError.print("classify: \(dataset.documents.count) documents, \(dataset.labels.count) labels "
                            + "(\(dataset.isMultiLabel ? "multi-label" : "single-label")) from \(data.data)")

        let display = ProgressLine(unit: "iterations")
        let result: TrainingResult
        do {
            result = try Trainer.train(dataset, options: options) { step in
                if let fit = step.fit {
                    display.update(fit.iteration, detail: String(format: "%@ · loss %.5f · %.1f s", step.stage, fit.value, fit.elapsedSeconds))
                } else {
                    display.update(0, detail: step.stage)
                }
            }
        } catch {
            display.finish()
            throw CommandFailure(error.description)
        }
        display.finish()

        if let report = result.report {
            print(report.formatted(title: "Held-out report: \(result.evaluation)"))
            print("")
        }
        do {
            try result.classifier.write(to: URL(fileURLWithPath: out))
        } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        StandardError.print(String(
            format: "classify: wrote %@ (%@, %d features, %d labels) in %.1f s; final fit %d iterations%@",
            out, ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file), result.classifier.vectorizer.featureCount,
            result.classifier.labels.count, result.classifier.metadata.training.seconds, result.fit.iterations,
            result.fit.converged ? "" : " (not converged: raise --max-iterations)")
            + (result.fit.trainingLogLoss.map { String(format: ", mean training log-loss %.6f", $0) } ?? ""))
        if skipped > 0 {
            StandardError.print("classify: \(skipped) document\(skipped == 1 ? "" : "s") skipped (see above)")
            throw ExitCode(1)
        }
    }
}
