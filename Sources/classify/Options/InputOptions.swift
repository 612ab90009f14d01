import ArgumentParser
import NLP

/// The documents a command reads, shared by every command that reads articles.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Files, directories (their .txt and .jsonl files, recursively), JSONL files (one {\"text\"} or {\"title\", \"body\"} object per line, optional \"id\"), or - for standard input.",
        valueName: "input"))
    var inputs: [String] = []

    @Option(name: .long, help: "Worker threads, one per core unless set.")
    var jobs: Int = defaultThreadCount

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one input file, directory, or - for standard input.") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func reader() -> InputReader { InputReader(inputs: inputs) }
}
