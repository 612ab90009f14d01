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

    // MARK: Fast paths

    /// The furniture of 7 to 80 words that the byte screening must let through to the
    /// rules: every rule that applies at that length, in upper case, in NFD (the
    /// `hasPrefix` rules match canonically equivalent text), with both tone placements.
    static let furnitureMarkers = [
        "Ảnh: N.D", "ảnh : TTXVN", "(Ảnh: TTXVN)", "Ảnh minh họa", "ảnh minh hoạ", "(Ảnh minh họa)",
        "Nguồn ảnh: Internet", "Photo: Reuters", "Video: VTV", "Clip: Youtube", "Trong ảnh: lãnh đạo xã",
        "Nguồn: www.baophutho.vn", "Nguồn : http://example.vn", "Lượt xem: 179", "Số lượt xem: 1.024",
        "Đã xem 179", "Ðã xem 179", "Thứ Hai, 13/09/2021", "Cập nhật: 08:30 ngày 13-09-2021", "13/09/2021 10:20",
    ]
    static let filler = "Đại biểu dự lễ kết nạp đảng viên mới tại hội trường xã Tích Sơn trong năm qua".split(separator: " ")

    /// Lines of 7 to 80 words built around each marker: alone, after some words (with
    /// and without a sentence break), before some words; as written, in upper case, in
    /// NFD, in both (one list for each form).
    static var linesAroundMarkers: [[String]] {
        let forms: [(String) -> String] = [
            { $0 }, { $0.uppercased() }, { $0.decomposedStringWithCanonicalMapping },
            { $0.uppercased().decomposedStringWithCanonicalMapping },
        ]
        return forms.map { form in
            var lines: [String] = []
            for marker in furnitureMarkers {
                for count in [0, 1, 2, 4, 6, 9, 12, 16] {
                    let words = filler.prefix(count).joined(separator: " ")
                    var longWords = words
                    while count > 0 && ArticleCleaner.wordCount(longWords) < 60 { longWords += " " + words }
                    for line in [marker + " " + words, words + " " + marker, words + ". " + marker, words + " - " + marker,
                                 longWords + ". " + marker, marker + " " + longWords] {
                        let variant = form(line.trimmingCharacters(in: .whitespaces))
                        if (7...80).contains(ArticleCleaner.wordCount(variant)) { lines.append(variant) }
                    }
                }
            }
            return lines
        }
    }

    /// The byte screening before lowercasing only skips lines the rules would keep.
    @Test func furnitureScreeningAgreesWithTheRules() {
        for lines in Self.linesAroundMarkers {
            var found = 0
            for line in lines {
                let words = ArticleCleaner.wordCount(line)
                let expected = ArticleCleaner.furnitureByRules(line, words: words)
                #expect(ArticleCleaner.furniture(line, words: words) == expected, "\(line.debugDescription)")
                if expected != nil { found += 1 }
            }
            // Many are furniture in every form (122 of 670 in NFD, where the rules that
            // search bytes find nothing), else the comparison would prove little.
            #expect(found >= 100)
        }
    }

    /// Lines of 7 words or more that are furniture although they are long, for each
    /// screened rule, including upper-case and NFD forms.
    @Test func longLinesThatAreStillFurniture() {
        func kind(_ line: String) -> ArticleCleaner.LineKind? {
            ArticleCleaner.furniture(line, words: ArticleCleaner.wordCount(line))
        }
        let caption = "Các đại biểu dự lễ kết nạp đảng viên mới tại hội trường xã"
        #expect(kind(caption + ". ẢNH: TTXVN") == .photo)
        #expect(kind(caption + " (ảnh minh hoạ)") == .photo)
        #expect(kind(caption + " (ẢNH MINH HỌA)") == .photo)
        #expect(kind(caption + ". Photo: Reuters") == .photo)
        #expect(kind(caption + ". Ảnh : N.D") == .photo)
        #expect(kind("Trong ảnh: " + caption) == .photo)
        #expect(kind(("Trong ảnh: " + caption).decomposedStringWithCanonicalMapping) == .photo)
        #expect(kind("NGUỒN: www.baobinhphuoc.com.vn, " + caption) == .source)
        #expect(kind(("Nguồn : http://example.vn " + caption).decomposedStringWithCanonicalMapping) == .source)
        #expect(kind("Lượt xem: 1.024 lượt trong tuần này") == .viewCounter)
        #expect(kind("ĐÃ XEM 179 LẦN TRONG TUẦN NÀY".decomposedStringWithCanonicalMapping) == .viewCounter)
        #expect(kind("Thứ Hai, ngày 13/09/2021, lúc 08:30 (GMT+7)") == .dateline)
        #expect(kind("CẬP NHẬT LÚC 08:30 NGÀY 13-09-2021 (GMT+7)".decomposedStringWithCanonicalMapping) == .dateline)
        // Prose with a colon, a date or "ảnh" is left to the rules, which keep it.
        #expect(kind("Chủ tịch xã cho biết: năm 2021 đã kết nạp 50 đảng viên") == nil)
        #expect(kind("Ảnh hưởng của dịch bệnh tới sản xuất nông nghiệp năm 2021") == nil)
        #expect(kind("Ngày 13/09/2021, xã Tích Sơn kết nạp đảng viên mới") == nil)
    }

    /// The eight-bytes-a-step check of already collapsed lines, against the byte-by-byte
    /// collapse, on lines mixing every kind of white space and control byte at every
    /// alignment, and on lines long enough to fill the space-count lanes.
    @Test func collapsingFindsAlreadyCollapsedLinesExactly() {
        let pieces = [" ", "  ", "\t", "\u{0B}", "\u{0C}", "\u{01}", "\n", "a", "ả", "Đảng", "bộ", "x\u{301}", "abcdefg"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        var lines = (0..<3_000).map { _ in (0..<next(24)).map { _ in pieces[next(pieces.count)] }.joined() }
        lines += ["abcdefg " + String(repeating: "abcdefg ", count: 700) + "x", String(repeating: "a ", count: 5_000) + "a",
                  String(repeating: "Đảng bộ ", count: 900) + "xã", String(repeating: "a ", count: 3_000) + " a"]
        let spaces: Set<UInt8> = [0x20, 0x09, 0x0B, 0x0C]
        for line in lines {
            let parts = line.utf8.split(whereSeparator: spaces.contains)
            let collapsed = parts.map { Array($0) }.joined(separator: [0x20]).map { $0 }
            let (text, words) = ArticleCleaner.collapseWhitespace(Substring(line))
            #expect(Array(text.utf8) == collapsed && words == parts.count, "\(line.debugDescription)")
            let fast = Array(line.utf8).withUnsafeBufferPointer(ArticleCleaner.wordsIfCollapsed)
            let clean = !line.isEmpty && Array(line.utf8) == collapsed && !line.utf8.contains(where: { $0 < 0x20 })
            #expect(fast == (clean ? parts.count : nil), "\(line.debugDescription)")
        }
    }

    /// The TAG search skips eight bytes without a colon at a time: the marker is found
    /// at every alignment, and only where its colon is within the last 400 bytes.
    @Test func tagMarkersAreFoundAtEveryAlignment() {
        for before in 0..<20 {
            for after in 0..<20 {
                let head = String(repeating: "x", count: before)
                let line = head + "TAG: " + String(repeating: "y", count: after)
                #expect(ArticleCleaner.removingTag(line) == head, "\(before) \(after)")
                #expect(ArticleCleaner.removingTag(head + "Từ khóa:" + String(repeating: "y", count: after)) == head)
                #expect(ArticleCleaner.removingTag(head + "TAG" + String(repeating: "y", count: after)) == nil)
            }
        }
        // The colon as the first byte of the window, and one byte before it.
        let inside = "Thanh Tuyền TAG:" + String(repeating: "y", count: 399)
        #expect(ArticleCleaner.removingTag(inside) == "Thanh Tuyền")
        #expect(ArticleCleaner.removingTag(inside + "y") == nil)
    }

    /// Source tags still removed, and the lines the byte check passes over still kept:
    /// runs of capitals of every length, and combining marks that make the last
    /// capital of a run a letter of its own.
    @Test func sourceTagByteCheckKeepsEveryTag() {
        let cases: [(String, String)] = [
            ("VOV- Hà Nội mở rộng", "Hà Nội mở rộng"),
            ("TTO - Hà Nội mở rộng", "Hà Nội mở rộng"),
            ("ABCDEF- Hà Nội mở rộng", "Hà Nội mở rộng"),
            ("ABCDEFG- Hà Nội mở rộng", "ABCDEFG- Hà Nội mở rộng"),
            ("ABCDEFGHIJ- Hà Nội", "ABCDEFGHIJ- Hà Nội"),
            ("A- Hà Nội mở rộng", "A- Hà Nội mở rộng"),
            ("BPO– “Xác định”", "“Xác định”"),
            ("VN– Hà Nội mở rộng", "Hà Nội mở rộng"),
            ("ABCDEF— Hà Nội mở rộng", "Hà Nội mở rộng"),
            ("BPO- xác định", "BPO- xác định"),
            ("(GLO)- Năm 2016", "Năm 2016"),
            ("(Chinhphu.vn) - Năm 2016", "Năm 2016"),
            ("A\u{301}BC- Hà Nội", "A\u{301}BC- Hà Nội"),
            ("AB\u{301}- Hà Nội", "AB\u{301}- Hà Nội"),
            ("ABC\u{301}- Hà Nội", "ABC\u{301}- Hà Nội"),
            ("ABCDEFGH\u{301}- Hà Nội", "ABCDEFGH\u{301}- Hà Nội"),
            ("ĐBP- Hà Nội", "ĐBP- Hà Nội"),
            ("Hà Nội - Thủ đô", "Hà Nội - Thủ đô"),
            ("2021- Năm bản lề", "Năm bản lề"),
        ]
        for (paragraph, expected) in cases {
            #expect(ArticleCleaner.removingSourceTag(paragraph) == expected, "\(paragraph.debugDescription)")
        }
    }

    /// Lowercasing into UTF-8 bytes gives what appending scalars did, for Vietnamese
    /// in both forms, the eth fold, and scalars outside the table.
    @Test func lowercasingMatchesScalarByScalar() {
        let texts = ["ĐẢNG BỘ PHƯỜNG TÍCH SƠN", "Ðà Nẵng ðêm", "ĐẢNG BỘ".decomposedStringWithCanonicalMapping,
                     "ΑΘΗΝΑ Москва", "İstanbul \u{212A}elvin", "ⱭⱮ Ⅻ ＡＢＣ", "x\u{301}\u{1F600}", ""]
        for text in texts {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(Unicode.Scalar(ScalarTable.shared.lowercase(scalar.value)) ?? scalar)
            }
            #expect(Array(text.vietnameseLowercased.utf8) == Array(String(scalars).utf8), "\(text.debugDescription)")
        }
    }
}
