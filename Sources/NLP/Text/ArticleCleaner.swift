/// Separates a scraped article's title and content paragraphs from the web furniture
/// around them.
///
/// The text is read line by line (each non-empty line is a paragraph; a line that
/// does not end a sentence and is followed by one starting in lower case is joined
/// to it, which repairs hard-wrapped text). Each line gets a ``LineKind``:
/// - anywhere: comment forms, navigation headers and the link lists under them,
///   view counters, date lines, photo placeholders and captions, source lines,
///   series labels ("Bài 1"), lines without a letter or digit, verbatim repeats;
/// - in the *tail* only (the run of such lines at the end of the text): bylines (a
///   short line of only a name), site footers (address, phone, fax, "Thiết kế bởi",
///   "Ghi rõ nguồn") and upper-case organisation names;
/// - a "TAG:" suffix is cut off the line that carries it.
///
/// The title is the first line with a letter that is not furniture; a first line of
/// more than ``maximumTitleWords`` words is a lead paragraph, and the article is
/// untitled. A newspaper's source tag opening the first paragraph ("(GLO)- ",
/// "BPO- ") is removed.
public struct ArticleCleaner: Sendable {
    /// Why a line was kept or dropped.
    public enum LineKind: String, Sendable, Codable, CaseIterable {
        case title, content, blank
        case commentForm = "comment-form"
        case navigation
        case relatedLink = "related-link"
        case viewCounter = "view-counter"
        case dateline
        case photo
        case source
        case byline
        case footer
        case seriesLabel = "series-label"
        case noText = "no-text"
        case repeated
        case tag

        /// Lines of this kind are part of the article.
        public var isContent: Bool { self == .title || self == .content }
    }

    /// One input line and what the cleaner made of it.
    public struct Line: Sendable, Equatable {
        /// The line with white space collapsed (and a TAG suffix removed).
        public var text: String
        public var kind: LineKind
    }

    /// A first line longer than this (in words) is a lead paragraph, not a title.
    public static let maximumTitleWords = 35

    public init() {}

    /// The cleaned article. O(n) in the text length.
    public func clean(_ text: String) -> Article {
        let lines = analyze(text)
        var article = Article(title: "", paragraphs: [])
        article.paragraphs.reserveCapacity(lines.count)
        for line in lines {
            switch line.kind {
            case .title: article.title = line.text
            case .content: article.paragraphs.append(line.text)
            default: continue
            }
        }
        if let first = article.paragraphs.first {
            let stripped = ArticleCleaner.removingSourceTag(first)
            if stripped.isEmpty { article.paragraphs.removeFirst() } else { article.paragraphs[0] = stripped }
        }
        return article
    }

    /// Every line of `text` with its kind, for `classify clean --explain`.
    public func analyze(_ text: String) -> [Line] {
        var (lines, words) = ArticleCleaner.splitLines(text)
        var kinds = [LineKind?](repeating: nil, count: lines.count)

        for index in lines.indices {
            if let kept = ArticleCleaner.removingTag(lines[index]) {
                lines[index] = kept
                words[index] = ArticleCleaner.wordCount(kept)
                if kept.isEmpty { kinds[index] = .tag }
            }
            if lines[index].isEmpty && kinds[index] == nil { kinds[index] = .blank }
        }

        // What each line is wherever it stands (computed once; the tail scan and the
        // classification below both need it).
        let anywhere = lines.indices.map { kinds[$0] == nil ? ArticleCleaner.furniture(lines[$0], words: words[$0]) : nil }

        // The tail: the run of furniture at the very end.
        var tailStart = lines.count
        while tailStart > 0 {
            let index = tailStart - 1
            if kinds[index] != nil || anywhere[index] != nil
                || ArticleCleaner.tailFurniture(lines[index], words: words[index]) != nil {
                tailStart -= 1
            } else {
                break
            }
        }

        // Repeats are found by a 64-bit hash of the bytes (the text is NFC already).
        var seen = Set<UInt64>(minimumCapacity: lines.count)
        var underNavigation = false
        var titleFound = false
        var previousIsTitle = false
        for index in lines.indices where kinds[index] == nil {
            let line = lines[index], count = words[index]
            let hash = ArticleCleaner.hash(line)
            var kind = anywhere[index]
            if kind == nil && index >= tailStart { kind = ArticleCleaner.tailFurniture(line, words: count) }
            if kind == nil && underNavigation && ArticleCleaner.looksLikeLink(line, words: count) { kind = .relatedLink }
            if kind == nil && seen.contains(hash) { kind = .repeated }
            underNavigation = kind == .navigation || (underNavigation && kind == .relatedLink)
            seen.insert(hash)
            if kind == nil && titleFound && count <= 22 && ArticleCleaner.isPortraitCaption(line) { kind = .photo }
            if kind == nil && titleFound && previousIsTitle && count <= 25 && ArticleCleaner.isDatedCaption(line) { kind = .photo }
            previousIsTitle = false
            if let kind {
                kinds[index] = kind
            } else if !titleFound {
                previousIsTitle = true
                titleFound = true
                kinds[index] = count <= ArticleCleaner.maximumTitleWords ? .title : .content
            } else {
                kinds[index] = .content
            }
        }
        return zip(lines, kinds).map { Line(text: $0, kind: $1 ?? .blank) }
    }

    /// A 64-bit hash of the UTF-8 bytes, eight bytes a step: it only tells an article's
    /// lines apart, so it need not match any other hash, and a byte-at-a-time hash is a
    /// chain of multiplications as long as the line.
    static func hash(_ line: String) -> UInt64 {
        withBytes(line) { bytes in
            var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            guard let base = UnsafeRawPointer(bytes.baseAddress) else { return h }
            var index = 0
            while index + 8 <= bytes.count {
                h = (h ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                index += 8
            }
            var tail: UInt64 = 0
            while index < bytes.count { tail = tail << 8 | UInt64(bytes[index]); index += 1 }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            return h ^ (h >> 29)
        }
    }

    // MARK: Lines

    /// Lines with white space collapsed; hard-wrapped lines joined. Splits on the
    /// UTF-8 bytes (no grapheme breaking).
    static func splitLines(_ text: String) -> (lines: [String], words: [Int]) {
        var result: [String] = []
        var resultWords: [Int] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        func add(_ end: String.Index) {
            let (line, words) = collapseWhitespace(text[start..<end])
            if let last = result.last, !last.isEmpty, !line.isEmpty,
               continuesSentence(last, words: resultWords[resultWords.count - 1], with: line) {
                result[result.count - 1] = last + " " + line
                resultWords[resultWords.count - 1] += words
            } else {
                result.append(line)
                resultWords.append(words)
            }
        }
        // Line ends found with memchr over the contiguous bytes.
        let ends: [Int] = withBytes(text) { bytes in
            var result: [Int] = []
            // A news paragraph is a few hundred bytes: room for most articles' line ends
            // at once, instead of an array that grows five or six times.
            result.reserveCapacity(bytes.count / 128 + 4)
            guard let base = bytes.baseAddress else { return result }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                result.append(position)
                offset = position + 1
            }
            return result
        }
        result.reserveCapacity(ends.count + 1)
        resultWords.reserveCapacity(ends.count + 1)
        for end in ends {
            let index = utf8.index(utf8.startIndex, offsetBy: end)
            add(index)
            start = utf8.index(after: index)
        }
        add(utf8.endIndex)
        return (result, resultWords)
    }

    /// `text` with runs of white space (space, tab, form feed, vertical tab) turned
    /// into one space and trimmed at both ends, and its number of words (what
    /// ``wordCount(_:)`` would say of the result), counted in the same pass. O(n) over
    /// UTF-8 bytes; the text comes back unchanged, without copying bytes, when there is
    /// nothing to collapse (and no other control byte, which only the byte-by-byte
    /// pass reads).
    static func collapseWhitespace(_ text: Substring) -> (text: String, words: Int) {
        withBytes(text) { utf8 in
            if let words = wordsIfCollapsed(utf8) { return (String(text), words) }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C }
            var words = 0
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            var pendingSpace = false
            for byte in utf8 {
                if isSpace(byte) {
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace { bytes.append(0x20) }
                    if pendingSpace || bytes.isEmpty { words += 1 }
                    pendingSpace = false
                    bytes.append(byte)
                }
            }
            return (String(decoding: bytes, as: UTF8.self), words)
        }
    }

    /// The number of words of `bytes` when there is nothing to collapse (single plain
    /// spaces between words, none at either end, no byte below 0x20), else `nil`. It
    /// reads sixteen bytes a step (``ByteLanes``), as almost every line is like that; a
    /// line with a tab or another control byte is left to the byte-by-byte pass.
    static func wordsIfCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = bytes.first, first != 0x20, bytes.last != 0x20 else { return nil }
        let base = bytes.baseAddress!, count = bytes.count, width = ByteLanes.width
        // 0x80 in a lane that is a space followed by a space, or a byte below 0x20 (tab,
        // VT, FF…): for an ASCII lane x, `x &- 0x20` wraps exactly when x < 0x20.
        var faults = ByteLanes.Lanes(repeating: 0)
        var spaces = 0
        var offset = 0
        // Each step also reads the byte after its sixteen, for the pair test.
        while offset + width + 1 <= count {
            // Spaces are counted per lane, summed every 255 steps before a lane can overflow.
            let stepsEnd = min(count - width - 1, offset + width * 254)
            var tally = ByteLanes.Lanes(repeating: 0)
            while offset <= stepsEnd {
                let lanes = ByteLanes.load(base, at: offset), next = ByteLanes.load(base, at: offset + 1)
                let space = ByteLanes.equal(lanes, 0x20)
                faults |= (space & ByteLanes.equal(next, 0x20)) | ((lanes &- 0x20) & ~lanes)
                tally &+= space &>> 7
                offset &+= width
            }
            spaces += Int(SIMD16<UInt16>(truncatingIfNeeded: tally).wrappedSum())
        }
        if ByteLanes.anyFlagged(faults) { return nil }
        // The last bytes (fewer than seventeen), one at a time.
        while offset < count {
            let byte = base[offset]
            if byte < 0x20 { return nil }
            if byte == 0x20 {
                if offset + 1 < count && base[offset + 1] == 0x20 { return nil }
                spaces += 1
            }
            offset += 1
        }
        return spaces + 1
    }

    private static func continuesSentence(_ line: String, words: Int, with next: String) -> Bool {
        guard words >= 8, let lastCharacter = line.last, let firstCharacter = next.first else { return false }
        if ".!?…:;\"”’)]".contains(lastCharacter) { return false }
        return firstCharacter.isLowercase
    }

    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        withBytes(text) { bytes in
            var count = 0, inWord = false
            for byte in bytes {
                if byte == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
            }
            return count
        }
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying native strings.
    @inline(__always)
    static func withBytes<S: StringProtocol, Result>(_ text: S, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    // MARK: Rules

    /// Furniture recognisable anywhere in the text.
    static func furniture(_ line: String, words: Int) -> LineKind? {
        if line.isEmpty { return .blank }
        if !startsWithASCIILetterOrDigit(line),
           !line.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
            return .noText
        }
        if words > 80 {
            // Long lines are content; only a source line can be that long.
            let utf8 = line.utf8
            return (startsWith(utf8, "Nguồn:") || startsWith(utf8, "NGUỒN:")) && contains(utf8.prefix(200), "http") ? .source : nil
        }
        // Most lines of this length are prose: rule them out before lowercasing.
        if words > 6 && !withBytes(line, { mayBeFurniture($0, words: words) }) { return nil }
        return furnitureByRules(line, words: words)
    }

    /// What the rules make of a line of at most 80 words with a letter or digit (the
    /// slow path of ``furniture(_:words:)``; the tests check the screening against it).
    static func furnitureByRules(_ line: String, words: Int) -> LineKind? {
        let lower = line.vietnameseLowercased
        let bare = lower.trimmingSuffix(":").trimmingSuffix(" ")

        if words <= 6 {
            if commentFormLines.contains(bare) || isCommentCounter(lower) { return .commentForm }
            if navigationLines.contains(bare) { return .navigation }
            if photoPlaceholders.contains(bare) { return .photo }
            if isSeriesLabel(lower) { return .seriesLabel }
            for prefix in ["họ tên:", "họ và tên:", "email:", "e-mail:"] where lower.hasPrefix(prefix) { return .commentForm }
        }
        if words <= 8 && viewCounterPrefixes.contains(where: { lower.hasPrefix($0) }) && line.contains(where: \.isNumber) {
            return .viewCounter
        }
        if words <= 12 && isDateline(lower) { return .dateline }
        if words <= 80 && isCaption(line, lower: lower) { return .photo }
        if lower.hasPrefix("nguồn:") || lower.hasPrefix("nguồn :") {
            if lower.contains("http") || lower.contains("www.") || words <= 8 { return .source }
        }
        return nil
    }

    /// Whether `line` starts with an ASCII letter or digit, which settles the no-text
    /// check without reading Unicode properties.
    private static func startsWithASCIILetterOrDigit(_ line: String) -> Bool {
        guard let first = line.utf8.first else { return false }
        return (0x30...0x39).contains(first) || (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first)
    }

    /// Whether a line of 7 to 80 words may be furniture by the rules ``furniture(_:words:)``
    /// applies at that length, judged from bytes each rule needs: `false` is certain,
    /// `true` means the rules must run. Each byte checked is an ASCII letter, a space,
    /// ':', '/', '-' or "ả"/"Ả"; only its upper-case form lowercases to each of them
    /// (the cleaner lowercases scalar by scalar), and each stands alone in any
    /// normalization form, so the `hasPrefix` rules, which match canonically
    /// equivalent text, need them too.
    ///
    /// - a view counter (at most 8 words) starts with "lượt", "số" or "đã";
    /// - a dateline (at most 12 words) has two '/' or '-' in its date;
    /// - every rule with a colon has "nh", "o", "p" or "n" and perhaps a space before
    ///   it: "ảnh:", "ảnh :", "photo:", "video:", "clip:", "nguồn:", "nguồn :";
    /// - the other caption markers have "ảnh m" ("ảnh minh họa", "ảnh minh hoạ").
    static func mayBeFurniture(_ bytes: UnsafeBufferPointer<UInt8>, words: Int) -> Bool {
        guard let first = bytes.first else { return true }
        switch first {
        case 0x4C, 0x6C, 0x53, 0x73, 0xC3, 0xC4:   // L, l, S, s, and the lead bytes of Đ, đ, Ð, ð
            if words <= 8 { return true }
        default:
            break
        }
        var dateSeparators = 0
        for index in bytes.indices {
            switch bytes[index] {
            case 0x2F, 0x2D:
                dateSeparators += 1
                if words <= 12 && dateSeparators >= 2 { return true }
            case 0x3A:
                var before = index - 1
                if before >= 0 && bytes[before] == 0x20 { before -= 1 }
                guard before >= 0 else { continue }
                // Setting bit 5 lowercases an ASCII letter; no other byte becomes n, h, o or p.
                switch bytes[before] | 0x20 {
                case 0x6E, 0x68, 0x6F, 0x70: return true
                default: continue
                }
            case 0xE1:
                // "ả" or "Ả" (E1 BA A3, E1 BA A2), then "nh m" in any case.
                if index + 6 < bytes.count && bytes[index + 1] == 0xBA && bytes[index + 2] & 0xFE == 0xA2
                    && bytes[index + 3] | 0x20 == 0x6E && bytes[index + 4] | 0x20 == 0x68
                    && bytes[index + 5] == 0x20 && bytes[index + 6] | 0x20 == 0x6D {
                    return true
                }
            default:
                continue
            }
        }
        return false
    }

    /// Furniture recognisable only at the end of the text.
    static func tailFurniture(_ line: String, words: Int) -> LineKind? {
        guard words <= 30 else { return nil }
        let lower = line.vietnameseLowercased
        if words <= 30 && footerPrefixes.contains(where: { lower.hasPrefix($0) }) { return .footer }
        if words <= 30 && (lower.contains("thiết kế bởi") || lower.contains("ghi rõ nguồn")
            || lower.contains("bản quyền thuộc") || lower.contains("copyright") || line.contains("©")) {
            return .footer
        }
        if words <= 12 && isUppercaseName(line) { return .footer }
        if tailFormLines.contains(lower.trimmingSuffix(":").trimmingSuffix(" ")) { return .commentForm }
        if bylinePrefixes.contains(where: { lower.hasPrefix($0) }) && words <= 10 { return .byline }
        if lower.hasPrefix("theo ") && words <= 6 && !line.hasSuffix(".") { return .source }
        if isPersonName(line) { return .byline }
        return nil
    }

    static let commentFormLines: Set<String> = [
        "ý kiến của bạn", "ý kiến bạn đọc", "gửi ý kiến", "gửi bình luận", "viết bình luận", "bình luận",
        "phản hồi", "gửi phản hồi", "họ tên", "họ và tên", "email", "e-mail",
        "mã xác nhận", "mã bảo mật", "chia sẻ", "in bài", "in trang", "bản in", "gửi email",
        "lên đầu trang", "về đầu trang", "quay lại", "trở về", "về trang trước", "đánh giá bài viết",
    ]
    /// Form field labels that are also ordinary words, so only trusted in the tail.
    static let tailFormLines: Set<String> = ["tiêu đề", "nội dung", "gửi", "ý kiến", "bình luận của bạn", "mã"]
    static let navigationLines: Set<String> = [
        "các tin khác", "tin khác", "tin liên quan", "tin cùng chuyên mục", "bài viết liên quan",
        "bài liên quan", "mới nhất", "tin mới nhất", "xem nhiều nhất", "đọc nhiều nhất", "tin đọc nhiều",
        "xem thêm", "tin mới", "tin tiêu điểm", "tin nổi bật", "tin bài khác", "các bài viết khác",
    ]
    static let photoPlaceholders: Set<String> = [
        "anh tin bai", "ảnh tin bài", "ảnh minh họa", "ảnh minh hoạ", "(ảnh minh họa)", "(ảnh minh hoạ)",
        "ảnh", "video", "clip",
    ]
    static let viewCounterPrefixes = ["lượt xem", "số lượt xem", "lượt đọc", "lượt truy cập", "số lần xem", "đã xem"]
    static let footerPrefixes = [
        "địa chỉ", "điện thoại", "đt:", "tel:", "tel.", "fax", "email:", "e-mail:", "website:", "hotline",
        "cơ quan chủ quản", "chịu trách nhiệm", "giấy phép", "trưởng ban biên tập", "tổng biên tập",
        "bản quyền", "thiết kế bởi", "ghi rõ nguồn", "phát triển bởi", "liên hệ quảng cáo",
    ]
    static let bylinePrefixes = ["tác giả bài viết:", "tác giả:", "bài và ảnh:", "bài, ảnh:", "bài:", "tin, ảnh:", "tin và ảnh:", "người viết:"]

    private static func isCommentCounter(_ lower: String) -> Bool {
        for prefix in ["bình luận (", "ý kiến (", "phản hồi ("] where lower.hasPrefix(prefix) && lower.hasSuffix(")") {
            return lower.dropFirst(prefix.count).dropLast().allSatisfy(\.isNumber)
        }
        return false
    }

    private static func isSeriesLabel(_ lower: String) -> Bool {
        let parts = lower.split(separator: " ")
        guard parts.count == 2, ["bài", "kỳ", "phần"].contains(String(parts[0])) else { return false }
        return parts[1].allSatisfy(\.isNumber) || ["cuối", "1:", "2:"].contains(String(parts[1]))
    }

    /// "Thứ Hai, 13/09/2021", "Chủ nhật, 5/6/2022 08:15", "13/09/2021 10:20", "Cập nhật: …".
    private static func isDateline(_ lower: String) -> Bool {
        let weekdays = ["thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "thứ 2", "thứ 3", "thứ 4",
                        "thứ 5", "thứ 6", "thứ 7", "chủ nhật"]
        let startsWithDay = weekdays.contains { lower.hasPrefix($0) }
        let startsWithLabel = ["cập nhật", "ngày đăng", "đăng lúc", "đăng ngày", "ngày cập nhật", "thời gian đăng"]
            .contains { lower.hasPrefix($0) }
        guard startsWithDay || startsWithLabel || lower.first?.isNumber == true else { return false }
        guard containsDate(lower) else { return false }
        // Nothing but the date, times and separators may follow the weekday.
        let letters = lower.filter(\.isLetter)
        let allowed = weekdays.joined() + "cậpnhậtngàyđăngđăngngàylúcthờigiangmtamp"
        return letters.allSatisfy { allowed.contains($0) }
    }

    private static func containsDate(_ text: String) -> Bool {
        var digits = 0, slashes = 0
        for character in text {
            if character.isNumber { digits += 1 } else if character == "/" || character == "-" { slashes += 1 }
        }
        return digits >= 4 && slashes >= 2
    }

    /// Photo captions: "… Ảnh: N.D", "(Ảnh: TTXVN)", "Ảnh: …", "… - Trong ảnh: …".
    private static func isCaption(_ line: String, lower: String) -> Bool {
        if lower.hasPrefix("trong ảnh:") || contains(lower.utf8[...], " - trong ảnh:") || contains(lower.utf8[...], " – trong ảnh:")
            || contains(lower.utf8[...], ". trong ảnh:") {
            return true
        }
        if lower.hasPrefix("ảnh:") || lower.hasPrefix("ảnh :") || lower.hasPrefix("(ảnh:") { return true }
        // A credit at the end: the last "ảnh:" (or "ảnh minh họa", "nguồn ảnh:") with at
        // most six words after it.
        let utf8 = lower.utf8[...]
        for marker in captionMarkers {
            guard let start = lastOccurrence(of: marker, in: utf8) else { continue }
            let before = lower[..<start]
            let after = lower[lower.utf8.index(start, offsetBy: marker.count)...]
            let openedByBoundary = before.isEmpty || before.hasSuffix(". ") || before.hasSuffix(" - ")
                || before.hasSuffix(" – ") || before.hasSuffix("(") || before.hasSuffix("- ") || before.hasSuffix(", ")
                || before.hasSuffix("” ") || before.hasSuffix(".")
            if openedByBoundary && wordCount(after) <= 6 && lastOccurrence(of: [0x2E, 0x20], in: after.utf8) == nil { return true }
        }
        return false
    }

    static let captionMarkers: [[UInt8]] = ["ảnh:", "ảnh :", "ảnh minh họa", "ảnh minh hoạ", "nguồn ảnh:", "photo:", "video:", "clip:"]
        .map { Array($0.utf8) }

    /// A short line of only capitalized words: a byline such as "Nguyễn Dung",
    /// "N.D", "Mộc Miên (Tổng hợp)", "Quang Xuân - TTXVN".
    private static func isPersonName(_ line: String) -> Bool {
        var text = Substring(line)
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") { text = text[..<open] }
        if let dash = text.range(of: " - ") ?? text.range(of: " – ") {
            // "Quang Xuân - TTXVN": the part after the dash names an agency.
            let agency = text[dash.upperBound...]
            guard wordCount(agency) <= 3, !agency.hasSuffix(".") else { return false }
            text = text[..<dash.lowerBound]
        }
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count) else { return false }
        if words.count == 1 && !words[0].contains(".") { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.allSatisfy { $0.isLetter || $0 == "." }
        }
    }

    /// Office titles and honorifics that open a portrait caption.
    static let officePrefixes = [
        "ủy viên", "uỷ viên", "bí thư", "phó bí thư", "chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc",
        "tổng giám đốc", "trưởng ban", "phó trưởng ban", "trưởng phòng", "đồng chí", "ông ", "bà ", "đại tá",
        "thượng tá", "trung tá", "thiếu tá", "đại úy", "đại uý", "thiếu tướng", "trung tướng", "bộ trưởng",
        "thứ trưởng", "tổng bí thư", "thủ tướng", "hiệu trưởng", "chính ủy", "chính uỷ", "chánh", "phó chánh",
        "pgs", "gs.", "ts.", "ths.", "nhà giáo", "nghệ nhân", "bác sĩ", "cô giáo", "thầy giáo",
    ]

    /// A portrait caption: office titles and a person's name, nothing else ("Ủy viên
    /// Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy Đồng Xoài Hà Anh Dũng").
    static func isPortraitCaption(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (3...22).contains(words.count), let last = line.last, last.isLetter else { return false }
        let lower = line.vietnameseLowercased
        guard officePrefixes.contains(where: { lower.hasPrefix($0) }) else { return false }
        // The name: the last two to four words, all capitalized, and every word of the
        // line capitalized or a short function word of an office title.
        let name = words.suffix(3)
        guard name.allSatisfy({ $0.first?.isUppercase == true }) else { return false }
        return !line.contains(":") && !lower.contains(" cho biết") && !lower.contains(" nói")
    }

    /// A caption under the title that ends with the photo's date: "Đoàn kiểm tra của
    /// Tỉnh ủy làm việc với Huyện ủy Thanh Sơn, tháng 5-2013."
    static func isDatedCaption(_ line: String) -> Bool {
        guard wordCount(line) <= 25, line.hasSuffix(".") else { return false }
        let words = line.dropLast().split(separator: " ")
        guard words.count >= 3, let stamp = words.last else { return false }
        let parts = stamp.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              parts.last!.count == 4 else { return false }
        let before = words[words.count - 2].vietnameseLowercased
        return before == "tháng" || before == "ngày" || words[words.count - 2].hasSuffix(",")
    }

    /// An organisation's name in capitals: "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐỒNG XOÀI".
    private static func isUppercaseName(_ line: String) -> Bool {
        let letters = line.filter(\.isLetter)
        return letters.count >= 6 && letters.allSatisfy(\.isUppercase)
    }

    /// A line under a navigation header that reads like a link: short, no final period.
    static func looksLikeLink(_ line: String, words: Int) -> Bool {
        words <= 30 && !(line.hasSuffix(".") || line.hasSuffix("!") || line.hasSuffix("?"))
    }

    /// Removes a "TAG:" (or "Tags:", "Từ khóa:") suffix; `nil` if there is none. Only
    /// the last 400 bytes are searched, where the marker sits.
    static func removingTag(_ line: String) -> String? {
        let cut: Int? = withBytes(line) { bytes in
            // Every marker ends with ':'; look back from each ':' in the last 400 bytes,
            // skipping eight bytes at a time where there is none.
            var index = bytes.count - 1
            let stop = max(0, bytes.count - 400)
            while index >= stop {
                if index - 7 >= stop && ByteWords.matches(ByteWords.load(bytes, at: index - 7), 0x3A) == 0 {
                    index -= 8
                    continue
                }
                if bytes[index] == 0x3A {
                    for marker in tagMarkers where marker.count <= index + 1 {
                        let start = index + 1 - marker.count
                        if (0..<marker.count).allSatisfy({ bytes[start + $0] == marker[$0] }) { return start }
                    }
                }
                index -= 1
            }
            return nil
        }
        guard let cut else { return nil }
        let end = line.utf8.index(line.utf8.startIndex, offsetBy: cut)
        return String(line[..<end]).trimmingCharacters(in: .whitespaces)
    }

    static let tagMarkers: [[UInt8]] = ["TAG:", "Tags:", "Tag:", "TAGS:", "Từ khóa:", "Từ khoá:"].map { Array($0.utf8) }

    /// Where the last occurrence of `needle` starts in `haystack`, or `nil`.
    /// O(n · m) worst case over the raw bytes.
    static func lastOccurrence(of needle: [UInt8], in haystack: Substring.UTF8View) -> String.Index? {
        let found: Int? = withBytes(Substring(haystack)) { bytes in
            guard needle.count <= bytes.count, let first = needle.first else { return nil }
            var index = bytes.count - needle.count
            while index >= 0 {
                if bytes[index] == first {
                    var offset = 1
                    while offset < needle.count && bytes[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return index }
                }
                index -= 1
            }
            return nil
        }
        return found.map { haystack.index(haystack.startIndex, offsetBy: $0) }
    }

    /// Whether `utf8` begins with the bytes of `prefix`.
    static func startsWith(_ utf8: String.UTF8View, _ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// Whether `haystack` contains the bytes of `needle`.
    static func contains(_ haystack: Substring.UTF8View, _ needle: String) -> Bool {
        lastOccurrence(of: Array(needle.utf8), in: haystack) != nil
    }

    /// Removes a newspaper's source tag at the start of the lead: "(GLO)- ", "BPO- ",
    /// "(Chinhphu.vn) - ".
    static func removingSourceTag(_ paragraph: String) -> String {
        if opensWithoutSourceTag(paragraph) { return paragraph }
        var rest = Substring(paragraph)
        if rest.hasPrefix("("), let close = rest.firstIndex(of: ")"), rest.distance(from: rest.startIndex, to: close) <= 25 {
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            guard !inside.contains(" ") else { return paragraph }
            rest = rest[rest.index(after: close)...]
        } else {
            let tag = rest.prefix { $0.isASCII && ($0.isUppercase || $0.isNumber) }
            guard (2...6).contains(tag.count) else { return paragraph }
            rest = rest[tag.endIndex...]
        }
        rest = rest.drop { $0 == " " }
        guard let dash = rest.first, "-–—".contains(dash) else { return paragraph }
        rest = rest.dropFirst().drop { $0 == " " }
        guard let next = rest.first, next.isUppercase || next.isNumber || next == "“" || next == "\"" else { return paragraph }
        return String(rest)
    }

    /// Whether the first bytes rule out a source tag: the paragraph opens with neither
    /// "(" nor two to six ASCII capitals and digits. Reading Characters, as the full
    /// check does, costs an upper-case test of each; ASCII bytes are Characters of their
    /// own when an ASCII byte follows, and a combining mark can take at most the last
    /// of a run, so a run of k such bytes is k or k - 1 Characters.
    static func opensWithoutSourceTag(_ paragraph: String) -> Bool {
        withBytes(paragraph) { bytes in
            guard let first = bytes.first, first != 0x28 else { return false }
            var run = 0
            while run < min(bytes.count, 8), (0x41...0x5A).contains(bytes[run]) || (0x30...0x39).contains(bytes[run]) {
                run += 1
            }
            if run == bytes.count || bytes[run] < 0x80 { return !(2...6).contains(run) }
            return run <= 1 || run >= 8
        }
    }
}

import Foundation

extension StringProtocol {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
    }
}

extension StringProtocol {
    /// Lowercase through the tokenizer's scalar table: the same result as
    /// `lowercased()` for Vietnamese text at a fraction of the cost (the standard
    /// library's full Unicode mapping costs tens of thousands of instructions per line).
    /// The result is built as UTF-8 bytes: appending to a `String.UnicodeScalarView`
    /// costs hundreds of instructions per scalar.
    var vietnameseLowercased: String {
        let table = ScalarTable.shared
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            let index = ScalarTable.index(scalar.value)
            let lower = index >= 0 ? table.lowers[index] : table.lowercase(scalar.value)
            if lower < 0x80 {
                bytes.append(UInt8(lower))
            } else {
                bytes.append(contentsOf: (Unicode.Scalar(lower) ?? scalar).utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
