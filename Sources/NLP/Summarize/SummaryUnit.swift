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
        var units: [SummaryUnit] = []
        for sentence in splitter.sentences(of: article) {
            let startsParagraph = units.last?.paragraph != sentence.paragraph
            let index = units.last.map { $0.sentence + 1 } ?? 0
            let pieces = split(sentence.text)
            for (offset, piece) in pieces.enumerated() {
                units.append(SummaryUnit(text: piece, paragraph: sentence.paragraph,
                                         startsParagraph: startsParagraph && offset == 0, sentence: index))
            }
        }
        return units
    }

    /// Cuts an over-long sentence into pieces of at most ``maximumSyllables`` words.
    static func split(_ sentence: String) -> [String] {
        // More than maximumSyllables words take at least 2 × maximumSyllables + 1 bytes;
        // below that, or with few spaces, the sentence stays whole.
        guard sentence.utf8.count > 2 * maximumSyllables else { return [sentence] }
        var copy = sentence
        let spaces = copy.withUTF8 { ByteLanes.count(of: 0x20, in: $0) }
        guard spaces >= maximumSyllables else { return [sentence] }
        let words = sentence.split(separator: " ")
        guard words.count > maximumSyllables else { return [sentence] }
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
