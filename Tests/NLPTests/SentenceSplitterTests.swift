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
