import Foundation
import Testing
@testable import NLP

@Suite struct SentenceSplitterTests {
    let splitter = SentenceSplitter()

    /// Every sentence of two seeds, checked by hand (Fixtures/sentences: paragraph TAB sentence).
    @Test(arguments: ["000_1f3f0ba758b92919", "004_827a990b354b5f07"])
    func seedSentencesMatchTheHandCheckedFixture(_ name: String) throws {
        let fixture = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("sentences/\(name).tsv"), encoding: .utf8)
        let expected = fixture.split(separator: "\n").map { line -> Sentence in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return Sentence(text: String(parts[1]), paragraph: Int(parts[0])!)
        }
        let article = ArticleCleaner().clean(TextNormalizer.normalize(try TestPaths.seedText(name)))
        #expect(splitter.sentences(of: article) == expected)
    }

    @Test func splitsOnTerminalPunctuation() {
        #expect(splitter.split("Một câu. Hai câu! Ba câu? Bốn câu… Năm câu") == ["Một câu.", "Hai câu!", "Ba câu?", "Bốn câu…", "Năm câu"])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        #expect(splitter.split("Ông nói: “Chi bộ mạnh.” Sau đó ông về.") == ["Ông nói: “Chi bộ mạnh.”", "Sau đó ông về."])
        #expect(splitter.split("Bác dạy “đảng mạnh”. Chi bộ tốt.") == ["Bác dạy “đảng mạnh”.", "Chi bộ tốt."])
    }

    @Test(arguments: ["TP. Pleiku", "TS. Nguyễn An", "ThS. Lê Bình", "PGS. Trần Chung", "GS. Phạm Dũng",
                      "Th. Hà", "TW. Hội nghị", "Q. Bình Thạnh", "P. Tân Phú", "TX. Phú Mỹ"])
    func abbreviationsDoNotEndSentences(_ phrase: String) {
        #expect(splitter.split("Đoàn đến \(phrase) làm việc. Xong.") == ["Đoàn đến \(phrase) làm việc.", "Xong."])
    }

    @Test func initialsDoNotEndSentences() {
        #expect(splitter.split("Anh N.T. Dũng và chị H. Lan đến. Xong.") == ["Anh N.T. Dũng và chị H. Lan đến.", "Xong."])
        #expect(splitter.split("Nghị quyết T.Ư 4 khóa XII. Xong.") == ["Nghị quyết T.Ư 4 khóa XII.", "Xong."])
        #expect(splitter.split("Ảnh: N.D. Xong.") == ["Ảnh: N.D. Xong."])
    }

    @Test func wordsStartingWithALowercaseLetterEndSentencesUnlessAbbreviated() {
        // Final syllables that start with a non-ASCII lowercase letter are ordinary words.
        #expect(splitter.split("Việc này đã được. Xong.") == ["Việc này đã được.", "Xong."])
        #expect(splitter.split("Chi bộ thuộc đảng. Xong.") == ["Chi bộ thuộc đảng.", "Xong."])
        #expect(splitter.split("Anh ấy ở. Xong.") == ["Anh ấy ở.", "Xong."])
        // The lowercase abbreviations, ASCII and not, do not end a sentence.
        #expect(splitter.split("Gặp đ/c. Nguyễn An tại trụ sở. Xong.") == ["Gặp đ/c. Nguyễn An tại trụ sở.", "Xong."])
        #expect(splitter.split("Xem tr. 12 của sách. Xong.") == ["Xem tr. 12 của sách.", "Xong."])
        #expect(splitter.split("Việt Nam vs. Thái Lan hòa. Xong.") == ["Việt Nam vs. Thái Lan hòa.", "Xong."])
        // Initials that start with a non-ASCII capital are still initials.
        #expect(splitter.split("Ông Đ. Minh đến. Xong.") == ["Ông Đ. Minh đến.", "Xong."])
    }

    /// The definition the byte-level checks must agree with: a listed abbreviation
    /// (compared as Strings), or initials whose every dot-separated part is one capital.
    static func isAbbreviationByDefinition(_ word: String) -> Bool {
        if SentenceSplitter.abbreviations.contains(word) { return true }
        return word.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { $0.count == 1 && $0.first!.isUppercase }
    }

    @Test(arguments: ["TP", "Tp.HCM", "T.Ư", "N.T", "N..T", "NT", "H", "h", "XII", "2021", "4.100", "Nam", "Đảng",
                      "Đ", "Đ.T", "đ/c", "Đ/c", "tr", "vs", "v.v", "được", "ở", "Ổ", "Sđd", "Tổng", "T.U\u{31B}",
                      "%", "N.T.", ".N", "ThS.BS", "TS.BS", "Ths", "Nội", "ĐH", "Ê", "To\u{302}\u{309}ng", "Ư\u{301}", "Sđđ"])
    func byteLevelChecksAgreeWithTheDefinition(_ word: String) {
        let expected = Self.isAbbreviationByDefinition(word)
        #expect(splitter.split("Gặp \(word). Xong.").count == (expected ? 1 : 2), "\(word)")
    }

    @Test func nonASCIIAbbreviationBytesHoldExactlyTheNonASCIIAbbreviations() {
        let words = SentenceSplitter.nonASCIIAbbreviationBytes.map { String(decoding: $0, as: UTF8.self) }
        #expect(Set(words) == SentenceSplitter.abbreviations.filter { !$0.allSatisfy(\.isASCII) })
        #expect(words.contains("Tổng") && words.contains("T.Ư"))
    }

    @Test func lowercaseAbbreviationBytesHoldExactlyTheLowercaseAbbreviations() {
        let words = SentenceSplitter.lowercaseAbbreviationBytes.map { String(decoding: $0, as: UTF8.self) }
        #expect(Set(words) == ["tr", "vs", "đ/c"])
    }

    /// The splitter skips sixteen bytes at a time to the next terminal: each kind must
    /// be found at every offset in and across blocks, after ASCII or Vietnamese letters.
    @Test(arguments: ["x", "ư", "ấ"])
    func terminalsAreFoundAtEveryOffset(_ filler: String) {
        for terminal in [".", "!", "?", "…", ".”", "?\""] {
            for offset in 0..<40 {
                let first = "Câu " + String(repeating: filler, count: offset / filler.utf8.count + offset % 3) + terminal
                #expect(splitter.split(first + " Sau đó.") == [first, "Sau đó."], "\(terminal) at \(offset)")
            }
        }
    }

    @Test func numbersAndDatesAreNotBoundaries() {
        let text = "Đạt 69,56%; có 4.100 đảng viên; ĐT 0271.3879.736; tăng 2.5 lần ngày 13/09/2021 và 30-3-2007. Xong."
        #expect(splitter.split(text) == [String(text.dropLast(6)), "Xong."])
    }

    @Test func urlsAndEmailsAreNotBoundaries() {
        let text = "Xem tại https://baobinhphuoc.com.vn/news/32 hoặc www.dongxoai.gov.vn và gửi thư tới ban.tuyen.giao@tinhuy.vn khi cần. Xong."
        #expect(splitter.split(text) == [String(text.dropLast(6)), "Xong."])
    }

    @Test func lowercaseAfterAPeriodContinues() {
        #expect(splitter.split("các loại rau, củ, v.v. và nhiều thứ khác.") == ["các loại rau, củ, v.v. và nhiều thứ khác."])
    }

    @Test func paragraphEndsAreSentenceEnds() {
        let article = Article(title: "T", paragraphs: ["Đoạn một không có dấu chấm", "Đoạn hai."])
        #expect(splitter.sentences(of: article).map(\.text) == ["Đoạn một không có dấu chấm", "Đoạn hai."])
        #expect(splitter.sentences(of: article).map(\.paragraph) == [0, 1])
    }

    @Test func aLongTextWithoutBoundariesIsOneSentence() {
        let text = String(repeating: "chi bộ ", count: 8_000)
        #expect(splitter.split(text).count == 1)
    }
}
