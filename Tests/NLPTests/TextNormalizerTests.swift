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
        // Alone, at the end, after other letters led by the same byte (â is C3 A2).
        #expect(TextNormalizer.normalize("c\u{00F0}") == "cđ")
        #expect(TextNormalizer.normalize("Tân \u{00D0}ông Hâ\u{00F0}") == "Tân Đông Hâđ")
        // Letters whose second byte is near Ð's and ð's stay: Ñ (C3 91), à (C3 A0), ° (C2 B0).
        #expect(TextNormalizer.normalize("Ñà 30° ở Cà Mau") == "Ñà 30° ở Cà Mau")
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

    /// The scan skips 16-byte blocks with nothing to rewrite: each rewrite must still be
    /// found at every offset in and across blocks, amid ASCII and amid Vietnamese
    /// letters whose bytes (C3, C6 B0, E1…) resemble the ones it looks for.
    @Test(arguments: ["x", "ư", "ấ"])
    func everyRewriteIsFoundAtEveryOffset(_ filler: String) {
        let rewrites: [(String, String)] = [
            ("\r\n", "\n"), ("\r", "\n"), ("\u{00A0}", " "), ("\u{00AD}", ""), ("\u{00D0}", "Đ"), ("\u{00F0}", "đ"),
            ("\u{200B}", ""), ("\u{202F}", " "), ("\u{3000}", " "), ("\u{FEFF}", ""), ("o\u{0300}", "ò"), ("e\u{0342}", "e\u{0342}"),
        ]
        for (input, output) in rewrites {
            for offset in 0..<34 {
                let before = String(repeating: filler, count: offset / filler.utf8.count + offset % 3)
                let after = String(repeating: filler, count: 20)
                let normalized = TextNormalizer.normalize(before + input + after)
                #expect(normalized == before + output + after, "\(input.unicodeScalars.map { $0.value }) at \(offset)")
            }
        }
    }
}
