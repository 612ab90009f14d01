/// Storing a linear model in a model file: sections `<prefix>weights`,
/// `<prefix>biases`, `<prefix>platt.a`, `<prefix>platt.b`; its kind and shape go in
/// the JSON metadata.
extension LinearModel {
    /// Adds this model's arrays to `builder`.
    public func addSections(to builder: inout ModelFile.Builder, prefix: String = "") {
        builder.add(name: prefix + "weights", floats: weights)
        builder.add(name: prefix + "biases", floats: biases)
        builder.add(name: prefix + "platt.a", floats: plattA)
        builder.add(name: prefix + "platt.b", floats: plattB)
    }

    /// A model from `file`'s sections.
    /// - Throws: ``ModelFileError`` when a section is missing or has the wrong size.
    public init(from file: ModelFile, kind: Kind, featureCount: Int, labelCount: Int, prefix: String = "") throws {
        let weights = try file.floats(prefix + "weights")
        let biases = try file.floats(prefix + "biases")
        let plattA = try file.floats(prefix + "platt.a")
        let plattB = try file.floats(prefix + "platt.b")
        guard weights.count == featureCount * labelCount, biases.count == labelCount else {
            throw ModelFileError.incompatibleMetadata(
                path: file.path, detail: "\(weights.count) weights and \(biases.count) biases for \(featureCount) features × \(labelCount) labels")
        }
        guard kind != .oneVsRestSquaredHinge || (plattA.count == labelCount && plattB.count == labelCount) else {
            throw ModelFileError.incompatibleMetadata(path: file.path, detail: "an SVM model needs Platt scaling for each label")
        }
        self.init(kind: kind, featureCount: featureCount, labelCount: labelCount, weights: weights, biases: biases,
                  plattA: plattA, plattB: plattB)
    }
}
