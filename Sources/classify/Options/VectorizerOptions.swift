import ArgumentParser
import NLP

/// How text becomes TF-IDF features; shared by `vectorize` and `train`.
struct VectorizerOptions: ParsableArguments {
    @Option(help: "Syllable n-gram range, N or N-M (1-2 makes words like 'đảng viên' features).")
    var ngrams: String = "1-2"

    @Option(name: .customLong("min-df"), help: "Drop features in fewer documents than this (a count, or a fraction like 0.01).")
    var minDF: String = "2"

    @Option(name: .customLong("max-df"), help: "Drop features in more documents than this (a count, or a fraction like 0.9).")
    var maxDF: String = "1.0"

    @Option(help: "Keep only this many features, the most frequent.")
    var maxFeatures: Int?

    @Option(help: "Canonical tone-mark placement: classic (hòa, thủy) or modern (hoà, thuỷ); both spellings map to it.")
    var toneStyle: ToneMarkStyle = .classic

    @Option(help: "class (every number becomes one <num> token) or keep.")
    var numbers: Tokens.NumberHandling = .class

    @Flag(help: "Drop the team's Vietnamese stop words.")
    var stopWords = false

    @Flag(inversion: .prefixedNo, help: "Use 1 + ln(count) instead of the raw count.")
    var sublinearTF = true

    func validate() throws {
        _ = try configuration()
    }

    func configuration() throws -> TfidfVectorizer.Configuration {
        guard let range = NGramRange(parsing: ngrams) else {
            throw ValidationError("--ngrams takes N or N-M with 1 ≤ N ≤ M ≤ \(Analyzer.maximumNGram), got '\(ngrams)'.")
        }
        guard let min = TfidfVectorizer.DocumentFrequency(parsing: minDF) else {
            throw ValidationError("--min-df takes a count (2) or a fraction (0.01), got '\(minDF)'.")
        }
        guard let max = TfidfVectorizer.DocumentFrequency(parsing: maxDF) else {
            throw ValidationError("--max-df takes a count (500) or a fraction (0.9), got '\(maxDF)'.")
        }
        if let maxFeatures, maxFeatures < 1 { throw ValidationError("--max-features must be at least 1.") }
        return TfidfVectorizer.Configuration(
            tokenizer: TokenizerConfiguration(toneStyle: toneStyle, numbersAsClass: numbers == .class, removeStopWords: stopWords),
            ngrams: range, minDF: min, maxDF: max, maxFeatures: maxFeatures, sublinearTF: sublinearTF)
    }
}
