/// Reads the string fields of one JSON object (one line of a JSONL file) straight from
/// its UTF-8 bytes, for the fields a document has (`id`, `text`, `title`, `body`).
///
/// It is the fast path of reading JSONL input: one pass over the bytes, no
/// intermediate objects. It accepts any valid JSON object; values other than strings
/// are skipped (a number is returned as its literal text, so numeric ids work).
/// It returns `nil` for anything it does not fully understand — malformed JSON,
/// invalid UTF-8, a duplicate wanted key — and the caller falls back to Foundation's
/// decoder, which then reports the precise error.
public enum JSONLineFields {
    /// The values of `keys` found in the object in `bytes`; `nil` if `bytes` is not a
    /// JSON object this reader handles.
    /// - Complexity: O(n) in the line's length.
    public static func strings(in bytes: UnsafeBufferPointer<UInt8>, keys: Set<String>) -> [String: String]? {
        var parser = Parser(bytes: bytes)
        return parser.object(keys: keys)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        mutating func object(keys: Set<String>) -> [String: String]? {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            var result: [String: String] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return trailingSpaceOnly() ? result : nil
            }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                guard index < bytes.count else { return nil }
                if keys.contains(key) {
                    guard result[key] == nil else { return nil }
                    if bytes[index] == UInt8(ascii: "\"") {
                        guard let value = string() else { return nil }
                        result[key] = value
                    } else if let literal = number() {
                        result[key] = literal
                    } else {
                        guard skipValue() else { return nil }
                    }
                } else {
                    guard skipValue() else { return nil }
                }
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                return nil
            }
            return trailingSpaceOnly() ? result : nil
        }

        mutating func trailingSpaceOnly() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        /// A JSON string at `index` (which must be a quote), unescaped.
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            // Fast path: no escapes. Locals keep the loop in registers.
            let base = bytes.baseAddress!, count = bytes.count
            var position = index
            while position < count {
                let byte = base[position]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                position += 1
            }
            index = position
            if index < count && bytes[index] < 0x20 { return nil }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") {
                let value = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return value
            }
            // Escapes (a paragraph break is "\n"): copy each run between them whole.
            var decoded: [UInt8] = []
            decoded.reserveCapacity(count - start)
            decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < count {
                var position = index
                while position < count {
                    let byte = base[position]
                    if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                    position += 1
                }
                decoded.append(contentsOf: UnsafeBufferPointer(start: base + index, count: position - index))
                index = position
                guard index < count, base[index] >= 0x20 else { return nil }
                if base[index] == 0x22 {
                    index += 1
                    return decoded.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
                }
                index += 1
                guard index < count else { return nil }
                let escape = base[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    guard let unit = hex4() else { return nil }
                    var scalarValue = UInt32(unit)
                    if unit >= 0xD800 && unit < 0xDC00 {
                        // A high surrogate must be followed by \u and a low surrogate.
                        guard index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else { return nil }
                        index += 2
                        guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    } else if unit >= 0xDC00 && unit < 0xE000 {
                        return nil
                    }
                    guard Unicode.Scalar(scalarValue) != nil else { return nil }
                    var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                    let written = withUnsafeMutableBytes(of: &utf8) { raw in
                        encodeUTF8(scalarValue, into: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    }
                    withUnsafeBytes(of: utf8) { decoded.append(contentsOf: $0.prefix(written)) }
                default:
                    return nil
                }
            }
            return nil
        }

        /// Skips a string without decoding it (escapes are checked for shape only).
        mutating func skipString() -> Bool {
            let base = bytes.baseAddress!, count = bytes.count
            var position = index + 1
            while position < count {
                let byte = base[position]
                if byte == 0x22 { index = position + 1; return true }
                if byte < 0x20 { return false }
                position += byte == 0x5C ? 2 : 1
            }
            return false
        }

        mutating func hex4() -> UInt16? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
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
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) || bytes[index] == UInt8(ascii: ".")
                    || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") || bytes[index] == UInt8(ascii: "+")
                    || (bytes[index] == UInt8(ascii: "-") && index > start) {
                if (0x30...0x39).contains(bytes[index]) { digits += 1 }
                index += 1
            }
            guard digits > 0 else { index = start; return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// Skips any JSON value (checking structure, not every detail of literals).
        mutating func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == close { index += 1; return true }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard string() != nil else { return false }
                        skipSpace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                        index += 1
                        skipSpace()
                    }
                    guard skipValue() else { return false }
                    skipSpace()
                    guard index < bytes.count else { return false }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == close { index += 1; return true }
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
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }
    }
}
