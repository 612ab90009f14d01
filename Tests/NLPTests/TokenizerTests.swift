import Foundation
import Testing
@testable import NLP

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(TokenizerConfiguration(numbersAsClass: false))

    @Test func splitsSyllablesAndDropsPunctuation() {
        #expect(tokenizer.tokens(in: "Đảng bộ, chi bộ: “kết nạp” đảng viên!") == ["đảng", "bộ", "chi", "bộ", "kết", "nạp", "đảng", "viên"])
    }

    @Test func lowercasesEveryVietnameseLetter() {
        #expect(tokenizer.tokens(in: "ĐẢNG ỦY PHƯỜNG TÍCH SƠN") == ["đảng", "ủy", "phường", "tích", "sơn"])
    }

    @Test func foldsEthIntoD() {
        #expect(tokenizer.tokens(in: "\u{00D0}ảng \u{00F0}ảng") == ["đảng", "đảng"])
    }

    /// The scanner's fast path counts ASCII vowels from a literal bit set; it must
    /// agree with the scalar table the general path reads.
    @Test func asciiVowelBitsAgreeWithTheScalarTable() {
        let table = ScalarTable.shared
        for letter in UInt32(0x61)...0x7A {
            let fromTable = table.packed[ScalarTable.index(letter)] & ScalarTable.vowelBit != 0
            let fromLiteral = (TokenScanner.asciiVowels >> (letter - 0x61)) & 1 == 1
            #expect(fromTable == fromLiteral, "letter \(Unicode.Scalar(letter)!)")
        }
    }

    /// Lowercase ASCII runs take the fast path; mixing them with capitals, marks and
    /// digits in one token must give what the general path gives.
    @Test func asciiRunsMixWithTheGeneralPath() {
        #expect(tokenizer.tokens(in: "hoà hòa hoa\u{0300} HOÀ nguyEn tp.hcm abc123 x") ==
                ["hòa", "hòa", "hòa", "hòa", "nguyen", "tp", "hcm", "abc123", "x"])
    }

    @Test(arguments: [("hòa", "hoà"), ("thủy", "thuỷ"), ("quý", "qúy"), ("tòa", "toà"), ("ủy", "uỷ"),
                      ("khỏe", "khoẻ"), ("mùa", "muà"), ("Hòa", "HOÀ")])
    func oneTokenForBothToneStyles(_ pair: (String, String)) {
        #expect(tokenizer.tokens(in: pair.0) == tokenizer.tokens(in: pair.1))
    }

    /// With ă â ê ô ơ ư in the syllable, the tone belongs on the last of them, in both
    /// styles: the tone typed on any vowel of the cluster (and in NFD) gives that token.
    /// (The tokenizer skips placement when the tone is already there.)
    @Test(arguments: ["người", "được", "việc", "chuyển", "thuở", "tuổi", "nước", "rượu", "khuấy", "Hướng", "giữa", "quốc"])
    func toneMovesToTheLastVowelWithADiacritic(_ word: String) {
        let lower = word.lowercased()
        let letters = lower.unicodeScalars.map(\.value)
        let toned = letters.firstIndex { (VietnameseLetters.vowel($0)?.tone ?? 0) != 0 }!
        let tone = VietnameseLetters.vowel(letters[toned])!.tone
        for style in ToneMarkStyle.allCases {
            let tokenizer = Tokenizer(TokenizerConfiguration(toneStyle: style))
            for target in letters.indices where VietnameseLetters.vowel(letters[target]) != nil {
                var moved = letters
                var old = VietnameseLetters.vowel(moved[toned])!
                old.tone = 0
                moved[toned] = VietnameseLetters.compose(old)
                var new = VietnameseLetters.vowel(moved[target])!
                new.tone = tone
                moved[target] = VietnameseLetters.compose(new)
                let variant = String(String.UnicodeScalarView(moved.compactMap(Unicode.Scalar.init)))
                #expect(tokenizer.tokens(in: variant) == [lower], "\(variant), \(style)")
                #expect(tokenizer.tokens(in: variant.decomposedStringWithCanonicalMapping) == [lower], "NFD \(variant), \(style)")
            }
        }
    }

    @Test func toneStyleChoosesThePlacement() {
        let classic = Tokenizer(TokenizerConfiguration(toneStyle: .classic))
        let modern = Tokenizer(TokenizerConfiguration(toneStyle: .modern))
        #expect(classic.tokens(in: "hoà thuỷ uỷ khoẻ") == ["hòa", "thủy", "ủy", "khỏe"])
        #expect(modern.tokens(in: "hòa thủy ủy khỏe") == ["hoà", "thuỷ", "uỷ", "khoẻ"])
        // Syllables with a final consonant have one placement in both styles.
        #expect(modern.tokens(in: "hoàng toàn huỳnh") == classic.tokens(in: "hoàng toàn huỳnh"))
    }

    @Test func decomposedInputGivesTheSameTokens() throws {
        for name in TestPaths.seedNames {
            let text = try TestPaths.seedText(name)
            let nfd = text.decomposedStringWithCanonicalMapping
            #expect(nfd.unicodeScalars.count > text.unicodeScalars.count)
            #expect(tokenizer.tokens(in: nfd) == tokenizer.tokens(in: text), "\(name)")
        }
    }

    @Test func partlyDecomposedWordsAreComposed() {
        // o + horn + grave, a + circumflex + dot below, i + acute
        #expect(tokenizer.tokens(in: "tho\u{031B}\u{0300}i sa\u{0302}\u{0323}p ti\u{0301}nh") == ["thời", "sập", "tính"])
        // A mark outside Vietnamese goes through full NFC: n + tilde is ñ.
        #expect(tokenizer.tokens(in: "Espan\u{0303}a") == ["españa"])
    }

    @Test func numbersStayWhole() {
        #expect(tokenizer.tokens(in: "đạt 69,56%; có 4.100 đảng viên; ĐT 0271.3879.736; 2.5 lần")
                == ["đạt", "69,56", "có", "4.100", "đảng", "viên", "đt", "0271.3879.736", "2.5", "lần"])
        // A period that ends a sentence after a number is not part of it.
        #expect(tokenizer.tokens(in: "năm 2021. Tiếp") == ["năm", "2021", "tiếp"])
    }

    @Test func numbersCanBecomeOneClassToken() {
        let classes = Tokenizer(TokenizerConfiguration(numbersAsClass: true))
        #expect(classes.tokens(in: "kết nạp 27 đảng viên, đạt 69,56%") == ["kết", "nạp", "<num>", "đảng", "viên", "đạt", "<num>"])
        // Letters and digits together are a word, not a number.
        #expect(classes.tokens(in: "đội U23") == ["đội", "u23"])
    }

    @Test func zeroWidthCharactersDoNotSplitWords() {
        #expect(tokenizer.tokens(in: "Đả\u{200B}ng\u{FEFF} viên") == ["đảng", "viên"])
    }

    @Test func punctuationMarksPhraseBreaks() {
        var breaks: [Bool] = []
        tokenizer.forEachToken(in: "chi bộ, đảng viên") { breaks.append($0.startsPhrase) }
        #expect(breaks == [true, false, true, false])
        breaks = []
        tokenizer.forEachToken(in: "Tiêu đề\n\nđảng viên") { breaks.append($0.startsPhrase) }
        #expect(breaks == [true, false, true, false])
    }

    @Test func stopWordsAreRemovedOnlyWhenAsked() {
        let with = Tokenizer(TokenizerConfiguration(removeStopWords: true))
        #expect(with.tokens(in: "các chi bộ của đảng") == ["chi", "bộ", "đảng"])
        #expect(tokenizer.tokens(in: "các chi bộ của đảng").count == 5)
    }

    @Test func sourceRangesPointIntoTheInput() {
        let text = "Hà Nội, ĐÀ NẴNG"
        var pieces: [String] = []
        tokenizer.forEachToken(in: text) { token in
            let bytes = Array(text.utf8)[token.sourceRange]
            pieces.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(pieces == ["Hà", "Nội", "ĐÀ", "NẴNG"])
    }

    @Test func overlongRunsAreDropped() {
        let long = String(repeating: "a", count: Tokenizer.maximumTokenLength + 1)
        #expect(tokenizer.tokens(in: "chi \(long) bộ") == ["chi", "bộ"])
    }

    /// Tokens already in normal form are hashed from the input bytes, the others from
    /// their rewritten letters: both paths must give the same text and key.
    @Test(arguments: ["hòa", "Hòa", "hoà", "HOÀ", "ho\u{0300}a", "h\u{200B}òa", "Ðòa"])
    func keysAndBytesDoNotDependOnTheInputsForm(_ spelling: String) {
        var seen: [(String, UInt64)] = []
        tokenizer.forEachToken(in: "chi \(spelling) bộ") { seen.append(($0.text, $0.key)) }
        #expect(seen.map(\.0) == ["chi", spelling.hasPrefix("Ð") ? "đòa" : "hòa", "bộ"])
        for (text, key) in seen { #expect(key == FeatureKey.hash(Array(text.utf8))) }
    }

    @Test func numbersKeepTheirSeparatorsInTheirKey() {
        var seen: [(String, UInt64)] = []
        tokenizer.forEachToken(in: "đạt 69,56% và 4.100 người") { seen.append(($0.text, $0.key)) }
        #expect(seen.map(\.0) == ["đạt", "69,56", "và", "4.100", "người"])
        for (text, key) in seen { #expect(key == FeatureKey.hash(Array(text.utf8))) }
    }

    /// Common tokens (lowercase letters in normal form, up to a separator) take a path
    /// of their own. Every token must come out as the general path makes it: key,
    /// text, number flag, phrase break and source range, in every configuration, for
    /// words that are and are not common, before every kind of character.
    @Test(arguments: ToneMarkStyle.allCases)
    func commonTokensComeOutAsTheGeneralPathMakesThem(_ style: ToneMarkStyle) {
        let words = ["người", "của", "hòa", "hoà", "quý", "qúy", "già", "gìa", "khuya", "thuở", "đảng", "Đảng", "ĐẢNG",
                     "nguyEn", "iPhone", "covid19", "abc123", "x", "các", "và", "ñandú", "ǎ", "ho\u{0300}a", "h\u{200B}òa",
                     "Ðòa", "tp.hcm", "69,56", "4.100", "ﬁ", "ⱥ",
                     String(repeating: "a", count: Tokenizer.maximumTokenLength),
                     String(repeating: "a", count: Tokenizer.maximumTokenLength + 1),
                     String(repeating: "a", count: Tokenizer.maximumTokenLength - 1) + "ờ",
                     String(repeating: "a", count: Tokenizer.maximumTokenLength) + "ờ"]
        let separators = [" ", "", ",", ".", ". ", "“", "”", "…", "–", "\u{00A0}", "\n", "\t", "\u{0300}", "5", "A", "Đ",
                          "\u{200B}", "«", "×", "ờ", "\u{00AD}", "/", "-", "😀"]
        var texts: [String] = []
        for word in words {
            for separator in separators {
                texts.append(word + separator + "chi")
                texts.append(separator + word + separator)
            }
        }
        texts.append(words.joined(separator: " "))
        for removeStopWords in [false, true] {
            for numbersAsClass in [false, true] {
                let fast = Tokenizer(TokenizerConfiguration(toneStyle: style, numbersAsClass: numbersAsClass,
                                                            removeStopWords: removeStopWords))
                var general = fast
                general.scansCommonTokens = false
                for text in texts {
                    #expect(Self.described(fast, text) == Self.described(general, text), "\(text.debugDescription)")
                }
            }
        }
    }

    /// Everything a token says, as one string per token.
    private static func described(_ tokenizer: Tokenizer, _ text: String) -> [String] {
        var result: [String] = []
        tokenizer.forEachToken(in: text) { token in
            result.append("\(token.key) \(token.text) \(token.isNumber) \(token.startsPhrase) \(token.sourceRange)")
        }
        return result
    }
}
