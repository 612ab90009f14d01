/// The features a vectorizer was fitted on: for each column, its key (for lookup)
/// and its text (so that models can explain their predictions).
///
/// Columns are in the byte order of their UTF-8 texts (Unicode code-point order),
/// as scikit-learn orders its vocabulary, so the order is deterministic.
public struct Vocabulary: Sendable {
    /// Column → feature key.
    public let keys: ContiguousArray<UInt64>
    /// All feature texts, concatenated as UTF-8.
    public let textBytes: ContiguousArray<UInt8>
    /// Column c's text is `textBytes[textOffsets[c]..<textOffsets[c + 1]]`.
    public let textOffsets: ContiguousArray<UInt32>
    /// Key → column.
    public let table: FeatureHashTable

    /// Builds a vocabulary, with its lookup table, from parallel arrays.
    public init(keys: ContiguousArray<UInt64>, textBytes: ContiguousArray<UInt8>, textOffsets: ContiguousArray<UInt32>) {
        precondition(textOffsets.count == keys.count + 1)
        self.init(keys: keys, textBytes: textBytes, textOffsets: textOffsets, table: FeatureHashTable(indexing: keys))
    }

    /// A vocabulary whose lookup table is already built (as read from a model file).
    public init(keys: ContiguousArray<UInt64>, textBytes: ContiguousArray<UInt8>,
                textOffsets: ContiguousArray<UInt32>, table: FeatureHashTable) {
        self.keys = keys
        self.textBytes = textBytes
        self.textOffsets = textOffsets
        self.table = table
    }

    /// Number of features (columns).
    public var count: Int { keys.count }

    /// The column of the feature with `key`, or `nil`. O(1).
    @inline(__always)
    public func column(of key: UInt64) -> Int? {
        table.value(for: key).map(Int.init)
    }

    /// The text of column `column` (allocates).
    public func text(_ column: Int) -> String {
        let range = Int(textOffsets[column])..<Int(textOffsets[column + 1])
        return String(decoding: textBytes[range], as: UTF8.self)
    }

    /// The column of a feature given as text (syllables separated by spaces, already
    /// normalized), or `nil`.
    public func column(ofText text: String) -> Int? {
        var key: UInt64 = 0
        for (index, part) in text.split(separator: " ").enumerated() {
            let partKey = FeatureKey.hash(Array(part.utf8))
            key = index == 0 ? partKey : FeatureKey.combine(key, partKey)
        }
        return key == 0 ? nil : column(of: key)
    }
}
