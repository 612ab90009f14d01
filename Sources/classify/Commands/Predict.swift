import ArgumentParser
import Foundation
import NLP

/// `classify predict`: the themes of articles.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the themes of articles (the main job).",
        discussion: """
        For each input: its id or path, the chosen themes (none, one or several), the \
        primary theme, and every theme's probability. Articles are cleaned first.

        Examples:
          classify predict seeds/000_1f3f0ba758b92919.txt
          # why, and where each theme is:
          classify predict --explain 5 --paragraphs article.txt
          # one JSON object per article:
          classify predict --format jsonl corpus/ > themes.jsonl
          classify predict --format csv --model my.model news.jsonl
          cat article.txt | classify predict -
        """)

    @OptionGroup var model: ModelLocation
    @OptionGroup var input: InputOptions

    @Option(help: "text, json, jsonl (one object per input) or csv.")
    var format: PredictionFormat = .text

    @Option(help: "Keep at most K themes per article.")
    var top: Int?

    @Option(help: "Choose every theme with at least this probability (default: the model's tuned thresholds).")
    var threshold: Float?

    @Option(help: "Show the N terms that pushed each chosen theme most (term, weight × value).")
    var explain: Int?

    @Flag(help: "Also label each content paragraph, to show where each theme is discussed.")
    var paragraphs = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1.") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be a probability in [0, 1].") }
        if let explain, explain < 1 { throw ValidationError("--explain must be at least 1.") }
    }

    struct Result: Encodable {
        struct Paragraph: Encodable {
            var index: Int
            var labels: [String]
            var scores: [String: Float]
            var text: String
        }
        struct Term: Encodable {
            var term: String
            var contribution: Float
        }
        var id: String
        var labels: [String]
        var primary: String?
        /// Every label of the model, in the model's order, and its probability: arrays
        /// rather than a dictionary, which cost a hash of every label for every article.
        var modelLabels: [String]
        var probabilities: [Float]
        var paragraphs: [Paragraph]?
        var explanation: [String: [Term]]?

        enum CodingKeys: String, CodingKey { case id, labels, primary, scores, paragraphs, explanation }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(labels, forKey: .labels)
            try container.encode(primary, forKey: .primary)   // null when no theme
            try container.encode(Dictionary(uniqueKeysWithValues: zip(modelLabels, probabilities)), forKey: .scores)
            try container.encodeIfPresent(paragraphs, forKey: .paragraphs)
            try container.encodeIfPresent(explanation, forKey: .explanation)
        }
    }

    func run() throws {
        let classifier = try model.loadClassifier()
        let decision = ThemeClassifier.Decision(threshold: threshold, top: top)
        let cleaner = ArticleCleaner()
        let out = OutputWriter()
        let labels = classifier.labels
        if format == .csv { out.writeLine((["id", "labels", "primary"] + labels).joined(separator: ",")) }
        var reader = input.reader()
        let progress = ProgressLine(unit: "docs", estimatingTotal: { InputReader.estimatedCount(input.inputs) })
        let start = Date()
        // Each worker formats its own results; the main thread only writes them in order.
        let counts = try DocumentPipeline(jobs: input.jobs).run(&reader, progress: progress) { document -> [UInt8] in
            let article = cleaner.clean(document.text)
            guard !article.isEmpty else { throw InputFailure(source: document.id, problem: "no article text after cleaning") }
            let row = classifier.features(of: article)
            let prediction = classifier.predict(article, features: row, decision: decision)
            var result = Result(id: document.id, labels: prediction.labels, primary: prediction.primary,
                                modelLabels: labels, probabilities: prediction.probabilities)
            if paragraphs {
                result.paragraphs = zip(article.paragraphs.indices, classifier.predictParagraphs(article, decision: decision)).map {
                    Result.Paragraph(index: $0, labels: $1.labels, scores: Dictionary(uniqueKeysWithValues: zip(labels, $1.probabilities)),
                                     text: article.paragraphs[$0])
                }
            }
            if let explain {
                result.explanation = Dictionary(uniqueKeysWithValues: prediction.labels.map { label in
                    (label, classifier.explain(row, label: label, count: explain).map { Result.Term(term: $0.term, contribution: $0.contribution) })
                })
            }
            switch format {
            case .text: return Array(text(result, labels: labels).utf8)
            case .json: return Array((JSONOutput.pretty(result) + "\n").utf8)
            case .jsonl: return jsonLine(result, labels: labels)
            case .csv: return Array((csv(result, labels: labels) + "\n").utf8)
            }
        } emit: { _, line in
            out.write(line)
        }
        out.flush()
        // A batch ends with a count of what was done; a single article needs none.
        if counts.done + counts.failed > 1 {
            var summary = ProgressLine.closingLine("predicted", documents: counts.done, seconds: Date().timeIntervalSince(start))
            if counts.failed > 0 { summary += ", \(counts.failed) failed" }
            StandardError.print(summary)
        }
        if counts.failed > 0 { throw ExitCode(1) }
    }

    private func text(_ result: Result, labels: [String]) -> String {
        var lines = ["\(result.id): " + (result.labels.isEmpty ? "no theme" : result.labels.joined(separator: ", ")
                      + (result.labels.count > 1 ? " (primary: \(result.primary!))" : ""))]
        lines.append("  " + zip(labels, result.probabilities).map { String(format: "%@ %.3f", $0, $1) }.joined(separator: "  "))
        if let explanation = result.explanation {
            for label in result.labels {
                let terms = explanation[label] ?? []
                lines.append("  why \(label): " + terms.map { String(format: "%@ (%.3f)", $0.term, $0.contribution) }.joined(separator: ", "))
            }
        }
        if let paragraphs = result.paragraphs {
            for paragraph in paragraphs {
                let preview = paragraph.text.count > 70 ? String(paragraph.text.prefix(70)) + "…" : paragraph.text
                let themes = paragraph.labels.isEmpty ? "-" : paragraph.labels.joined(separator: ", ")
                lines.append("  ¶\(paragraph.index) [\(themes)] \(preview)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSONL line, keys in the documented order: id, labels, primary, scores
    /// (label order), then paragraphs and explanation when asked for.
    /// The JSONL line of `result`, newline included, in UTF-8.
    private func jsonLine(_ result: Result, labels: [String]) -> [UInt8] {
        func scores(_ values: [String: Float]) -> String {
            JSONText.object(labels.map { ($0, JSONText.number(values[$0] ?? 0)) })
        }
        // Built as bytes: this runs once per article, and building it from member strings
        // joined together cost a third as much as predicting.
        var line = JSONLine(capacity: 96 + 32 * labels.count + result.id.utf8.count)
        line.raw("{\"id\":")
        line.string(result.id)
        line.raw(",\"labels\":[")
        for (index, label) in result.labels.enumerated() {
            if index > 0 { line.raw(",") }
            line.string(label)
        }
        line.raw("],\"primary\":")
        if let primary = result.primary { line.string(primary) } else { line.raw("null") }
        line.raw(",\"scores\":{")
        for (index, label) in labels.enumerated() {
            if index > 0 { line.raw(",") }
            line.string(label)
            line.raw(":")
            line.number(result.probabilities[index])
        }
        line.raw("}")
        if let paragraphs = result.paragraphs {
            line.raw(",\"paragraphs\":[")
            line.json(paragraphs.map { paragraph in
                JSONText.object([("index", JSONText.number(paragraph.index)), ("labels", JSONText.array(paragraph.labels)),
                                 ("scores", scores(paragraph.scores)), ("text", JSONText.string(paragraph.text))])
            }.joined(separator: ","))
            line.raw("]")
        }
        if let explanation = result.explanation {
            line.raw(",\"explanation\":")
            line.json(JSONText.object(result.labels.map { label in
                (label, "[" + (explanation[label] ?? []).map {
                    JSONText.object([("term", JSONText.string($0.term)), ("contribution", JSONText.number($0.contribution))])
                }.joined(separator: ",") + "]")
            }))
        }
        line.raw("}\n")
        return line.bytes
    }

    private func csv(_ result: Result, labels: [String]) -> String {
        func quoted(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return ([quoted(result.id), quoted(result.labels.joined(separator: ";")), result.primary ?? ""]
                + result.probabilities.map { String(format: "%.4f", $0) }).joined(separator: ",")
    }
}
