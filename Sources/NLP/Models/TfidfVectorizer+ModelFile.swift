import Foundation

/// Storing a fitted vectorizer in a model file: its configuration goes in the JSON
/// metadata (see ``ClassifierMetadata``), its learned state in sections named
/// `<prefix>vocabulary.*` and `<prefix>idf`.
extension TfidfVectorizer {
    /// Adds this vectorizer's state to `builder`. O(features).
    public func addSections(to builder: inout ModelFile.Builder, prefix: String = "") {
        let vocabulary = state.vocabulary
        builder.add(name: prefix + "vocabulary.keys", uint64s: vocabulary.keys)
        builder.add(name: prefix + "vocabulary.text", bytes: vocabulary.textBytes)
        builder.add(name: prefix + "vocabulary.offsets", uint32s: vocabulary.textOffsets)
        builder.add(name: prefix + "vocabulary.slots.keys", uint64s: vocabulary.table.keys)
        builder.add(name: prefix + "vocabulary.slots.values", int32s: vocabulary.table.values)
        builder.add(name: prefix + "idf", floats: state.idf)
    }

    /// A vectorizer from `file`'s sections and the stored `configuration`.
    /// - Throws: ``ModelFileError`` when a section is missing or inconsistent.
    /// - Complexity: O(features): copies, no rehashing (the lookup table is stored).
    public init(from file: ModelFile, configuration: Configuration, documentCount: Int, prefix: String = "") throws {
        let keys = try file.uint64s(prefix + "vocabulary.keys")
        let text = try file.bytes(prefix + "vocabulary.text")
        let offsets = try file.uint32s(prefix + "vocabulary.offsets")
        let slotKeys = try file.uint64s(prefix + "vocabulary.slots.keys")
        let slotValues = try file.int32s(prefix + "vocabulary.slots.values")
        let idf = try file.floats(prefix + "idf")
        func inconsistent(_ detail: String) -> ModelFileError {
            .incompatibleMetadata(path: file.path, detail: "vocabulary: \(detail)")
        }
        guard offsets.count == keys.count + 1, offsets.last.map(Int.init) == text.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw inconsistent("text offsets do not fit \(keys.count) features and \(text.count) bytes")
        }
        guard idf.count == keys.count else { throw inconsistent("\(idf.count) idf values for \(keys.count) features") }
        guard slotKeys.count == slotValues.count, slotKeys.count.nonzeroBitCount == 1, slotKeys.count >= keys.count else {
            throw inconsistent("lookup table of \(slotKeys.count) slots for \(keys.count) features")
        }
        guard slotValues.allSatisfy({ $0 >= 0 && Int($0) < keys.count }) || keys.isEmpty else {
            throw inconsistent("lookup table points past the last feature")
        }
        let table = FeatureHashTable(slotKeys: slotKeys, slotValues: slotValues)
        let vocabulary = Vocabulary(keys: keys, textBytes: text, textOffsets: offsets, table: table)
        self.init(configuration: configuration, state: State(vocabulary: vocabulary, idf: idf, documentCount: documentCount))
    }
}
