/// One sentence of an article.
public struct Sentence: Sendable, Equatable, Codable {
    /// The sentence as written (white space collapsed).
    public var text: String
    /// Index of its paragraph in ``Article/paragraphs``.
    public var paragraph: Int

    public init(text: String, paragraph: Int) {
        self.text = text
        self.paragraph = paragraph
    }
}

/// Splits paragraphs into sentences.
///
/// A paragraph end is a sentence end. Inside a paragraph, a boundary is a run of
/// `. ! ? …` (with any closing quotes or brackets after it), then white space, then an
/// upper-case letter, a digit, an opening quote or bracket, or a dash. A single `.`
/// is not a boundary after an abbreviation (``abbreviations``: TP., TS., ThS.…), a
/// single capital (the initial in *anh H. Nam*) or dotted initials (*N.T.*, *T.Ư.*).
/// Numbers (69,56%; 4.100; 0271.3879.736), dates, URLs and e-mail addresses have no
/// white space after their dots, so they are never split.
///
/// - Complexity: O(n) in the paragraph's length.
public struct SentenceSplitter: Sendable {
    /// Words that end in a period without ending a sentence (case-sensitive).
    public static let abbreviations: Set<String> = [
        "TP", "Tp", "TX", "Tx", "TT", "Q", "P", "H", "X", "TS", "ThS", "Ths", "PGS", "GS", "BS", "KS", "CN",
        "NXB", "Th", "Tr", "TW", "T.Ư", "T.W", "Mr", "Mrs", "Ms", "Dr", "St", "Tp.HCM", "TP.HCM", "No", "Nxb",
        "BSCKI", "BSCKII", "Đ/c", "đ/c", "Ths.BS", "ThS.BS", "PGS.TS", "GS.TS", "TS.BS", "Sđd", "tr", "Tổng", "vs",
    ]

    /// The ``abbreviations`` written in ASCII only, as bytes.
    static let asciiAbbreviationBytes: [[UInt8]] = abbreviations.map { Array($0.utf8) }
        .filter { $0.allSatisfy { $0 < 0x80 } }.sorted { $0.lexicographicallyPrecedes($1) }

    /// The ``abbreviations`` that start with a lowercase letter (tr, vs, đ/c), as bytes.
    static let lowercaseAbbreviationBytes: [[UInt8]] = abbreviations.map { Array($0.utf8) }
        .filter { bytes in
            bytes.withUnsafeBufferPointer { startsWithLowercaseLetter($0, at: 0) }
        }
        .sorted { $0.lexicographicallyPrecedes($1) }

    /// The ``abbreviations`` with a byte outside ASCII (T.Ư, Đ/c, Tổng), as bytes.
    static let nonASCIIAbbreviationBytes: [[UInt8]] = abbreviations.map { Array($0.utf8) }
        .filter { $0.contains { $0 >= 0x80 } }.sorted { $0.lexicographicallyPrecedes($1) }

    public init() {}

    /// The sentences of `article`'s paragraphs (the title is not included).
    public func sentences(of article: Article) -> [Sentence] {
        // Room for the sentences of most articles (one every hundred-odd bytes), so that
        // the arrays rarely grow.
        let bytes = article.paragraphs.reduce(0) { $0 + $1.utf8.count }
        var result: [Sentence] = []
        result.reserveCapacity(bytes / 96 + article.paragraphs.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(64)
        for (index, paragraph) in article.paragraphs.enumerated() {
            forEachSentence(in: paragraph, ranges: &ranges) { result.append(Sentence(text: $0, paragraph: index)) }
        }
        return result
    }

    /// The sentences of one paragraph, trimmed, in order.
    public func split(_ paragraph: String) -> [String] {
        var result: [String] = []
        var ranges: [Range<Int>] = []
        forEachSentence(in: paragraph, ranges: &ranges) { result.append($0) }
        return result
    }

    /// Calls `body` with each sentence of `paragraph`, trimmed, in order. `ranges` is
    /// scratch space that the caller reuses from paragraph to paragraph, instead of
    /// three new arrays for each.
    private func forEachSentence(in paragraph: String, ranges: inout [Range<Int>], _ body: (String) -> Void) {
        ranges.removeAll(keepingCapacity: true)
        var copy = paragraph
        copy.withUTF8 { bytes in
            var start = 0
            forEachBoundary(bytes) { end in
                appendTrimmed(bytes, start..<end, to: &ranges)
                start = end
            }
            appendTrimmed(bytes, start..<bytes.count, to: &ranges)
        }
        // Slicing the scalar view copies the bytes without validating them again,
        // as decoding a byte buffer would; every boundary falls between scalars.
        let utf8 = copy.utf8, scalars = copy.unicodeScalars
        for range in ranges {
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            body(String(scalars[lower..<utf8.index(lower, offsetBy: range.count)]))
        }
    }

    /// Calls `body` with the byte offset just past each sentence-ending punctuation run
    /// (and closing quotes), in order.
    private func forEachBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        let count = bytes.count
        var index = 0
        while index < count {
            // Sixteen bytes at a time to the next . ! ? or …'s lead byte.
            while index + ByteLanes.width <= count {
                let lanes = ByteLanes.load(bytes.baseAddress!, at: index)
                let stops = ByteLanes.equal(lanes, 0x2E) | ByteLanes.equal(lanes, 0x21)
                    | ByteLanes.equal(lanes, 0x3F) | ByteLanes.equal(lanes, 0xE2)
                if let first = ByteLanes.firstFlagged(stops) { index += first; break }
                index += ByteLanes.width
            }
            guard index < count else { break }
            let terminalWidth = terminal(bytes, at: index)
            guard terminalWidth > 0 else { index += 1; continue }
            let runStart = index
            var end = index
            var periods = 0, others = 0
            while end < count {
                let width = terminal(bytes, at: end)
                if width == 0 { break }
                if bytes[end] == 0x2E { periods += 1 } else { others += 1 }
                end += width
            }
            var closers = 0
            while end < count {
                let width = closing(bytes, at: end)
                if width == 0 { break }
                end += width
                closers += 1
            }
            index = end
            guard end < count, bytes[end] == 0x20 else { continue }
            var next = end
            while next < count && bytes[next] == 0x20 { next += 1 }
            guard next < count, opensSentence(bytes, at: next) else { continue }
            if periods == 1 && others == 0 && closers == 0 && isAbbreviation(bytes, endingAt: runStart) { continue }
            body(end)
        }
    }

    /// Width of a sentence-ending character at `index` (. ! ? …), or 0.
    @inline(__always)
    private func terminal(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x2E, 0x21, 0x3F: return 1
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA6: return 3
        default: return 0
        }
    }

    /// Width of a closing quote or bracket at `index` (” ’ " ' ) ] »), or 0.
    @inline(__always)
    private func closing(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x22, 0x27, 0x29, 0x5D: return 1
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x9D || bytes[index + 2] == 0x99): return 3
        case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xBB: return 2
        default: return 0
        }
    }

    /// Whether a sentence can start at `index`: upper-case letter, digit, opening
    /// quote or bracket, or a dash.
    private func opensSentence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 {
            return (lead >= 0x41 && lead <= 0x5A) || (lead >= 0x30 && lead <= 0x39)
                || lead == 0x22 || lead == 0x27 || lead == 0x28 || lead == 0x5B || lead == 0x2D
        }
        guard let scalar = SentenceSplitter.scalar(bytes, at: index) else { return false }
        switch scalar {
        case 0x201C, 0x2018, 0x00AB, 0x2013, 0x2014: return true   // “ ‘ « – —
        default:
            let table = ScalarTable.shared
            return table.kind(scalar) == .letter && table.lowercase(scalar) != scalar
        }
    }

    /// Whether the word ending just before `end` (a '.') is an abbreviation or initial.
    ///
    /// Most words are decided on their bytes: an ASCII word against the ASCII
    /// abbreviations and initials, a word starting with a lowercase letter against the
    /// few lowercase abbreviations. Only a word with other non-ASCII letters (Đảng, T.Ư)
    /// becomes a String, so that canonically equivalent spellings still match.
    private func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Bool {
        var start = end
        var highBits: UInt8 = 0
        while start > 0 {
            let byte = bytes[start - 1]
            if byte == 0x20 || byte == 0x28 || byte == 0x22 || byte == 0x5B { break }
            // Opening curly quotes “ ‘ (E2 80 9C / 98) end the word too.
            if byte == 0x9C || byte == 0x98, start >= 3, bytes[start - 3] == 0xE2, bytes[start - 2] == 0x80 { break }
            highBits |= byte
            start -= 1
        }
        guard start < end else { return false }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if highBits < 0x80 { return SentenceSplitter.isASCIIAbbreviation(word) }
        if SentenceSplitter.startsWithLowercaseLetter(bytes, at: start) {
            return SentenceSplitter.lowercaseAbbreviationBytes.contains { $0.elementsEqual(word) }
        }
        if !word.contains(0x2E) && SentenceSplitter.isSeveralCharacters(word) {
            // Most such words are capitalized words ending a sentence (Nội., Đảng.): too
            // long to be an initial, so only the listed abbreviations remain.
            return SentenceSplitter.nonASCIIAbbreviationBytes.contains { $0.elementsEqual(word) }
        }
        let text = String(decoding: word, as: UTF8.self)
        if SentenceSplitter.abbreviations.contains(text) { return true }
        // Initials: "H", "N.T", "T.Ư" — every dot-separated part one capital letter.
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { $0.count == 1 && $0.first!.isUppercase }
    }

    /// Whether `word` (valid UTF-8) is two or more ``StandaloneScalars``, and so at
    /// least two Characters.
    static func isSeveralCharacters(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var scalars = 0
        for scalar in String(decoding: word, as: UTF8.self).unicodeScalars {
            guard StandaloneScalars.contains(scalar) else { return false }
            scalars += 1
        }
        return scalars >= 2
    }

    /// ``isAbbreviation(_:endingAt:)`` for a word of ASCII bytes: one of the ASCII
    /// ``abbreviations``, or initials (A, N.T: every dot-separated part one capital).
    private static func isASCIIAbbreviation(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = word[0]
        let isLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        guard isLetter else { return false }
        if asciiAbbreviationBytes.contains(where: { $0.elementsEqual(word) }) { return true }
        // Initials alternate capital, '.', capital…: odd length, capitals at even offsets.
        guard word.count % 2 == 1 else { return false }
        for offset in 0..<word.count {
            let byte = word[offset]
            let expected = offset % 2 == 0 ? (byte >= 0x41 && byte <= 0x5A) : byte == 0x2E
            if !expected { return false }
        }
        return true
    }

    /// Whether the character at `index` starts with a scalar of Unicode's Lowercase
    /// property, which no upper-case letter has: such a word is never an initial.
    @inline(__always)
    static func startsWithLowercaseLetter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 { return lead >= 0x61 && lead <= 0x7A }
        guard let value = scalar(bytes, at: index), let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isLowercase
    }

    /// The scalar whose UTF-8 lead byte is at `index` (below U+10000), or nil for a
    /// four-byte or cut-off sequence; the text is valid UTF-8, so no check is needed.
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        let lead = bytes[index]
        if lead < 0x80 { return UInt32(lead) }
        if lead < 0xE0, index + 1 < bytes.count {
            return (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
        }
        if lead < 0xF0, index + 2 < bytes.count {
            return (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
        }
        return nil
    }

    private func appendTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to ranges: inout [Range<Int>]) {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && bytes[lower] == 0x20 { lower += 1 }
        while upper > lower && bytes[upper - 1] == 0x20 { upper -= 1 }
        guard lower < upper else { return }
        ranges.append(lower..<upper)
    }
}
