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

    public init(configuration: Configuration, state: State) {
        self.configuration = configuration
        self.state = state
        self.analyzer = Analyzer(tokenizer: Tokenizer(configuration.tokenizer), ngrams: configuration.ngrams)
    }

    /// Number of features (columns of the output).
    public var featureCount: Int { state.vocabulary.count }

    // MARK: Fitting

    /// Fits on `documents`.
    /// - Complexity: O(total text length) on `threads` cores, plus O(V log V) to order
    ///   the V distinct n-grams; memory O(V + distinct n-grams per document).
    public static func fit(_ documents: [String], configuration: Configuration = Configuration(),
                           threads: Int = defaultThreadCount) -> TfidfVectorizer {
        fitCounting(documents, configuration: configuration, threads: threads).vectorizer
    }

    /// Fits on `documents` and returns their TF-IDF matrix, counting each document once.
    public static func fitTransform(_ documents: [String], configuration: Configuration = Configuration(),
                                    threads: Int = defaultThreadCount) -> (TfidfVectorizer, SparseMatrix) {
        let (vectorizer, chunks, columnsOfChunk) = fitCounting(documents, configuration: configuration, threads: threads)
        let parts = parallelMap(chunks.count) { part in
            vectorizer.rows(of: chunks[part], columns: columnsOfChunk[part])
        }
        var matrix = SparseMatrix(columnCount: vectorizer.featureCount)
        for part in parts { matrix.appendRows(of: part) }
        return (vectorizer, matrix)
    }

    private static func fitCounting(_ documents: [String], configuration: Configuration, threads: Int)
        -> (vectorizer: TfidfVectorizer, chunks: [ChunkCounts], columnsOfChunk: [ContiguousArray<Int32>]) {
        let analyzer = Analyzer(tokenizer: Tokenizer(configuration.tokenizer), ngrams: configuration.ngrams)
        let ranges = contiguousChunks(documents.count, parts: max(1, threads))
        let chunks = parallelMap(ranges.count) { part in
            ChunkCounts(documents: documents[ranges[part]], analyzer: analyzer)
        }
        let merged = MergedCounts(chunks)
        let n = documents.count
        let minCount = configuration.minDF.documents(of: n)
        let maxCount = configuration.maxDF.documents(of: n)
        var kept = (0..<merged.keys.count).filter {
            let df = Double(merged.df[$0])
            return df >= minCount && df <= maxCount
        }
        if let limit = configuration.maxFeatures, kept.count > limit {
            kept.sort { merged.tf[$0] != merged.tf[$1] ? merged.tf[$0] > merged.tf[$1] : merged.textLess($0, $1) }
            kept.removeSubrange(limit...)
        }
        kept.sort { merged.textLess($0, $1) }

        var keys = ContiguousArray<UInt64>(), bytes = ContiguousArray<UInt8>(), offsets: ContiguousArray<UInt32> = [0]
        var idf = ContiguousArray<Float>()
        var columnOfMerged = ContiguousArray<Int32>(repeating: -1, count: merged.keys.count)
        keys.reserveCapacity(kept.count); idf.reserveCapacity(kept.count)
        for (column, id) in kept.enumerated() {
            columnOfMerged[id] = Int32(column)
            keys.append(merged.keys[id])
            bytes.append(contentsOf: merged.text(id))
            offsets.append(UInt32(bytes.count))
            idf.append(inverseDocumentFrequency(df: Int(merged.df[id]), documents: n, configuration: configuration))
        }
        let vectorizer = TfidfVectorizer(configuration: configuration, state: State(
            vocabulary: Vocabulary(keys: keys, textBytes: bytes, textOffsets: offsets), idf: idf, documentCount: n))
        let columnsOfChunk = merged.mergedIDOfChunk.map { ids in ContiguousArray(ids.map { columnOfMerged[Int($0)] }) }
        return (vectorizer, chunks, columnsOfChunk)
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
        var matrix = SparseMatrix(columnCount: featureCount)
        for part in parts { matrix.appendRows(of: part) }
        return matrix
    }

    /// The TF-IDF row of one document, as (column, value) pairs sorted by column.
    /// O(n log n) for n features in the document; unknown n-grams are ignored.
    public func transform(_ document: String) -> [(Int32, Float)] {
        var columns = ContiguousArray<Int32>()
        columns.reserveCapacity(document.utf8.count / 2)
        let vocabulary = state.vocabulary
        analyzer.forEachFeature(in: document) { key, _ in
            if let column = vocabulary.table.value(for: key) { columns.append(column) }
        }
        columns.sort()
        var row: [(Int32, Float)] = []
        row.reserveCapacity(columns.count)
        var index = 0
        while index < columns.count {
            let column = columns[index]
            var count = 0
            while index < columns.count && columns[index] == column { count += 1; index += 1 }
            row.append((column, weight(count: count, column: Int(column))))
        }
        normalize(&row)
        return row
    }

    @inline(__always)
    func weight(count: Int, column: Int) -> Float {
        let tf = configuration.sublinearTF ? 1 + Float(log(Double(count))) : Float(count)
        return tf * state.idf[column]
    }

    func normalize(_ row: inout [(Int32, Float)]) {
        guard configuration.normalize else { return }
        var sum: Double = 0
        for (_, value) in row { sum += Double(value) * Double(value) }
        guard sum > 0 else { return }
        let scale = Float(1 / sum.squareRoot())
        for index in row.indices { row[index].1 *= scale }
    }

    /// TF-IDF rows of the documents counted in `chunk`, given each local id's column.
    private func rows(of chunk: ChunkCounts, columns: ContiguousArray<Int32>) -> SparseMatrix {
        var matrix = SparseMatrix(columnCount: featureCount)
        var row: [(Int32, Float)] = []
        for document in 0..<(chunk.documentStarts.count - 1) {
            row.removeAll(keepingCapacity: true)
            for entry in chunk.documentStarts[document]..<chunk.documentStarts[document + 1] {
                let column = columns[Int(chunk.entryIDs[entry])]
                if column >= 0 { row.append((column, weight(count: Int(chunk.entryCounts[entry]), column: Int(column)))) }
            }
            row.sort { $0.0 < $1.0 }
            normalize(&row)
            matrix.appendRow(row)
        }
        return matrix
    }
}

/// The n-gram counts of a contiguous run of documents, made by one thread.
struct ChunkCounts {
    var table = FeatureHashTable(minimumCapacity: 1 << 16)
    var keys = ContiguousArray<UInt64>()
    var df = ContiguousArray<Int32>()
    var tf = ContiguousArray<Int64>()
    var textBytes: [UInt8] = []
    var textOffsets: ContiguousArray<UInt32> = [0]
    /// Document d's distinct n-grams are `entryIDs[documentStarts[d]..<documentStarts[d + 1]]`.
    var documentStarts: ContiguousArray<Int> = [0]
    var entryIDs = ContiguousArray<Int32>()
    var entryCounts = ContiguousArray<Int32>()

    init<C: Collection>(documents: C, analyzer: Analyzer) where C.Element == String {
        var lastDocument = ContiguousArray<Int32>()
        var positionInDocument = ContiguousArray<Int32>()
        var document: Int32 = 0
        for text in documents {
            analyzer.forEachFeature(in: text) { key, parts in
                let (id, inserted) = table.valueInserting(key) { Int32(keys.count) }
                let local = Int(id)
                if inserted {
                    keys.append(key)
                    df.append(0)
                    tf.append(0)
                    lastDocument.append(-1)
                    positionInDocument.append(0)
                    parts.appendText(to: &textBytes)
                    textOffsets.append(UInt32(textBytes.count))
                }
                tf[local] += 1
                if lastDocument[local] != document {
                    lastDocument[local] = document
                    positionInDocument[local] = Int32(entryIDs.count)
                    entryIDs.append(id)
                    entryCounts.append(1)
                    df[local] += 1
                } else {
                    entryCounts[Int(positionInDocument[local])] += 1
                }
            }
            documentStarts.append(entryIDs.count)
            document += 1
        }
    }
}

/// The union of several chunks' counts, in chunk order.
struct MergedCounts {
    var keys = ContiguousArray<UInt64>()
    var df = ContiguousArray<Int32>()
    var tf = ContiguousArray<Int64>()
    /// Where each merged id's text lives: (chunk, local id).
    var textSource = ContiguousArray<(Int32, Int32)>()
    /// For each chunk, local id → merged id.
    var mergedIDOfChunk: [ContiguousArray<Int32>] = []
    /// For each merged id, its text's first 8 bytes as a big-endian integer: most
    /// comparisons while sorting stop there.
    var prefixes = ContiguousArray<UInt64>()
    private let chunks: [ChunkCounts]

    init(_ chunks: [ChunkCounts]) {
        self.chunks = chunks
        var table = FeatureHashTable(minimumCapacity: chunks.first?.keys.count ?? 16)
        for (chunkIndex, chunk) in chunks.enumerated() {
            var mapping = ContiguousArray<Int32>(repeating: 0, count: chunk.keys.count)
            for local in 0..<chunk.keys.count {
                let (id, inserted) = table.valueInserting(chunk.keys[local]) { Int32(keys.count) }
                if inserted {
                    keys.append(chunk.keys[local])
                    df.append(0)
                    tf.append(0)
                    textSource.append((Int32(chunkIndex), Int32(local)))
                }
                df[Int(id)] += chunk.df[local]
                tf[Int(id)] += chunk.tf[local]
                mapping[local] = id
            }
            mergedIDOfChunk.append(mapping)
        }
        prefixes.reserveCapacity(keys.count)
        for id in 0..<keys.count {
            var prefix: UInt64 = 0
            let text = self.text(id)
            for index in 0..<8 { prefix = (prefix << 8) | UInt64(index < text.count ? text[text.startIndex + index] : 0) }
            prefixes.append(prefix)
        }
    }

    /// The UTF-8 text of merged id `id`.
    func text(_ id: Int) -> ArraySlice<UInt8> {
        let (chunkIndex, local) = textSource[id]
        let chunk = chunks[Int(chunkIndex)]
        return chunk.textBytes[Int(chunk.textOffsets[Int(local)])..<Int(chunk.textOffsets[Int(local) + 1])]
    }

    /// Byte-wise order of the texts of `a` and `b`.
    func textLess(_ a: Int, _ b: Int) -> Bool {
        if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
        return text(a).lexicographicallyPrecedes(text(b))
    }
}
