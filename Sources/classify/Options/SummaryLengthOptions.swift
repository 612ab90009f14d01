import Foundation
import ArgumentParser
import NLP

/// How long summaries are; shared by `summarize` and `evaluate-summaries`.
struct SummaryLengthOptions: ParsableArguments {
    @Option(help: "At most N sentences per summary.")
    var sentences: Int?

    @Option(help: "This fraction of each article's sentences (at least one).")
    var ratio: Double?

    @Option(help: "At most W syllables per summary, never exceeded.")
    var words: Int?

    func validate() throws {
        if [sentences != nil, ratio != nil, words != nil].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --sentences, --ratio and --words.")
        }
        if let sentences, sentences < 1 { throw ValidationError("--sentences must be at least 1.") }
        if let ratio, !(ratio > 0 && ratio <= 1) { throw ValidationError("--ratio must be in (0, 1].") }
        if let words, words < 1 { throw ValidationError("--words must be at least 1.") }
    }

    /// The length asked for, or `nil` for the model's default.
    var length: SummaryLength? {
        if let sentences { return .sentences(sentences) }
        if let ratio { return .ratio(ratio) }
        if let words { return .words(words) }
        return nil
    }
}

/// The summarizer model a command uses: `--model FILE`, else models/summarizer.model.
struct SummarizerLocation: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp("The summarizer model (default: models/summarizer.model).", valueName: "file"))
    var path: String?

    func resolved() -> String { path ?? ModelLocation.findDefault("models/summarizer.model") }

    func load() throws -> Summarizer {
        do {
            return try Summarizer(contentsOf: URL(fileURLWithPath: resolved()))
        } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
    }
}
