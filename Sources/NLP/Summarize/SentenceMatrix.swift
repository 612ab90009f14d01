import CBLAS
import Foundation

/// The sentences of one article as L2-normalized TF-IDF rows over the article's own
/// terms, in a dense sentences × terms block (row-major `Float`), plus the title's
/// row over the same terms.
///
/// Idf comes from a background corpus (the summarizer model's vectorizer), not from
/// the article: an article of 20 sentences gives poor idf. A term the background has
/// never seen gets the largest idf the background could give (it is rare).
struct SentenceMatrix {
    let sentenceCount: Int
    let termCount: Int
    /// sentences × terms, row-major, rows L2-normalized (all zero for a sentence
    /// without known terms).
    var rows: [Float]
    /// The title over the same terms, L2-normalized (zero when untitled).
    var title: [Float]
    /// Syllable tokens per sentence (numbers included).
    var tokenCounts: [Int]
    /// Number tokens per sentence.
    var numberCounts: [Int]

    /// Builds the block. O(total tokens + sentences × terms).
    init(sentences: [String], title: String, vectorizer: TfidfVectorizer) {
        sentenceCount = sentences.count
        var local = FeatureHashTable(minimumCapacity: 256)
        var idf: [Float] = []
        let state = vectorizer.state
        let unseen = TfidfVectorizer.inverseDocumentFrequency(df: 0, documents: state.documentCount,
                                                             configuration: vectorizer.configuration)
        // Sparse counts first: (sentence, local term) → count.
        var counts: [[(Int32, Float)]] = []
        var tokens = [Int](repeating: 0, count: sentences.count)
        var numbers = [Int](repeating: 0, count: sentences.count)
        let analyzer = vectorizer.analyzer
        func count(_ text: String, sentence: Int?) -> [(Int32, Float)] {
            var entries: [Int32: Float] = [:]
            analyzer.forEachFeature(in: text) { key, parts in
                if let sentence, parts.count == 1 { tokens[sentence] += 1 }
                let (column, inserted) = local.valueInserting(key) { Int32(idf.count) }
                if inserted {
                    idf.append(state.vocabulary.table.value(for: key).map { state.idf[Int($0)] } ?? unseen)
                }
                entries[column, default: 0] += 1
            }
            if let sentence {
                vectorizer.analyzer.tokenizer.forEachToken(in: text) { token in
                    if token.isNumber { numbers[sentence] += 1 }
                }
            }
            // Sorted, so that norms are summed in the same order in every process
            // (dictionary order is randomized per process).
            return entries.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
        }
        for (index, sentence) in sentences.enumerated() { counts.append(count(sentence, sentence: index)) }
        let titleCounts = count(title, sentence: nil)
        termCount = idf.count
        tokenCounts = tokens
        numberCounts = numbers

        let sublinear = vectorizer.configuration.sublinearTF
        func fill(_ entries: [(Int32, Float)], into buffer: UnsafeMutablePointer<Float>) {
            var norm: Float = 0
            for (column, count) in entries {
                let value = (sublinear ? 1 + log(count) : count) * idf[Int(column)]
                buffer[Int(column)] = value
                norm += value * value
            }
            if norm > 0 {
                let scale = 1 / norm.squareRoot()
                for (column, _) in entries { buffer[Int(column)] *= scale }
            }
        }
        let terms = termCount
        rows = [Float](repeating: 0, count: sentenceCount * terms)
        rows.withUnsafeMutableBufferPointer { block in
            for (sentence, entries) in counts.enumerated() { fill(entries, into: block.baseAddress! + sentence * terms) }
        }
        self.title = [Float](repeating: 0, count: terms)
        self.title.withUnsafeMutableBufferPointer { fill(titleCounts, into: $0.baseAddress!) }
    }

    /// Cosine similarities of every pair of sentences: `cblas_ssyrk` on the block
    /// (rows are unit vectors), mirrored into a full sentences × sentences matrix.
    /// - Complexity: O(S² × T) time, O(S²) memory.
    func similarities() -> [Float] {
        let n = sentenceCount, t = termCount
        var result = [Float](repeating: 0, count: n * n)
        guard n > 0, t > 0 else { return result }
        rows.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { c in
                cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(t),
                            0, c.baseAddress, Int32(n))
                for i in 0..<n { for j in 0..<i { c[i * n + j] = c[j * n + i] } }
            }
        }
        return result
    }

    /// Cosine of each sentence with the title: one `cblas_sgemv`. O(S × T).
    func titleSimilarities() -> [Float] {
        multiply(by: title)
    }

    /// Cosine of each sentence with the document centroid (the normalized sum of the
    /// sentence rows). O(S × T).
    func centroidSimilarities() -> [Float] {
        let n = sentenceCount, t = termCount
        guard n > 0, t > 0 else { return [Float](repeating: 0, count: n) }
        var centroid = [Float](repeating: 0, count: t)
        var ones = [Float](repeating: 1, count: n)
        rows.withUnsafeBufferPointer { a in
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(t), &ones, 1, 0, &centroid, 1)
        }
        let norm = cblas_snrm2(Int32(t), centroid, 1)
        if norm > 0 { cblas_sscal(Int32(t), 1 / norm, &centroid, 1) }
        return multiply(by: centroid)
    }

    /// The block times `vector` (length T).
    func multiply(by vector: [Float]) -> [Float] {
        let n = sentenceCount, t = termCount
        var result = [Float](repeating: 0, count: n)
        guard n > 0, t > 0 else { return result }
        rows.withUnsafeBufferPointer { a in
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(t), vector, 1, 0, &result, 1)
        }
        return result
    }

    /// Cosine of two sentences. O(T).
    func similarity(_ a: Int, _ b: Int) -> Float {
        let t = termCount
        guard t > 0 else { return 0 }
        return rows.withUnsafeBufferPointer { block in
            cblas_sdot(Int32(t), block.baseAddress! + a * t, 1, block.baseAddress! + b * t, 1)
        }
    }
}
