/// The n-grams of one document, collected by ``Analyzer/collect(inUTF8:into:)``
/// before they are counted: every n-gram's key and the byte range it spans in the
/// input, so that its text can be made again (``Analyzer/appendText(ofNGramAt:in:to:)``)
/// only when it is needed: the first time a corpus sees it.
///
/// Collecting a whole document first lets the counter look all its keys up in one
/// tight loop, where the cache misses of a corpus-sized table overlap instead of
/// queueing one behind the other. Reuse one value across documents: its arrays keep
/// their capacity.
public struct DocumentFeatures {
    /// The n-grams' keys, in text order.
    public private(set) var keys: [UInt64] = []
    /// Per n-gram: its input byte range, start << 32 | end.
    private var spans: [UInt64] = []
    /// End of the latest token, which ends every n-gram appended after it.
    var tokenEnd = 0

    public init() {}

    /// Number of n-grams.
    public var count: Int { keys.count }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        tokenEnd = 0
    }

    /// Adds an n-gram that starts at input offset `start` and ends with the latest token.
    @inline(__always)
    mutating func append(key: UInt64, start: Int) {
        keys.append(key)
        spans.append(UInt64(start) << 32 | UInt64(UInt32(truncatingIfNeeded: tokenEnd)))
    }

    /// The input byte range of n-gram `index`.
    public func range(of index: Int) -> Range<Int> {
        let span = spans[index]
        return Int(span >> 32)..<Int(span & 0xFFFF_FFFF)
    }
}
