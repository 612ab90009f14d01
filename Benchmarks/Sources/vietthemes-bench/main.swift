import Foundation
import NLP

/// Measures the library's hot paths on a benchmark corpus and prints one JSON line.
/// Data loading (decompression, JSON parsing) is excluded from the timed part, as it
/// is in the scikit-learn anchors.
///
///   vietthemes-bench vectorize FILE.jsonl[.xz] [--field body] [--limit N] [--threads N]
///   vietthemes-bench load-model FILE.model
///   vietthemes-bench summarize|predict FILE.jsonl [--model FILE] [--threads N]   (in-process loop)
///   vietthemes-bench stages|tokenize|analyze|fit|fit-transform|load FILE.jsonl   (profiling)
///   vietthemes-bench predict-stages|lookup-stats FILE.jsonl --model FILE [--field text]   (profiling)
let arguments = Array(CommandLine.arguments.dropFirst())
guard let task = arguments.first, arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: vietthemes-bench vectorize FILE.jsonl[.xz] [--field body] [--limit N] [--threads N]\n".utf8))
    exit(64)
}
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let path = arguments[1]
let field = option("--field") ?? "body"
let limit = option("--limit").flatMap(Int.init) ?? Int.max
let threads = option("--threads").flatMap(Int.init) ?? defaultThreadCount

switch task {
case "vectorize":
    let texts = try CorpusFile.strings(path, field: field, limit: limit)
    let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1e6
    let configuration = TfidfVectorizer.Configuration(ngrams: NGramRange(1, 2), minDF: .count(2), sublinearTF: true)
    let start = Date()
    let (vectorizer, matrix) = TfidfVectorizer.fitTransform(texts, configuration: configuration, threads: threads)
    let seconds = Date().timeIntervalSince(start)
    Report.print([
        "task": "vectorize", "docs": texts.count, "mb": megabytes, "seconds": seconds,
        "mb_per_s": megabytes / seconds, "features": vectorizer.featureCount, "nnz": matrix.nonzeroCount,
        "threads": threads, "peak_rss_mb": Report.peakResidentMegabytes(),
    ])
case "summarize", "predict":
    // In process, timed as the anchors time theirs: the loop that turns each raw
    // document (title and body as read) into its summary or labels, on --threads
    // threads; start-up, reading the file and loading the model are excluded.
    let documents = try CorpusFile.records(path, limit: limit).map { record -> String in
        let text = record["text"] as? String ?? ""
        let title = record["title"] as? String ?? "", body = record["body"] as? String ?? text
        let full = title.isEmpty ? body : title + "\n\n" + body
        return String(decoding: Array(full.utf8), as: UTF8.self)
    }
    let seconds: Double, sink: Int
    if task == "summarize" {
        let summarizer = try Summarizer(contentsOf: URL(fileURLWithPath: option("--model") ?? "models/summarizer.model"))
        (seconds, sink) = InProcessLoop.time(documents, threads: threads) { summarizer.summarize($0).text.utf8.count }
    } else {
        let classifier = try ThemeClassifier(contentsOf: URL(fileURLWithPath: option("--model") ?? "models/themes.model"))
        (seconds, sink) = InProcessLoop.time(documents, threads: threads) { classifier.predict($0).labels.count }
    }
    Report.print(["task": task, "docs": documents.count, "seconds": seconds, "docs_per_s": Double(documents.count) / seconds,
                  "threads": threads, "sink": sink])
case "load", "clean", "tokenize", "analyze", "fit", "fit-transform":
    // One stage alone, for instruction counts under callgrind (subtract "load").
    let texts = try CorpusFile.strings(path, field: field, limit: limit)
    var sink = 0
    let configuration = TfidfVectorizer.Configuration(ngrams: NGramRange(1, 2), minDF: .count(2), sublinearTF: true)
    switch task {
    case "clean":
        let cleaner = ArticleCleaner()
        for text in texts { sink &+= cleaner.clean(TextNormalizer.normalize(text)).paragraphs.count }
    case "tokenize":
        let tokenizer = Tokenizer()
        for text in texts { tokenizer.forEachToken(in: text) { sink &+= Int($0.key & 1) } }
    case "analyze":
        let analyzer = Analyzer()
        for text in texts { analyzer.forEachFeature(in: text) { key, _ in sink &+= Int(key & 1) } }
    case "fit":
        sink = TfidfVectorizer.fit(texts, configuration: configuration, threads: threads).featureCount
    case "fit-transform":
        sink = TfidfVectorizer.fitTransform(texts, configuration: configuration, threads: threads).1.nonzeroCount
    default:
        break
    }
    Report.print(["task": task, "sink": sink])
case "load-model":
    // In-process time to load a theme model file (map, verify, copy the arrays).
    let start = Date()
    let classifier = try ThemeClassifier(contentsOf: URL(fileURLWithPath: path))
    let milliseconds = Date().timeIntervalSince(start) * 1000
    Report.print(["task": "load-model", "milliseconds": milliseconds, "features": classifier.vectorizer.featureCount])
case "predict-stages":
    // One thread, cumulative: clean; + vectorize; + score; for a theme model (--model).
    let texts = try CorpusFile.strings(path, field: field, limit: limit)
    let classifier = try ThemeClassifier(contentsOf: URL(fileURLWithPath: option("--model")!))
    let cleaner = ArticleCleaner()
    var timings: [String: Any] = ["task": "predict-stages", "docs": texts.count]
    var start = Date()
    var sink = 0
    for text in texts { sink &+= cleaner.clean(TextNormalizer.normalize(text)).paragraphs.count }
    timings["clean_us_per_doc"] = Date().timeIntervalSince(start) * 1e6 / Double(texts.count)
    start = Date()
    for text in texts { sink &+= classifier.features(of: cleaner.clean(text)).count }
    timings["clean_vectorize_us_per_doc"] = Date().timeIntervalSince(start) * 1e6 / Double(texts.count)
    start = Date()
    for text in texts { sink &+= classifier.predict(cleaner.clean(text)).labels.count }
    timings["clean_vectorize_score_us_per_doc"] = Date().timeIntervalSince(start) * 1e6 / Double(texts.count)
    timings["sink"] = sink
    Report.print(timings)
case "lookup-stats":
    // One thread, for a theme model (--model): how many n-gram lookups find a feature,
    // and the time of making the keys, of looking them up, and of scoring the rows.
    let texts = try CorpusFile.strings(path, field: field, limit: limit)
    let classifier = try ThemeClassifier(contentsOf: URL(fileURLWithPath: option("--model")!))
    let vectorizer = classifier.vectorizer
    var keyLists: [[UInt64]] = []
    var start = Date()
    for text in texts { var keys: [UInt64] = []; vectorizer.analyzer.appendKeys(of: text, to: &keys); keyLists.append(keys) }
    let keysSeconds = Date().timeIntervalSince(start)
    start = Date()
    var found = 0, total = 0
    for keys in keyLists {
        var entries: [UInt64] = []
        keys.withUnsafeBufferPointer { vectorizer.lookup.appendValues(of: $0, to: &entries) }
        found += entries.count; total += keys.count
    }
    let lookupSeconds = Date().timeIntervalSince(start)
    let rows = texts.map { vectorizer.transform($0) }.map { row in (row.map(\.0), row.map(\.1)) }
    start = Date()
    var sink: Float = 0
    for (columns, values) in rows {
        columns.withUnsafeBufferPointer { c in values.withUnsafeBufferPointer { v in sink += classifier.model.margins(columns: c, values: v)[0] } }
    }
    let marginSeconds = Date().timeIntervalSince(start)
    Report.print(["task": "lookup-stats", "docs": texts.count, "keys": total, "found": found,
                  "keys_us_per_doc": keysSeconds * 1e6 / Double(texts.count),
                  "lookup_ns_per_key": lookupSeconds * 1e9 / Double(max(1, total)),
                  "margins_us_per_doc": marginSeconds * 1e6 / Double(texts.count), "sink": sink])
case "stages":
    // Time each stage of vectorizing on one thread, to see where the time goes.
    let texts = try CorpusFile.strings(path, field: field, limit: limit)
    let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1e6
    var timings: [String: Any] = ["task": "stages", "mb": megabytes]
    var start = Date()
    var tokens = 0
    let tokenizer = Tokenizer()
    for text in texts { tokenizer.forEachToken(in: text) { _ in tokens += 1 } }
    timings["tokenize_mb_s"] = megabytes / Date().timeIntervalSince(start)
    timings["tokens"] = tokens
    start = Date()
    var features = 0
    let analyzer = Analyzer()
    for text in texts { analyzer.forEachFeature(in: text) { _, _ in features += 1 } }
    timings["analyze_mb_s"] = megabytes / Date().timeIntervalSince(start)
    timings["features"] = features
    start = Date()
    let configuration = TfidfVectorizer.Configuration(ngrams: NGramRange(1, 2), minDF: .count(2), sublinearTF: true)
    let fitted = TfidfVectorizer.fit(texts, configuration: configuration, threads: 1)
    timings["fit_1_thread_mb_s"] = megabytes / Date().timeIntervalSince(start)
    start = Date()
    _ = fitted.transform(texts, threads: 1)
    timings["transform_1_thread_mb_s"] = megabytes / Date().timeIntervalSince(start)
    Report.print(timings)
default:
    FileHandle.standardError.write(Data("unknown task \(task)\n".utf8))
    exit(64)
}
