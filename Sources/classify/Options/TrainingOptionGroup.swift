import Foundation
import ArgumentParser
import NLP
import Train

/// How to train a classifier; shared by `train` and `evaluate --folds`.
struct TrainingOptionGroup: ParsableArguments {
    @OptionGroup var vectorizer: VectorizerOptions

    @Flag(help: "Treat the data as multi-label (detected when a document has no label or several).")
    var multiLabel = false

    @Option(name: .customLong("c"), help: "Inverse regularization strength C (larger fits the training data more closely).")
    var c: Double = 10

    @Option(help: "none, or balanced (weigh rare labels up).")
    var classWeight: ClassWeighting = .none

    @Option(help: "Random seed for the held-out split and the folds.")
    var seed: UInt64 = 1

    @Option(help: "Stop after this many optimizer iterations.")
    var maxIterations: Int = 300

    @Option(help: "Stop when the gradient norm falls to this fraction of its start.")
    var tolerance: Double = 1e-4

    @Option(help: "Multi-label thresholds maximize F-beta on held-out data: below 1 favours precision, above 1 recall.")
    var thresholdBeta: Double = 1

    func validate() throws {
        if c <= 0 { throw ValidationError("--c must be positive.") }
        if maxIterations < 1 { throw ValidationError("--max-iterations must be at least 1.") }
        if tolerance <= 0 { throw ValidationError("--tolerance must be positive.") }
        if thresholdBeta <= 0 { throw ValidationError("--threshold-beta must be positive.") }
    }

    func options(model: TrainingOptions.ModelChoice, evaluation: TrainingOptions.Evaluation, threads: Int) throws -> TrainingOptions {
        TrainingOptions(vectorizer: try vectorizer.configuration(), model: model, multiLabel: multiLabel ? true : nil,
                        c: c, classWeight: classWeight, evaluation: evaluation, seed: seed,
                        maxIterations: maxIterations, tolerance: tolerance, threads: threads, thresholdBeta: thresholdBeta)
    }
}

/// Where labelled data comes from; shared by `train` and `evaluate`.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Labelled data: a folder per label (DIR/<label>/*.txt), JSONL, TSV, fastText lines, or the corpus manifest seeds/labels.jsonl.", valueName: "path"))
    var data: String

    @Option(help: "Data format, when the path does not tell: folders, jsonl, tsv, fasttext, manifest.")
    var format: DatasetFormat?

    @Option(help: "Use only documents of this split (the manifest's \"split\" field, e.g. train or test).")
    var split: String?

    @Option(help: "Worker threads, one per core unless set.")
    var jobs: Int = defaultThreadCount

    /// Reads the data, reporting skipped documents on standard error.
    func read(multiLabel: Bool?) throws -> (Dataset, skipped: Int) {
        do {
            let result = try DatasetReader.read(data, format: format, split: split, multiLabel: multiLabel)
            for problem in result.problems { StandardError.print("classify: error: \(problem) (skipped)") }
            return (result.dataset, result.problems.count)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

extension TrainingOptions.ModelChoice: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}
extension DatasetFormat: ExpressibleByArgument {}

/// The model a command uses: `--model FILE`, else the shipped default.
struct ModelLocation: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp("The theme model (default: models/themes.model).", valueName: "file"))
    var path: String?

    static let defaultRelativePath = "models/themes.model"

    init() {}
    init(path: String?) { self.path = path }

    /// The path to load: the option, else models/themes.model in the working directory
    /// or in the checkout the executable was built in.
    func resolved(default relative: String = ModelLocation.defaultRelativePath) -> String {
        if let path { return path }
        return ModelLocation.findDefault(relative)
    }

    static func findDefault(_ relative: String) -> String {
        if FileManager.default.fileExists(atPath: relative) { return relative }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return relative
    }

    /// Loads the classifier, or stops with a message that says what is wrong with the file.
    func loadClassifier() throws -> ThemeClassifier {
        let path = resolved()
        do {
            return try ThemeClassifier(contentsOf: URL(fileURLWithPath: path))
        } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
    }
}
