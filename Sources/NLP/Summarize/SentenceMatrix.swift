import CBLAS
import Foundation

/// The sentences of one article as L2-normalized TF-IDF rows, in a dense
/// sentences × terms block, plus the title's row over the same terms.
///
/// The block is stored term by term (column-major: a term's values for every sentence
/// are contiguous). BLAS then takes its forms that walk one term at a time and skip the
/// sentences without it; most of the block is zeros, and the reference BLAS Debian
/// ships does not skip them in the sentence-by-sentence forms. The sums run in the same
/// order either way, so the results are the same to the last bit.
///
/// Idf comes from a background corpus (the summarizer model's vectorizer), not from
/// the article: an article of 20 sentences gives poor idf. A term the background has
/// never seen gets the largest idf the background could give (it is rare).
///
/// The block holds only the terms shared by at least two rows (the title counts as a
/// row): a term in one sentence alone changes no similarity between two different
/// rows, only that sentence's own norm, which is computed over all its terms. The
/// similarities between different rows are therefore exact, and the block is several
/// times narrower than the article's vocabulary.
struct SentenceMatrix {
    let sentenceCount: Int
    /// Columns of the block: terms shared by two or more rows.
    let termCount: Int
    /// sentences × terms, column-major (`block[term × sentenceCount + sentence]`); row
    /// s is sentence s's unit TF-IDF vector restricted to shared terms.
    var block: [Float]
    /// The title's unit vector over the same terms (zero when untitled).
    var title: [Float]
    /// Whether a sentence has any known term (its self-similarity is then 1).
    var nonEmpty: [Bool]
    /// Syllable tokens per sentence (numbers included).
    var tokenCounts: [Int]
    /// Number tokens per sentence.
    var numberCounts: [Int]

    /// Builds the block. O(total tokens + sentences × shared terms).
    init(sentences: [String], title: String, vectorizer: TfidfVectorizer) {
        // Entries are at most the tokens, and a Vietnamese syllable with its space takes
        // about five and a half bytes: reserving a fifth of the bytes saves the entry
        // arrays their growth in almost every article.
        let bytes = sentences.reduce(title.utf8.count) { $0 + $1.utf8.count }
        var builder = Builder(vectorizer: vectorizer, sentenceCount: sentences.count, expectedEntries: bytes / 5)
        for (index, sentence) in sentences.enumerated() { builder.count(sentence, sentence: index) }
        builder.count(title, sentence: nil)
        defer { builder.deallocate() }
        sentenceCount = sentences.count
        tokenCounts = builder.tokens
        numberCounts = builder.numbers

        // Columns for terms in at least two rows (the title's included), numbered densely.
        let terms = builder.termCount
        var rowsWithTerm = [Int32](repeating: 0, count: terms)
        for column in builder.entryColumns[..<builder.entryCount] { rowsWithTerm[Int(column)] += 1 }
        var blockColumn = [Int32](repeating: -1, count: terms)
        var shared = 0
        for term in 0..<rowsWithTerm.count where rowsWithTerm[term] >= 2 {
            blockColumn[term] = Int32(shared)
            shared += 1
        }
        termCount = shared

        let columns = builder.entryColumns, weights = builder.entryWeights, starts = builder.rowStarts
        /// Writes the unit vector of row `row`'s entries (norm over all its terms) into
        /// `buffer`, shared terms only, one value every `stride` floats; returns whether
        /// the vector is non-zero.
        func fill(row: Int, into buffer: UnsafeMutablePointer<Float>, stride: Int) -> Bool {
            let entries = starts[row]..<starts[row + 1]
            var norm: Float = 0
            for entry in entries { norm += weights[entry] * weights[entry] }
            guard norm > 0 else { return false }
            let scale = 1 / norm.squareRoot()
            for entry in entries {
                let column = blockColumn[Int(columns[entry])]
                if column >= 0 { buffer[Int(column) * stride] = weights[entry] * scale }
            }
            return true
        }
        var block = [Float](repeating: 0, count: sentences.count * shared)
        var nonEmpty = [Bool](repeating: false, count: sentences.count)
        block.withUnsafeMutableBufferPointer { block in
            for sentence in 0..<sentences.count {
                nonEmpty[sentence] = fill(row: sentence, into: block.baseAddress! + sentence, stride: sentences.count)
            }
        }
        var titleRow = [Float](repeating: 0, count: max(1, shared))
        _ = titleRow.withUnsafeMutableBufferPointer { fill(row: sentences.count, into: $0.baseAddress!, stride: 1) }
        self.block = block
        self.title = titleRow
        self.nonEmpty = nonEmpty
    }

    /// Counts an article's terms against the background vectorizer, row after row
    /// (the sentences, then the title), into flat arrays; its buffers are reused from
    /// row to row.
    private struct Builder {
        let vectorizer: TfidfVectorizer
        let lookup: InterleavedFeatureTable
        let unseen: Float
        let unigramsOnly: Bool
        /// The article's distinct terms, numbered in first-seen order (local columns).
        private var terms: ArticleTerms
        var tokens: [Int]
        var numbers: [Int]
        /// Row r's (local column, TF-IDF weight) entries are
        /// `entryColumns[rowStarts[r]..<rowStarts[r + 1]]`, in the order the terms first
        /// occur in the row: a function of the text alone, so sums over a row run in the
        /// same order in every process. The arrays are longer than `entryCount`: they
        /// grow a row at a time and are written through pointers, because an append per
        /// entry checked uniqueness and capacity twice for every one.
        var entryColumns: [Int32]
        var entryWeights: [Float]
        var entryCount = 0
        var rowStarts: [Int] = [0]
        private var keys: [UInt64] = []

        init(vectorizer: TfidfVectorizer, sentenceCount: Int, expectedEntries: Int) {
            self.vectorizer = vectorizer
            lookup = vectorizer.lookup
            unseen = TfidfVectorizer.inverseDocumentFrequency(df: 0, documents: vectorizer.state.documentCount,
                                                              configuration: vectorizer.configuration)
            unigramsOnly = vectorizer.configuration.ngrams == NGramRange(1, 1)
            tokens = [Int](repeating: 0, count: sentenceCount)
            numbers = [Int](repeating: 0, count: sentenceCount)
            terms = ArticleTerms(expectedTokens: expectedEntries)
            entryColumns = [Int32](repeating: 0, count: expectedEntries)
            entryWeights = [Float](repeating: 0, count: expectedEntries)
            rowStarts.reserveCapacity(sentenceCount + 2)
        }

        /// The article's distinct terms so far (local columns `0..<termCount`).
        var termCount: Int { terms.count }

        /// Frees the term table. Call once, when done.
        func deallocate() { terms.deallocate() }

        /// Appends the row of `text`: its distinct terms and their counts.
        mutating func count(_ text: String, sentence: Int?) {
            var tokenCount = 0, numberCount = 0
            // The table is moved into a local, so that the token closure does not
            // capture `self` while it is being mutated; it holds only raw buffers.
            var terms = self.terms
            // Not the table itself: see InterleavedFeatureTable.probe. `self` keeps it alive.
            let lookup = self.lookup.probe, unseen = self.unseen
            if unigramsOnly {
                // One pass: each token is counted as the tokenizer hands it over.
                vectorizer.analyzer.tokenizer.forEachToken(in: text) { token in
                    tokenCount += 1
                    if token.isNumber { numberCount += 1 }
                    terms.count(token.key, lookup: lookup, unseen: unseen)
                }
            } else {
                keys.removeAll(keepingCapacity: true)
                vectorizer.analyzer.appendKeys(of: text, to: &keys) { token in
                    tokenCount += 1
                    if token.isNumber { numberCount += 1 }
                }
                for key in keys { terms.count(key, lookup: lookup, unseen: unseen) }
            }
            if let sentence {
                tokens[sentence] = tokenCount
                numbers[sentence] = numberCount
            }
            // The term-frequency table is read into a local once: a global's lazy
            // initialization is checked at every read.
            let sublinear = vectorizer.configuration.sublinearTF, table = SublinearTermFrequency.table
            let start = entryCount, end = start + terms.rowTermCount
            if entryColumns.count < end {
                let grown = max(end, 2 * entryColumns.count)
                entryColumns.append(contentsOf: repeatElement(0, count: grown - entryColumns.count))
                entryWeights.append(contentsOf: repeatElement(0, count: grown - entryWeights.count))
            }
            entryColumns.withUnsafeMutableBufferPointer { columns in
                entryWeights.withUnsafeMutableBufferPointer { weights in
                    var entry = start
                    terms.endRow { column, count, idf in
                        let frequency = sublinear ? SublinearTermFrequency.value(Int(count), in: table) : count
                        columns[entry] = column
                        weights[entry] = frequency * idf
                        entry += 1
                    }
                }
            }
            self.terms = terms
            entryCount = end
            rowStarts.append(end)
        }
    }

    /// An article's distinct terms: key → local column, numbered in first-seen order,
    /// in an open-addressing table over raw memory, with each column's idf and its
    /// occurrences in the current row beside it. Counting runs once per token of every
    /// article; array storage would check bounds and uniqueness at each step.
    private struct ArticleTerms {
        private var slotKeys: UnsafeMutablePointer<UInt64>   // 0: empty
        private var slotColumns: UnsafeMutablePointer<Int32>
        private var capacity: Int
        /// Number of terms (the next column).
        private(set) var count = 0
        /// Per column, room for `capacity / 2` columns (the most the table holds before
        /// it grows): idf, and occurrences in the current row (zero between rows).
        private var idfs: UnsafeMutablePointer<Float>
        private var rowCounts: UnsafeMutablePointer<Float>
        /// The current row's distinct columns, in first-seen order.
        private var touched: UnsafeMutablePointer<Int32>
        private var touchedCount = 0

        /// A table sized for an article of about `expectedTokens` tokens: it holds as
        /// many distinct terms as half its slots, and an article's distinct terms are
        /// rarely more than half its tokens, so it seldom has to grow (a rehash of
        /// every term so far).
        init(expectedTokens: Int) {
            capacity = 512
            while capacity < expectedTokens { capacity *= 2 }
            slotKeys = .allocate(capacity: capacity)
            slotKeys.initialize(repeating: 0, count: capacity)
            slotColumns = .allocate(capacity: capacity)
            idfs = .allocate(capacity: capacity / 2)
            rowCounts = .allocate(capacity: capacity / 2)
            touched = .allocate(capacity: capacity / 2)
        }

        func deallocate() {
            slotKeys.deallocate(); slotColumns.deallocate(); idfs.deallocate(); rowCounts.deallocate(); touched.deallocate()
        }

        /// Counts one occurrence of `key` in the current row; a new term takes its idf
        /// from `lookup`, or `unseen`.
        @inline(__always)
        mutating func count(_ key: UInt64, lookup: InterleavedFeatureTable.Probe, unseen: Float) {
            if (count + 1) * 2 > capacity { grow() }
            let mask = capacity - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            var column: Int
            while true {
                let found = slotKeys[slot]
                if found == key { column = Int(slotColumns[slot]); break }
                if found == 0 {
                    column = count
                    slotKeys[slot] = key
                    slotColumns[slot] = Int32(column)
                    idfs[column] = lookup.payload(for: key, absent: unseen)
                    rowCounts[column] = 0
                    count += 1
                    break
                }
                slot = (slot + 1) & mask
            }
            // Written always, kept only for a column new to the row: a select, not a
            // branch that goes either way at random from token to token.
            let previous = rowCounts[column]
            touched[touchedCount] = Int32(column)
            touchedCount &+= previous == 0 ? 1 : 0
            rowCounts[column] = previous + 1
        }

        /// Distinct terms in the current row so far.
        var rowTermCount: Int { touchedCount }

        /// Hands over the current row's (column, count, idf) triples in first-seen order
        /// and starts a new row.
        mutating func endRow(_ body: (Int32, Float, Float) -> Void) {
            for index in 0..<touchedCount {
                let column = touched[index]
                body(column, rowCounts[Int(column)], idfs[Int(column)])
                rowCounts[Int(column)] = 0
            }
            touchedCount = 0
        }

        private mutating func grow() {
            let oldKeys = slotKeys, oldColumns = slotColumns, oldCapacity = capacity
            let oldIdfs = idfs, oldCounts = rowCounts, oldTouched = touched
            capacity *= 2
            slotKeys = .allocate(capacity: capacity)
            slotKeys.initialize(repeating: 0, count: capacity)
            slotColumns = .allocate(capacity: capacity)
            idfs = .allocate(capacity: capacity / 2)
            idfs.initialize(from: oldIdfs, count: count)
            rowCounts = .allocate(capacity: capacity / 2)
            rowCounts.initialize(from: oldCounts, count: count)
            touched = .allocate(capacity: capacity / 2)
            touched.initialize(from: oldTouched, count: touchedCount)
            let mask = capacity - 1
            for index in 0..<oldCapacity where oldKeys[index] != 0 {
                var slot = Int(truncatingIfNeeded: oldKeys[index]) & mask
                while slotKeys[slot] != 0 { slot = (slot + 1) & mask }
                slotKeys[slot] = oldKeys[index]
                slotColumns[slot] = oldColumns[index]
            }
            oldKeys.deallocate(); oldColumns.deallocate(); oldIdfs.deallocate(); oldCounts.deallocate(); oldTouched.deallocate()
        }
    }

    /// Cosine similarities of every pair of sentences: `cblas_ssyrk` on the block (rows
    /// are unit vectors over all their terms), mirrored into a full matrix; the diagonal
    /// is 1 for every sentence with a term.
    /// - Complexity: O(S² × T) time for T shared terms, O(S²) memory.
    func similarities() -> [Float] {
        let n = sentenceCount, t = termCount
        var result = [Float](repeating: 0, count: n * n)
        guard n > 0 else { return result }
        if t > 0 {
            block.withUnsafeBufferPointer { a in
                result.withUnsafeMutableBufferPointer { c in
                    // Column-major lower is the row-major upper triangle.
                    cblas_ssyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(n),
                                0, c.baseAddress, Int32(n))
                    for i in 0..<n { for j in 0..<i { c[i * n + j] = c[j * n + i] } }
                }
            }
        }
        for i in 0..<n { result[i * n + i] = nonEmpty[i] ? 1 : 0 }
        return result
    }

    /// Cosine of each sentence with the title: the block times the title's vector, over
    /// the title's terms only. O(S × title terms + T).
    ///
    /// Sparse work, so plain Swift: the title has a dozen of the block's hundred-odd
    /// columns, and `cblas_sgemv` on the whole block multiplied every column. The
    /// products it adds for the other columns are zeros, so the sums (taken in the
    /// same column order, without fused multiply-adds) are the same to the last bit.
    func titleSimilarities() -> [Float] {
        let n = sentenceCount, t = termCount
        var result = [Float](repeating: 0, count: n)
        guard n > 0, t > 0 else { return result }
        block.withUnsafeBufferPointer { block in
            result.withUnsafeMutableBufferPointer { result in
                for term in 0..<t where title[term] != 0 {
                    let weight = title[term], column = block.baseAddress! + term * n
                    for sentence in 0..<n { result[sentence] += weight * column[sentence] }
                }
            }
        }
        return result
    }

    /// Cosine of each sentence with the document centroid (the sum of the sentence
    /// vectors), from the similarity matrix: sentence i · centroid = Σⱼ sim(i, j), and
    /// |centroid|² = Σᵢ Σⱼ sim(i, j). O(S²).
    static func centroidSimilarities(fromSimilarities similarities: [Float], count n: Int) -> [Float] {
        var sums = [Float](repeating: 0, count: n)
        similarities.withUnsafeBufferPointer { similarities in
            for i in 0..<n {
                var sum: Float = 0
                for j in 0..<n { sum += similarities[i * n + j] }
                sums[i] = sum
            }
        }
        let total = sums.reduce(0, +)
        guard total > 0 else { return sums.map { _ in 0 } }
        let norm = total.squareRoot()
        return sums.map { $0 / norm }
    }

    /// Cosine of each sentence with the document centroid without the similarity
    /// matrix, for long articles: the same quantity, from per-sentence dot products
    /// with the summed block plus each sentence's own (unshared) part. O(S × T).
    func centroidSimilaritiesLinear() -> [Float] {
        let n = sentenceCount, t = termCount
        guard n > 0 else { return [] }
        var centroid = [Float](repeating: 0, count: max(1, t))
        var ones = [Float](repeating: 1, count: n)
        if t > 0 {
            block.withUnsafeBufferPointer { a in
                cblas_sgemv(CblasColMajor, CblasTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(n), &ones, 1, 0, &centroid, 1)
            }
        }
        // row_i · centroid over shared terms, plus 1 − |shared part of row_i|² for its
        // own terms (they meet only row_i itself in the centroid).
        var dots = [Float](repeating: 0, count: n)
        if t > 0 {
            block.withUnsafeBufferPointer { a in
                cblas_sgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(n), centroid, 1, 0, &dots, 1)
            }
        }
        var squaredCentroid: Float = t > 0 ? cblas_sdot(Int32(t), centroid, 1, centroid, 1) : 0
        for i in 0..<n where nonEmpty[i] {
            let sharedNorm = t > 0 ? block.withUnsafeBufferPointer { cblas_sdot(Int32(t), $0.baseAddress! + i, Int32(n), $0.baseAddress! + i, Int32(n)) } : 0
            let own = max(0, 1 - sharedNorm)
            dots[i] += own
            squaredCentroid += own
        }
        guard squaredCentroid > 0 else { return dots.map { _ in 0 } }
        let norm = squaredCentroid.squareRoot()
        return dots.map { $0 / norm }
    }

    /// Cosine of two different sentences. O(T).
    func similarity(_ a: Int, _ b: Int) -> Float {
        if a == b { return nonEmpty[a] ? 1 : 0 }
        let n = sentenceCount, t = termCount
        guard t > 0 else { return 0 }
        return block.withUnsafeBufferPointer { block in
            cblas_sdot(Int32(t), block.baseAddress! + a, Int32(n), block.baseAddress! + b, Int32(n))
        }
    }
}
