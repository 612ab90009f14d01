import Dispatch
import Foundation
import NLP

/// How `classify train-summarizer` trains.
public struct SummarizerTrainingOptions: Sendable {
    /// The first this many pairs (by id) train the sentence model; the rest choose the
    /// default length and redundancy threshold. `nil`: 90% / 10%.
    public var trainCount: Int?
    /// The background vectorizer (idf for sentence similarities).
    public var vectorizer: TfidfVectorizer.Configuration
    /// Inverse regularization strength of the logistic regression.
    public var c: Double
    /// Default lengths tried on the tuning pairs.
    public var lengths: [SummaryLength]
    /// Redundancy thresholds tried on the tuning pairs.
    public var redundancyThresholds: [Float]
    /// Sentences of the oracle summary that label a sentence as positive.
    public var oracleSentences: Int
    /// The default length may make summaries at most this many times as long as the
    /// tuning references on average: short and informative, like the references.
    public var maximumLengthRatio: Double
    public var threads: Int

    public init(trainCount: Int? = nil,
                vectorizer: TfidfVectorizer.Configuration = TfidfVectorizer.Configuration(ngrams: NGramRange(1, 1), minDF: .count(2)),
                c: Double = 1, lengths: [SummaryLength]? = nil, redundancyThresholds: [Float] = [0.5, 0.7, 0.9],
                oracleSentences: Int = 3, maximumLengthRatio: Double = 1.5, threads: Int = defaultThreadCount) {
        self.trainCount = trainCount
        self.vectorizer = vectorizer
        self.c = c
        self.lengths = lengths ?? ([.sentences(1), .sentences(2), .sentences(3)] + stride(from: 20, through: 80, by: 5).map { .words($0) })
        self.redundancyThresholds = redundancyThresholds
        self.oracleSentences = oracleSentences
        self.maximumLengthRatio = maximumLengthRatio
        self.threads = threads
    }
}

/// ROUGE of one setting on the tuning pairs.
public struct SummaryTuningResult: Sendable {
    public var length: SummaryLength
    public var redundancyThreshold: Float
    public var scores: Rouge.Scores
    /// Mean syllables per summary.
    public var meanSyllables: Double

    /// The mean of the three F1 scores: what the default length maximizes.
    public var meanF1: Double { (scores.rouge1.f1 + scores.rouge2.f1 + scores.rougeL.f1) / 3 }
}

/// Trains summarizers from article / reference-summary pairs.
public enum SummarizerTrainer {
    /// A step of training, for a progress display.
    public struct Progress: Sendable {
        public var stage: String
        public var done: Int
        public var total: Int
    }

    /// Trains on `pairs` (sorted by id): labels sentences with the greedy ROUGE oracle,
    /// fits a logistic regression on ``SentenceFeatures``, and picks the default
    /// length and redundancy threshold that maximize mean ROUGE F1 on the tuning pairs
    /// among those whose summaries are at most `maximumLengthRatio` times as long as
    /// the references.
    public static func train(_ pairs: [SummaryPair], source: String, options: SummarizerTrainingOptions,
                             progress: ((Progress) -> Void)? = nil) -> (summarizer: Summarizer, tuning: [SummaryTuningResult]) {
        let start = DispatchTime.now().uptimeNanoseconds
        let trainCount = min(pairs.count, options.trainCount ?? max(1, pairs.count * 9 / 10))
        let training = Array(pairs[..<trainCount]), tuning = Array(pairs[trainCount...])

        progress?(Progress(stage: "cleaning", done: 0, total: pairs.count))
        let trainingArticles = parallelMap(training.count) { training[$0].article }
        progress?(Progress(stage: "background idf", done: 0, total: training.count))
        let vectorizer = TfidfVectorizer.fit(trainingArticles.map(\.text), configuration: options.vectorizer,
                                             threads: options.threads)

        // Features and oracle labels, in parallel blocks.
        let blocks = contiguousChunks(training.count, parts: max(1, options.threads) * 8)
        var rows: [Float] = []
        var labels: [Bool] = []
        for (number, part) in parallelMap(blocks.count, { block -> ([Float], [Bool]) in
            var features: [Float] = [], positives: [Bool] = []
            for index in blocks[block] {
                let candidates = Summarizer.candidates(of: trainingArticles[index], vectorizer: vectorizer)
                guard candidates.count > 0 else { continue }
                let oracle = Set(GreedyOracle.select(sentences: candidates.texts.map(Rouge.tokenize),
                                                     reference: Rouge.tokenize(training[index].abstract),
                                                     limit: options.oracleSentences))
                features += candidates.features
                positives += (0..<candidates.count).map { oracle.contains($0) }
            }
            return (features, positives)
        }).enumerated() {
            rows += part.0
            labels += part.1
            progress?(Progress(stage: "oracle labels", done: number + 1, total: blocks.count))
        }

        let k = SentenceFeatures.count
        var matrix = SparseMatrix(columnCount: k)
        for row in 0..<labels.count {
            matrix.appendRow((0..<k).map { (Int32($0), rows[row * k + $0]) })
        }
        progress?(Progress(stage: "fitting", done: 0, total: 1))
        let fit = fitLinearModel(matrix, targets: .multiLabel(indicators: labels, labelCount: 1),
                                 options: FitOptions(kind: .oneVsRestLogistic, c: options.c, maxIterations: 500,
                                                     tolerance: 1e-6, threads: options.threads))
        let weights = (0..<k).map { fit.model.weight(feature: $0, label: 0) }

        // Choose the default length and redundancy threshold on the tuning pairs.
        let tuningArticles = parallelMap(tuning.count) { tuning[$0].article }
        let base = SummarizerMetadata(
            featureNames: SentenceFeatures.names, defaultLength: .sentences(1), redundancyThreshold: 0.7, minimumSyllables: 5,
            vectorizer: options.vectorizer, vectorizerDocuments: vectorizer.state.documentCount, training: [:], metrics: [:],
            createdAt: ModelTimestamp.now())
        var summarizer = Summarizer(metadata: base, vectorizer: vectorizer, weights: weights, bias: fit.model.biases[0])
        var results: [SummaryTuningResult] = []
        if !tuning.isEmpty {
            progress?(Progress(stage: "tuning the default length", done: 0, total: tuning.count))
            let scored = parallelMap(tuning.count) { index -> (SummaryCandidates, [Float], [String]) in
                let candidates = Summarizer.candidates(of: tuningArticles[index], vectorizer: vectorizer)
                return (candidates, summarizer.scores(candidates), Rouge.tokenize(tuning[index].abstract))
            }
            for threshold in options.redundancyThresholds {
                for length in options.lengths {
                    var trial = summarizer
                    trial.metadata.redundancyThreshold = threshold
                    let outcome = parallelMap(scored.count) { index -> (Rouge.Scores, Int) in
                        let (candidates, scores, reference) = scored[index]
                        let chosen = candidates.count == 0 ? [] : trial.select(candidates, scores: scores, length: length)
                        let text = chosen.map(\.text).joined(separator: " ")
                        return (Rouge.score(referenceTokens: reference, hypothesisTokens: Rouge.tokenize(text)),
                                chosen.reduce(0) { $0 + candidates.syllables[$1.index] })
                    }
                    results.append(SummaryTuningResult(length: length, redundancyThreshold: threshold,
                                                       scores: Rouge.mean(outcome.map(\.0)),
                                                       meanSyllables: Double(outcome.reduce(0) { $0 + $1.1 }) / Double(max(1, outcome.count))))
                }
            }
            // The best mean F1 among settings no longer than the references allow.
            let referenceSyllables = Double(scored.reduce(0) { $0 + $1.2.count }) / Double(max(1, scored.count))
            let shortEnough = results.filter { $0.meanSyllables <= options.maximumLengthRatio * referenceSyllables }
            let best = (shortEnough.isEmpty ? results : shortEnough).max { $0.meanF1 < $1.meanF1 }!
            summarizer.metadata.defaultLength = best.length
            summarizer.metadata.redundancyThreshold = best.redundancyThreshold
            summarizer.metadata.metrics = [
                "tuning-rouge1-f1": best.scores.rouge1.f1, "tuning-rouge2-f1": best.scores.rouge2.f1,
                "tuning-rougeL-f1": best.scores.rougeL.f1, "tuning-mean-syllables": best.meanSyllables,
                "tuning-reference-syllables": referenceSyllables,
            ]
        }
        summarizer.metadata.training = [
            "data": source, "training-pairs": "\(training.count)", "tuning-pairs": "\(tuning.count)",
            "first-training-id": training.first?.id ?? "", "last-training-id": training.last?.id ?? "",
            "sentences": "\(labels.count)", "oracle-positives": "\(labels.filter { $0 }.count)",
            "oracle-sentences": "\(options.oracleSentences)", "c": "\(options.c)", "iterations": "\(fit.iterations)",
            "seconds": String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9),
        ]
        return (summarizer, results)
    }
}
