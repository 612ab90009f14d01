import Testing
@testable import NLP

@Suite struct SummaryUnitTests {
    @Test func ordinarySentencesStayWhole() {
        #expect(SummaryUnit.pieces(of: "Chi bộ họp bàn công tác phát triển đảng viên.") == nil)
        // Long in bytes, but with few words: still whole.
        #expect(SummaryUnit.pieces(of: String(repeating: "nghiêng", count: 60)) == nil)
        // Exactly the maximum number of words: whole.
        let maximum = Array(repeating: "bộ", count: SummaryUnit.maximumSyllables).joined(separator: " ")
        #expect(SummaryUnit.pieces(of: maximum) == nil)
    }

    @Test func overLongSentencesAreCutAtClausesIntoShortEnoughPieces() throws {
        let clause = Array(repeating: "đảng viên", count: 40).joined(separator: " ") + ","
        let sentence = Array(repeating: clause, count: 5).joined(separator: " ")   // 405 words
        let pieces = try #require(SummaryUnit.pieces(of: sentence))
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.split(separator: " ").count <= SummaryUnit.maximumSyllables })
        #expect(pieces.joined(separator: " ") == sentence)
        // Cut after a comma once a piece has half the maximum.
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix(",") })
    }

    @Test func unitsKeepParagraphStartsAndSentenceIndices() {
        let long = Array(repeating: "kết nạp", count: 200).joined(separator: " ") + "."
        let article = Article(title: "Tin", paragraphs: ["Câu một. Câu hai.", long])
        let units = SummaryUnit.units(of: article)
        #expect(units.map(\.sentence) == [0, 1] + Array(repeating: 2, count: units.count - 2))
        #expect(units.map(\.startsParagraph) == [true, false, true] + Array(repeating: false, count: units.count - 3))
        #expect(units.count > 3)
    }
}
