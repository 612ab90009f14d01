/// The sentences an ideal extractive summary would take, to label training data:
/// repeatedly add the sentence that most increases ROUGE-1 F1 + ROUGE-2 F1 against
/// the reference, up to `limit` sentences or until nothing improves (the procedure of
/// the project's anchor scripts).
public enum GreedyOracle {
    /// Indices of the chosen sentences, sorted.
    /// - Parameters:
    ///   - sentences: each sentence's tokens (``Rouge/tokenize(_:)``).
    ///   - reference: the reference summary's tokens.
    /// - Complexity: O(limit × S × summary length).
    public static func select(sentences: [[String]], reference: [String], limit: Int = 3) -> [Int] {
        // Integer ids make the repeated counting cheap.
        var ids: [String: Int32] = [:]
        func encode(_ tokens: [String]) -> [Int32] {
            tokens.map { token in
                if let id = ids[token] { return id }
                let id = Int32(ids.count)
                ids[token] = id
                return id
            }
        }
        let referenceIDs = encode(reference)
        let sentenceIDs = sentences.map(encode)
        let reference1 = counts(referenceIDs, n: 1), reference2 = counts(referenceIDs, n: 2)
        var selected: [Int] = []
        var best = 0.0
        while selected.count < limit {
            var candidate: Int?
            var candidateScore = best
            for index in sentenceIDs.indices where !selected.contains(index) {
                let tokens = (selected + [index]).sorted().flatMap { sentenceIDs[$0] }
                let score = f1(tokens, reference1, referenceIDs.count, n: 1) + f1(tokens, reference2, referenceIDs.count - 1, n: 2)
                if score > candidateScore { candidate = index; candidateScore = score }
            }
            guard let chosen = candidate else { break }
            selected.append(chosen)
            best = candidateScore
        }
        return selected.sorted()
    }

    private static func counts(_ tokens: [Int32], n: Int) -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        guard tokens.count >= n else { return result }
        for start in 0...(tokens.count - n) {
            let key = n == 1 ? Int64(tokens[start]) : Int64(tokens[start]) << 32 | Int64(tokens[start + 1])
            result[key, default: 0] += 1
        }
        return result
    }

    private static func f1(_ tokens: [Int32], _ reference: [Int64: Int], _ referenceTotal: Int, n: Int) -> Double {
        let hypothesis = counts(tokens, n: n)
        var overlap = 0
        for (gram, count) in hypothesis { overlap += min(count, reference[gram] ?? 0) }
        let hypothesisTotal = max(0, tokens.count - n + 1)
        guard overlap > 0, hypothesisTotal > 0, referenceTotal > 0 else { return 0 }
        let precision = Double(overlap) / Double(hypothesisTotal), recall = Double(overlap) / Double(referenceTotal)
        return 2 * precision * recall / (precision + recall)
    }
}
