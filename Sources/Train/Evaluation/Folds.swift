/// Seeded, stratified assignment of documents to folds.
public enum Folds {
    /// A fold number in `0..<count` for each document, so that each stratum (e.g. a
    /// primary label) is spread evenly over the folds. Deterministic for a `seed`.
    /// - Complexity: O(n log n).
    public static func stratified(strata: [String], count: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var byStratum: [String: [Int]] = [:]
        for (index, stratum) in strata.enumerated() { byStratum[stratum, default: []].append(index) }
        var folds = [Int](repeating: 0, count: strata.count)
        var offset = 0
        for stratum in byStratum.keys.sorted() {
            var members = byStratum[stratum]!
            members.shuffle(using: &generator)
            for (position, index) in members.enumerated() { folds[index] = (position + offset) % count }
            // Rotate the starting fold so small strata do not all land in fold 0.
            offset += members.count
        }
        return folds
    }

    /// A seeded held-out split: `true` for the documents held out, about `fraction` of
    /// each stratum (at least one per stratum of two or more).
    public static func holdOut(strata: [String], fraction: Double, seed: UInt64) -> [Bool] {
        var generator = SplitMix64(seed: seed)
        var byStratum: [String: [Int]] = [:]
        for (index, stratum) in strata.enumerated() { byStratum[stratum, default: []].append(index) }
        var heldOut = [Bool](repeating: false, count: strata.count)
        for stratum in byStratum.keys.sorted() {
            var members = byStratum[stratum]!
            members.shuffle(using: &generator)
            var take = Int((fraction * Double(members.count)).rounded())
            if members.count >= 2 { take = min(max(take, 1), members.count - 1) } else { take = 0 }
            for index in members.prefix(take) { heldOut[index] = true }
        }
        return heldOut
    }
}
