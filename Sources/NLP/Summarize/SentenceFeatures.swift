import Foundation

/// The scores a summarizer weighs for each sentence, as a fixed-length vector.
///
/// Position (news puts its point first), length, LexRank centrality, similarity to the
/// title and to the whole article, and a few surface cues. A summarizer model stores
/// the names with its weights, so a model and this code must agree on them.
public enum SentenceFeatures {
    public static let names = [
        "position-inverse",     // 1 / (1 + sentence index)
        "first-sentence",       // 1 for the first sentence
        "second-sentence",      // 1 for the second sentence
        "relative-position",    // index / (sentences − 1)
        "paragraph-start",      // first sentence of its paragraph
        "first-paragraph",      // in the first paragraph
        "length-log",           // ln(1 + syllables)
        "length-short",         // fewer than 12 syllables
        "length-long",          // more than 60 syllables
        "centrality",           // LexRank, mean 1
        "title-similarity",     // cosine with the title
        "centroid-similarity",  // cosine with the whole article
        "number-share",         // number tokens / tokens
        "quotation",            // contains a quotation mark
        "colon-end",            // ends with a colon (introduces a list)
        "first-times-length",   // first-sentence × length-log
        "title-times-position", // title-similarity × position-inverse
    ]
    public static var count: Int { names.count }

    /// Whether `text` contains a quotation mark (" “ ” « »), checked on the UTF-8 bytes.
    static func hasQuotation(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            // Only '"' and the lead bytes of “ ” (E2 80 9C/9D) and « » (C2 AB/BB) can start
            // one: rare bytes in Vietnamese, so most of the text is skipped sixteen bytes
            // at a time.
            while index < count {
                while index + ByteLanes.width <= count {
                    let lanes = ByteLanes.load(bytes.baseAddress!, at: index)
                    let stops = ByteLanes.equal(lanes, 0x22) | ByteLanes.equal(lanes, 0xE2) | ByteLanes.equal(lanes, 0xC2)
                    if let first = ByteLanes.firstFlagged(stops) { index += first; break }
                    index += ByteLanes.width
                }
                guard index < count else { break }
                let byte = bytes[index]
                if byte == 0x22 || byte == 0xE2 || byte == 0xC2 {
                    if byte == 0x22 { return true }
                    if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D) { return true }
                    if byte == 0xC2 && index + 1 < count && (bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB) { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// Feature vectors (sentences × ``count``, row-major) of `units`.
    /// - Complexity: O(S² × T) up to ``LexRank/denseLimit`` sentences, O(S × T) beyond.
    static func compute(_ units: [SummaryUnit], title: String, vectorizer: TfidfVectorizer) -> (features: [Float], matrix: SentenceMatrix) {
        let matrix = SentenceMatrix(sentences: units.map(\.text), title: title, vectorizer: vectorizer)
        let n = units.count
        let centrality: [Float], centroidSimilarity: [Float]
        if n <= LexRank.denseLimit {
            let similarities = matrix.similarities()
            centrality = LexRank.centrality(similarities: similarities, count: n)
            centroidSimilarity = SentenceMatrix.centroidSimilarities(fromSimilarities: similarities, count: n)
        } else {
            centroidSimilarity = matrix.centroidSimilaritiesLinear()
            centrality = LexRank.centroidCentrality(centroidSimilarity)
        }
        let titleSimilarity = matrix.titleSimilarities()
        var features = [Float](repeating: 0, count: n * count)
        for (i, unit) in units.enumerated() {
            let tokens = matrix.tokenCounts[i]
            let lengthLog = Float(log(1 + Double(tokens)))
            let positionInverse = 1 / Float(1 + i)
            let values: [Float] = [
                positionInverse,
                i == 0 ? 1 : 0,
                i == 1 ? 1 : 0,
                n > 1 ? Float(i) / Float(n - 1) : 0,
                unit.startsParagraph ? 1 : 0,
                unit.paragraph == 0 ? 1 : 0,
                lengthLog,
                tokens < 12 ? 1 : 0,
                tokens > 60 ? 1 : 0,
                centrality[i],
                titleSimilarity[i],
                centroidSimilarity[i],
                tokens > 0 ? Float(matrix.numberCounts[i]) / Float(tokens) : 0,
                SentenceFeatures.hasQuotation(unit.text) ? 1 : 0,
                unit.text.utf8.last == 0x3A ? 1 : 0,
                (i == 0 ? 1 : 0) * lengthLog,
                titleSimilarity[i] * positionInverse,
            ]
            for (f, value) in values.enumerated() { features[i * count + f] = value }
        }
        return (features, matrix)
    }
}
