import Foundation
import Testing
@testable import NLP

@Suite struct ArticleCleanerTests {
    let cleaner = ArticleCleaner()

    /// The hand-written expected cleaned text of each seed (Fixtures/cleaned).
    @Test(arguments: TestPaths.seedNames)
    func seedMatchesHandCleanedFixture(_ name: String) throws {
        let raw = try TestPaths.seedText(name)
        let expected = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("cleaned/\(name).txt"), encoding: .utf8)
        let article = cleaner.clean(TextNormalizer.normalize(raw))
        #expect(article.text + "\n" == expected)
    }

    func kinds(_ text: String) -> [String: ArticleCleaner.LineKind] {
        Dictionary(cleaner.analyze(text).map { ($0.text, $0.kind) }, uniquingKeysWith: { first, _ in first })
    }

    let body = "Đảng bộ xã đã lãnh đạo các chi bộ nâng cao chất lượng sinh hoạt, kết nạp thêm nhiều đảng viên trẻ trong năm qua."

    @Test func titleIsTheFirstLineWithALetter() {
        let article = cleaner.clean(".\n\nHuyện Thanh Sơn kết nạp đảng viên bài báo\n\n\(body)")
        #expect(article.title == "Huyện Thanh Sơn kết nạp đảng viên bài báo")
        #expect(article.paragraphs == [body])
    }

    @Test func aLongFirstLineIsALeadNotATitle() {
        let article = cleaner.clean("\(body) \(body)\n\n\(body)")
        #expect(article.title.isEmpty)
        #expect(article.paragraphs.count == 2)
    }

    @Test func dropsCommentFormsAndNavigation() {
        let k = kinds("Huyện Thanh Sơn kết nạp đảng viên\n\(body)\nÝ kiến của bạn\nHọ tên:\nEmail:\nBình luận (12)\nGửi bình luận\nCác tin khác\nTin liên quan\nMới nhất\nXem nhiều nhất")
        #expect(k["Ý kiến của bạn"] == .commentForm)
        #expect(k["Họ tên:"] == .commentForm)
        #expect(k["Email:"] == .commentForm)
        #expect(k["Bình luận (12)"] == .commentForm)
        #expect(k["Gửi bình luận"] == .commentForm)
        #expect(k["Các tin khác"] == .navigation)
        #expect(k["Xem nhiều nhất"] == .navigation)
    }

    @Test func dropsLinkListsUnderNavigationButNotTheArticleAfterThem() {
        let k = kinds("Huyện Thanh Sơn kết nạp đảng viên\n\(body)\nTin liên quan\nHuyện A kết nạp 50 đảng viên\nXã B tổ chức đại hội\n\(body) Thêm một câu nữa.")
        #expect(k["Huyện A kết nạp 50 đảng viên"] == .relatedLink)
        #expect(k["Xã B tổ chức đại hội"] == .relatedLink)
        #expect(k["\(body) Thêm một câu nữa."] == .content)
    }

    @Test func dropsCountersDatelinesPhotosAndSources() {
        let k = kinds("""
        Huyện Thanh Sơn kết nạp đảng viên
        Lượt xem: 179
        Thứ Hai, 13/09/2021
        Cập nhật: 08:30 ngày 13/09/2021
        \(body)
        anh tin bai
        Đồng chí Bí thư phát biểu tại hội nghị. Ảnh: N.D
        Trong ảnh: Lãnh đạo xã trao quà cho các gia đình chính sách
        Các đại biểu dự lễ kết nạp đảng viên (Ảnh: TTXVN)
        Nguồn: https://example.vn/bai-viet
        Bài 1
        """)
        #expect(k["Lượt xem: 179"] == .viewCounter)
        #expect(k["Thứ Hai, 13/09/2021"] == .dateline)
        #expect(k["Cập nhật: 08:30 ngày 13/09/2021"] == .dateline)
        #expect(k["anh tin bai"] == .photo)
        #expect(k["Đồng chí Bí thư phát biểu tại hội nghị. Ảnh: N.D"] == .photo)
        #expect(k["Trong ảnh: Lãnh đạo xã trao quà cho các gia đình chính sách"] == .photo)
        #expect(k["Các đại biểu dự lễ kết nạp đảng viên (Ảnh: TTXVN)"] == .photo)
        #expect(k["Nguồn: https://example.vn/bai-viet"] == .source)
        #expect(k["Bài 1"] == .seriesLabel)
    }

    @Test func portraitCaptionsAreDroppedButQuotesFromTheSamePersonKept() {
        let k = kinds("Huyện Thanh Sơn kết nạp đảng viên\n\(body)\nBí thư Huyện ủy Nguyễn Văn An\nBí thư Huyện ủy Nguyễn Văn An cho biết: các chi bộ đã làm tốt.\n\(body) Hết.")
        #expect(k["Bí thư Huyện ủy Nguyễn Văn An"] == .photo)
        #expect(k["Bí thư Huyện ủy Nguyễn Văn An cho biết: các chi bộ đã làm tốt."] == .content)
    }

    @Test func bylinesAndFootersOnlyAtTheEnd() {
        let lines = cleaner.analyze("""
        Huyện Thanh Sơn kết nạp đảng viên
        Nguyễn Dung
        \(body)
        Nguyễn Dung
        ỦY BAN NHÂN DÂN HUYỆN THANH SƠN
        Địa chỉ: 12 đường Trần Phú
        Điện thoại: 0210.3822.123; Fax: 0210.3822.124
        Thiết kế bởi VNPT Phú Thọ
        """)
        #expect(lines[1].kind == .content)    // a name-like line in the middle is kept
        #expect(lines[3].kind == .byline || lines[3].kind == .repeated)
        #expect(lines[4].kind == .footer)
        #expect(lines[5].kind == .footer)
        #expect(lines[6].kind == .footer)
        #expect(lines[7].kind == .footer)
    }

    @Test func cutsATagSuffix() {
        let lines = cleaner.analyze("Huyện Thanh Sơn kết nạp đảng viên\n\(body)\nThanh TuyềnTAG: xây dựng Đảng, chi bộ")
        #expect(lines.last?.text == "Thanh Tuyền")
        #expect(lines.last?.kind == .byline)
    }

    @Test func dropsVerbatimRepeats() {
        let article = cleaner.clean("Huyện Thanh Sơn kết nạp đảng viên\n\(body)\n\(body)\nĐoạn khác hẳn, dài hơn một chút để là nội dung thật.")
        #expect(article.paragraphs == [body, "Đoạn khác hẳn, dài hơn một chút để là nội dung thật."])
    }

    @Test func joinsHardWrappedLines() {
        let article = cleaner.clean("Huyện Thanh Sơn kết nạp đảng viên\nĐảng bộ xã đã lãnh đạo các chi bộ nâng cao chất lượng\nsinh hoạt trong năm qua.")
        #expect(article.paragraphs == ["Đảng bộ xã đã lãnh đạo các chi bộ nâng cao chất lượng sinh hoạt trong năm qua."])
    }

    @Test func removesTheNewspaperSourceTag() {
        #expect(cleaner.clean("Huyện Thanh Sơn kết nạp đảng viên\n(GLO)- Năm 2016, các chi bộ hoàn thành tốt nhiệm vụ.").paragraphs == ["Năm 2016, các chi bộ hoàn thành tốt nhiệm vụ."])
        #expect(cleaner.clean("Huyện Thanh Sơn kết nạp đảng viên\nBPO- Xác định công tác xây dựng Đảng.").paragraphs == ["Xác định công tác xây dựng Đảng."])
        #expect(cleaner.clean("Huyện Thanh Sơn kết nạp đảng viên\nHà Nội - Thủ đô ngàn năm.").paragraphs == ["Hà Nội - Thủ đô ngàn năm."])
    }

    @Test func handlesAFiftyMegabyteSingleLine() {
        let sentence = "Đảng bộ xã kết nạp thêm đảng viên mới, nâng cao chất lượng sinh hoạt chi bộ. "
        let line = String(repeating: sentence, count: 50_000_000 / sentence.utf8.count)
        let article = cleaner.clean("Huyện Thanh Sơn kết nạp đảng viên\n" + line)
        #expect(article.paragraphs.count == 1)
        #expect(article.paragraphs[0].utf8.count >= 49_000_000)
    }

    /// Lines are collapsed and counted in one pass; the count must be the result's.
    @Test(arguments: ["", "   ", "Đảng bộ xã", "  Đảng\tbộ   xã  ", "a", " a ", "Lượt xem:\u{0B}179", "x\u{0C}\u{0C}y z"])
    func collapsingCountsTheWordsOfItsResult(_ line: String) {
        let (text, words) = ArticleCleaner.collapseWhitespace(Substring(line))
        #expect(!text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  ") && !text.contains("\t"))
        #expect(words == ArticleCleaner.wordCount(text), "\(line.debugDescription) → \(text.debugDescription)")
    }

    /// Repeated lines are found by hash: equal lines must hash alike and lines that
    /// differ anywhere (in a full eight-byte step, in the tail, in length) apart.
    @Test func lineHashSeparatesLinesThatDifferAnywhere() {
        let line = "Đảng bộ phường Tích Sơn có hơn 600 đảng viên"
        let rebuilt = ["Đảng bộ phường", "Tích Sơn có hơn 600", "đảng viên"].joined(separator: " ")
        #expect(ArticleCleaner.hash(line) == ArticleCleaner.hash(rebuilt))
        let variants = [line, "đảng bộ phường Tích Sơn có hơn 600 đảng viên", line + ".", String(line.dropLast()),
                        line.replacingOccurrences(of: "600", with: "700"), "", "a", "ab", "abcdefgh", "abcdefghi"]
        #expect(Set(variants.map(ArticleCleaner.hash)).count == variants.count)
    }
}
