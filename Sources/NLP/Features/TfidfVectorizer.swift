import Foundation

/// A TF-IDF vectorizer over syllable n-grams, with scikit-learn's formulas:
///
/// - tf is the raw count, or `1 + ln(count)` with `sublinearTF`;
/// - idf is `ln((1 + n) / (1 + df)) + 1` with `smoothIDF`, else `ln(n / df) + 1`;
/// - each row is scaled to unit L2 norm when `normalize` is on.
///
/// Configuration (what to do) and ``State`` (what was learned) are separate; a
/// model file stores both. Fitting and transforming run on all cores.
public struct TfidfVectorizer: Sendable {
    /// A document-frequency bound: an absolute number of documents or a fraction of them.
    public enum DocumentFrequency: Codable, Sendable, Equatable, CustomStringConvertible {
        case count(Int)
        case fraction(Double)

        /// The bound in documents, for a corpus of `documents` (scikit-learn compares
        /// counts against the fraction times the corpus size).
        func documents(of documents: Int) -> Double {
            switch self {
            case .count(let count): return Double(count)
            case .fraction(let fraction): return fraction * Double(documents)
            }
        }

        /// Parses `"2"` as a count and `"0.9"` as a fraction.
        public init?(parsing text: String) {
            if let count = Int(text), count >= 0 {
                self = .count(count)
            } else if let fraction = Double(text), fraction >= 0, fraction <= 1 {
                self = .fraction(fraction)
            } else {
                return nil
            }
        }

        public var description: String {
            switch self {
            case .count(let count): return "\(count)"
            case .fraction(let fraction): return "\(fraction)"
            }
        }
    }

    /// What the vectorizer does; everything here is stored in model files.
    public struct Configuration: Codable, Sendable, Equatable {
        public var tokenizer: TokenizerConfiguration
        public var ngrams: NGramRange
        /// Drop features in fewer documents than this.
        public var minDF: DocumentFrequency
        /// Drop features in more documents than this.
        public var maxDF: DocumentFrequency
        /// Keep only this many features, the most frequent in the corpus (ties: text order).
        public var maxFeatures: Int?
        public var sublinearTF: Bool
        public var smoothIDF: Bool
        public var useIDF: Bool
        /// Scale each row to unit L2 norm.
        public var normalize: Bool

        public init(tokenizer: TokenizerConfiguration = TokenizerConfiguration(), ngrams: NGramRange = NGramRange(),
                    minDF: DocumentFrequency = .count(1), maxDF: DocumentFrequency = .fraction(1.0),
                    maxFeatures: Int? = nil, sublinearTF: Bool = true, smoothIDF: Bool = true,
                    useIDF: Bool = true, normalize: Bool = true) {
            self.tokenizer = tokenizer
            self.ngrams = ngrams
            self.minDF = minDF
            self.maxDF = maxDF
            self.maxFeatures = maxFeatures
            self.sublinearTF = sublinearTF
            self.smoothIDF = smoothIDF
            self.useIDF = useIDF
            self.normalize = normalize
        }
    }

    /// What fitting learned.
    public struct State: Sendable {
        public var vocabulary: Vocabulary
        /// Per column: the inverse document frequency (1 when `useIDF` is off).
        public var idf: ContiguousArray<Float>
        /// Number of documents the vectorizer was fitted on.
        public var documentCount: Int

        public init(vocabulary: Vocabulary, idf: ContiguousArray<Float>, documentCount: Int) {
            precondition(idf.count == vocabulary.count)
            self.vocabulary = vocabulary
            self.idf = idf
            self.documentCount = documentCount
        }
    }

    public let configuration: Configuration
    public let state: State
    public let analyzer: Analyzer
    /// Key → column with the column's idf beside it: one cache line per n-gram looked up.
    public let lookup: InterleavedFeatureTable

    public init(configuration: Configuration, state: State) {
        self.configuration = configuration
        self.state = state
        self.analyzer = Analyzer(tokenizer: Tokenizer(configuration.tokenizer), ngrams: configuration.ngrams)
        self.lookup = InterleavedFeatureTable(indexing: state.vocabulary.keys, payload: state.idf)
    }

    /// Number of features (columns of the output).
    public var featureCount: Int { state.vocabulary.count }

    /// Bits needed to hold any column index (for radix-sorting rows).
    var columnBits: Int { max(1, Int.bitWidth - featureCount.leadingZeroBitCount) }

    // MARK: Fitting

    /// Fits on `documents`.
    /// - Complexity: O(total text length) on `threads` cores, plus O(V log V) to order
    ///   the V distinct n-grams; memory O(V + distinct n-grams per document).
    public static func fit(_ documents: [String], configuration: Configuration = Configuration(),
                           threads: Int = defaultThreadCount) -> TfidfVectorizer {
        let (vectorizer, counts) = fitCounting(documents, configuration: configuration, threads: threads)
        counts.forEach { $0.deallocate() }
        return vectorizer
    }

    /// Fits on `documents` and returns their TF-IDF matrix, counting each document once.
    public static func fitTransform(_ documents: [String], configuration: Configuration = Configuration(),
                                    threads: Int = defaultThreadCount) -> (TfidfVectorizer, SparseMatrix) {
        let (vectorizer, counts) = fitCounting(documents, configuration: configuration, threads: threads)
        defer { counts.forEach { $0.deallocate() } }
        // Each run's columns and non-zero count first, so that its rows can be written in
        // place into the one matrix.
        let columnsOfIDs = parallelMap(counts.count) { part in vectorizer.columnOfID(in: counts[part]) }
        let sizes = counts.indices.map { part in (rows: counts[part].documentStarts.count - 1, nonzeros: columnsOfIDs[part].nonzeros) }
        let matrix = SparseMatrix(parts: sizes, columnCount: vectorizer.featureCount) { part, rowEnds, columns, values in
            vectorizer.writeRows(of: counts[part], columnOfID: columnsOfIDs[part].columns, rowEnds: rowEnds, columns: columns, values: values)
        }
        return (vectorizer, matrix)
    }

    /// A feature that passed the document-frequency bounds, before it gets its column.
    /// Plain data (no references), so that sorting millions of them copies no
    /// reference counts.
    private struct Candidate {
        var key: UInt64
        /// The text's first 8 bytes as a big-endian integer: most comparisons stop there.
        var prefix: UInt64
        var totalCount: Int64
        var documentFrequency: Int32
        /// The counting run that saw it first, and its id there.
        var chunk: Int32
        var id: Int32
        /// Its text: `texts[part][textOffset..<textOffset + textLength]`, made once the
        /// candidate passed the bounds.
        var part: Int32
        var textOffset: UInt32
        var textLength: UInt32
    }

    private static func fitCounting(_ documents: [String], configuration: Configuration, threads: Int)
        -> (vectorizer: TfidfVectorizer, counts: [NGramCounts]) {
        let analyzer = Analyzer(tokenizer: Tokenizer(configuration.tokenizer), ngrams: configuration.ngrams)
        let ranges = contiguousChunks(documents.count, parts: max(1, threads))
        let counts = parallelMap(ranges.count) { part in NGramCounts(documents: documents[ranges[part]], analyzer: analyzer) }
        let n = documents.count
        let minCount = configuration.minDF.documents(of: n)
        let maxCount = configuration.maxDF.documents(of: n)

        // Orders candidates by text: a radix sort on the texts' first bytes (the prefix's
        // top bits, packed above each candidate's position), then a comparison sort of each
        // run that shares them, with memcmp past the prefix: a quarter less time than a
        // comparison sort of all of them (196k features a partition: 36 -> 27 ms).
        func sortedByText(_ candidates: [Candidate], texts: [[UInt8]]) -> [Candidate] {
            let positionBits = max(1, Int.bitWidth - candidates.count.leadingZeroBitCount)
            let positionMask = (UInt64(1) << UInt64(positionBits)) - 1
            var packed = candidates.indices.map { position in
                (candidates[position].prefix & ~positionMask) | UInt64(position)
            }
            packed.withUnsafeMutableBufferPointer { radixSort($0, keyShift: positionBits, keyBits: 64 - positionBits) }
            withTextPointers(texts) { bases in
                packed.withUnsafeMutableBufferPointer { packed in
                    var start = 0
                    while start < packed.count {
                        var end = start + 1
                        while end < packed.count && packed[end] & ~positionMask == packed[start] & ~positionMask { end += 1 }
                        if end - start > 1 {
                            var run = UnsafeMutableBufferPointer(rebasing: packed[start..<end])
                            run.sort { a, b in
                                let x = candidates[Int(a & positionMask)], y = candidates[Int(b & positionMask)]
                                return x.prefix != y.prefix ? x.prefix < y.prefix : textPrecedes(x, y, bases)
                            }
                        }
                        start = end
                    }
                }
            }
            return packed.map { candidates[Int($0 & positionMask)] }
        }

        // Without a feature limit, each partition sorts its own survivors by text in
        // parallel and one merge orders them all; a limit needs all of them ranked by count first.
        let sortsInParallel = configuration.maxFeatures == nil

        // Total counts rank features only for a limit.
        let totals = sortsInParallel ? [] : parallelMap(counts.count) { counts[$0].totalCounts() }

        // Merge the threads' counts in parallel, each thread taking one slice of the key
        // space and making the texts of the n-grams in it that pass the bounds. An
        // n-gram is taken up by the first run that saw it, which looks it up in the
        // later runs' tables for the rest of its counts: no merged table of every
        // distinct n-gram is built, as most fail the bounds and that table's fresh
        // memory cost more than the lookups.
        let partitions = max(1, threads)
        let probes = counts.map(\.probe)
        let survivors = parallelMap(partitions) { partition -> (candidates: [Candidate], text: [UInt8]) in
            var kept: [Candidate] = []
            for (chunkIndex, chunk) in probes.enumerated() {
                for slot in 0...chunk.mask {
                    let entry = chunk.slots[slot]
                    guard entry.key != 0, Int((entry.key >> 40) % UInt64(partitions)) == partition,
                          !probes[..<chunkIndex].contains(where: { $0.slot(of: entry.key) != nil }) else { continue }
                    var documentFrequency = Int(entry.documentFrequency)
                    var totalCount = sortsInParallel ? 0 : totals[chunkIndex][Int(entry.id)]
                    for later in (chunkIndex + 1)..<probes.count {
                        guard let other = probes[later].slot(of: entry.key) else { continue }
                        documentFrequency += Int(other.documentFrequency)
                        if !sortsInParallel { totalCount += totals[later][Int(other.id)] }
                    }
                    guard Double(documentFrequency) >= minCount && Double(documentFrequency) <= maxCount else { continue }
                    kept.append(Candidate(key: entry.key, prefix: 0, totalCount: totalCount, documentFrequency: Int32(documentFrequency),
                                          chunk: Int32(chunkIndex), id: entry.id, part: Int32(partition), textOffset: 0, textLength: 0))
                }
            }
            var text: [UInt8] = []
            // Run by run: taking `counts[chunk]` per n-gram copied the run's value (a
            // retain and release of each of its arrays).
            for (chunkIndex, chunk) in counts.enumerated() {
                for index in kept.indices where kept[index].chunk == chunkIndex {
                    let start = text.count
                    chunk.appendText(ofNGram: Int(kept[index].id), analyzer: analyzer, to: &text)
                    kept[index].textOffset = UInt32(start)
                    kept[index].textLength = UInt32(text.count - start)
                    var prefix: UInt64 = 0
                    for offset in 0..<8 { prefix = (prefix << 8) | UInt64(start + offset < text.count ? text[start + offset] : 0) }
                    kept[index].prefix = prefix
                }
            }
            // The candidates' `part` is this partition: the texts before it are not made yet.
            if sortsInParallel { kept = sortedByText(kept, texts: Array(repeating: [], count: partition) + [text]) }
            return (kept, text)
        }
        let texts = survivors.map(\.text)
        // Runs of candidates in text order: each partition's, or one of all of them.
        let runs: [[Candidate]]
        if sortsInParallel {
            runs = survivors.map(\.candidates)
        } else {
            var kept = Array(survivors.map(\.candidates).joined())
            if let limit = configuration.maxFeatures, kept.count > limit {
                withTextPointers(texts) { bases in
                    kept.sort { a, b in
                        if a.totalCount != b.totalCount { return a.totalCount > b.totalCount }
                        return a.prefix != b.prefix ? a.prefix < b.prefix : textPrecedes(a, b, bases)
                    }
                }
                kept.removeSubrange(limit...)
            }
            runs = [sortedByText(kept, texts: texts)]
        }

        // Texts are distinct (a key is the hash of its text), so merging the sorted runs
        // gives exactly the order of one sort over all. The merge writes the vocabulary's
        // arrays directly: a merged copy of the candidates was 48 bytes a feature more to
        // write and read again.
        let featureCount = runs.reduce(0) { $0 + $1.count }
        var keys = ContiguousArray<UInt64>(), bytes = ContiguousArray<UInt8>(), offsets: ContiguousArray<UInt32> = [0]
        var idf = ContiguousArray<Float>()
        keys.reserveCapacity(featureCount); idf.reserveCapacity(featureCount); offsets.reserveCapacity(featureCount + 1)
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.count })
        withTextPointers(texts) { bases in
            withBufferPointers(runs) { runs in
                var heads = [Int](repeating: 0, count: runs.count)
                while true {
                    var best = -1
                    for run in runs.indices where heads[run] < runs[run].count {
                        guard best >= 0 else { best = run; continue }
                        let a = runs[run][heads[run]], b = runs[best][heads[best]]
                        if a.prefix != b.prefix ? a.prefix < b.prefix : textPrecedes(a, b, bases) { best = run }
                    }
                    guard best >= 0 else { break }
                    let candidate = runs[best][heads[best]]
                    heads[best] += 1
                    keys.append(candidate.key)
                    bytes.append(contentsOf: UnsafeBufferPointer(start: bases[Int(candidate.part)]! + Int(candidate.textOffset),
                                                                 count: Int(candidate.textLength)))
                    offsets.append(UInt32(bytes.count))
                    idf.append(inverseDocumentFrequency(df: Int(candidate.documentFrequency), documents: n, configuration: configuration))
                }
            }
        }
        let vectorizer = TfidfVectorizer(configuration: configuration, state: State(
            vocabulary: Vocabulary(keys: keys, textBytes: bytes, textOffsets: offsets), idf: idf, documentCount: n))
        return (vectorizer, counts)
    }

    /// Calls `body` with the base address of each of `texts` (a candidate's `part`
    /// indexes them), valid during the call.
    private static func withTextPointers<R>(_ texts: [[UInt8]], _ body: ([UnsafePointer<UInt8>?]) -> R) -> R {
        withBufferPointers(texts) { body($0.map(\.baseAddress)) }
    }

    /// Calls `body` with a buffer pointer to each of `arrays`, valid during the call:
    /// reading an element of an array of arrays retains and releases the inner one.
    private static func withBufferPointers<T, R>(_ arrays: [[T]], _ body: ([UnsafeBufferPointer<T>]) -> R) -> R {
        var buffers: [UnsafeBufferPointer<T>] = []
        func next(_ index: Int) -> R {
            guard index < arrays.count else { return body(buffers) }
            return arrays[index].withUnsafeBufferPointer { buffer in
                buffers.append(buffer)
                return next(index + 1)
            }
        }
        return next(0)
    }

    /// Whether `a`'s text comes before `b`'s in byte order (`bases` from ``withTextPointers``).
    @inline(__always)
    private static func textPrecedes(_ a: Candidate, _ b: Candidate, _ bases: [UnsafePointer<UInt8>?]) -> Bool {
        let aLength = Int(a.textLength), bLength = Int(b.textLength)
        let common = min(aLength, bLength)
        if common > 0 {
            let sign = memcmp(bases[Int(a.part)]! + Int(a.textOffset), bases[Int(b.part)]! + Int(b.textOffset), common)
            if sign != 0 { return sign < 0 }
        }
        return aLength < bLength
    }

    static func inverseDocumentFrequency(df: Int, documents n: Int, configuration: Configuration) -> Float {
        guard configuration.useIDF else { return 1 }
        if configuration.smoothIDF { return Float(log(Double(1 + n) / Double(1 + df)) + 1) }
        return Float(log(Double(n) / Double(df)) + 1)
    }

    // MARK: Transforming

    /// The TF-IDF rows of `documents`. O(total text length) on `threads` cores.
    public func transform(_ documents: [String], threads: Int = defaultThreadCount) -> SparseMatrix {
        let ranges = contiguousChunks(documents.count, parts: max(1, threads) * 4)
        let parts = parallelMap(ranges.count) { part in
            var matrix = SparseMatrix(columnCount: featureCount)
            for document in documents[ranges[part]] { matrix.appendRow(transform(document)) }
            return matrix
        }
        return SparseMatrix(stacking: parts, columnCount: featureCount)
    }

    /// The TF-IDF row of one document, as (column, value) pairs sorted by column.
    /// O(n) for n n-grams in the document (a radix sort); unknown n-grams are ignored.
    public func transform(_ document: String) -> [(Int32, Float)] {
        // Keys first, then all lookups in one loop: the lookups' cache misses overlap.
        var keys: [UInt64] = []
        analyzer.appendKeys(of: document, to: &keys)
        // Each entry is idf bits << 32 | column, so sorting by the low bits groups a
        // column's occurrences and the idf needs no second lookup.
        var entries: [UInt64] = []
        keys.withUnsafeBufferPointer { lookup.appendValues(of: $0, to: &entries) }
        var row = entries.withUnsafeMutableBufferPointer { entries in
            radixSort(entries, keyBits: columnBits)
            // Read once: each read of a global checks its lazy initialization.
            let sublinear = configuration.sublinearTF, table = SublinearTermFrequency.table
            return [(Int32, Float)](unsafeUninitializedCapacity: entries.count) { row, written in
                written = 0
                var index = 0
                while index < entries.count {
                    let entry = entries[index]
                    var count = 0
                    while index < entries.count && entries[index] == entry { count += 1; index += 1 }
                    let (column, idf) = InterleavedFeatureTable.unpack(entry)
                    let tf = sublinear ? SublinearTermFrequency.value(count, in: table) : Float(count)
                    row[written] = (column, tf * idf)
                    written += 1
                }
            }
        }
        normalize(&row)
        return row
    }

    @inline(__always)
    func weight(count: Int, column: Int) -> Float {
        let tf = configuration.sublinearTF ? sublinearTermFrequency(count) : Float(count)
        return tf * state.idf[column]
    }

    func normalize(_ row: inout [(Int32, Float)]) {
        var sum: Double = 0
        for (_, value) in row { sum += Double(value) * Double(value) }
        guard let scale = normalizationScale(sumOfSquares: sum) else { return }
        for index in row.indices { row[index].1 *= scale }
    }

    /// The factor that scales a row whose squared values, summed in column order, make
    /// `sum` to unit length; `nil` when rows are not normalized or the row is empty.
    /// Both ways of building rows use it, so that they agree to the last bit.
    @inline(__always)
    func normalizationScale(sumOfSquares sum: Double) -> Float? {
        guard configuration.normalize && sum > 0 else { return nil }
        return Float(1 / sum.squareRoot())
    }

    /// The column of each of the n-grams counted in `counts`, by id (-1: not a
    /// feature), and how many entries the rows of its documents have. O(n-grams + entries).
    private func columnOfID(in counts: NGramCounts) -> (columns: [Int32], nonzeros: Int) {
        let columnOfID = [Int32](unsafeUninitializedCapacity: counts.count) { columns, written in
            for slot in 0..<counts.capacity where counts.slots[slot].key != 0 {
                columns[Int(counts.slots[slot].id)] = lookup.value(for: counts.slots[slot].key)
            }
            written = counts.count
        }
        let nonzeros = counts.entryIDs.reduce(0) { $0 + (columnOfID[Int($1)] >= 0 ? 1 : 0) }
        return (columnOfID, nonzeros)
    }

    /// Writes the TF-IDF rows of the documents counted in `counts`: row `d`'s entries
    /// end at `rowEnds[d]` in `columns` and `values`, which hold exactly the non-zero
    /// count ``columnOfID(in:)`` gave. `columnOfID` is from it too: frequent n-grams have
    /// small ids, so the reads of that array mostly hit cache. O(entries).
    private func writeRows(of counts: NGramCounts, columnOfID: [Int32], rowEnds: UnsafeMutableBufferPointer<Int>,
                           columns: UnsafeMutableBufferPointer<Int32>, values: UnsafeMutableBufferPointer<Float>) {
        let documents = counts.documentStarts.count - 1
        var longest = 0
        for document in 0..<documents {
            longest = max(longest, counts.documentStarts[document + 1] - counts.documentStarts[document])
        }
        // One scratch row of (column << 32 | count): sorting plain integers orders it by column.
        let packed = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, longest))
        defer { packed.deallocate() }
        var written = 0
        counts.entryIDs.withUnsafeBufferPointer { ids in
            counts.entryCounts.withUnsafeBufferPointer { entryCounts in
                columnOfID.withUnsafeBufferPointer { columnOfID in
                    for document in 0..<documents {
                        var n = 0
                        for entry in counts.documentStarts[document]..<counts.documentStarts[document + 1] {
                            let column = columnOfID[Int(ids[entry])]
                            if column >= 0 {
                                packed[n] = UInt64(UInt32(column)) << 32 | UInt64(UInt32(entryCounts[entry]))
                                n += 1
                            }
                        }
                        radixSort(UnsafeMutableBufferPointer(start: packed, count: n), keyShift: 32, keyBits: columnBits)
                        var sum: Double = 0
                        for index in 0..<n {
                            let column = Int32(truncatingIfNeeded: packed[index] >> 32)
                            let value = weight(count: Int(packed[index] & 0xFFFF_FFFF), column: Int(column))
                            columns[written + index] = column
                            values[written + index] = value
                            sum += Double(value) * Double(value)
                        }
                        if let scale = normalizationScale(sumOfSquares: sum) {
                            for index in written..<(written + n) { values[index] *= scale }
                        }
                        written += n
                        rowEnds[document] = written
                    }
                }
            }
        }
    }
}

/// Sublinear term frequencies, tabulated: most counts in a document are small, and a
/// table read is far cheaper than `log`.
enum SublinearTermFrequency {
    /// 1 + ln(count) for counts 0..<64 (0 for 0), rounded once from `Double`. A
    /// per-token loop reads it into a local first: each read of a global checks its
    /// lazy initialization.
    static let table: [Float] = (0..<64).map { $0 == 0 ? 0 : 1 + Float(log(Double($0))) }

    /// 1 + ln(count), from `table` (a local copy of ``table``) when it has the count.
    @inline(__always)
    static func value(_ count: Int, in table: [Float]) -> Float {
        count < table.count ? table[count] : 1 + Float(log(Double(count)))
    }
}

/// Sublinear term frequency, 1 + ln(count), exactly as `1 + Float(log(Double(count)))`.
@inline(__always)
func sublinearTermFrequency(_ count: Int) -> Float {
    SublinearTermFrequency.value(count, in: SublinearTermFrequency.table)
}
