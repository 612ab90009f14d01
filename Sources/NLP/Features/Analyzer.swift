/// Turns text into the stream of features a vectorizer counts: the tokenizer's
/// syllables, then their n-grams within each phrase (n-grams never span punctuation).
public struct Analyzer: Sendable {
    /// The longest n-gram supported.
    public static let maximumNGram = 4

    public let tokenizer: Tokenizer
    public let ngrams: NGramRange

    public init(tokenizer: Tokenizer = Tokenizer(), ngrams: NGramRange = NGramRange()) {
        self.tokenizer = tokenizer
        self.ngrams = ngrams
    }

    /// Calls `body(key, parts)` for every n-gram of `text`, in text order; for each
    /// token, shorter n-grams come first.
    public func forEachFeature(in text: String, _ body: (UInt64, NGramParts) -> Void) {
        var copy = text
        copy.withUTF8 { forEachFeature(inUTF8: $0, body) }
    }

    /// The features of `text` as strings, syllables joined by a space (allocates; for
    /// display, tests and the scikit-learn cross-check).
    public func features(in text: String) -> [String] {
        var result: [String] = []
        forEachFeature(in: text) { _, parts in result.append(parts.text) }
        return result
    }

    /// Appends the key of every n-gram of `text` to `keys`, in text order. The fast path
    /// for vectorizing known features: no n-gram text is kept.
    /// - Complexity: O(n · (upper − lower + 1)); one scratch allocation per call.
    public func appendKeys(of text: String, to keys: inout [UInt64]) {
        appendKeys(of: text, to: &keys, eachToken: { _ in })
    }

    /// ``appendKeys(of:to:)`` that also shows `eachToken` every token, so that a caller
    /// who needs both the keys and the tokens (the summarizer counts syllables and
    /// numbers) tokenizes the text once.
    @inline(__always)
    public func appendKeys(of text: String, to keys: inout [UInt64], eachToken: (Token) -> Void) {
        var copy = text
        copy.withUTF8 { input in
            // Written through a pointer into room for the most n-grams the text can hold:
            // no capacity or uniqueness check per n-gram.
            let bound = maximumFeatureCount(bytes: input.count)
            let found = [UInt64](unsafeUninitializedCapacity: bound) { buffer, count in
                var written = 0
                var window = NGramWindow(ngrams)
                // The window and the store written out here rather than through
                // forEachKey: a closure handed down would be called once per n-gram.
                tokenizer.forEachToken(inUTF8: input) { token in
                    eachToken(token)
                    window.push(token.key, startsPhrase: token.startsPhrase) { key, _ in
                        precondition(written < bound)
                        buffer[written] = key
                        written += 1
                    }
                }
                count = written
            }
            if keys.isEmpty { keys = found } else { keys.append(contentsOf: found) }
        }
    }

    /// Collects every n-gram of the valid UTF-8 `input` into `features` (replacing them):
    /// its key and where it lies in `input`, from which its text can be made again when
    /// it is needed (the first time a corpus sees it). For counting a corpus.
    /// - Complexity: O(n · (upper − lower + 1)); two allocations per call.
    public func collect(inUTF8 input: UnsafeBufferPointer<UInt8>, into features: inout DocumentFeatures) {
        features.write(maximumCount: maximumFeatureCount(bytes: input.count)) { writer in
            var tokenStarts = (0, 0, 0, 0)   // the last four tokens' start offsets, newest last
            var window = NGramWindow(ngrams)
            // Written out rather than through forEachKey, as in appendKeys: no call per n-gram.
            tokenizer.forEachToken(inUTF8: input) { token in
                tokenStarts = (tokenStarts.1, tokenStarts.2, tokenStarts.3, token.sourceRange.lowerBound)
                writer.tokenEnd = token.sourceRange.upperBound
                window.push(token.key, startsPhrase: token.startsPhrase) { key, n in
                    let start: Int
                    switch n {
                    case 1: start = tokenStarts.3
                    case 2: start = tokenStarts.2
                    case 3: start = tokenStarts.1
                    default: start = tokenStarts.0
                    }
                    writer.append(key: key, start: start)
                }
            }
        }
    }

    /// The text of the n-gram at `range` of the valid UTF-8 `input`, as
    /// ``collect(inUTF8:into:)`` found it: its syllables, normalized, joined by one
    /// space, appended to `bytes`.
    public func appendText(ofNGramAt range: Range<Int>, in input: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var first = true
        tokenizer.forEachToken(inUTF8: UnsafeBufferPointer(rebasing: input[range])) { token in
            if !first { bytes.append(0x20) }
            first = false
            bytes.append(contentsOf: token.bytes)
        }
    }

    /// The most n-grams a text of `bytes` UTF-8 bytes can have: its tokens are runs of at
    /// least one byte with a separator between them.
    @inline(__always)
    func maximumFeatureCount(bytes: Int) -> Int {
        (bytes / 2 + 1) * (ngrams.upper - ngrams.lower + 1)
    }

    /// The n-gram window every path shares: calls `token` for each token, then
    /// `feature(key, n)` for each n-gram ending at it, shorter ones first. Both closures
    /// are inlined into the tokenizer's loop (no call per n-gram).
    @inline(__always)
    private func forEachKey(inUTF8 input: UnsafeBufferPointer<UInt8>, token onToken: (Token) -> Void,
                            feature: (UInt64, Int) -> Void) {
        var window = NGramWindow(ngrams)
        tokenizer.forEachToken(inUTF8: input) { token in
            onToken(token)
            window.push(token.key, startsPhrase: token.startsPhrase, feature)
        }
    }

    /// Calls `body(key, parts)` for every n-gram of valid UTF-8 `input`.
    /// - Complexity: O(n · (upper − lower + 1)) for n input bytes; no allocation per token.
    public func forEachFeature(inUTF8 input: UnsafeBufferPointer<UInt8>, _ body: (UInt64, NGramParts) -> Void) {
        let window = ngrams.upper
        let slotSize = Tokenizer.maximumTokenLength * 4
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: slotSize * window)
        let lengths = UnsafeMutablePointer<Int>.allocate(capacity: window)
        defer { storage.deallocate(); lengths.deallocate() }
        var newest = -1  // ring slot of the newest token's text
        forEachKey(inUTF8: input, token: { token in
            newest = (newest + 1) % window
            (storage + newest * slotSize).update(from: token.bytes.baseAddress!, count: token.bytes.count)
            lengths[newest] = token.bytes.count
        }, feature: { key, n in
            body(key, NGramParts(storage: storage, slotSize: slotSize, lengths: lengths,
                                 first: (newest - n + 1 + window) % window, count: n, window: window))
        })
    }
}

/// The syllables of one n-gram, valid only during the callback that received it.
public struct NGramParts {
    let storage: UnsafeMutablePointer<UInt8>
    let slotSize: Int
    let lengths: UnsafeMutablePointer<Int>
    let first: Int
    /// Number of syllables (the n of the n-gram).
    public let count: Int
    let window: Int

    /// Appends the n-gram's text (syllables joined by one space) as UTF-8 to `bytes`.
    @inline(__always)
    public func appendText(to bytes: inout [UInt8]) {
        var slot = first
        for part in 0..<count {
            if part > 0 { bytes.append(0x20) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: storage + slot * slotSize, count: lengths[slot]))
            slot = (slot + 1) % window
        }
    }

    /// The n-gram's text (allocates).
    public var text: String {
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
