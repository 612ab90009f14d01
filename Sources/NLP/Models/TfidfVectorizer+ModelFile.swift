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
    ///
    /// The stored slot arrays (`vocabulary.slots.*`) must be present and well shaped,
    /// but they are not copied: the vectorizer looks features up in its own
    /// cache-friendly table (``TfidfVectorizer/lookup``), built from the keys and idf,
    /// and ``Vocabulary/table`` is rebuilt from the keys only if it is asked for. Copying
    /// them cost a third of the loading time of a 600k-feature model.
    /// - Throws: ``ModelFileError`` when a section is missing or inconsistent.
    /// - Complexity: O(features).
    public init(from file: ModelFile, configuration: Configuration, documentCount: Int, prefix: String = "") throws {
        let keys = try file.uint64s(prefix + "vocabulary.keys")
        let text = try file.bytes(prefix + "vocabulary.text")
        let offsets = try file.uint32s(prefix + "vocabulary.offsets")
        let idf = try file.floats(prefix + "idf")
        func inconsistent(_ detail: String) -> ModelFileError {
            .incompatibleMetadata(path: file.path, detail: "vocabulary: \(detail)")
        }
        guard offsets.count == keys.count + 1, offsets.last.map(Int.init) == text.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw inconsistent("text offsets do not fit \(keys.count) features and \(text.count) bytes")
        }
        guard idf.count == keys.count else { throw inconsistent("\(idf.count) idf values for \(keys.count) features") }
        guard !keys.contains(0), keys.count < Int(Int32.max) else { throw inconsistent("a feature key is 0") }
        let slotKeys = try file.withUnsafeElements(of: prefix + "vocabulary.slots.keys", as: UInt64.self) { $0.count }
        let slotValues = try file.withUnsafeElements(of: prefix + "vocabulary.slots.values", as: Int32.self) { $0.count }
        guard slotKeys == slotValues, slotKeys.nonzeroBitCount == 1, slotKeys >= keys.count else {
            throw inconsistent("lookup table of \(slotKeys) slots for \(keys.count) features")
        }
        let vocabulary = Vocabulary(keys: keys, textBytes: text, textOffsets: offsets)
        self.init(configuration: configuration, state: State(vocabulary: vocabulary, idf: idf, documentCount: documentCount))
    }
}
