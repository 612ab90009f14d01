import Foundation
import Testing
@testable import Train

/// ROUGE on fixtures whose scores were worked out by hand from the definitions that
/// the project's reference scorer (rouge_vi.py) uses; agreement is required to 1e-6.
@Suite struct RougeTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-6 }

    @Test func tokenizesLikeTheReferenceScorer() {
        #expect(Rouge.tokenize("Hà Nội, TP.HCM: 69,56%!") == ["hà", "nội", "tp", "hcm", "69", "56"])
        #expect(Rouge.tokenize("ĐÀ NẴNG".decomposedStringWithCanonicalMapping) == ["đà", "nẵng"])
        #expect(Rouge.tokenize("bóng_đá") == ["bóng", "đá"])
        #expect(Rouge.tokenize(" ... -- ").isEmpty)
        // Tone placement is NOT folded: the reference scorer keeps hòa and hoà apart.
        #expect(Rouge.tokenize("hòa hoà") == ["hòa", "hoà"])
    }

    @Test func handComputedVietnameseSentence() {
        // ref: công an bắt giữ đối tượng trộm xe (8 tokens, 7 bigrams)
        // hyp: đối tượng trộm xe bị công an bắt (8 tokens, 7 bigrams)
        // unigram overlap: công an bắt đối tượng trộm xe = 7 → P = R = F = 7/8
        // bigram overlap: công an, an bắt, đối tượng, tượng trộm, trộm xe = 5 → 5/7
        // LCS: đối tượng trộm xe = 4 → 4/8
        let s = Rouge.score(reference: "Công an bắt giữ đối tượng trộm xe.", hypothesis: "Đối tượng trộm xe bị công an bắt.")
        #expect(close(s.rouge1.f1, 7.0 / 8) && close(s.rouge1.precision, 7.0 / 8))
        #expect(close(s.rouge2.f1, 5.0 / 7))
        #expect(close(s.rougeL.f1, 0.5))
    }

    @Test func clippedCountsAndUnequalLengths() {
        // ref: chi bộ chi bộ họp (5 tokens); hyp: chi bộ chi bộ chi bộ (6 tokens)
        // unigrams: chi min(3,2)=2, bộ min(3,2)=2 → overlap 4; P = 4/6, R = 4/5, F = 2·(2/3)(4/5)/(2/3+4/5) = 8/11
        // bigrams ref: chi bộ ×2, bộ chi, bộ họp; hyp: chi bộ ×3, bộ chi ×2 → overlap 2 + 1 = 3; P = 3/5, R = 3/4, F = 2/3
        // LCS: chi bộ chi bộ = 4 → P = 4/6, R = 4/5, F = 8/11
        let s = Rouge.score(reference: "chi bộ chi bộ họp", hypothesis: "chi bộ chi bộ chi bộ")
        #expect(close(s.rouge1.precision, 4.0 / 6) && close(s.rouge1.recall, 4.0 / 5) && close(s.rouge1.f1, 8.0 / 11))
        #expect(close(s.rouge2.precision, 3.0 / 5) && close(s.rouge2.recall, 3.0 / 4) && close(s.rouge2.f1, 2.0 / 3))
        #expect(close(s.rougeL.f1, 8.0 / 11))
    }

    @Test func emptySidesScoreZero() {
        let empty = Rouge.score(reference: "a b c", hypothesis: "")
        #expect(empty.rouge1.f1 == 0 && empty.rougeL.f1 == 0)
        #expect(Rouge.score(reference: "", hypothesis: "a b").rouge1 == Rouge.Score(precision: 0, recall: 0, f1: 0))
        #expect(Rouge.score(reference: "a", hypothesis: "a").rouge2.f1 == 0)
    }

    @Test func corpusScoreIsTheMeanOverDocuments() {
        // Three documents: identical (1), disjoint (0), half (ref "a b", hyp "a c": R-1 F = 1/2).
        let documents = [Rouge.score(reference: "a b", hypothesis: "a b"), Rouge.score(reference: "c d", hypothesis: "x y"),
                         Rouge.score(reference: "a b", hypothesis: "a c")]
        #expect(close(Rouge.mean(documents).rouge1.f1, 0.5))
    }

    @Test func longestCommonSubsequence() {
        #expect(Rouge.longestCommonSubsequence(Array("ABCBDAB"), Array("BDCABA")) == 4)
        #expect(Rouge.longestCommonSubsequence(["a"], [String]()) == 0)
    }
}
