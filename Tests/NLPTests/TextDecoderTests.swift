import Foundation
import Testing
@testable import NLP

@Suite struct TextDecoderTests {
    let sample = "Đảng bộ phường Tích Sơn\n\nHòa thuận."

    @Test func readsUTF8WithAndWithoutBOM() throws {
        #expect(try TextDecoder.decode(Array(sample.utf8)).text == sample)
        let withBOM = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8))
        #expect(withBOM.text == sample && withBOM.encoding == .utf8WithBOM)
    }

    @Test func readsUTF16WithBOM() throws {
        let units = Array(sample.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoder.decode(little).text == sample)
        #expect(try TextDecoder.decode(big).encoding == .utf16BigEndian)
        #expect(try TextDecoder.decode(big).text == sample)
    }

    @Test func acceptsCRLFAndCR() throws {
        #expect(try TextDecoder.decode(Array("a\r\nb\rc".utf8)).text == "a\nb\nc")
    }

    @Test func namesTheOffsetOfInvalidUTF8() {
        var bytes = Array("Đảng bộ".utf8)
        let offset = bytes.count
        bytes += [0xC3, 0x28] + Array(" viên".utf8)
        #expect(throws: TextProblem.invalidUTF8(offset: offset)) { try TextDecoder.decode(bytes) }
        // Overlong encodings and surrogates are invalid too.
        #expect(throws: TextProblem.invalidUTF8(offset: 1)) { try TextDecoder.decode([0x41, 0xC0, 0x80]) }
        #expect(throws: TextProblem.invalidUTF8(offset: 0)) { try TextDecoder.decode([0xED, 0xA0, 0x80]) }
        #expect(throws: TextProblem.invalidUTF8(offset: 2)) { try TextDecoder.decode([0x41, 0x42, 0xE1, 0xBA]) }
    }

    @Test func refusesEmptyWhitespaceAndBinary() {
        #expect(throws: TextProblem.empty) { try TextDecoder.decode([]) }
        #expect(throws: TextProblem.whitespaceOnly) { try TextDecoder.decode(Array(" \n\t \r\n\u{00A0}".utf8)) }
        #expect(throws: TextProblem.binary(offset: 3)) { try TextDecoder.decode([0x50, 0x4B, 0x03, 0x00, 0x14]) }
    }

    @Test func reportsLegacyEncodings() {
        #expect(throws: TextProblem.legacyEncoding(.tcvn3, misdecoded: false)) {
            try TextDecoder.decode(LegacyEncoders.encodeTCVN3(LegacyEncoders.sample))
        }
        #expect(throws: TextProblem.legacyEncoding(.vni, misdecoded: false)) {
            try TextDecoder.decode(LegacyEncoders.encodeVNI(LegacyEncoders.sample))
        }
        let mojibake = String(String.UnicodeScalarView(LegacyEncoders.encodeVNI(LegacyEncoders.sample).map { Unicode.Scalar($0) }))
        #expect(throws: TextProblem.legacyEncoding(.vni, misdecoded: true)) { try TextDecoder.decode(Array(mojibake.utf8)) }
    }

    @Test func normalizesDecomposedText() throws {
        let nfd = Array(sample.decomposedStringWithCanonicalMapping.utf8)
        #expect(Array(try TextDecoder.decode(nfd).text.unicodeScalars) == Array(sample.unicodeScalars))
    }

    @Test func messagesSayWhatIsWrong() {
        #expect(TextProblem.invalidUTF8(offset: 17).description == "invalid UTF-8 at byte offset 17")
        #expect(TextProblem.legacyEncoding(.tcvn3, misdecoded: false).description.contains("TCVN3 (ABC)"))
    }
}
