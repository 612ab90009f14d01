/// Hand-written JSON for per-document output lines: for one small object per article,
/// Foundation's JSONEncoder costs more than the prediction itself.
enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else (Vietnamese letters included) written as UTF-8.
    static func string(_ text: String) -> String {
        var literal = ""
        appendString(text, to: &literal)
        return literal
    }

    /// Appends `text` as a JSON string literal to `out`: per-document lines are built
    /// in one string rather than from many small ones.
    static func appendString(_ text: String, to out: inout String) {
        var text = text
        let needsEscape = text.withUTF8 { bytes in
            // Branch-free over the bytes: the loop vectorizes, and almost no text needs escaping.
            var flagged = false
            for byte in bytes { flagged = flagged || (byte < 0x20) || (byte == 0x22) || (byte == 0x5C) }
            return flagged
        }
        if !needsEscape {
            out += "\""
            out += text
            out += "\""
            return
        }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x08: bytes += [0x5C, 0x62]
            case 0x0C: bytes += [0x5C, 0x66]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// A number as JSON: the shortest text that reads back as the same `Float`.
    static func number(_ value: Float) -> String {
        value.isFinite ? value.description : "null"
    }

    /// Appends ``number(_:)-(Float)`` of `value` to `out`.
    static func appendNumber(_ value: Float, to out: inout String) {
        if value.isFinite { value.write(to: &out) } else { out += "null" }
    }

    static func number(_ value: Int) -> String { String(value) }

    /// An array of strings.
    static func array(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }

    /// An object from keys and already-encoded values, in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
