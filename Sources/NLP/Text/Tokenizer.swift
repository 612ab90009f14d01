import Foundation

/// How text becomes syllable tokens. Stored in every model file: a model only
/// predicts well on tokens made the way its training tokens were made.
public struct TokenizerConfiguration: Codable, Sendable, Equatable {
    /// Canonical tone-mark placement for `oa`, `oe`, `uy` (see ``ToneMarkStyle``).
    public var toneStyle: ToneMarkStyle
    /// Map every number (`2021`, `69,56`, `4.100`) to the one token ``Tokenizer/numberToken``.
    public var numbersAsClass: Bool
    /// Drop the team's Vietnamese stop words (``StopWords/vietnamese``).
    public var removeStopWords: Bool

    public init(toneStyle: ToneMarkStyle = .classic, numbersAsClass: Bool = true, removeStopWords: Bool = false) {
        self.toneStyle = toneStyle
        self.numbersAsClass = numbersAsClass
        self.removeStopWords = removeStopWords
    }
}

/// One token, handed to the caller of ``Tokenizer/forEachToken(in:_:)``.
///
/// `bytes` points into the input or the tokenizer's scratch space and is valid only
/// during the callback: copy it if you keep it.
public struct Token {
    /// 64-bit hash of the normalized text (see ``FeatureKey``); never 0.
    public let key: UInt64
    /// The normalized text as UTF-8: NFC, lowercase, canonical tone placement.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The token is a number (digits with optional inner `.` or `,`).
    public let isNumber: Bool
    /// Punctuation separates this token from the previous one, so n-grams must not
    /// span the gap.
    public let startsPhrase: Bool
    /// The token's UTF-8 byte range in the input.
    public let sourceRange: Range<Int>

    /// The normalized text as a `String` (allocates; for display and tests).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Splits Vietnamese text into normalized syllable tokens.
///
/// A token is a maximal run of letters and digits. Each is normalized on the fly,
/// without building a `String`: combining marks are composed (so NFD input gives the
/// same tokens as NFC), `Ð`/`ð` fold into `đ`, letters are lowercased, and the tone
/// mark is moved to its canonical vowel (``TonePlacement``). A number keeps its inner
/// separators (`69,56`, `4.100`, `0271.3879.736`). Punctuation and line ends mark a
/// phrase break, which n-grams do not span.
///
/// - Complexity: O(n) in the UTF-8 length of the input; no allocation per token.
public struct Tokenizer: Sendable {
    public let configuration: TokenizerConfiguration
    /// Tokens longer than this many scalars are dropped (they are never words).
    public static let maximumTokenLength = 48
    /// The token every number becomes when `numbersAsClass` is on.
    public static let numberToken = "<num>"
    static let numberKey: UInt64 = FeatureKey.hash(Array(numberToken.utf8))
    static let numberBytes = Array(numberToken.utf8)

    let stopKeys: Set<UInt64>
    /// Whether common tokens take the scanner's path for them (see
    /// ``TokenScanner/scanCommonToken(_:from:count:packed:_:)``). Always on, except in
    /// the tests that check it against the general path.
    var scansCommonTokens = true

    public init(_ configuration: TokenizerConfiguration = TokenizerConfiguration()) {
        self.configuration = configuration
        if configuration.removeStopWords {
            let plain = Tokenizer(TokenizerConfiguration(toneStyle: configuration.toneStyle,
                                                         numbersAsClass: false, removeStopWords: false))
            stopKeys = Set(StopWords.vietnamese.flatMap { plain.tokens(in: $0).map { FeatureKey.hash(Array($0.utf8)) } })
        } else {
            stopKeys = []
        }
    }

    /// Calls `body` for each token of `text`, in order.
    public func forEachToken(in text: String, _ body: (Token) -> Void) {
        var copy = text
        copy.withUTF8 { forEachToken(inUTF8: $0, body) }
    }

    /// The normalized tokens of `text` as strings (allocates; for display and tests).
    public func tokens(in text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append($0.text) }
        return result
    }

    /// Calls `body` for each token of the UTF-8 `input`, which must be valid UTF-8
    /// (any Swift `String` is).
    public func forEachToken(inUTF8 input: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        // Scratch space on the stack: this runs once per sentence when summarizing.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Tokenizer.maximumTokenLength + 1) { letters in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Tokenizer.maximumTokenLength * 4 + 8) { encoded in
                var scanner = TokenScanner(configuration: configuration, stopKeys: stopKeys,
                                           letters: letters.baseAddress!, encoded: encoded.baseAddress!,
                                           scansCommonTokens: scansCommonTokens)
                scanner.scan(base, count: input.count, body)
            }
        }
    }

    /// Composes a Vietnamese combining tone mark or diacritic into `letter`.
    @inline(__always)
    static func compose(mark: UInt32, into letter: inout UInt32) -> Bool {
        guard var vowel = VietnameseLetters.vowel(letter) else { return false }
        if let tone = VietnameseLetters.tone(ofCombiningMark: mark) {
            guard vowel.tone == 0 else { return false }
            vowel.tone = tone
        } else if let base = VietnameseLetters.apply(diacritic: mark, to: vowel.base) {
            vowel.base = base
        } else {
            return false
        }
        letter = VietnameseLetters.compose(vowel)
        return true
    }

    /// Rare path: marks outside Vietnamese (ñ from n + U+0303, say) go through
    /// Foundation's NFC so that NFD and NFC input still agree.
    static func recompose(_ letters: UnsafeMutablePointer<UInt32>, _ length: inout Int, capacity: Int) {
        var scalars = String.UnicodeScalarView()
        for index in 0..<length { if let s = Unicode.Scalar(letters[index]) { scalars.append(s) } }
        let composed = String(scalars).precomposedStringWithCanonicalMapping.lowercased()
        length = 0
        for scalar in composed.unicodeScalars where length < capacity {
            letters[length] = scalar.value
            length += 1
        }
    }
}

/// Writes `scalar` as UTF-8 at `out`; returns the number of bytes.
@inline(__always)
func encodeUTF8(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
    if scalar < 0x80 {
        out[0] = UInt8(scalar); return 1
    } else if scalar < 0x800 {
        out[0] = UInt8(0xC0 | (scalar >> 6)); out[1] = UInt8(0x80 | (scalar & 0x3F)); return 2
    } else if scalar < 0x10000 {
        out[0] = UInt8(0xE0 | (scalar >> 12)); out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        out[2] = UInt8(0x80 | (scalar & 0x3F)); return 3
    } else {
        out[0] = UInt8(0xF0 | (scalar >> 18)); out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
        out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); out[3] = UInt8(0x80 | (scalar & 0x3F)); return 4
    }
}

/// The tokenizer's state while it scans one text. A struct with a mutating method
/// rather than closures over local variables: the compiler then checks exclusive
/// access statically, instead of at run time on every byte.
struct TokenScanner {
    let numbersAsClass: Bool
    let toneStyle: ToneMarkStyle
    let stopKeys: Set<UInt64>
    let checkStopWords: Bool
    let scansCommonTokens: Bool
    let capacity = Tokenizer.maximumTokenLength
    let letters: UnsafeMutablePointer<UInt32>
    let encoded: UnsafeMutablePointer<UInt8>

    var length = 0              // scalars in the current token
    var start = 0               // byte offset where it began
    var digitsOnly = true       // digits and inner separators only
    var overflow = false        // longer than `capacity`
    var needsFoundation = false // a combining mark we could not compose
    var vowels = 0              // Vietnamese vowels in the token
    var toned = false           // one of them carries a tone
    var tonedVowel = 0          // which vowel (1-based) carries it
    var lastDiacriticVowel = 0  // which vowel (1-based) was the last of ă â ê ô ơ ư; -1: unknown
    var pendingBreak = true     // punctuation or a line end since the previous token
    var verbatim = true         // the token's input bytes are already its normalized form
    var inputHash: UInt64 = 0   // FNV-1a of the token's input bytes so far (its key if verbatim)

    /// `letters` holds at least `maximumTokenLength + 1` scalars, `encoded` at least
    /// `maximumTokenLength × 4 + 8` bytes; both belong to the caller.
    init(configuration: TokenizerConfiguration, stopKeys: Set<UInt64>,
         letters: UnsafeMutablePointer<UInt32>, encoded: UnsafeMutablePointer<UInt8>, scansCommonTokens: Bool = true) {
        numbersAsClass = configuration.numbersAsClass
        toneStyle = configuration.toneStyle
        self.stopKeys = stopKeys
        checkStopWords = !stopKeys.isEmpty
        self.scansCommonTokens = scansCommonTokens
        self.letters = letters
        self.encoded = encoded
    }

    /// Bit n set when the ASCII letter `a` + n is a vowel: a, e, i, o, u, y (bits 0, 4,
    /// 8, 14, 20, 24). A literal, so that the inner loop reads no lazily made global.
    static let asciiVowels: UInt32 = 0x0110_4111

    @inline(__always)
    mutating func append(_ scalar: UInt32) {
        if length < capacity { letters[length] = scalar; length += 1 } else { overflow = true }
    }

    mutating func scan(_ base: UnsafePointer<UInt8>, count: Int, _ body: (Token) -> Void) {
        let table = ScalarTable.shared
        let packed = table.packed
        var index = 0
        while index < count {
            let lead = base[index]
            // Most tokens are lowercase syllables already in normalized form: scanned
            // whole in registers, or else (a capital, a digit, a mark, a tone to move…)
            // left to the general path below, which then scans them from their start.
            if length == 0 && (lead &- 0x61 < 26 || lead &- 0xC3 < 4 || lead == 0xE1) && scansCommonTokens {
                let end = scanCommonToken(base, from: index, count: count, packed: packed, body)
                if end != index { index = end; continue }
            }
            // In the tokens left to this path too (capitalized words, say), a run of
            // lowercase ASCII letters is its own normalized form, with no tone and no
            // diacritic. The run is scanned in locals, which stay in registers; the
            // fields are written back once at its end.
            if lead &- 0x61 < 26 {
                if length == 0 { start = index; inputHash = FeatureKey.offsetBasis }
                var hash = inputHash, scalars = length, vowelCount = vowels, position = index, byte = lead
                repeat {
                    hash = FeatureKey.add(byte, to: hash)
                    if scalars < capacity { letters[scalars] = UInt32(byte); scalars &+= 1 } else { overflow = true }
                    vowelCount &+= Int(truncatingIfNeeded: (TokenScanner.asciiVowels >> UInt32(byte &- 0x61)) & 1)
                    position &+= 1
                    guard position < count else { break }
                    byte = base[position]
                } while byte &- 0x61 < 26
                inputHash = hash; length = scalars; vowels = vowelCount; index = position
                digitsOnly = false
                continue
            }
            if lead == 0x20 {
                if length > 0 { finish(at: index, input: base, body) } else { verbatim = true }
                index &+= 1
                continue
            }
            var scalar: UInt32
            var width: Int
            // The token's hash extended by this scalar's bytes, computed in the decoding
            // branch that already knows the width (used only if the scalar is a letter).
            var extended = length == 0 ? FeatureKey.offsetBasis : inputHash
            extended = FeatureKey.add(lead, to: extended)
            if lead < 0x80 {
                scalar = UInt32(lead); width = 1
            } else if lead < 0xE0 {
                scalar = (UInt32(lead & 0x1F) << 6) | UInt32(base[index + 1] & 0x3F); width = 2
                extended = FeatureKey.add(base[index + 1], to: extended)
            } else if lead < 0xF0 {
                scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(base[index + 1] & 0x3F) << 6)
                    | UInt32(base[index + 2] & 0x3F); width = 3
                extended = FeatureKey.add(base[index + 2], to: FeatureKey.add(base[index + 1], to: extended))
            } else {
                scalar = (UInt32(lead & 0x07) << 18) | (UInt32(base[index + 1] & 0x3F) << 12)
                    | (UInt32(base[index + 2] & 0x3F) << 6) | UInt32(base[index + 3] & 0x3F); width = 4
                extended = FeatureKey.add(base[index + 3], to: FeatureKey.add(base[index + 2], to: FeatureKey.add(base[index + 1], to: extended)))
            }
            let tableIndex = ScalarTable.index(scalar)
            let info: UInt32 = tableIndex >= 0 ? packed[tableIndex]
                : (UInt32(table.kind(scalar).rawValue) << ScalarTable.kindShift) | table.lowercase(scalar)
            switch UInt8(truncatingIfNeeded: info >> ScalarTable.kindShift) & 0x7 {
            case ScalarTable.Kind.letter.rawValue:
                if length == 0 { start = index }
                inputHash = extended
                digitsOnly = false
                let lower = info & 0x1F_FFFF
                if lower != scalar { verbatim = false }
                append(lower)
                if info & ScalarTable.vowelBit != 0 {
                    vowels += 1
                    if info & ScalarTable.tonedBit != 0 { toned = true; tonedVowel = vowels }
                    if info & ScalarTable.diacriticBit != 0 && lastDiacriticVowel >= 0 { lastDiacriticVowel = vowels }
                }
            case ScalarTable.Kind.digit.rawValue:
                if length == 0 { start = index; inputHash = FeatureKey.offsetBasis }
                inputHash = FeatureKey.add(base, index, 1, to: inputHash)
                append(scalar)
            case ScalarTable.Kind.mark.rawValue:
                verbatim = false
                if length > 0 && !overflow {
                    if Tokenizer.compose(mark: scalar, into: &letters[length - 1]) {
                        if VietnameseLetters.tone(ofCombiningMark: scalar) != nil { toned = true }
                        lastDiacriticVowel = -1   // the vowels' marks are no longer known here
                    } else {
                        append(scalar)
                        needsFoundation = true
                    }
                }
            case ScalarTable.Kind.ignorable.rawValue:
                // Inside a token it is dropped, so the token's bytes are no longer its text.
                if length > 0 { verbatim = false }
            default:
                // A '.' or ',' between digits stays inside a number: 69,56 · 4.100 · 2.5
                if (scalar == 0x2E || scalar == 0x2C) && length > 0 && digitsOnly
                    && index + 1 < count && base[index + 1] >= 0x30 && base[index + 1] <= 0x39 {
                    inputHash = FeatureKey.add(base, index, 1, to: inputHash)
                    append(scalar)
                } else {
                    finish(at: index, input: base, body)
                    // Spaces join syllables into n-grams; punctuation and line ends do not.
                    if !(scalar == 0x20 || scalar == 0x09 || scalar == 0xA0) {
                        pendingBreak = true
                    }
                }
            }
            index += width
        }
        finish(at: count, input: base, body)
    }

    /// Scans the token at `first` if it is common: lowercase letters in their normalized
    /// form (NFC, tone in place, at most `capacity` of them) up to a separator or the
    /// end of the input. A common token is handed to `body`, as ``finish(at:input:_:)``
    /// would, and the index after it (and after a space that follows it) is returned.
    /// Anything else returns `first`, with nothing handed over and no state changed,
    /// for the general path to scan.
    ///
    /// Its state stays in locals, which the compiler keeps in registers: the general
    /// path keeps it in the scanner's fields, written and read back at every letter
    /// outside ASCII, and calls `finish` out of line. The letters are not stored: the
    /// token is its input bytes, and the tone check reads only the first and last.
    mutating func scanCommonToken(_ base: UnsafePointer<UInt8>, from first: Int, count: Int,
                                  packed: UnsafeMutablePointer<UInt32>, _ body: (Token) -> Void) -> Int {
        var position = first
        var hash = FeatureKey.offsetBasis
        var scalars = 0, vowels = 0, tonedVowel = 0, lastDiacriticVowel = 0
        var toned = false
        var last: UInt32 = 0
        scan: while true {
            var byte = base[position]
            // A run of lowercase ASCII letters: no tone, no diacritic.
            while byte &- 0x61 < 26 {
                hash = FeatureKey.add(byte, to: hash)
                vowels &+= Int(truncatingIfNeeded: (TokenScanner.asciiVowels >> UInt32(byte &- 0x61)) & 1)
                scalars &+= 1
                last = UInt32(byte)
                position &+= 1
                guard position < count else { break scan }
                byte = base[position]
            }
            let scalar: UInt32, info: UInt32, width: Int
            if byte < 0x80 {
                // A separator ends the token; a capital or a digit goes on with it.
                if UInt8(truncatingIfNeeded: packed[Int(byte)] >> ScalarTable.kindShift) & 0x7
                    != ScalarTable.Kind.separator.rawValue { return first }
                break
            } else if byte < 0xE0 {
                scalar = (UInt32(byte & 0x1F) << 6) | UInt32(base[position + 1] & 0x3F)
                guard scalar < ScalarTable.lowLimit else { return first }
                info = packed[Int(scalar)]
                width = 2
            } else if byte == 0xE1 {
                scalar = 0x1000 | (UInt32(base[position + 1] & 0x3F) << 6) | UInt32(base[position + 2] & 0x3F)
                guard scalar >= ScalarTable.extendedStart && scalar < ScalarTable.extendedEnd else { return first }
                info = packed[Int(ScalarTable.lowLimit + scalar - ScalarTable.extendedStart)]
                width = 3
            } else {
                return first
            }
            let kind = UInt8(truncatingIfNeeded: info >> ScalarTable.kindShift) & 0x7
            if kind == ScalarTable.Kind.separator.rawValue { break }
            guard kind == ScalarTable.Kind.letter.rawValue && info & 0x1F_FFFF == scalar else { return first }
            hash = FeatureKey.add(base, position, width, to: hash)
            scalars &+= 1
            last = scalar
            if info & ScalarTable.vowelBit != 0 {
                vowels &+= 1
                if info & ScalarTable.tonedBit != 0 { toned = true; tonedVowel = vowels }
                if info & ScalarTable.diacriticBit != 0 { lastDiacriticVowel = vowels }
            }
            position &+= width
            guard position < count else { break }
        }
        // Too long for a word (dropped by the general path), or no letter at all.
        guard scalars > 0 && scalars <= capacity else { return first }
        // As in `finish`: only a toned vowel cluster can have its tone misplaced.
        if toned && vowels >= 2 && tonedVowel != lastDiacriticVowel
            && !TonePlacement.isCanonical(last: last, startsWithQOrG: base[first] == 0x71 || base[first] == 0x67,
                                          vowels: vowels, tonedVowel: tonedVowel,
                                          lastDiacriticVowel: lastDiacriticVowel, style: toneStyle) {
            return first
        }
        let key = FeatureKey.finalize(hash)
        if !(checkStopWords && stopKeys.contains(key)) {
            body(Token(key: key, bytes: UnsafeBufferPointer(start: base + first, count: position - first), isNumber: false,
                       startsPhrase: pendingBreak, sourceRange: first..<position))
            pendingBreak = false
        }
        // A space after it is taken too, as the general path would take it: it only
        // separates tokens, and n-grams span it.
        if position < count && base[position] == 0x20 { verbatim = true; return position &+ 1 }
        return position
    }

    @inline(__always)
    mutating func finish(at end: Int, input: UnsafePointer<UInt8>, _ body: (Token) -> Void) {
        guard length > 0 else { verbatim = true; return }
        defer {
            length = 0; digitsOnly = true; overflow = false; needsFoundation = false; vowels = 0; toned = false
            tonedVowel = 0; lastDiacriticVowel = 0
            verbatim = true
        }
        guard !overflow else { return }
        if needsFoundation {
            Tokenizer.recompose(letters, &length, capacity: capacity)
            TonePlacement.canonicalize(letters, count: length, style: toneStyle)
        } else if toned && vowels >= 2 && tonedVowel != lastDiacriticVowel
                    && !TonePlacement.isCanonical(letters, count: length, vowels: vowels, tonedVowel: tonedVowel,
                                                  lastDiacriticVowel: lastDiacriticVowel, style: toneStyle) {
            // Only a syllable with a tone and a vowel cluster can have it misplaced, and
            // not when the tone is on the last vowel with a diacritic (người, việc,
            // chuyển): that vowel takes it whatever the others are.
            if TonePlacement.canonicalize(letters, count: length, style: toneStyle) { verbatim = false }
        }
        let isNumber = digitsOnly
        var byteCount = 0
        var bytes = UnsafePointer(encoded)
        let key: UInt64
        if isNumber && numbersAsClass {
            for byte in Tokenizer.numberBytes { encoded[byteCount] = byte; byteCount += 1 }
            key = Tokenizer.numberKey
        } else if verbatim {
            // Most tokens are already lowercase NFC with the tone where it belongs: their
            // input bytes are the normalized text, hashed as they were scanned.
            key = FeatureKey.finalize(inputHash)
            bytes = input + start
            byteCount = end - start
        } else {
            // Encode to UTF-8 and hash (FNV-1a, see FeatureKey) in one pass.
            var h = FeatureKey.offsetBasis
            for index in 0..<length {
                let written = encodeUTF8(letters[index], into: encoded + byteCount)
                h = FeatureKey.add(encoded, byteCount, written, to: h)
                byteCount += written
            }
            key = FeatureKey.finalize(h)
        }
        if checkStopWords && stopKeys.contains(key) { return }
        body(Token(key: key, bytes: UnsafeBufferPointer(start: bytes, count: byteCount), isNumber: isNumber,
                   startsPhrase: pendingBreak, sourceRange: start..<end))
        pendingBreak = false
    }
}
