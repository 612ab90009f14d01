import Foundation

/// ROUGE-1, ROUGE-2 and ROUGE-L (F1, precision, recall) over Vietnamese syllables,
/// with the definitions of the project's reference scorer (`rouge_vi.py`):
///
/// - tokens: Unicode NFC, lower case, then maximal runs of letters and numbers
///   (general category L*, or a numeric type: Python's `str.isalnum`); everything
///   else separates tokens. No stemming, no stop words.
/// - ROUGE-N: clipped n-gram overlap; P = overlap / hypothesis n-grams,
///   R = overlap / reference n-grams.
/// - ROUGE-L: longest common subsequence over the whole token sequences
///   (not per sentence); P = LCS / hypothesis tokens, R = LCS / reference tokens.
/// - F1 = 2PR / (P + R), 0 when P + R = 0 or either side is empty.
/// - A corpus score is the mean over documents of P, R and F1 separately.
public enum Rouge {
    /// Precision, recall and F1 of one metric.
    public struct Score: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public init(precision: Double, recall: Double, f1: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
        }

        init(overlap: Int, hypothesis: Int, reference: Int) {
            precision = hypothesis == 0 ? 0 : Double(overlap) / Double(hypothesis)
            recall = reference == 0 ? 0 : Double(overlap) / Double(reference)
            f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }
    }

    /// The three metrics of one document.
    public struct Scores: Sendable, Equatable {
        public var rouge1: Score
        public var rouge2: Score
        public var rougeL: Score
    }

    /// Tokens as the reference scorer makes them.
    public static func tokenize(_ text: String) -> [String] {
        let lowered = text.precomposedStringWithCanonicalMapping.lowercased()
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in lowered.unicodeScalars {
            if isAlphanumeric(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Python's `str.isalnum` for one code point.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// Scores a hypothesis against a reference.
    public static func score(reference: String, hypothesis: String) -> Scores {
        score(referenceTokens: tokenize(reference), hypothesisTokens: tokenize(hypothesis))
    }

    /// Scores token sequences. O(n·m) for ROUGE-L.
    public static func score(referenceTokens reference: [String], hypothesisTokens hypothesis: [String]) -> Scores {
        Scores(rouge1: rougeN(reference, hypothesis, n: 1), rouge2: rougeN(reference, hypothesis, n: 2),
               rougeL: Score(overlap: longestCommonSubsequence(reference, hypothesis), hypothesis: hypothesis.count,
                             reference: reference.count))
    }

    /// ROUGE-N with clipped counts.
    public static func rougeN(_ reference: [String], _ hypothesis: [String], n: Int) -> Score {
        let referenceCounts = ngramCounts(reference, n: n)
        let hypothesisCounts = ngramCounts(hypothesis, n: n)
        var overlap = 0
        for (gram, count) in hypothesisCounts { overlap += min(count, referenceCounts[gram] ?? 0) }
        return Score(overlap: overlap, hypothesis: max(0, hypothesis.count - n + 1), reference: max(0, reference.count - n + 1))
    }

    static func ngramCounts(_ tokens: [String], n: Int) -> [[String]: Int] {
        var counts: [[String]: Int] = [:]
        guard tokens.count >= n else { return counts }
        for start in 0...(tokens.count - n) { counts[Array(tokens[start..<(start + n)]), default: 0] += 1 }
        return counts
    }

    /// Length of the longest common subsequence. O(n·m) time, O(min(n, m)) memory.
    public static func longestCommonSubsequence<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        guard !short.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: short.count + 1)
        var current = previous
        for x in long {
            for (j, y) in short.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(current[j], previous[j + 1])
            }
            swap(&previous, &current)
        }
        return previous[short.count]
    }

    /// The mean over documents of each metric's precision, recall and F1.
    public static func mean(_ documents: [Scores]) -> Scores {
        func average(_ path: KeyPath<Scores, Score>) -> Score {
            let n = Double(max(1, documents.count))
            return Score(precision: documents.reduce(0) { $0 + $1[keyPath: path].precision } / n,
                         recall: documents.reduce(0) { $0 + $1[keyPath: path].recall } / n,
                         f1: documents.reduce(0) { $0 + $1[keyPath: path].f1 } / n)
        }
        return Scores(rouge1: average(\.rouge1), rouge2: average(\.rouge2), rougeL: average(\.rougeL))
    }
}
