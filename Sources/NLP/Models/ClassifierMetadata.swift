/// Everything a theme-classifier model file says about itself in its JSON header:
/// what `classify inspect` prints, and what prediction needs besides the arrays.
public struct ClassifierMetadata: Codable, Sendable, Equatable {
    /// Always `"theme-classifier"`; tells classifier files from summarizer files.
    public var kind: String
    public var toolVersion: String
    /// ISO 8601, UTC.
    public var createdAt: String
    /// Label names, in the order of the model's outputs.
    public var labels: [String]
    /// Several labels (or none) per document, each with its own threshold.
    public var multiLabel: Bool
    /// Per label: the probability from which the label is chosen (multi-label).
    public var thresholds: [Float]
    /// Per label: the threshold for single paragraphs (`predict --paragraphs`).
    public var paragraphThresholds: [Float]
    public var model: LinearModel.Kind
    public var featureCount: Int
    public var vectorizer: TfidfVectorizer.Configuration
    /// Documents the vectorizer was fitted on (its idf depends on it).
    public var vectorizerDocuments: Int
    /// The scheme of the stored feature keys (``FeatureKey/scheme``).
    public var featureHash: String
    public var training: TrainingRecord

    /// How the model was trained, and how well it did.
    public struct TrainingRecord: Codable, Sendable, Equatable {
        /// The training data's path as given, its fingerprint and its size.
        public var data: String
        public var dataFingerprint: String
        public var documents: Int
        /// The training options, as `name: value` strings (what `--help` calls them).
        public var options: [String: String]
        public var seconds: Double
        public var iterations: Int
        public var converged: Bool
        /// Held-out metrics (validation or cross-validation), e.g. `accuracy`, `macro-f1`.
        public var metrics: [String: Double]
        /// Held-out per-label metrics: label → precision, recall, f1, support.
        public var perLabel: [String: [String: Double]]
        /// How the metrics were measured, e.g. `5-fold cross-validation`.
        public var evaluation: String

        public init(data: String, dataFingerprint: String, documents: Int, options: [String: String], seconds: Double,
                    iterations: Int, converged: Bool, metrics: [String: Double], perLabel: [String: [String: Double]],
                    evaluation: String) {
            self.data = data
            self.dataFingerprint = dataFingerprint
            self.documents = documents
            self.options = options
            self.seconds = seconds
            self.iterations = iterations
            self.converged = converged
            self.metrics = metrics
            self.perLabel = perLabel
            self.evaluation = evaluation
        }
    }

    public init(labels: [String], multiLabel: Bool, thresholds: [Float], paragraphThresholds: [Float],
                model: LinearModel.Kind, featureCount: Int, vectorizer: TfidfVectorizer.Configuration,
                vectorizerDocuments: Int, training: TrainingRecord, createdAt: String) {
        self.kind = "theme-classifier"
        self.toolVersion = ToolVersion.current
        self.createdAt = createdAt
        self.labels = labels
        self.multiLabel = multiLabel
        self.thresholds = thresholds
        self.paragraphThresholds = paragraphThresholds
        self.model = model
        self.featureCount = featureCount
        self.vectorizer = vectorizer
        self.vectorizerDocuments = vectorizerDocuments
        self.featureHash = FeatureKey.scheme
        self.training = training
    }
}

/// The one field every model header has, read first so that a model of the wrong kind
/// is refused by name rather than by a missing field.
struct ModelKindHeader: Decodable {
    var kind: String

    /// The kind of model in `file`, checked against `expected`.
    static func check(_ file: ModelFile, expected: String, description: String) throws {
        let header = try file.metadata(as: ModelKindHeader.self)
        guard header.kind == expected else {
            throw ModelFileError.incompatibleMetadata(path: file.path, detail: "it is a \(header.kind) model, not \(description)")
        }
    }
}

extension ModelFile {
    /// The kind of model the header declares (`"theme-classifier"`, `"summarizer"`).
    /// - Throws: ``ModelFileError`` when the header has no `kind`.
    public func kind() throws -> String { try metadata(as: ModelKindHeader.self).kind }
}
