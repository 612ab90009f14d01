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
/// `bytes` points into the tokenizer's scratch space and is valid only during the
/// callback: copy it if you keep it.
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
/// separators (`69,56`, `4.100`, `0271.3879.736`). Punctuation marks a phrase break.
///
/// - Complexity: O(n) in the UTF-8 length of the input; no allocation per token.
public struct Tokenizer: Sendable {
    public let configuration: TokenizerConfiguration
    /// Tokens longer than this many scalars are dropped (they are never words).
    public static let maximumTokenLength = 48
    /// The token every number becomes when `numbersAsClass` is on.
    public static let numberToken = "<num>"
    static let numberKey: UInt64 = FeatureKey.hash(Array(numberToken.utf8))

    private let stopKeys: Set<UInt64>

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
        let table = ScalarTable.shared
        let capacity = Tokenizer.maximumTokenLength
        let letters = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity + 1)
        let encoded = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 4 + 8)
        defer { letters.deallocate(); encoded.deallocate() }
        let numberBytes = Array(Tokenizer.numberToken.utf8)

        let count = input.count
        guard let base = input.baseAddress, count > 0 else { return }
        var length = 0              // scalars in the current token
        var start = 0               // byte offset where it began
        var digitsOnly = true       // digits and inner separators only
        var overflow = false        // longer than `capacity`
        var needsFoundation = false // a combining mark we could not compose
        var pendingBreak = false    // punctuation since the previous token
        var firstToken = true

        func finish(at end: Int) {
            defer { length = 0; digitsOnly = true; overflow = false; needsFoundation = false }
            guard length > 0, !overflow else { return }
            if needsFoundation {
                recompose(letters, &length, capacity: capacity)
            }
            let isNumber = digitsOnly
            if !isNumber {
                TonePlacement.canonicalize(letters, count: length, style: configuration.toneStyle)
            }
            var byteCount = 0
            if isNumber && configuration.numbersAsClass {
                for byte in numberBytes { encoded[byteCount] = byte; byteCount += 1 }
            } else {
                for index in 0..<length { byteCount += encodeUTF8(letters[index], into: encoded + byteCount) }
            }
            let bytes = UnsafeBufferPointer(start: encoded, count: byteCount)
            let key = isNumber && configuration.numbersAsClass ? Tokenizer.numberKey : FeatureKey.hash(bytes)
            if !stopKeys.isEmpty && stopKeys.contains(key) { return }
            body(Token(key: key, bytes: bytes, isNumber: isNumber,
                       startsPhrase: pendingBreak || firstToken, sourceRange: start..<end))
            pendingBreak = false
            firstToken = false
        }

        var index = 0
        while index < count {
            let lead = base[index]
            var scalar: UInt32
            var width: Int
            if lead < 0x80 {
                scalar = UInt32(lead); width = 1
            } else if lead < 0xE0 {
                scalar = (UInt32(lead & 0x1F) << 6) | UInt32(base[index + 1] & 0x3F); width = 2
            } else if lead < 0xF0 {
                scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(base[index + 1] & 0x3F) << 6)
                    | UInt32(base[index + 2] & 0x3F); width = 3
            } else {
                scalar = (UInt32(lead & 0x07) << 18) | (UInt32(base[index + 1] & 0x3F) << 12)
                    | (UInt32(base[index + 2] & 0x3F) << 6) | UInt32(base[index + 3] & 0x3F); width = 4
            }
            switch table.kind(scalar) {
            case .letter:
                if length == 0 { start = index }
                digitsOnly = false
                if length < capacity { letters[length] = table.lowercase(scalar); length += 1 } else { overflow = true }
            case .digit:
                if length == 0 { start = index }
                if length < capacity { letters[length] = scalar; length += 1 } else { overflow = true }
            case .mark:
                if length > 0 {
                    if !compose(mark: scalar, into: &letters[length - 1]) {
                        if length < capacity { letters[length] = scalar; length += 1 } else { overflow = true }
                        needsFoundation = true
                    }
                }
            case .ignorable:
                break
            case .separator:
                // A '.' or ',' between digits stays inside a number: 69,56 · 4.100 · 2.5
                if (scalar == 0x2E || scalar == 0x2C) && length > 0 && digitsOnly
                    && index + 1 < count && base[index + 1] >= 0x30 && base[index + 1] <= 0x39 {
                    if length < capacity { letters[length] = scalar; length += 1 } else { overflow = true }
                } else {
                    finish(at: index)
                    if !(scalar == 0x20 || scalar == 0x0A || scalar == 0x09 || scalar == 0x0D || scalar == 0xA0) {
                        pendingBreak = true
                    }
                }
            }
            index += width
        }
        finish(at: count)
    }

    /// Composes a Vietnamese combining tone mark or diacritic into `letter`.
    @inline(__always)
    private func compose(mark: UInt32, into letter: inout UInt32) -> Bool {
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
    private func recompose(_ letters: UnsafeMutablePointer<UInt32>, _ length: inout Int, capacity: Int) {
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
