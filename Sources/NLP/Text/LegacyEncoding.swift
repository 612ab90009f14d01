/// The pre-Unicode 8-bit Vietnamese encodings still found in old documents.
///
/// They are detected, not converted: a wrong guess would silently turn an article
/// into plausible-looking garbage, which is worse than an error.
public enum LegacyVietnameseEncoding: String, Sendable, Equatable {
    /// TCVN 5712 (VN3), the "ABC" fonts (.VnTime): precomposed letters in 0xA1–0xFE.
    case tcvn3
    /// VNI-Windows: an ASCII base letter followed by a mark byte (ñ for đ, ö for ư…).
    case vni

    public var displayName: String {
        switch self {
        case .tcvn3: return "TCVN3 (ABC)"
        case .vni: return "VNI"
        }
    }

    // TCVN3 bytes for đ/Đ, and for toned lowercase vowels.
    private static let tcvnD: Set<UInt8> = [0xAE, 0xA7]
    private static let tcvnLetters = ClosedRange<UInt8>(uncheckedBounds: (0xA1, 0xFE))
    // VNI-Windows mark bytes that follow a vowel (both cases), and standalone letters.
    private static let vniMarks: Set<UInt8> = [
        0xF9, 0xF8, 0xFB, 0xF5, 0xEF, 0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4, 0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB,
        0xD9, 0xD8, 0xDB, 0xD5, 0xCF, 0xC2, 0xC1, 0xC0, 0xC5, 0xC3, 0xC4, 0xCA, 0xC9, 0xC8, 0xDA, 0xDC, 0xCB,
    ]
    private static let vniD: Set<UInt8> = [0xF1, 0xD1]
    private static let vniStandalone: Set<UInt8> = [0xF4, 0xF6, 0xD4, 0xD6, 0xEC, 0xED, 0xE6, 0xF3, 0xF2]

    /// The legacy encoding that raw (non-UTF-8) `bytes` look like, or `nil`.
    ///
    /// Both encodings put Vietnamese letters in bytes ≥ 0x80 between ASCII letters.
    /// Evidence for TCVN3: `đ` (0xAE) opening words, toned vowels between consonants.
    /// For VNI: `ñ` opening words, mark bytes right after a vowel. A text is called
    /// legacy only when high bytes are common and most of them fit one pattern, so that
    /// Latin-1 French or a stray bad byte stays a plain UTF-8 error.
    public static func detect(bytes: UnsafeBufferPointer<UInt8>) -> LegacyVietnameseEncoding? {
        var high = 0, tcvn = 0, vni = 0, tcvnSignature = 0, validSequences = 0
        let count = bytes.count
        var index = 0
        while index < count {
            defer { index += 1 }
            guard bytes[index] >= 0x80 else { continue }
            // Bytes of well-formed UTF-8 sequences are not legacy evidence: a UTF-8 file
            // with one bad byte stays a UTF-8 error.
            if let width = utf8SequenceWidth(bytes, at: index) {
                validSequences += 1
                index += width - 1
                continue
            }
            high += 1
            let byte = bytes[index]
            let previous: UInt8 = index > 0 ? bytes[index - 1] : 0x20
            let next: UInt8 = index + 1 < count ? bytes[index + 1] : 0x20
            let previousIsBoundary = previous == 0x20 || previous == 0x0A || previous == 0x0D
            let previousIsVowel = isASCIIVowel(previous)
            let previousIsLetter = isASCIILetter(previous)
            if tcvnD.contains(byte) && previousIsBoundary && isASCIILetter(next) { tcvn += 3 }
            if byte >= 0xA1 && byte <= 0xAE { tcvnSignature += 1 }
            if tcvnLetters.contains(byte) && (previousIsLetter || previous >= 0x80 || previousIsBoundary)
                && (isASCIILetter(next) || next == 0x20 || next >= 0x80) && !(previousIsVowel && vniMarks.contains(byte)) {
                tcvn += 1
            }
            if vniD.contains(byte) && previousIsBoundary && isASCIILetter(next) { vni += 3 }
            if vniMarks.contains(byte) && (previousIsVowel || vniStandalone.contains(previous)) { vni += 2 }
            if vniStandalone.contains(byte) && previousIsLetter { vni += 1 }
        }
        guard high >= 8, high * 100 >= count, high > validSequences else { return nil }
        if vni >= tcvn && vni * 2 >= high { return .vni }
        // TCVN3 puts ă â ê ô ơ ư đ in 0xA1–0xAE, where Latin-1 has rare symbols (© « ¬).
        if tcvn > vni && tcvn * 2 >= high && tcvnSignature * 10 >= high { return .tcvn3 }
        return nil
    }

    /// Width of a well-formed UTF-8 multi-byte sequence at `index`, or `nil`.
    private static func utf8SequenceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        let width: Int
        switch lead {
        case 0xC2...0xDF: width = 2
        case 0xE0...0xEF: width = 3
        case 0xF0...0xF4: width = 4
        default: return nil
        }
        guard index + width <= bytes.count else { return nil }
        for next in 1..<width where bytes[index + next] & 0xC0 != 0x80 { return nil }
        return width
    }

    /// The legacy encoding that already-decoded `text` looks like, when a legacy file
    /// was once read as Windows-1252 (`Ñaûng` for *Đảng*, `§¶ng` for *Đảng*).
    public static func detect(misdecodedText text: String) -> LegacyVietnameseEncoding? {
        var latin1 = 0, vietnamese = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xA0...0xFF: latin1 += 1
            case 0x102...0x1B0, 0x1EA0...0x1EF9: vietnamese += 1
            default: break
            }
        }
        guard latin1 >= 8, vietnamese * 10 < latin1 else { return nil }
        let bytes = text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : 0x3F }
        return bytes.withUnsafeBufferPointer { detect(bytes: $0) }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isASCIIVowel(_ byte: UInt8) -> Bool {
        switch byte | 0x20 {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return isASCIILetter(byte)
        default: return false
        }
    }
}
