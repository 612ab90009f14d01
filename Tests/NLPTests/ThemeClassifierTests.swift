import Foundation
import Testing
@testable import NLP

@Suite struct ThemeClassifierTests {
    /// A tiny two-label multi-label classifier with hand-set weights: "chi bộ" → cell,
    /// "kết nạp" → recruit.
    static func smallClassifier(thresholds: [Float] = [0.5, 0.5]) throws -> ThemeClassifier {
        let configuration = TfidfVectorizer.Configuration(ngrams: NGramRange(1, 2))
        let vectorizer = TfidfVectorizer.fit(["chi bộ họp", "kết nạp đảng viên", "thời tiết đẹp"], configuration: configuration)
        var weights = ContiguousArray<Float>(repeating: 0, count: vectorizer.featureCount * 2)
        weights[vectorizer.state.vocabulary.column(ofText: "chi bộ")! * 2] = 8
        weights[vectorizer.state.vocabulary.column(ofText: "kết nạp")! * 2 + 1] = 8
        let model = LinearModel(kind: .oneVsRestLogistic, featureCount: vectorizer.featureCount, labelCount: 2,
                                weights: weights, biases: [-2, -2])
        let record = ClassifierMetadata.TrainingRecord(data: "test", dataFingerprint: "0", documents: 3, options: [:],
                                                       seconds: 0, iterations: 0, converged: true, metrics: [:],
                                                       perLabel: [:], evaluation: "none")
        let metadata = ClassifierMetadata(labels: ["cell", "recruit"], multiLabel: true, thresholds: thresholds,
                                          paragraphThresholds: thresholds, model: .oneVsRestLogistic,
                                          featureCount: vectorizer.featureCount, vectorizer: configuration,
                                          vectorizerDocuments: 3, training: record, createdAt: "2026-01-01T00:00:00Z")
        return ThemeClassifier(metadata: metadata, vectorizer: vectorizer, model: model)
    }

    @Test func choosesEveryLabelAboveItsThreshold() throws {
        let classifier = try Self.smallClassifier()
        #expect(classifier.predict(Article(title: "", paragraphs: ["chi bộ họp"])).labels == ["cell"])
        #expect(classifier.predict(Article(title: "", paragraphs: ["thời tiết đẹp"])).labels.isEmpty)
        #expect(classifier.predict(Article(title: "", paragraphs: ["thời tiết đẹp"])).primary == nil)
        let both = classifier.predict(Article(title: "", paragraphs: ["chi bộ họp", "kết nạp đảng viên"]))
        #expect(Set(both.labels) == ["cell", "recruit"])
        #expect(classifier.predict(Article(title: "", paragraphs: ["chi bộ họp", "kết nạp đảng viên"]),
                                   decision: .init(top: 1)).labels.count == 1)
        #expect(classifier.predict(Article(title: "", paragraphs: ["chi bộ họp"]), decision: .init(threshold: 0.999)).labels.isEmpty)
    }

    @Test func thePrimaryLabelHasTheMostText() {
        // Label 1 is more probable overall, but label 0's paragraphs are longer.
        let primary = ThemeClassifier.primaryByText(chosen: [0, 1], paragraphProbabilities: [[0.9, 0.2], [0.9, 0.3], [0.1, 0.8]],
                                                    paragraphLengths: [300, 300, 200], documentProbabilities: [0.6, 0.9])
        #expect(primary == 0)
        #expect(ThemeClassifier.primaryByText(chosen: [], paragraphProbabilities: [], paragraphLengths: [], documentProbabilities: []) == nil)
    }

    @Test func explainsWithTheTermsThatPushedALabel() throws {
        let classifier = try Self.smallClassifier()
        let row = classifier.features(of: Article(title: "", paragraphs: ["chi bộ họp"]))
        #expect(classifier.explain(row, label: "cell", count: 3).first?.term == "chi bộ")
        #expect(classifier.topTerms(label: "recruit", count: 1).first?.term == "kết nạp")
    }

    @Test func modelFilesRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("classifier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("t.model")
        let original = try Self.smallClassifier(thresholds: [0.3, 0.7])
        try original.write(to: url)
        let loaded = try ThemeClassifier(contentsOf: url)
        #expect(loaded.metadata == original.metadata)
        #expect(loaded.model.weights == original.model.weights)
        #expect(loaded.vectorizer.state.vocabulary.keys == original.vectorizer.state.vocabulary.keys)
        let article = Article(title: "", paragraphs: ["chi bộ họp", "kết nạp đảng viên"])
        #expect(loaded.predict(article) == original.predict(article))
    }
}
