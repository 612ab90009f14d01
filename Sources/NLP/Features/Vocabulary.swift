import Foundation

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
    /// Key → column, laid out as ``FeatureHashTable/init(indexing:)`` lays out `keys`
    /// (the layout model files store). Built on first use: vectorizing does not need it
    /// (see ``TfidfVectorizer/lookup``), only writing a model file and ``column(of:)``.
    public var table: FeatureHashTable { index.table(indexing: keys) }

    private let index: LazyFeatureTable

    /// Builds a vocabulary from parallel arrays. O(1): the lookup table is made when
    /// first needed.
    public init(keys: ContiguousArray<UInt64>, textBytes: ContiguousArray<UInt8>, textOffsets: ContiguousArray<UInt32>) {
        precondition(textOffsets.count == keys.count + 1)
        self.keys = keys
        self.textBytes = textBytes
        self.textOffsets = textOffsets
        self.index = LazyFeatureTable(nil)
    }

    /// A vocabulary whose lookup table is already built.
    /// - Precondition: `table` maps each of `keys` to its index.
    public init(keys: ContiguousArray<UInt64>, textBytes: ContiguousArray<UInt8>,
                textOffsets: ContiguousArray<UInt32>, table: FeatureHashTable) {
        precondition(textOffsets.count == keys.count + 1)
        self.keys = keys
        self.textBytes = textBytes
        self.textOffsets = textOffsets
        self.index = LazyFeatureTable(table)
    }

    /// Number of features (columns).
    public var count: Int { keys.count }

    /// The column of the feature with `key`, or `nil`. O(1) expected; the first call
    /// on a vocabulary builds its ``table`` (O(features)).
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

/// A ``Vocabulary``'s lookup table, built once by whichever thread first asks for it.
/// A class so that copies of the vocabulary share it, locked so that they may ask at
/// the same time.
private final class LazyFeatureTable: @unchecked Sendable {
    private let lock = NSLock()
    private var built: FeatureHashTable?

    init(_ table: FeatureHashTable?) { built = table }

    /// The table over `keys` (the same keys at every call). O(keys) the first time, O(1) after.
    func table(indexing keys: ContiguousArray<UInt64>) -> FeatureHashTable {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let table = FeatureHashTable(indexing: keys)
        built = table
        return table
    }
}
