import Foundation
import ArgumentParser
import NLP

/// The `classify` command: Vietnamese Party-building news, by theme and in summary.
@main
struct Classify: ParsableCommand {
    /// Runs the command line, mapping a ``CommandFailure`` to exit status 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            StandardError.print("classify: error: \(failure)")
            Foundation.exit(2)
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify Vietnamese news articles by theme and summarize them.",
        discussion: """
        Themes (see docs/taxonomy.md): ideological-education, member-recruitment, cell-quality; \
        an article may have several or none.

        Exit status: 0 success; 1 some inputs failed (each reported on stderr, the rest processed); \
        2 nothing could be done (a bad model or output file); 64 a usage error; 130 \
        interrupted (summarize keeps the finished documents in its --out file).
        """,
        version: ToolVersion.current,
        // Each subcommand names itself (`commandName`): without it, ArgumentParser derives
        // every name from the type with String(describing:) at each start, which cost a
        // sixth of the instructions of a cold `classify predict ARTICLE`.
        subcommands: [
            Predict.self, Summarize.self, Train.self, Evaluate.self, Inspect.self,
            TrainSummarizer.self, EvaluateSummaries.self, Clean.self, Tokens.self, Vectorize.self,
        ]
    )
}
