/// The n-grams of one document, collected by ``Analyzer/collect(inUTF8:into:)``
/// before they are counted: every n-gram's key and the byte range it spans in the
/// input, so that its text can be made again (``Analyzer/appendText(ofNGramAt:in:to:)``)
/// only when it is needed: the first time a corpus sees it.
///
/// Collecting a whole document first lets the counter look all its keys up in one
/// tight loop, where the cache misses of a corpus-sized table overlap instead of
/// queueing one behind the other.
public struct DocumentFeatures {
    /// The n-grams' keys, in text order.
    public private(set) var keys: [UInt64] = []
    /// Per n-gram: its input byte range, start << 32 | end.
    private var spans: [UInt64] = []

    public init() {}

    /// Number of n-grams.
    public var count: Int { keys.count }

    /// Where ``Analyzer/collect(inUTF8:into:)`` writes: raw pointers into arrays sized
    /// for the document's largest possible n-gram count, so that the per-n-gram path
    /// has no capacity or uniqueness checks.
    struct Writer {
        let keys: UnsafeMutablePointer<UInt64>
        let spans: UnsafeMutablePointer<UInt64>
        let capacity: Int
        var count = 0
        /// End of the latest token, which ends every n-gram appended after it.
        var tokenEnd = 0

        /// Adds an n-gram that starts at input offset `start` and ends with the latest token.
        @inline(__always)
        mutating func append(key: UInt64, start: Int) {
            precondition(count < capacity)
            keys[count] = key
            spans[count] = UInt64(start) << 32 | UInt64(UInt32(truncatingIfNeeded: tokenEnd))
            count += 1
        }
    }

    /// Replaces the contents with what `body` writes, at most `maximumCount` n-grams.
    mutating func write(maximumCount: Int, _ body: (inout Writer) -> Void) {
        var written = 0
        var newSpans: [UInt64] = []
        keys = [UInt64](unsafeUninitializedCapacity: maximumCount) { keyBuffer, keyCount in
            newSpans = [UInt64](unsafeUninitializedCapacity: maximumCount) { spanBuffer, spanCount in
                var writer = Writer(keys: keyBuffer.baseAddress!, spans: spanBuffer.baseAddress!, capacity: maximumCount)
                body(&writer)
                written = writer.count
                spanCount = written
            }
            keyCount = written
        }
        spans = newSpans
    }

    /// The input byte range of n-gram `index`.
    public func range(of index: Int) -> Range<Int> {
        let span = spans[index]
        return Int(span >> 32)..<Int(span & 0xFFFF_FFFF)
    }
}
