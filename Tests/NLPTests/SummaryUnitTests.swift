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

    @Test func piecesCutOnBytesMatchPiecesCutByCharacters() throws {
        // Clauses of varied lengths, runs of spaces, a semicolon, Vietnamese letters,
        // and (last two) a combining mark after a space and an emoji, which go the
        // Character way.
        var clauses: [String] = []
        for length in [7, 61, 3, 90, 45, 130, 12, 60, 59] {
            clauses.append((0..<length).map { ["đảng", "viên", "Hà", "Nội", "69,56%", "“họp”"][$0 % 6] }.joined(separator: " ") + ",")
        }
        let plain = clauses.joined(separator: " ") + " cuối;  câu  " + clauses.joined(separator: "  ")
        let sentences = [plain, plain + " \u{301}x tiếp", plain + " 👍🏻 hết"]
        for sentence in sentences {
            let pieces = try #require(SummaryUnit.pieces(of: sentence))
            #expect(pieces == SummaryUnit.characterPieces(of: sentence))
        }
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
