import CacheHints

/// One thread's n-gram counts over a run of documents, for fitting a vectorizer.
///
/// Each distinct n-gram gets an id, in the order the run first sees it, and one 16-byte
/// slot in an open-addressing table: its key, id and document frequency. The input
/// bytes where it first occurs are copied, by id; its text (normalized syllables) is
/// made from them only if it becomes a feature (``appendText(ofNGram:analyzer:to:)``),
/// as most n-grams never do, and tokenizing there costs more than a copy here. Its
/// total count is summed only when asked for (``totalCounts()``), as an update by id per
/// document was a cache miss each. Frequent n-grams are seen early, so their ids are
/// small and the arrays by id have their hot part in cache; the table, a quarter of the
/// size of one holding everything, misses less.
///
/// A document's n-grams are collected first (``DocumentFeatures``) and counted within
/// the document in a small table that stays in cache; the run's table then sees each
/// distinct n-gram of the document once. Each document's distinct n-grams and counts
/// are kept as (id, count) entries for building the TF-IDF rows later without
/// tokenizing again.
struct NGramCounts {
    struct Slot {
        /// 0 marks an empty slot.
        var key: UInt64
        var id: Int32
        var documentFrequency: Int32
    }

    private(set) var slots: UnsafeMutablePointer<Slot>
    private(set) var capacity: Int
    /// Number of distinct n-grams, the next id.
    private(set) var count = 0
    /// The input bytes where each n-gram first occurs, concatenated: n-gram `id`'s are
    /// `source[sourceOffsets[id]..<sourceOffsets[id + 1]]`.
    private var source: [UInt8] = []
    private var sourceOffsets: [UInt32] = [0]
    /// Document d's entries are `entryIDs[documentStarts[d]..<documentStarts[d + 1]]`.
    private(set) var documentStarts: [Int] = [0]
    private(set) var entryIDs: [Int32] = []
    private(set) var entryCounts: [Int32] = []

    init<C: Collection>(documents: C, analyzer: Analyzer) where C.Element == String {
        capacity = 1 << 16
        slots = NGramCounts.emptySlots(capacity)
        var features = DocumentFeatures()
        var local = DocumentCounts()
        // Room for the entries up front: growing these arrays by doubling copies them
        // and touches twice the memory. News text gives about one distinct n-gram per
        // 4 bytes for each n; one per 3 leaves headroom, and unused room is address
        // space the system never backs.
        let bytes = documents.reduce(0) { $0 + $1.utf8.count }
        let estimate = bytes / 3 * (analyzer.ngrams.upper - analyzer.ngrams.lower + 1)
        entryIDs.reserveCapacity(estimate)
        entryCounts.reserveCapacity(estimate)
        documentStarts.reserveCapacity(documents.count + 1)
        for text in documents {
            var copy = text
            copy.withUTF8 { input in
                analyzer.collect(inUTF8: input, into: &features)
                local.count(features)
                add(local, features: features, in: input)
            }
            documentStarts.append(entryIDs.count)
        }
        local.deallocate()
    }

    /// Occurrences of each n-gram in the run, by id. O(entries).
    func totalCounts() -> [Int64] {
        var totals = [Int64](repeating: 0, count: count)
        for (id, occurrences) in zip(entryIDs, entryCounts) { totals[Int(id)] += Int64(occurrences) }
        return totals
    }

    /// Appends the text of n-gram `id` (its syllables, normalized, joined by one space) to
    /// `bytes`, tokenizing the input bytes where it first occurred. O(length of the n-gram).
    func appendText(ofNGram id: Int, analyzer: Analyzer, to bytes: inout [UInt8]) {
        let start = Int(sourceOffsets[id]), end = Int(sourceOffsets[id + 1])
        source.withUnsafeBufferPointer { source in
            analyzer.appendText(ofNGramAt: start..<end, in: source, to: &bytes)
        }
    }

    /// The table as a plain pointer and mask, for lookups in loops over many keys (a
    /// loop that reads the struct out of an array retains and releases its arrays at
    /// every step). Valid until ``deallocate()``; safe to share once counting is done.
    var probe: Probe { Probe(slots: UnsafePointer(slots), mask: capacity - 1) }

    /// See ``probe``.
    struct Probe {
        let slots: UnsafePointer<Slot>
        let mask: Int

        /// The slot holding `key`, or `nil` when the run never saw it. O(1) expected.
        @inline(__always)
        func slot(of key: UInt64) -> Slot? {
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = slots[slot]
                if found.key == key { return found }
                if found.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Frees the table. Call once, when the counts are no longer needed.
    func deallocate() {
        LargeTableMemory.deallocate(slots, count: capacity)
    }

    private static func emptySlots(_ capacity: Int) -> UnsafeMutablePointer<Slot> {
        // All-zero bytes are the empty slot (key 0).
        LargeTableMemory.allocateZeroed(Slot.self, count: capacity)
    }

    /// Adds one document's distinct n-grams (`local`) to the run's counts.
    private mutating func add(_ local: DocumentCounts, features: DocumentFeatures, in input: UnsafeBufferPointer<UInt8>) {
        // At most 5/8 full: linear probing stays short, and the table stays small.
        while (count + local.distinct) * 8 > capacity * 5 { grow() }
        let mask = capacity - 1
        let keys = local.keys, counts = local.counts, first = local.first
        // Each key's home slot is prefetched a few keys ahead, so that the cache misses
        // of a table larger than the cache overlap (see InterleavedFeatureTable).
        let ahead = InterleavedFeatureTable.prefetchDistance
        for index in 0..<local.distinct {
            if index &+ ahead < local.distinct {
                cache_prefetch(slots + (Int(truncatingIfNeeded: keys[index &+ ahead]) & mask))
            }
            let key = keys[index]
            var slot = Int(truncatingIfNeeded: key) & mask
            while slots[slot].key != key && slots[slot].key != 0 { slot = (slot + 1) & mask }
            if slots[slot].key == 0 {
                slots[slot] = Slot(key: key, id: Int32(count), documentFrequency: 0)
                source.append(contentsOf: UnsafeBufferPointer(rebasing: input[features.range(of: Int(first[index]))]))
                sourceOffsets.append(UInt32(source.count))
                count += 1
            }
            let id = slots[slot].id
            slots[slot].documentFrequency += 1
            entryIDs.append(id)
            entryCounts.append(counts[index])
        }
    }

    private mutating func grow() {
        let old = slots, oldCapacity = capacity
        capacity *= 2
        slots = NGramCounts.emptySlots(capacity)
        let mask = capacity - 1
        for index in 0..<oldCapacity where old[index].key != 0 {
            var slot = Int(truncatingIfNeeded: old[index].key) & mask
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            slots[slot] = old[index]
        }
        LargeTableMemory.deallocate(old, count: oldCapacity)
    }
}

/// The distinct n-grams of one document and their counts, in first-seen order: a small
/// open-addressing table reused from document to document. A slot belongs to the
/// current document when its stamp is the document's, so nothing is cleared between
/// documents.
private struct DocumentCounts {
    /// Per distinct n-gram: key, occurrences, index of its first occurrence in the
    /// document's ``DocumentFeatures``.
    private(set) var keys: UnsafeMutablePointer<UInt64>
    private(set) var counts: UnsafeMutablePointer<Int32>
    private(set) var first: UnsafeMutablePointer<Int32>
    private(set) var distinct = 0
    private var room: Int

    private var slotKeys: UnsafeMutablePointer<UInt64>
    /// Per slot: document stamp << 32 | index into `keys`.
    private var slotEntries: UnsafeMutablePointer<UInt64>
    private var slotCount: Int
    private var stamp: UInt64 = 0

    init() {
        room = 1024
        keys = .allocate(capacity: room)
        counts = .allocate(capacity: room)
        first = .allocate(capacity: room)
        slotCount = 2048
        slotKeys = .allocate(capacity: slotCount)
        slotEntries = .allocate(capacity: slotCount)
        slotEntries.initialize(repeating: 0, count: slotCount)
    }

    /// Frees the buffers. Call once, when done.
    func deallocate() {
        keys.deallocate(); counts.deallocate(); first.deallocate()
        slotKeys.deallocate(); slotEntries.deallocate()
    }

    /// Replaces the contents with the distinct n-grams of `features`.
    mutating func count(_ features: DocumentFeatures) {
        let n = features.count
        if n > room { reserve(n) }
        stamp += 1
        distinct = 0
        let mask = slotCount - 1
        let current = stamp << 32
        features.keys.withUnsafeBufferPointer { all in
            for index in 0..<n {
                let key = all[index]
                var slot = Int(truncatingIfNeeded: key) & mask
                while true {
                    let entry = slotEntries[slot]
                    if entry & ~0xFFFF_FFFF != current {
                        slotKeys[slot] = key
                        slotEntries[slot] = current | UInt64(distinct)
                        keys[distinct] = key
                        counts[distinct] = 1
                        first[distinct] = Int32(index)
                        distinct += 1
                        break
                    }
                    if slotKeys[slot] == key {
                        counts[Int(entry & 0xFFFF_FFFF)] += 1
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Room for `n` distinct n-grams, with the table at most half full.
    private mutating func reserve(_ n: Int) {
        deallocate()
        room = n
        keys = .allocate(capacity: room)
        counts = .allocate(capacity: room)
        first = .allocate(capacity: room)
        slotCount = 16
        while slotCount < 2 * n { slotCount <<= 1 }
        slotKeys = .allocate(capacity: slotCount)
        slotEntries = .allocate(capacity: slotCount)
        slotEntries.initialize(repeating: 0, count: slotCount)
    }
}
