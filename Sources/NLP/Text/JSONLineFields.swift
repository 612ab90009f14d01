/// Reads the string fields of one JSON object (one line of a JSONL file) straight from
/// its UTF-8 bytes, for the fields a document has (`id`, `text`, `title`, `body`).
///
/// It is the fast path of reading JSONL input: it scans the bytes sixteen at a time
/// and builds no intermediate objects. It accepts any valid JSON object; values other
/// than strings are skipped (a number is returned as its literal text, so numeric ids
/// work).
/// It returns `nil` for anything it does not fully understand — malformed JSON,
/// invalid UTF-8, a duplicate wanted key — and the caller falls back to Foundation's
/// decoder, which then reports the precise error.
public enum JSONLineFields {
    /// The values of `keys` found in the object in `bytes`; `nil` if `bytes` is not a
    /// JSON object this reader handles.
    /// - Complexity: O(n) in the line's length.
    public static func strings(in bytes: UnsafeBufferPointer<UInt8>, keys: Set<String>) -> [String: String]? {
        guard !bytes.isEmpty else { return nil }
        var parser = Parser(bytes: bytes, keys: keys)
        return parser.object()
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// A key of the object: one of the wanted keys (as given), or another.
    private enum Key {
        case wanted(String)
        case unwanted
    }

    private struct Parser {
        /// The line's bytes, as a plain start and length that the loops keep in registers.
        let base: UnsafePointer<UInt8>
        let count: Int
        let keys: Set<String>
        /// Whether every wanted key is ASCII. Then a key written in ASCII without escapes
        /// is wanted exactly when its bytes are a wanted key's (String equality is
        /// canonical equivalence, which for ASCII is byte equality), and it need not
        /// become a String to be looked up.
        let asciiKeys: Bool
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, keys: Set<String>) {
            self.base = bytes.baseAddress!
            self.count = bytes.count
            self.keys = keys
            self.asciiKeys = keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        }

        mutating func skipSpace() {
            while index < count, base[index] == 0x20 || base[index] == 0x09 || base[index] == 0x0A || base[index] == 0x0D {
                index += 1
            }
        }

        mutating func object() -> [String: String]? {
            skipSpace()
            guard index < count, base[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            var result = [String: String](minimumCapacity: keys.count)
            skipSpace()
            if index < count, base[index] == UInt8(ascii: "}") {
                index += 1
                return trailingSpaceOnly() ? result : nil
            }
            while true {
                skipSpace()
                guard let key = key() else { return nil }
                skipSpace()
                guard index < count, base[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                guard index < count else { return nil }
                if case .wanted(let key) = key {
                    // A repeated wanted key is refused, whatever its values.
                    if base[index] == quote {
                        guard let value = string(), result.updateValue(value, forKey: key) == nil else { return nil }
                    } else if let literal = number() {
                        guard result.updateValue(literal, forKey: key) == nil else { return nil }
                    } else {
                        guard result[key] == nil, skipValue() else { return nil }
                    }
                } else {
                    guard skipValue() else { return nil }
                }
                skipSpace()
                guard index < count else { return nil }
                if base[index] == UInt8(ascii: ",") { index += 1; continue }
                if base[index] == UInt8(ascii: "}") { index += 1; break }
                return nil
            }
            return trailingSpaceOnly() ? result : nil
        }

        mutating func trailingSpaceOnly() -> Bool {
            skipSpace()
            return index == count
        }

        /// The key at `index` (which must be a string); `nil` if it is malformed.
        mutating func key() -> Key? {
            guard index < count, base[index] == quote else { return nil }
            let start = index + 1
            let end = plainRun(from: start)
            if asciiKeys, end < count, base[end] == quote {
                let name = UnsafeBufferPointer(start: base + start, count: end - start)
                if name.allSatisfy({ $0 < 0x80 }) {
                    index = end + 1
                    for key in keys where Self.spells(key, name) { return .wanted(key) }
                    return .unwanted
                }
            }
            // Escapes or letters beyond ASCII: decode the key and compare Strings.
            guard let name = string() else { return nil }
            return keys.contains(name) ? .wanted(name) : .unwanted
        }

        /// Whether `bytes` are the UTF-8 of `key`.
        static func spells(_ key: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard key.utf8.count == bytes.count else { return false }
            return key.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(bytes) } ?? key.utf8.elementsEqual(bytes)
        }

        /// Where the bytes from `position` that stand for themselves in a string end:
        /// at the first quote, backslash or control byte (JSON forbids them raw), or at
        /// the end. Text is mostly such bytes, so it is tested sixteen at a time.
        func plainRun(from position: Int) -> Int {
            var position = position
            while position + Lanes.scalarCount <= count {
                let lanes = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: position, as: Lanes.self)
                // For ASCII lanes (which `~lanes` keeps), the XORs are zero at a quote or
                // backslash, and a subtraction wraps below 0x20 or from zero.
                let stops = (((lanes ^ quote) &- 1) | ((lanes ^ backslash) &- 1) | (lanes &- 0x20)) & ~lanes
                if let first = firstFlagged(stops) { return position + first }
                position += Lanes.scalarCount
            }
            while position < count {
                let byte = base[position]
                if byte == quote || byte == backslash || byte < 0x20 { break }
                position += 1
            }
            return position
        }

        /// A JSON string at `index` (which must be a quote), unescaped; `nil` if it is
        /// malformed or not valid UTF-8.
        mutating func string() -> String? {
            guard index < count, base[index] == quote else { return nil }
            let start = index + 1
            let end = plainRun(from: start)
            guard end < count else { return nil }
            if base[end] == quote {
                index = end + 1
                return JSONLineFields.string(validating: UnsafeBufferPointer(start: base + start, count: end - start))
            }
            guard base[end] == backslash else { return nil }
            // Unescaping never lengthens text, so the rest of the line bounds the result.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count - start) { buffer in
                unescape(from: start, firstEscape: end, into: buffer.baseAddress!)
            }
        }

        /// The rest of the string whose contents begin at `start` and whose first escape
        /// is at `firstEscape`, unescaped into `decoded`: the runs between escapes are
        /// copied whole (a paragraph break is a "\n" every few hundred bytes).
        mutating func unescape(from start: Int, firstEscape: Int, into decoded: UnsafeMutablePointer<UInt8>) -> String? {
            var length = 0
            var position = start, stop = firstEscape
            while true {
                (decoded + length).initialize(from: base + position, count: stop - position)
                length += stop - position
                guard stop < count else { return nil }
                if base[stop] == quote {
                    index = stop + 1
                    return JSONLineFields.string(validating: UnsafeBufferPointer(start: decoded, count: length))
                }
                guard base[stop] == backslash, stop + 1 < count else { return nil }
                let escape = base[stop + 1]
                index = stop + 2
                switch escape {
                case quote, backslash, UInt8(ascii: "/"): decoded[length] = escape
                case UInt8(ascii: "b"): decoded[length] = 0x08
                case UInt8(ascii: "f"): decoded[length] = 0x0C
                case UInt8(ascii: "n"): decoded[length] = 0x0A
                case UInt8(ascii: "r"): decoded[length] = 0x0D
                case UInt8(ascii: "t"): decoded[length] = 0x09
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    length += encodeUTF8(scalar, into: decoded + length) - 1
                default:
                    return nil
                }
                length += 1
                position = index
                stop = plainRun(from: position)
            }
        }

        /// The scalar of a `\u` escape whose four hex digits are at `index`, with the
        /// low half that must follow a high surrogate; `nil` for a lone surrogate.
        mutating func unicodeEscape() -> UInt32? {
            guard let unit = hex4() else { return nil }
            if unit >= 0xD800 && unit < 0xDC00 {
                guard index + 1 < count, base[index] == backslash, base[index + 1] == UInt8(ascii: "u") else { return nil }
                index += 2
                guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                return 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            return unit >= 0xDC00 && unit < 0xE000 ? nil : UInt32(unit)
        }

        /// Skips a string without decoding it (escapes are checked for shape only).
        mutating func skipString() -> Bool {
            var position = index + 1
            while true {
                position = plainRun(from: position)
                guard position < count else { return false }
                if base[position] == quote { index = position + 1; return true }
                guard base[position] == backslash else { return false }
                position += 2
            }
        }

        mutating func hex4() -> UInt16? {
            guard index + 4 <= count else { return nil }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = base[index]
                let digit: UInt16
                switch byte {
                case 0x30...0x39: digit = UInt16(byte - 0x30)
                case 0x41...0x46: digit = UInt16(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt16(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        /// A JSON number's literal text, or `nil` (index unchanged) if none is here.
        mutating func number() -> String? {
            let start = index
            if index < count, base[index] == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            while index < count, (0x30...0x39).contains(base[index]) || base[index] == UInt8(ascii: ".")
                    || base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") || base[index] == UInt8(ascii: "+")
                    || (base[index] == UInt8(ascii: "-") && index > start) {
                if (0x30...0x39).contains(base[index]) { digits += 1 }
                index += 1
            }
            guard digits > 0 else { index = start; return nil }
            return String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        }

        /// Skips any JSON value (checking structure, not every detail of literals).
        mutating func skipValue() -> Bool {
            guard index < count else { return false }
            switch base[index] {
            case quote:
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = base[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                if index < count, base[index] == close { index += 1; return true }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard string() != nil else { return false }
                        skipSpace()
                        guard index < count, base[index] == UInt8(ascii: ":") else { return false }
                        index += 1
                        skipSpace()
                    }
                    guard skipValue() else { return false }
                    skipSpace()
                    guard index < count else { return false }
                    if base[index] == UInt8(ascii: ",") { index += 1; continue }
                    if base[index] == close { index += 1; return true }
                    return false
                }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default:
                return number() != nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard index + length <= count else { return false }
            for offset in 0..<length where base[index + offset] != word.utf8Start[offset] { return false }
            index += length
            return true
        }
    }

    /// `utf8` as a String; `nil` if it is not well-formed UTF-8. The standard library's
    /// check goes byte by byte through text with an accented letter every few bytes;
    /// `CommonUTF8` vouches for such text a block of bytes at a time, and the String is
    /// then made without a second check.
    private static func string(validating utf8: UnsafeBufferPointer<UInt8>) -> String? {
        guard let isASCII = CommonUTF8.isASCII(utf8),
              #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) else {
            return String(validating: utf8, as: UTF8.self)
        }
        return unsafe String(copying: UTF8Span(unchecked: utf8.span, isKnownASCII: isASCII))
    }

    /// Sixteen bytes tested at once (see ``ByteLanes``). The tests here rest on one
    /// fact: for x in 0...0x7F and n at most 0x80, `x &- n` has the high bit set exactly
    /// when x < n (the subtraction wraps). A test derives such an x from each byte on
    /// one side of 0x80 and ANDs with the byte (or its complement) to keep only the
    /// answers for that side.
    private typealias Lanes = ByteLanes.Lanes

    @inline(__always)
    private static func firstFlagged(_ flags: Lanes) -> Int? { ByteLanes.firstFlagged(flags) }

    /// A check of UTF-8 for the forms ordinary text has: ASCII, and sequences of two or
    /// three bytes led by C2–DF, E1–EC or EE–EF, after which any continuation byte
    /// (80–BF) is valid. Anything else — the leads C0 and C1 (never valid), E0 and ED
    /// (whose second byte is restricted), F0 and above (four bytes, or never valid), or
    /// a mistake — makes it unsure, and the standard library's check decides.
    private struct CommonUTF8 {
        /// High bits where a byte broke the rules or is unusual.
        private var unsure = Lanes(repeating: 0)
        /// All bytes OR-ed: high bits stay clear in ASCII text.
        private var seen = Lanes(repeating: 0)

        /// Whether `utf8` is ASCII, if it is well-formed in the common forms; `nil` if
        /// this check cannot say.
        static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
            guard let base = utf8.baseAddress else { return true }
            let text = UnsafeRawPointer(base), count = utf8.count
            var check = CommonUTF8()
            let block = Lanes.scalarCount
            // Each block is checked with the two bytes before it. The first and the last go
            // through zeroed space, where what lies before and after the text reads as
            // ASCII: a sequence cut off at the end then lacks a continuation byte.
            var padded: (Lanes, UInt64) = (Lanes(repeating: 0), 0)
            withUnsafeMutableBytes(of: &padded) { space in
                space.baseAddress!.advanced(by: 2).copyMemory(from: text, byteCount: min(count, block))
                check.add(space.baseAddress!, at: 2)
            }
            guard count >= block else { return check.result }
            var offset = block
            while offset + block <= count {
                check.add(text, at: offset)
                offset += block
            }
            padded = (Lanes(repeating: 0), 0)
            withUnsafeMutableBytes(of: &padded) { space in
                space.baseAddress!.copyMemory(from: text + (offset - 2), byteCount: count - (offset - 2))
                check.add(space.baseAddress!, at: 2)
            }
            return check.result
        }

        private var result: Bool? {
            guard firstFlagged(unsure) == nil else { return nil }
            return firstFlagged(seen) == nil
        }

        /// Checks the block of bytes at `offset` of `text`, which must hold the two before.
        @inline(__always)
        private mutating func add(_ text: UnsafeRawPointer, at offset: Int) {
            let bytes = text.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            let one = text.loadUnaligned(fromByteOffset: offset - 1, as: Lanes.self)
            let two = text.loadUnaligned(fromByteOffset: offset - 2, as: Lanes.self)
            // Each test is for bytes of 0x80 and above (the AND), whose XOR with 0x80 or
            // with a lead, or complement, is in 0...0x7F. A byte must be a continuation
            // (below C0) exactly when the one before leads a sequence (C0 and above) or
            // the one before that leads three bytes (E0 and above).
            let continuation = ((bytes ^ 0x80) &- 0x40) & bytes
            let expected = ((~one &- 0x40) & one) | ((~two &- 0x20) & two)
            let unusual = ((((bytes & 0xFE) ^ 0xC0) &- 1) | ((bytes ^ 0xE0) &- 1) | ((bytes ^ 0xED) &- 1) | (~bytes &- 0x10)) & bytes
            unsure |= (continuation ^ expected) | unusual
            seen |= bytes
        }
    }
}
