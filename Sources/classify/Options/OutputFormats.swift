import ArgumentParser

// Each command takes only the formats it can print, so that `--help` lists exactly
// those and the parser refuses the others with the valid values.

/// How `predict` prints its results: one block, object, line or row per document.
enum PredictionFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, csv
}

/// How `clean` and `summarize` print each article: text, a pretty JSON object, or one
/// JSON line.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}

/// How `inspect` prints a model's description.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
