import Testing
@testable import NLP

@Suite struct ToneMarkStyleTests {
    func canonical(_ syllable: String, _ style: ToneMarkStyle = .classic) -> String {
        var letters = syllable.unicodeScalars.map(\.value)
        _ = letters.withUnsafeMutableBufferPointer {
            TonePlacement.canonicalize($0.baseAddress!, count: $0.count, style: style)
        }
        return String(String.UnicodeScalarView(letters.compactMap(Unicode.Scalar.init)))
    }

    /// The tokenizer trusts this answer to hash a token's input bytes as they are.
    @Test func reportsWhetherItMovedTheTone() {
        func moved(_ syllable: String, _ style: ToneMarkStyle) -> Bool {
            var letters = syllable.unicodeScalars.map(\.value)
            return letters.withUnsafeMutableBufferPointer {
                TonePlacement.canonicalize($0.baseAddress!, count: $0.count, style: style)
            }
        }
        #expect(moved("hoà", .classic))
        #expect(!moved("hòa", .classic))
        #expect(moved("hòa", .modern))
        #expect(!moved("người", .classic))
        #expect(!moved("chi", .classic))
    }

    @Test func diacriticVowelsTakeTheTone() {
        #expect(canonical("ngừơi") == "người")
        #expect(canonical("chúyên") == "chuyến")
        #expect(canonical("hóăc") == "hoắc")
    }

    @Test func quAndGiAreConsonants() {
        #expect(canonical("qúy") == "quý")
        #expect(canonical("qùa") == "quà")
        #expect(canonical("gìa") == "già")
        #expect(canonical("gìn") == "gìn")
    }

    @Test func finalConsonantPutsItOnTheLastVowel() {
        #expect(canonical("hòang") == "hoàng")
        #expect(canonical("hủynh") == "huỷnh")
        #expect(canonical("tóan", .modern) == "toán")
    }

    @Test func openClustersFollowTheRules() {
        #expect(canonical("khoaí") == "khoái")
        #expect(canonical("muà") == "mùa")
        #expect(canonical("hoà") == "hòa")
        #expect(canonical("hòa", .modern) == "hoà")
        #expect(canonical("uỷ") == "ủy")
        #expect(canonical("ủy", .modern) == "uỷ")
    }

    @Test func nonVietnameseWordsAreLeftAlone() {
        #expect(canonical("pokémon") == "pokémon")
        #expect(canonical("café") == "café")
        #expect(canonical("façade") == "façade")
    }
}
