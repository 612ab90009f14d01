/// A candidate sentence for a summary: a sentence of the article, or a piece of an
/// over-long one.
struct SummaryUnit {
    var text: String
    /// Its paragraph in the article.
    var paragraph: Int
    var startsParagraph: Bool
    /// Index of the sentence it comes from (pieces of one sentence share it).
    var sentence: Int

    /// Syllables above which a sentence is cut into pieces (at commas or semicolons,
    /// else every this many syllables), so that a budget in syllables can always be met.
    static let maximumSyllables = 120

    /// The units of `article`, in order.
    static func units(of article: Article, splitter: SentenceSplitter = SentenceSplitter()) -> [SummaryUnit] {
        let sentences = splitter.sentences(of: article)
        var units: [SummaryUnit] = []
        units.reserveCapacity(sentences.count)
        for sentence in sentences {
            let startsParagraph = units.last?.paragraph != sentence.paragraph
            let index = units.last.map { $0.sentence + 1 } ?? 0
            guard let pieces = pieces(of: sentence.text) else {
                units.append(SummaryUnit(text: sentence.text, paragraph: sentence.paragraph,
                                         startsParagraph: startsParagraph, sentence: index))
                continue
            }
            for (offset, piece) in pieces.enumerated() {
                units.append(SummaryUnit(text: piece, paragraph: sentence.paragraph,
                                         startsParagraph: startsParagraph && offset == 0, sentence: index))
            }
        }
        return units
    }

    /// An over-long sentence cut into pieces of at most ``maximumSyllables`` words, or
    /// `nil` when it stays whole (almost always: no array is made for it then).
    static func pieces(of sentence: String) -> [String]? {
        // More than maximumSyllables words take at least 2 × maximumSyllables + 1 bytes;
        // below that, or with few spaces, the sentence stays whole.
        guard sentence.utf8.count > 2 * maximumSyllables else { return nil }
        var copy = sentence
        let spaces = copy.withUTF8 { ByteLanes.count(of: 0x20, in: $0) }
        guard spaces >= maximumSyllables else { return nil }
        if !copy.unicodeScalars.allSatisfy(StandaloneScalars.contains) {
            return characterPieces(of: sentence)
        }
        // Every character is then whole between two spaces, and the words can be cut on
        // the bytes: splitting a String by Character costs a few hundred instructions a byte.
        return copy.withUTF8 { bytes -> [String]? in
            var words: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
                if index > start { words.append(start..<index) }
                start = index + 1
            }
            guard words.count > maximumSyllables else { return nil }
            var pieces: [String] = []
            var first = 0
            for (index, word) in words.enumerated() {
                let inPiece = index - first + 1
                let atClause = bytes[word.upperBound - 1] == 0x2C || bytes[word.upperBound - 1] == 0x3B
                if inPiece >= maximumSyllables || (atClause && inPiece >= maximumSyllables / 2) || index == words.count - 1 {
                    pieces.append(joined(words[first...index], in: bytes))
                    first = index + 1
                }
            }
            return pieces
        }
    }

    /// `words` of `bytes` joined by single spaces.
    private static func joined(_ words: ArraySlice<Range<Int>>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(words.last!.upperBound - words.first!.lowerBound)
        for word in words {
            if !result.isEmpty { result.append(0x20) }
            result.append(contentsOf: bytes[word])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// ``pieces(of:)`` by Characters, for the rare text where a space or comma may be
    /// part of a larger Character.
    static func characterPieces(of sentence: String) -> [String]? {
        let words = sentence.split(separator: " ")
        guard words.count > maximumSyllables else { return nil }
        var pieces: [String] = []
        var current: [Substring] = []
        for word in words {
            current.append(word)
            let atClause = word.hasSuffix(",") || word.hasSuffix(";")
            if current.count >= maximumSyllables || (atClause && current.count >= maximumSyllables / 2) {
                pieces.append(current.joined(separator: " "))
                current.removeAll()
            }
        }
        if !current.isEmpty { pieces.append(current.joined(separator: " ")) }
        return pieces
    }
}
