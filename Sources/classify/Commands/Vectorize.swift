import ArgumentParser
import Foundation
import NLP

/// `classify vectorize`: fit TF-IDF on a corpus and export what it learned.
struct Vectorize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectorize",
        abstract: "Fit TF-IDF on a corpus; export the vocabulary, the matrix or the features.",
        discussion: """
        Articles are cleaned first (as models see them) unless --raw is given. Without an \
        output option it prints only a summary: documents, features, non-zeros, time.

        Examples:
          # column, feature, df, idf:
          classify vectorize seeds/written --vocabulary vocab.tsv
          # rows in svmlight format:
          classify vectorize corpus.jsonl --min-df 5 --matrix x.svmlight
          # each document's n-grams:
          classify vectorize corpus.jsonl --raw --features features.jsonl
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var vectorizer: VectorizerOptions

    @Flag(help: "Vectorize the text as given, without removing web furniture.")
    var raw = false

    @Option(help: "Write the vocabulary as TSV: column, feature, document frequency, idf.")
    var vocabulary: String?

    @Option(help: "Write the TF-IDF matrix in svmlight format (label 0, 1-based columns).")
    var matrix: String?

    @Option(help: "Write each document's n-grams, in order, as JSONL {\"id\", \"features\"}.")
    var features: String?

    func run() throws {
        let configuration = try vectorizer.configuration()
        var reader = input.reader()
        var ids: [String] = []
        var texts: [String] = []
        let cleaner = ArticleCleaner()
        let counts = try DocumentPipeline(jobs: input.jobs).run(&reader) { document in
            raw ? document.text : cleaner.clean(document.text).text
        } emit: { document, text in
            ids.append(document.id)
            texts.append(text)
        }
        guard !texts.isEmpty else {
            StandardError.print("classify: error: no documents to vectorize")
            throw ExitCode(counts.failed > 0 ? 1 : 2)
        }
        let start = Date()
        let (fitted, rows) = TfidfVectorizer.fitTransform(texts, configuration: configuration, threads: input.jobs)
        let seconds = Date().timeIntervalSince(start)
        let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1e6
        StandardError.print(String(format: "%d documents, %d features, %d non-zeros; %.2f s (%.1f MB/s)",
                                   texts.count, fitted.featureCount, rows.nonzeroCount, seconds, megabytes / seconds))

        if let vocabulary { try writeVocabulary(fitted, rows: rows, to: vocabulary) }
        if let matrix { try writeMatrix(rows, to: matrix) }
        if let features { try writeFeatures(ids: ids, texts: texts, analyzer: fitted.analyzer, to: features) }
        if counts.failed > 0 { throw ExitCode(1) }
    }

    private func writeVocabulary(_ fitted: TfidfVectorizer, rows: SparseMatrix, to path: String) throws {
        var df = [Int](repeating: 0, count: fitted.featureCount)
        for column in rows.columns { df[Int(column)] += 1 }
        var text = "column\tfeature\tdf\tidf\n"
        for column in 0..<fitted.featureCount {
            text += "\(column)\t\(fitted.state.vocabulary.text(column))\t\(df[column])\t\(fitted.state.idf[column])\n"
        }
        try write(text, to: path)
    }

    private func writeMatrix(_ rows: SparseMatrix, to path: String) throws {
        var text = ""
        for row in 0..<rows.rowCount {
            text += "0"
            for (column, value) in rows.row(row) { text += " \(column + 1):\(value)" }
            text += "\n"
        }
        try write(text, to: path)
    }

    private func writeFeatures(ids: [String], texts: [String], analyzer: Analyzer, to path: String) throws {
        struct Line: Encodable { var id: String; var features: [String] }
        var text = ""
        for (id, document) in zip(ids, texts) {
            text += JSONOutput.line(Line(id: id, features: analyzer.features(in: document))) + "\n"
        }
        try write(text, to: path)
    }
}

extension Vectorize {
    private func write(_ text: String, to path: String) throws {
        do { try AtomicFile.write(Data(text.utf8), to: path) } catch { throw CommandFailure(error.description) }
    }
}
