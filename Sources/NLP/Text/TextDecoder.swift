import Foundation

/// What is wrong with bytes that should have been an article's text.
public enum TextProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case whitespaceOnly
    /// A NUL byte or too many control bytes: not text.
    case binary(offset: Int)
    case invalidUTF8(offset: Int)
    case invalidUTF16(offset: Int)
    /// The bytes (or the characters, if the text was already mis-decoded once) look like
    /// a pre-Unicode Vietnamese encoding.
    case legacyEncoding(LegacyVietnameseEncoding, misdecoded: Bool)

    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .whitespaceOnly: return "no text (only white space)"
        case .binary(let offset): return "binary data, not text (control byte at offset \(offset))"
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte offset \(offset)"
        case .invalidUTF16(let offset): return "invalid UTF-16 at byte offset \(offset)"
        case .legacyEncoding(let encoding, let misdecoded):
            let how = misdecoded ? "text that was decoded as Windows-1252 from " : ""
            return "looks like \(how)\(encoding.displayName), a legacy Vietnamese encoding; convert it to UTF-8 first (e.g. with UniKey's converter)"
        }
    }
}

/// The Unicode encoding a text was read in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
}

/// Decodes the bytes of a text file: UTF-8 with or without a BOM, or UTF-16 with a
/// BOM. Anything else is refused with the reason and, where there is one, the offset.
public enum TextDecoder {
    /// Decodes `bytes` and normalizes the result (``TextNormalizer``).
    /// - Throws: ``TextProblem``.
    /// - Complexity: O(n).
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(TextProblem) -> (text: String, encoding: TextEncoding) {
        guard !bytes.isEmpty else { throw .empty }
        let raw = bytes.bindMemory(to: UInt8.self)
        var encoding = TextEncoding.utf8
        var text: String
        if raw.count >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF)) {
            encoding = raw[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            text = try decodeUTF16(raw, littleEndian: encoding == .utf16LittleEndian)
        } else {
            var body = UnsafeBufferPointer(rebasing: raw[...])
            if raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
                encoding = .utf8WithBOM
                body = UnsafeBufferPointer(rebasing: raw[3...])
            }
            let base = encoding == .utf8WithBOM ? 3 : 0
            if let offset = firstControlByte(body) { throw .binary(offset: base + offset) }
            if let offset = firstInvalidUTF8(body) {
                if let legacy = LegacyVietnameseEncoding.detect(bytes: body) {
                    throw .legacyEncoding(legacy, misdecoded: false)
                }
                throw .invalidUTF8(offset: base + offset)
            }
            text = String(decoding: body, as: UTF8.self)
            if let legacy = LegacyVietnameseEncoding.detect(misdecodedText: text) {
                throw .legacyEncoding(legacy, misdecoded: true)
            }
        }
        text = TextNormalizer.normalize(text)
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw text.isEmpty ? .empty : .whitespaceOnly
        }
        return (text, encoding)
    }

    /// Decodes `bytes` (see ``decode(_:)-swift.type.method``).
    public static func decode(_ bytes: [UInt8]) throws(TextProblem) -> (text: String, encoding: TextEncoding) {
        let result: Result<(text: String, encoding: TextEncoding), TextProblem> = bytes.withUnsafeBytes { buffer in
            do throws(TextProblem) { return .success(try decode(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Offset of a NUL byte, or `nil`. Other control bytes are tolerated: scraped
    /// pages sometimes carry a stray one.
    static func firstControlByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        if let found = memchr(base, 0, bytes.count) {
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        return nil
    }

    /// Offset of the first byte that does not begin a well-formed UTF-8 sequence
    /// (overlong forms, surrogates and values above U+10FFFF are ill-formed).
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            var width = 0
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: width = 2
            case 0xE0: width = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: width = 3
            case 0xED: width = 3; upper = 0x9F
            case 0xF0: width = 4; lower = 0x90
            case 0xF1...0xF3: width = 4
            case 0xF4: width = 4; upper = 0x8F
            default: return index
            }
            guard index + width <= count else { return index }
            let second = bytes[index + 1]
            if second < lower || second > upper { return index }
            for next in 2..<width where bytes[index + next] & 0xC0 != 0x80 { return index }
            index += width
        }
        return nil
    }

    private static func decodeUTF16(_ raw: UnsafeBufferPointer<UInt8>, littleEndian: Bool) throws(TextProblem) -> String {
        guard raw.count % 2 == 0 else { throw .invalidUTF16(offset: raw.count - 1) }
        var units = [UInt16]()
        units.reserveCapacity(raw.count / 2 - 1)
        var index = 2
        while index < raw.count {
            units.append(littleEndian ? UInt16(raw[index]) | UInt16(raw[index + 1]) << 8
                                      : UInt16(raw[index]) << 8 | UInt16(raw[index + 1]))
            index += 2
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var unitOffset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 { throw .binary(offset: 2 + unitOffset * 2) }
                scalars.append(scalar)
                unitOffset += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput:
                break loop
            case .error:
                throw .invalidUTF16(offset: 2 + unitOffset * 2)
            }
        }
        return String(scalars)
    }
}
