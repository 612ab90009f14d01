import Foundation

/// What a summarizer model file says about itself in its JSON header.
public struct SummarizerMetadata: Codable, Sendable, Equatable {
    /// Always `"summarizer"`.
    public var kind: String
    public var toolVersion: String
    public var createdAt: String
    /// The names of ``SentenceFeatures``, in weight order.
    public var featureNames: [String]
    /// The length used when the user gives none.
    public var defaultLength: SummaryLength
    /// A sentence more similar than this (cosine) to one already chosen is skipped.
    public var redundancyThreshold: Float
    /// Sentences shorter than this (syllables) are never chosen, unless the article has one sentence.
    public var minimumSyllables: Int
    /// The background vectorizer that gives idf (and its corpus size).
    public var vectorizer: TfidfVectorizer.Configuration
    public var vectorizerDocuments: Int
    public var featureHash: String
    /// Training data, options and tuning-set ROUGE, as strings and numbers.
    public var training: [String: String]
    public var metrics: [String: Double]

    public init(featureNames: [String], defaultLength: SummaryLength, redundancyThreshold: Float, minimumSyllables: Int,
                vectorizer: TfidfVectorizer.Configuration, vectorizerDocuments: Int, training: [String: String],
                metrics: [String: Double], createdAt: String) {
        kind = "summarizer"
        toolVersion = ToolVersion.current
        self.createdAt = createdAt
        self.featureNames = featureNames
        self.defaultLength = defaultLength
        self.redundancyThreshold = redundancyThreshold
        self.minimumSyllables = minimumSyllables
        self.vectorizer = vectorizer
        self.vectorizerDocuments = vectorizerDocuments
        self.featureHash = FeatureKey.scheme
        self.training = training
        self.metrics = metrics
    }
}

/// The candidate sentences of one article and their feature vectors.
public struct SummaryCandidates: Sendable {
    /// Candidate sentences in article order (over-long sentences cut into pieces).
    public var texts: [String]
    /// Syllables of each candidate (the tokenizer's tokens).
    public var syllables: [Int]
    /// candidates × ``SentenceFeatures/count``, row-major.
    public var features: [Float]
    /// Headings (a whole paragraph without a sentence-ending mark and under 15
    /// syllables, or in capitals): never chosen.
    public var isHeading: [Bool]
    /// Cosine similarity of two candidates.
    let matrix: SentenceMatrix

    public var count: Int { texts.count }

    /// The cosine similarity of candidates `a` and `b`.
    public func similarity(_ a: Int, _ b: Int) -> Float { matrix.similarity(a, b) }
}

/// One sentence of a summary.
public struct ScoredSentence: Sendable, Equatable, Codable {
    /// Its position among the article's candidate sentences (0-based).
    public var index: Int
    /// The model's probability that it belongs in a summary.
    public var score: Float
    public var text: String
}

/// An extractive summary: the chosen sentences, in article order.
public struct Summary: Sendable, Equatable {
    public var sentences: [ScoredSentence]
    /// Set when the article had nothing to summarize.
    public var warning: String?

    /// The chosen sentences joined by spaces.
    public var text: String { sentences.map(\.text).joined(separator: " ") }
}

/// Extractive summarizer: scores each sentence with a logistic model over
/// ``SentenceFeatures`` and picks the best ones by maximal marginal relevance within a
/// length budget.
///
/// Never chosen: sentences under ``SummarizerMetadata/minimumSyllables`` and headings
/// (see ``SummaryCandidates/isHeading``); web furniture (captions, bylines, forms) is
/// gone before, in ``ArticleCleaner``. A one-sentence article returns that sentence.
public struct Summarizer: Sendable {
    public var metadata: SummarizerMetadata
    public let vectorizer: TfidfVectorizer
    /// One weight per feature, and the intercept.
    public let weights: [Float]
    public let bias: Float

    public init(metadata: SummarizerMetadata, vectorizer: TfidfVectorizer, weights: [Float], bias: Float) {
        precondition(weights.count == SentenceFeatures.count)
        self.metadata = metadata
        self.vectorizer = vectorizer
        self.weights = weights
        self.bias = bias
    }

    /// The candidate sentences of `article` with their features (what training and
    /// scoring see).
    public static func candidates(of article: Article, vectorizer: TfidfVectorizer) -> SummaryCandidates {
        let units = SummaryUnit.units(of: article)
        let (features, matrix) = SentenceFeatures.compute(units, title: article.title, vectorizer: vectorizer)
        let headings = units.indices.map { index -> Bool in
            let unit = units[index]
            let wholeParagraph = unit.startsParagraph && (index + 1 == units.count || units[index + 1].startsParagraph)
            return Summarizer.isCapitals(unit.text)
                || (wholeParagraph && matrix.tokenCounts[index] < 15 && !Summarizer.endsSentence(unit.text))
        }
        return SummaryCandidates(texts: units.map(\.text), syllables: matrix.tokenCounts, features: features,
                                 isHeading: headings, matrix: matrix)
    }

    /// Whether `text` ends with a sentence-ending mark or a closing quote or bracket
    /// (. ! ? … " ” ’ )), checked on the last UTF-8 bytes.
    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return ".!?\")".unicodeScalars.contains(last) || last == "…" || last == "”" || last == "’"
    }

    /// Whether every letter of `text` (at least three) is a capital, by the tokenizer's
    /// scalar table: a heading or a series title.
    static func isCapitals(_ text: String) -> Bool {
        // Almost every sentence has a lowercase ASCII letter within its first few bytes,
        // and that letter alone decides: found on the bytes, before any scalar decoding.
        var copy = text
        let hasLowercaseASCII = copy.withUTF8 { bytes in bytes.contains { $0 &- 0x61 < 26 } }
        if hasLowercaseASCII { return false }
        let table = ScalarTable.shared
        var letters = 0
        for scalar in text.unicodeScalars where table.kind(scalar.value) == .letter {
            if table.lowercase(scalar.value) == scalar.value { return false }
            letters += 1
        }
        return letters >= 3
    }

    /// The model's score of each candidate: sigmoid(w · features + b).
    public func scores(_ candidates: SummaryCandidates) -> [Float] {
        let k = SentenceFeatures.count
        return (0..<candidates.count).map { i in
            var margin = bias
            for f in 0..<k { margin += weights[f] * candidates.features[i * k + f] }
            return LinearModel.sigmoid(margin)
        }
    }

    /// Summarizes `article` within `length` (the model's default when `nil`).
    /// - Complexity: O(S² × T) for S sentences and T distinct terms (O(S × T) above
    ///   ``LexRank/denseLimit`` sentences).
    public func summarize(_ article: Article, length: SummaryLength? = nil) -> Summary {
        let candidates = Summarizer.candidates(of: article, vectorizer: vectorizer)
        guard candidates.count > 0 else {
            return Summary(sentences: [], warning: "no sentences to summarize")
        }
        let chosen = select(candidates, scores: scores(candidates), length: length ?? metadata.defaultLength)
        return Summary(sentences: chosen, warning: nil)
    }

    /// Chooses sentences by score, skipping ones too similar to a chosen one (maximal
    /// marginal relevance) or too short, within `length`; returns them in article order.
    public func select(_ candidates: SummaryCandidates, scores: [Float], length: SummaryLength) -> [ScoredSentence] {
        let n = candidates.count
        if n == 1 {
            return [ScoredSentence(index: 0, score: scores[0], text: candidates.texts[0])]
        }
        let limit: Int
        var syllableBudget = Int.max
        switch length {
        case .sentences(let count): limit = max(1, count)
        case .ratio(let ratio): limit = max(1, Int((ratio * Double(n)).rounded()))
        case .words(let words): limit = n; syllableBudget = words
        }
        var chosen: [Int] = []
        chosen.reserveCapacity(min(n, limit))
        var used = 0
        for index in (0..<n).sorted(by: { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }) {
            if chosen.count >= limit { break }
            let syllables = candidates.syllables[index]
            if syllables < metadata.minimumSyllables || candidates.isHeading[index] { continue }
            if used + syllables > syllableBudget { continue }
            if chosen.contains(where: { candidates.similarity($0, index) > metadata.redundancyThreshold }) { continue }
            chosen.append(index)
            used += syllables
        }
        return chosen.sorted().map { ScoredSentence(index: $0, score: scores[$0], text: candidates.texts[$0]) }
    }
}

extension Summarizer {
    /// Loads a summarizer from a model file.
    /// - Throws: ``ModelFileError``, `incompatibleMetadata` for another kind of model
    ///   or features this code does not compute.
    public init(contentsOf url: URL) throws {
        let file = try ModelFile(contentsOf: url)
        try ModelKindHeader.check(file, expected: "summarizer", description: "a summarizer")
        let metadata = try file.metadata(as: SummarizerMetadata.self)
        guard metadata.featureNames == SentenceFeatures.names, metadata.featureHash == FeatureKey.scheme else {
            throw ModelFileError.incompatibleMetadata(path: file.path, detail: "its sentence features are not the ones this tool computes; retrain it")
        }
        let vectorizer = try TfidfVectorizer(from: file, configuration: metadata.vectorizer,
                                             documentCount: metadata.vectorizerDocuments, prefix: "background.")
        let weights = try file.floats("weights")
        let bias = try file.floats("bias")
        guard weights.count == SentenceFeatures.count, bias.count == 1 else {
            throw ModelFileError.incompatibleMetadata(path: file.path, detail: "\(weights.count) weights for \(SentenceFeatures.count) features")
        }
        self.init(metadata: metadata, vectorizer: vectorizer, weights: Array(weights), bias: bias[0])
    }

    /// Writes the summarizer to `url` atomically. The background vocabulary is stored
    /// as feature keys and idf only, without the features' text.
    public func write(to url: URL) throws {
        var builder = try ModelFile.Builder(metadata: metadata)
        vectorizer.withoutFeatureTexts().addSections(to: &builder, prefix: "background.")
        builder.add(name: "weights", floats: ContiguousArray(weights))
        builder.add(name: "bias", floats: [bias])
        try builder.write(to: url)
    }
}

extension TfidfVectorizer {
    /// The same vectorizer with its features' texts dropped (keys and idf kept): enough
    /// to vectorize, not to explain.
    public func withoutFeatureTexts() -> TfidfVectorizer {
        let vocabulary = state.vocabulary
        let stripped = Vocabulary(keys: vocabulary.keys, textBytes: [],
                                  textOffsets: ContiguousArray(repeating: 0, count: vocabulary.count + 1))
        return TfidfVectorizer(configuration: configuration,
                               state: State(vocabulary: stripped, idf: state.idf, documentCount: state.documentCount))
    }
}
