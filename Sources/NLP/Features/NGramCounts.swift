/// One thread's n-gram counts over a run of documents, for fitting a vectorizer.
///
/// Each distinct n-gram has one 32-byte record in an open-addressing table, so that
/// counting an occurrence touches one cache line: its key, document frequency, total
/// count, the last document it was seen in and its entry in that document's list, and
/// where its text is kept. Each document's distinct n-grams and counts are kept as
/// (key, count) entries for building the TF-IDF rows later without tokenizing again.
/// A document's n-grams are collected first and counted together (see
/// ``DocumentFeatures``).
struct NGramCounts {
    struct Record {
        var key: UInt64
        var textOffset: UInt32
        var textLength: UInt32
        var documentFrequency: Int32
        var totalCount: Int32
        var lastDocument: Int32
        var entry: Int32
    }

    private(set) var records: UnsafeMutablePointer<Record>
    private(set) var capacity: Int
    private(set) var count = 0
    /// Texts of the distinct n-grams, concatenated UTF-8.
    private(set) var text: [UInt8] = []
    /// Document d's entries are `entryKeys[documentStarts[d]..<documentStarts[d + 1]]`.
    private(set) var documentStarts: [Int] = [0]
    private(set) var entryKeys: [UInt64] = []
    private(set) var entryCounts: [Int32] = []

    /// Loads from the table's slots, summed so that the compiler keeps them (see `count`).
    private var warmth: UInt64 = 0

    init<C: Collection>(documents: C, analyzer: Analyzer) where C.Element == String {
        capacity = 1 << 16
        records = LargeTableMemory.allocate(Record.self, count: capacity)
        records.initialize(repeating: Record(key: 0, textOffset: 0, textLength: 0, documentFrequency: 0,
                                             totalCount: 0, lastDocument: -1, entry: 0), count: capacity)
        var features = DocumentFeatures()
        var document: Int32 = 0
        for text in documents {
            var copy = text
            copy.withUTF8 { input in
                analyzer.collect(inUTF8: input, into: &features)
                count(features, in: input, analyzer: analyzer, document: document)
            }
            documentStarts.append(entryKeys.count)
            document += 1
        }
    }

    /// Frees the table. Call once, when the counts are no longer needed.
    func deallocate() {
        LargeTableMemory.deallocate(records, count: capacity)
    }

    private mutating func count(_ features: DocumentFeatures, in input: UnsafeBufferPointer<UInt8>,
                                analyzer: Analyzer, document: Int32) {
        while (count + features.count) * 2 > capacity { grow() }
        let mask = capacity - 1
        features.keys.withUnsafeBufferPointer { keys in
            // First touch every key's home slot in a loop of independent loads, so that
            // their cache misses overlap; the counting loop below then finds them in cache.
            var touched: UInt64 = 0
            for key in keys { touched ^= records[Int(truncatingIfNeeded: key) & mask].key }
            warmth ^= touched
            for index in 0..<keys.count {
                add(keys[index], document: document) { analyzer.appendText(ofNGramAt: features.range(of: index), in: input, to: &$0) }
            }
        }
    }

    @inline(__always)
    private mutating func add(_ key: UInt64, document: Int32, appendText: (inout [UInt8]) -> Void) {
        let mask = capacity - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while records[slot].key != key && records[slot].key != 0 { slot = (slot + 1) & mask }
        let record = records + slot
        if record.pointee.key == 0 {
            let offset = text.count
            appendText(&text)
            record.pointee = Record(key: key, textOffset: UInt32(offset), textLength: UInt32(text.count - offset),
                                    documentFrequency: 0, totalCount: 0, lastDocument: -1, entry: 0)
            count += 1
        }
        record.pointee.totalCount &+= 1
        if record.pointee.lastDocument != document {
            record.pointee.lastDocument = document
            record.pointee.entry = Int32(entryKeys.count)
            record.pointee.documentFrequency += 1
            entryKeys.append(key)
            entryCounts.append(1)
        } else {
            entryCounts[Int(record.pointee.entry)] += 1
        }
    }

    private mutating func grow() {
        let old = records, oldCapacity = capacity
        capacity *= 2
        records = LargeTableMemory.allocate(Record.self, count: capacity)
        records.initialize(repeating: Record(key: 0, textOffset: 0, textLength: 0, documentFrequency: 0,
                                             totalCount: 0, lastDocument: -1, entry: 0), count: capacity)
        let mask = capacity - 1
        for index in 0..<oldCapacity where old[index].key != 0 {
            var slot = Int(truncatingIfNeeded: old[index].key) & mask
            while records[slot].key != 0 { slot = (slot + 1) & mask }
            records[slot] = old[index]
        }
        LargeTableMemory.deallocate(old, count: oldCapacity)
    }

    /// The text bytes of a record.
    func text(of record: Record) -> ArraySlice<UInt8> {
        text[Int(record.textOffset)..<Int(record.textOffset + record.textLength)]
    }
}
