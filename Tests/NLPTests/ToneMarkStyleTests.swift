import Foundation
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

    /// The tokenizer skips `canonicalize` when ``TonePlacement/isCanonical`` says the
    /// tone is already in place: over every initial, vowel cluster, final and tone
    /// position below, in both styles and either case, its tokens must be exactly
    /// what `canonicalize` makes.
    @Test(arguments: ToneMarkStyle.allCases)
    func tokenizerAgreesWithCanonicalizeOnEverySyllableShape(_ style: ToneMarkStyle) {
        let tokenizer = Tokenizer(TokenizerConfiguration(toneStyle: style, numbersAsClass: false))
        let initials = ["", "b", "q", "qu", "g", "gi", "ng", "kh", "th", "đ"]
        let clusters = ["a", "e", "y", "oa", "oe", "uy", "ua", "ai", "ay", "ao", "au", "oi", "ui", "ia", "uo", "ue",
                        "ươ", "uô", "iê", "yê", "ưa", "ưu", "ôi", "ơi", "oai", "uyê", "ươi", "uya", "oay", "uê"]
        let finals = ["", "n", "ng", "c", "t", "nh", "ch", "m", "p", "i"]
        let tones: [Character] = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]
        var checked = 0
        for initial in initials {
            for cluster in clusters {
                let vowels = Array(cluster)
                for final in finals {
                    for position in vowels.indices {
                        for tone in tones {
                            var toned = vowels
                            toned[position] = Character(String(vowels[position]) + String(tone))
                            let syllable = (initial + String(toned) + final).precomposedStringWithCanonicalMapping
                            for text in [syllable, syllable.uppercased()] {
                                let expected = canonical(syllable, style)
                                #expect(tokenizer.tokens(in: text) == [expected], "\(text) \(style)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 10_000)
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
