import Testing
@testable import Train

@Suite struct GreedyOracleTests {
    @Test func picksTheSentencesThatMatchTheReference() {
        let sentences = ["thời tiết hôm nay đẹp", "công an bắt giữ đối tượng trộm xe", "đối tượng khai nhận hành vi", "giá vàng tăng"]
            .map(Rouge.tokenize)
        let reference = Rouge.tokenize("Công an bắt giữ đối tượng trộm xe, đối tượng khai nhận hành vi.")
        #expect(GreedyOracle.select(sentences: sentences, reference: reference) == [1, 2])
    }

    @Test func stopsWhenNothingImprovesAndRespectsTheLimit() {
        let sentences = ["a b c", "x y z", "a b c d"].map(Rouge.tokenize)
        #expect(GreedyOracle.select(sentences: sentences, reference: Rouge.tokenize("a b c d")) == [2])
        #expect(GreedyOracle.select(sentences: sentences, reference: Rouge.tokenize("q"), limit: 3).isEmpty)
        #expect(GreedyOracle.select(sentences: ["a", "b", "c"].map(Rouge.tokenize), reference: Rouge.tokenize("a b c"), limit: 2).count == 2)
    }
}
