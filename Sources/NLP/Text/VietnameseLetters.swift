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
///
/// The tables live in one immortal allocation read through raw pointers, so the
/// tokenizer's inner loop does no bounds checks and no reference counting.
final class ScalarTable: @unchecked Sendable {
    static let shared = ScalarTable()

    /// Kind of a scalar for tokenization (the raw values are what the tables hold).
    enum Kind: UInt8 {
        case separator = 0   // white space, punctuation, symbols
        case letter = 1
        case digit = 2       // ASCII 0-9
        case mark = 3        // combining mark (general category Mn/Mc/Me)
        case ignorable = 4   // format characters (ZWSP, ZWJ, BOM, soft hyphen): skipped inside words
    }

    /// Covered: 0x0000..<0x0370 (index = scalar) and 0x1E00..<0x1F00 (index = 0x370 + offset).
    static let lowLimit: UInt32 = 0x0370
    static let extendedStart: UInt32 = 0x1E00
    static let extendedEnd: UInt32 = 0x1F00
    static let size = Int(lowLimit + (extendedEnd - extendedStart))

    /// Kind raw values, by table index.
    let kinds: UnsafeMutablePointer<UInt8>
    /// Single-scalar lowercase forms (Ð and ð map to đ), by table index.
    let lowers: UnsafeMutablePointer<UInt32>
    /// 1 + base × 6 + tone for Vietnamese vowels (both cases), else 0, by table index.
    let vowels: UnsafeMutablePointer<UInt8>
    /// The three facts packed into one word per scalar, for the tokenizer's inner loop:
    /// bits 0–20 lowercase scalar, 24–26 kind, 27 vowel, 28 toned vowel, 29 vowel with a
    /// diacritic of its own (ă â ê ô ơ ư, any tone).
    let packed: UnsafeMutablePointer<UInt32>
    static let kindShift: UInt32 = 24
    static let vowelBit: UInt32 = 1 << 27
    static let tonedBit: UInt32 = 1 << 28
    static let diacriticBit: UInt32 = 1 << 29

    private init() {
        let size = ScalarTable.size
        kinds = .allocate(capacity: size)
        lowers = .allocate(capacity: size)
        vowels = .allocate(capacity: size)
        packed = .allocate(capacity: size)
        vowels.initialize(repeating: 0, count: size)
        for index in 0..<size {
            let value = ScalarTable.scalar(ofIndex: index)
            kinds[index] = Kind.separator.rawValue
            lowers[index] = value
            guard let scalar = Unicode.Scalar(value) else { continue }
            kinds[index] = ScalarTable.computeKind(scalar).rawValue
            lowers[index] = ScalarTable.computeLowercase(scalar)
        }
        // Ð (eth) and ð are folded into đ: Vietnamese has no eth, and the two look
        // identical, so documents typed on the wrong keyboard layout use it.
        lowers[0x00D0] = 0x0111
        lowers[0x00F0] = 0x0111
        for (row, (lower, upper)) in zip(VietnameseLetters.lowercaseRows, VietnameseLetters.uppercaseRows).enumerated() {
            for (tone, (l, u)) in zip(lower.unicodeScalars, upper.unicodeScalars).enumerated() {
                let code = UInt8(row * VietnameseLetters.toneCount + tone + 1)
                for scalar in [l.value, u.value] {
                    let index = ScalarTable.index(scalar)
                    if index >= 0 {
                        vowels[index] = code
                        kinds[index] = Kind.letter.rawValue
                    }
                }
            }
        }
        for index in 0..<size {
            var word = lowers[index] | UInt32(kinds[index]) << ScalarTable.kindShift
            if vowels[index] != 0 {
                word |= ScalarTable.vowelBit
                if (vowels[index] - 1) % 6 != 0 { word |= ScalarTable.tonedBit }
                if VietnameseLetters.Base.hasDiacritic[Int(vowels[index] - 1) / 6] { word |= ScalarTable.diacriticBit }
            }
            packed[index] = word
        }
    }

    private static func scalar(ofIndex index: Int) -> UInt32 {
        index < Int(lowLimit) ? UInt32(index) : UInt32(index) - lowLimit + extendedStart
    }

    /// Table index of `scalar`, or -1 outside the covered ranges.
    @inline(__always)
    static func index(_ scalar: UInt32) -> Int {
        if scalar < lowLimit { return Int(scalar) }
        if scalar >= extendedStart && scalar < extendedEnd { return Int(lowLimit + scalar - extendedStart) }
        return -1
    }

    static func computeKind(_ scalar: Unicode.Scalar) -> Kind {
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

    static func computeLowercase(_ scalar: Unicode.Scalar) -> UInt32 {
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
        let index = ScalarTable.index(scalar)
        if index >= 0 { return Kind(rawValue: kinds[index])! }
        guard let s = Unicode.Scalar(scalar) else { return .separator }
        return ScalarTable.computeKind(s)
    }

    /// The single-scalar lowercase form of `scalar` (Ð and ð become đ).
    @inline(__always)
    func lowercase(_ scalar: UInt32) -> UInt32 {
        let index = ScalarTable.index(scalar)
        if index >= 0 { return lowers[index] }
        guard let s = Unicode.Scalar(scalar) else { return scalar }
        return ScalarTable.computeLowercase(s)
    }

    /// 1 + base × 6 + tone for a Vietnamese vowel (either case), 0 otherwise.
    @inline(__always)
    func vowelCode(_ scalar: UInt32) -> UInt8 {
        let index = ScalarTable.index(scalar)
        return index >= 0 ? vowels[index] : 0
    }
}
