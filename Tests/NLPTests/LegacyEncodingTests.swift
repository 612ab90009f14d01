import Foundation
import Testing
@testable import NLP

/// Encoders for the tests only: enough of TCVN3 and VNI-Windows to write a paragraph.
enum LegacyEncoders {
    static let tcvn3: [Character: UInt8] = [
        "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE, "Đ": 0xA7,
        "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE,
        "ặ": 0xC6, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB, "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF,
        "é": 0xD0, "ẹ": 0xD1, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6, "ì": 0xD7, "ỉ": 0xD8,
        "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE, "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4, "ồ": 0xE5,
        "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9, "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
        "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8,
        "ự": 0xF9, "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
    ]

    static func encodeTCVN3(_ text: String) -> [UInt8] {
        text.flatMap { character -> [UInt8] in
            if let byte = tcvn3[character] { return [byte] }
            return Array(String(character).utf8)
        }
    }

    /// VNI: base letter, then a mark byte for diacritic and tone.
    static func encodeVNI(_ text: String) -> [UInt8] {
        let toneBytes: [UInt8] = [0, 0xF8, 0xF9, 0xFB, 0xF5, 0xEF]             // à á ả ã ạ on a, e, o, u, y
        let circumflexBytes: [UInt8] = [0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4]    // â ầ ấ ẩ ẫ ậ
        let breveBytes: [UInt8] = [0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB]         // ă ằ ắ ẳ ẵ ặ
        let iBytes: [UInt8] = [0x69, 0xEC, 0xED, 0xE6, 0xF3, 0xF2]             // i ì í ỉ ĩ ị
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar == "đ" { out.append(0xF1); continue }
            if scalar == "Đ" { out.append(0xD1); continue }
            guard let vowel = VietnameseLetters.vowel(ScalarTable.shared.lowercase(scalar.value)) else {
                out.append(contentsOf: Array(String(scalar).utf8)); continue
            }
            let B = VietnameseLetters.Base.self
            switch vowel.base {
            case B.a, B.e, B.o, B.u, B.y:
                out.append(Array("aeouy".utf8)[[B.a, B.e, B.o, B.u, B.y].firstIndex(of: vowel.base)!])
                if vowel.tone > 0 { out.append(toneBytes[vowel.tone]) }
            case B.aCircumflex, B.eCircumflex, B.oCircumflex:
                out.append(Array("aeo".utf8)[[B.aCircumflex, B.eCircumflex, B.oCircumflex].firstIndex(of: vowel.base)!])
                out.append(circumflexBytes[vowel.tone])
            case B.aBreve:
                out.append(0x61); out.append(breveBytes[vowel.tone])
            case B.oHorn, B.uHorn:
                out.append(vowel.base == B.oHorn ? 0xF4 : 0xF6)
                if vowel.tone > 0 { out.append(toneBytes[vowel.tone]) }
            default:
                out.append(iBytes[vowel.tone])
            }
        }
        return out
    }

    static let sample = """
    Đảng bộ phường đã tập trung lãnh đạo xây dựng, củng cố và nâng cao năng lực lãnh đạo, \
    sức chiến đấu của tổ chức cơ sở đảng. Trong năm, các chi bộ đã kết nạp được nhiều đảng \
    viên mới, nâng cao chất lượng sinh hoạt chi bộ và thực hiện tốt việc tự phê bình và phê bình.
    """
}

@Suite struct LegacyEncodingTests {
    @Test func recognisesTCVN3Bytes() {
        let bytes = LegacyEncoders.encodeTCVN3(LegacyEncoders.sample)
        #expect(bytes.withUnsafeBufferPointer { LegacyVietnameseEncoding.detect(bytes: $0) } == .tcvn3)
    }

    @Test func recognisesVNIBytes() {
        let bytes = LegacyEncoders.encodeVNI(LegacyEncoders.sample)
        #expect(bytes.withUnsafeBufferPointer { LegacyVietnameseEncoding.detect(bytes: $0) } == .vni)
    }

    @Test func recognisesLegacyTextMisdecodedAsLatin1() {
        let vni = LegacyEncoders.encodeVNI(LegacyEncoders.sample)
        let mojibake = String(String.UnicodeScalarView(vni.map { Unicode.Scalar($0) }))   // "Ñaûng boä…"
        #expect(LegacyVietnameseEncoding.detect(misdecodedText: mojibake) == .vni)
        let tcvn = LegacyEncoders.encodeTCVN3(LegacyEncoders.sample)
        let tcvnMojibake = String(String.UnicodeScalarView(tcvn.map { Unicode.Scalar($0) }))
        #expect(LegacyVietnameseEncoding.detect(misdecodedText: tcvnMojibake) == .tcvn3)
    }

    @Test func unicodeVietnameseAndLatin1FrenchAreNotLegacy() {
        #expect(LegacyVietnameseEncoding.detect(misdecodedText: LegacyEncoders.sample) == nil)
        let french = Array("Le comité a décidé de créer une école élémentaire près de la rivière à Hà Tây; élève, déjà, été.".unicodeScalars.map { UInt8($0.value & 0xFF) })
        #expect(french.withUnsafeBufferPointer { LegacyVietnameseEncoding.detect(bytes: $0) } == nil)
    }
}
