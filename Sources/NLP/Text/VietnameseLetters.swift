/// The Vietnamese alphabet as data: which scalars are vowels, which base vowel and
/// tone each one carries, and how to put a vowel back together.
///
/// The tokenizer works on this decomposition instead of on Unicode normalization
/// forms, so that precomposed (NFC) and decomposed (NFD) input, and both tone-mark
/// placements, meet in one representation without allocating a `String`.
enum VietnameseLetters {
    /// The tones, in the order of the rows below: none, huyền (grave), sắc (acute),
    /// hỏi (hook above), ngã (tilde), nặng (dot below).
    static let toneCount = 6

    /// The twelve base vowels; each string lists the vowel with tones 0...5.
    static let lowercaseRows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ]
    static let uppercaseRows: [String] = [
        "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
        "OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
    ]

    /// Base vowel indices into the rows above.
    enum Base {
        static let a = 0, aBreve = 1, aCircumflex = 2, e = 3, eCircumflex = 4, i = 5
        static let o = 6, oCircumflex = 7, oHorn = 8, u = 9, uHorn = 10, y = 11
        /// Vowels that carry a diacritic of their own (ă â ê ô ơ ư); they take the tone
        /// whenever they occur in a syllable.
        static let hasDiacritic: [Bool] = [false, true, true, false, true, false, false, true, true, false, true, false]
    }

    /// Lowercase precomposed scalar for `base` with `tone`. Table: 12 × 6.
    static let composed: [UInt32] = {
        lowercaseRows.flatMap { row in row.unicodeScalars.map(\.value) }
    }()

    /// A vowel's decomposition: base index and tone.
    struct Vowel: Equatable {
        var base: Int
        var tone: Int
    }

    /// Decomposes a lowercase vowel scalar; `nil` for anything that is not a
    /// Vietnamese vowel.
    @inline(__always)
    static func vowel(_ scalar: UInt32) -> Vowel? {
        let code = ScalarTable.shared.vowelCode(scalar)
        return code == 0 ? nil : Vowel(base: Int(code - 1) / toneCount, tone: Int(code - 1) % toneCount)
    }

    @inline(__always)
    static func compose(_ vowel: Vowel) -> UInt32 {
        composed[vowel.base * toneCount + vowel.tone]
    }

    /// The tone a combining mark adds, or `nil` if the mark is not a tone mark.
    @inline(__always)
    static func tone(ofCombiningMark mark: UInt32) -> Int? {
        switch mark {
        case 0x0300, 0x0340: return 1
        case 0x0301, 0x0341: return 2
        case 0x0309: return 3
        case 0x0303: return 4
        case 0x0323: return 5
        default: return nil
        }
    }

    /// The base vowel that `base` becomes under a combining diacritic (circumflex,
    /// breve, horn), or `nil` if the pair does not occur in Vietnamese.
    @inline(__always)
    static func apply(diacritic mark: UInt32, to base: Int) -> Int? {
        switch (mark, base) {
        case (0x0302, Base.a): return Base.aCircumflex
        case (0x0302, Base.e): return Base.eCircumflex
        case (0x0302, Base.o): return Base.oCircumflex
        case (0x0306, Base.a): return Base.aBreve
        case (0x031B, Base.o): return Base.oHorn
        case (0x031B, Base.u): return Base.uHorn
        default: return nil
        }
    }
}

/// Per-scalar facts the tokenizer needs, precomputed for the ranges Vietnamese text
/// lives in (ASCII, Latin-1, Latin Extended-A/B, combining marks, Latin Extended
/// Additional). Scalars outside them fall back to Unicode properties.
final class ScalarTable: Sendable {
    static let shared = ScalarTable()

    /// Kind of a scalar for tokenization.
    enum Kind: UInt8 {
        case separator = 0   // white space, punctuation, symbols
        case letter = 1
        case digit = 2       // ASCII 0-9
        case mark = 3        // combining mark (general category Mn/Mc/Me)
        case ignorable = 4   // format characters (ZWSP, ZWJ, BOM, soft hyphen): skipped inside words
    }

    /// Covered range: 0x0000..<0x0250 and 0x1E00..<0x1F00; marks 0x0300..<0x0370.
    private static let lowLimit: UInt32 = 0x0370
    private static let extendedStart: UInt32 = 0x1E00
    private static let extendedEnd: UInt32 = 0x1F00

    private let lowKind: [UInt8]
    private let lowLower: [UInt32]
    private let lowVowel: [UInt8]
    private let extKind: [UInt8]
    private let extLower: [UInt32]
    private let extVowel: [UInt8]

    private init() {
        func build(_ range: Range<UInt32>) -> ([UInt8], [UInt32], [UInt8]) {
            var kinds = [UInt8](repeating: 0, count: range.count)
            var lowers = [UInt32](repeating: 0, count: range.count)
            for (offset, value) in range.enumerated() {
                lowers[offset] = value
                guard let scalar = Unicode.Scalar(value) else { continue }
                kinds[offset] = ScalarTable.computeKind(scalar).rawValue
                lowers[offset] = ScalarTable.computeLowercase(scalar)
            }
            return (kinds, lowers, [UInt8](repeating: 0, count: range.count))
        }
        var (lk, ll, lv) = build(0..<ScalarTable.lowLimit)
        var (ek, el, ev) = build(ScalarTable.extendedStart..<ScalarTable.extendedEnd)
        // Ð (eth) and ð are folded into Đ / đ: Vietnamese has no eth, and the two
        // look identical, so documents typed on the wrong keyboard layout use it.
        ll[0x00D0] = 0x0111
        ll[0x00F0] = 0x0111
        for (row, (lower, upper)) in zip(VietnameseLetters.lowercaseRows, VietnameseLetters.uppercaseRows).enumerated() {
            for (tone, (l, u)) in zip(lower.unicodeScalars, upper.unicodeScalars).enumerated() {
                let code = UInt8(row * VietnameseLetters.toneCount + tone + 1)
                for scalar in [l.value, u.value] {
                    if scalar < ScalarTable.lowLimit {
                        lv[Int(scalar)] = code
                        lk[Int(scalar)] = Kind.letter.rawValue
                    } else if scalar >= ScalarTable.extendedStart && scalar < ScalarTable.extendedEnd {
                        ev[Int(scalar - ScalarTable.extendedStart)] = code
                        ek[Int(scalar - ScalarTable.extendedStart)] = Kind.letter.rawValue
                    }
                }
            }
        }
        lowKind = lk; lowLower = ll; lowVowel = lv
        extKind = ek; extLower = el; extVowel = ev
    }

    private static func computeKind(_ scalar: Unicode.Scalar) -> Kind {
        if scalar.value >= 0x30 && scalar.value <= 0x39 { return .digit }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .format:
            return .ignorable
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .letter
        default:
            return .separator
        }
    }

    private static func computeLowercase(_ scalar: Unicode.Scalar) -> UInt32 {
        let properties = scalar.properties
        guard properties.changesWhenLowercased else { return scalar.value }
        let mapped = properties.lowercaseMapping.unicodeScalars
        // Multi-scalar mappings (İ → i̇) keep the scalar as it is; they do not occur in
        // Vietnamese and a single scalar keeps the tokenizer allocation-free.
        return mapped.count == 1 ? mapped.first!.value : scalar.value
    }

    /// The kind of `scalar`. O(1) inside the covered ranges.
    @inline(__always)
    func kind(_ scalar: UInt32) -> Kind {
        if scalar < ScalarTable.lowLimit { return Kind(rawValue: lowKind[Int(scalar)])! }
        if scalar >= ScalarTable.extendedStart && scalar < ScalarTable.extendedEnd {
            return Kind(rawValue: extKind[Int(scalar - ScalarTable.extendedStart)])!
        }
        guard let s = Unicode.Scalar(scalar) else { return .separator }
        return ScalarTable.computeKind(s)
    }

    /// The single-scalar lowercase form of `scalar` (Ð and ð become đ).
    @inline(__always)
    func lowercase(_ scalar: UInt32) -> UInt32 {
        if scalar < ScalarTable.lowLimit { return lowLower[Int(scalar)] }
        if scalar >= ScalarTable.extendedStart && scalar < ScalarTable.extendedEnd {
            return extLower[Int(scalar - ScalarTable.extendedStart)]
        }
        guard let s = Unicode.Scalar(scalar) else { return scalar }
        return ScalarTable.computeLowercase(s)
    }

    /// 1 + base × 6 + tone for a Vietnamese vowel (either case), 0 otherwise.
    @inline(__always)
    func vowelCode(_ scalar: UInt32) -> UInt8 {
        if scalar < ScalarTable.lowLimit { return lowVowel[Int(scalar)] }
        if scalar >= ScalarTable.extendedStart && scalar < ScalarTable.extendedEnd {
            return extVowel[Int(scalar - ScalarTable.extendedStart)]
        }
        return 0
    }
}
