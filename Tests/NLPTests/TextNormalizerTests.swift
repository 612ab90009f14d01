import Foundation
import Testing
@testable import NLP

@Suite struct TextNormalizerTests {
    @Test func lineEndsBecomeLF() {
        #expect(TextNormalizer.normalize("a\r\nb\rc\n") == "a\nb\nc\n")
    }

    @Test func invisibleCharactersAreDeleted() {
        #expect(TextNormalizer.normalize("\u{FEFF}Đả\u{200B}ng\u{200C} \u{2060}bộ\u{00AD}") == "Đảng bộ")
    }

    @Test func unicodeSpacesBecomeSpaces() {
        #expect(TextNormalizer.normalize("chi\u{00A0}bộ\u{2009}ấp\u{3000}4") == "chi bộ ấp 4")
    }

    @Test func ethBecomesD() {
        #expect(TextNormalizer.normalize("\u{00D0}ảng \u{00F0}ồng") == "Đảng đồng")
    }

    @Test func decomposedTextIsComposed() {
        let nfd = "Đảng ủy phường".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count != "Đảng ủy phường".unicodeScalars.count)
        let result = TextNormalizer.normalize(nfd)
        #expect(Array(result.unicodeScalars) == Array("Đảng ủy phường".unicodeScalars))
    }

    @Test func caseAndTonePlacementAreKept() {
        #expect(TextNormalizer.normalize("Hoà Bình, hòa bình") == "Hoà Bình, hòa bình")
    }
}
