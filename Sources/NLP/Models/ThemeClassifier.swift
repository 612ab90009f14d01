import Foundation

/// A trained theme classifier at inference: the vectorizer, the linear model, the
/// labels and their thresholds.
///
/// Prediction reads an ``Article`` (cleaned), vectorizes title and paragraphs, scores
/// every label, and chooses labels: the most probable one for single-label models;
/// every label at or above its threshold for multi-label models (none if none is).
public struct ThemeClassifier: Sendable {
    public var metadata: ClassifierMetadata
    public let vectorizer: TfidfVectorizer
    public let model: LinearModel

    public init(metadata: ClassifierMetadata, vectorizer: TfidfVectorizer, model: LinearModel) {
        precondition(metadata.labels.count == model.labelCount && vectorizer.featureCount == model.featureCount)
        self.metadata = metadata
        self.vectorizer = vectorizer
        self.model = model
    }

    public var labels: [String] { metadata.labels }

    /// One document's (or paragraph's) result.
    public struct Prediction: Sendable, Equatable {
        /// Chosen labels, most probable first (empty: no theme).
        public var labels: [String]
        /// The most probable chosen label, or `nil` when none is chosen.
        public var primary: String?
        /// Every label's probability, in ``ThemeClassifier/labels`` order.
        public var probabilities: [Float]
    }

    /// How to choose labels from probabilities.
    public struct Decision: Sendable {
        /// Replaces every per-label threshold (multi-label), or sets a floor under the
        /// top label (single-label).
        public var threshold: Float?
        /// Keep at most this many labels.
        public var top: Int?

        public init(threshold: Float? = nil, top: Int? = nil) {
            self.threshold = threshold
            self.top = top
        }
    }

    /// The TF-IDF row the model sees for `article`.
    public func features(of article: Article) -> [(Int32, Float)] {
        vectorizer.transform(article.text)
    }

    /// Predicts the labels of `article`. When several labels are chosen, the primary
    /// one is the label with the most text (``primaryByText(chosen:paragraphProbabilities:paragraphLengths:documentProbabilities:)``),
    /// as the taxonomy defines it. O(text length + features × labels).
    public func predict(_ article: Article, decision: Decision = Decision()) -> Prediction {
        predict(article, features: features(of: article), decision: decision)
    }

    /// Predicts the labels of `article` whose TF-IDF row is `row`.
    public func predict(_ article: Article, features row: [(Int32, Float)], decision: Decision = Decision()) -> Prediction {
        var prediction = predict(features: row, thresholds: metadata.thresholds, decision: decision)
        if metadata.multiLabel && prediction.labels.count > 1 && !article.paragraphs.isEmpty {
            let chosen = prediction.labels.compactMap { labels.firstIndex(of: $0) }
            let paragraphs = article.paragraphs.map { paragraphProbabilities($0) }
            if let primary = ThemeClassifier.primaryByText(chosen: chosen, paragraphProbabilities: paragraphs,
                                                           paragraphLengths: article.paragraphs.map(\.count),
                                                           documentProbabilities: prediction.probabilities) {
                prediction.primary = labels[primary]
                prediction.labels = [labels[primary]] + prediction.labels.filter { $0 != labels[primary] }
            }
        }
        return prediction
    }

    /// The label probabilities of one paragraph.
    public func paragraphProbabilities(_ paragraph: String) -> [Float] {
        model.probabilities(fromMargins: model.margins(vectorizer.transform(paragraph)))
    }

    /// The chosen label with the most text: each paragraph's characters go to the
    /// chosen label it is most probably about; ties go to the higher document
    /// probability. `nil` when nothing is chosen. O(paragraphs × labels).
    public static func primaryByText(chosen: [Int], paragraphProbabilities: [[Float]], paragraphLengths: [Int],
                                     documentProbabilities: [Float]) -> Int? {
        guard !chosen.isEmpty else { return nil }
        var text = [Int: Int]()
        for (probabilities, length) in zip(paragraphProbabilities, paragraphLengths) {
            let best = chosen.max { probabilities[$0] < probabilities[$1] }!
            text[best, default: 0] += length
        }
        return chosen.max { a, b in
            let (ta, tb) = (text[a, default: 0], text[b, default: 0])
            return ta != tb ? ta < tb : documentProbabilities[a] < documentProbabilities[b]
        }
    }

    /// Predicts from a TF-IDF row, with per-label `thresholds`.
    public func predict(features row: [(Int32, Float)], thresholds: [Float], decision: Decision = Decision()) -> Prediction {
        let probabilities = model.probabilities(fromMargins: model.margins(row))
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        var chosen: [Int]
        if metadata.multiLabel {
            chosen = order.filter { probabilities[$0] >= (decision.threshold ?? thresholds[$0]) }
        } else {
            chosen = [order[0]].filter { probabilities[$0] >= (decision.threshold ?? 0) }
        }
        if let top = decision.top { chosen = Array(chosen.prefix(max(0, top))) }
        return Prediction(labels: chosen.map { labels[$0] }, primary: chosen.first.map { labels[$0] },
                          probabilities: probabilities)
    }

    /// Labels for each content paragraph of `article`, with the paragraph thresholds,
    /// so a reader sees where each theme is discussed.
    public func predictParagraphs(_ article: Article, decision: Decision = Decision()) -> [Prediction] {
        article.paragraphs.map { paragraph in
            predict(features: vectorizer.transform(paragraph), thresholds: metadata.paragraphThresholds, decision: decision)
        }
    }

    /// The `count` features that pushed `label` up the most in `row`: feature text and
    /// contribution (weight × TF-IDF value), largest first.
    public func explain(_ row: [(Int32, Float)], label: String, count: Int) -> [(term: String, contribution: Float)] {
        guard let index = labels.firstIndex(of: label) else { return [] }
        let contributions = row.map { (column, value) in (column, model.weight(feature: Int(column), label: index) * value) }
        return contributions.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(count)
            .map { (vectorizer.state.vocabulary.text(Int($0.0)), $0.1) }
    }

    /// The `count` features with the largest weights for `label` (for `inspect`).
    public func topTerms(label: String, count: Int) -> [(term: String, weight: Float)] {
        guard let index = labels.firstIndex(of: label) else { return [] }
        var best: [(Int, Float)] = []
        for feature in 0..<model.featureCount {
            let weight = model.weight(feature: feature, label: index)
            if best.count < count || weight > best[best.count - 1].1 {
                best.append((feature, weight))
                best.sort { $0.1 > $1.1 }
                if best.count > count { best.removeLast() }
            }
        }
        return best.map { (vectorizer.state.vocabulary.text($0.0), $0.1) }
    }
}

extension ThemeClassifier {
    /// Loads a classifier from a model file.
    /// - Throws: ``ModelFileError``, including `incompatibleMetadata` when the file
    ///   is a model file of another kind (a summarizer) or its parts do not fit.
    public init(contentsOf url: URL) throws {
        let file = try ModelFile(contentsOf: url)
        try ModelKindHeader.check(file, expected: "theme-classifier", description: "a theme classifier")
        let metadata = try file.metadata(as: ClassifierMetadata.self)
        guard metadata.featureHash == FeatureKey.scheme else {
            throw ModelFileError.incompatibleMetadata(
                path: file.path, detail: "its features are hashed with \(metadata.featureHash); this tool uses \(FeatureKey.scheme)")
        }
        let labels = metadata.labels.count
        guard labels > 0, metadata.thresholds.count == labels, metadata.paragraphThresholds.count == labels else {
            throw ModelFileError.incompatibleMetadata(path: file.path, detail: "labels and thresholds do not match")
        }
        let vectorizer = try TfidfVectorizer(from: file, configuration: metadata.vectorizer,
                                             documentCount: metadata.vectorizerDocuments)
        guard vectorizer.featureCount == metadata.featureCount else {
            throw ModelFileError.incompatibleMetadata(
                path: file.path, detail: "\(vectorizer.featureCount) features stored, header says \(metadata.featureCount)")
        }
        let model = try LinearModel(from: file, kind: metadata.model, featureCount: metadata.featureCount, labelCount: labels)
        self.init(metadata: metadata, vectorizer: vectorizer, model: model)
    }

    /// Writes the classifier to `url` atomically.
    public func write(to url: URL) throws {
        var builder = try ModelFile.Builder(metadata: metadata)
        vectorizer.addSections(to: &builder)
        model.addSections(to: &builder)
        try builder.write(to: url)
    }
}
