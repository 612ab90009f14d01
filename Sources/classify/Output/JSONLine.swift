/// One JSON line built as UTF-8 bytes: the per-document output of `predict` and
/// `summarize --format jsonl`.
///
/// Appending a literal to a `String` costs a few hundred instructions (uniqueness,
/// capacity and UTF-8 flag checks); appending it to a byte array is a copy. A line of
/// eight scores took about 56 such appends, a twentieth of predicting the article.
struct JSONLine {
    private(set) var bytes: [UInt8] = []

    /// An empty line with room for `capacity` bytes.
    init(capacity: Int = 128) {
        bytes.reserveCapacity(capacity)
    }

    /// The line as a String (no newline unless one was appended).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `literal` as it is: punctuation and keys, already valid JSON.
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `encoded`, text that is already JSON (a value built by ``JSONText``).
    mutating func json(_ encoded: String) {
        var encoded = encoded
        encoded.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string literal: quotes, backslashes and control
    /// characters escaped, everything else (Vietnamese letters included) as UTF-8.
    /// O(n) in the text's UTF-8 length.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // Branch-free over the bytes: the loop vectorizes, and almost no text needs escaping.
            // Flags combined with `|`, not `||`: a short-circuit is a branch per byte.
            var flags: UInt8 = 0
            for byte in utf8 { flags |= (byte < 0x20 ? 1 : 0) | (byte == 0x22 ? 1 : 0) | (byte == 0x5C ? 1 : 0) }
            let flagged = flags != 0
            bytes.append(0x22)
            if flagged { appendEscaped(utf8) } else { bytes.append(contentsOf: utf8) }
            bytes.append(0x22)
        }
    }

    /// Appends `value` as the shortest text that reads back as the same `Float`, or
    /// `null` when it is not finite (JSON has no NaN or infinity).
    mutating func number(_ value: Float) {
        guard value.isFinite else { raw("null"); return }
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` in decimal.
    mutating func number(_ value: Int) {
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Runs of bytes that need no escape are copied whole: a text that needs escaping
        // has a quotation mark or two, not many.
        var runStart = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x08: bytes.append(0x5C); bytes.append(0x62)
            case 0x0C: bytes.append(0x5C); bytes.append(0x66)
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            default: break
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
}
