import Foundation
import Testing
@testable import NLP

@Suite struct AnalyzerTests {
    @Test(arguments: [NGramRange(1, 1), NGramRange(1, 2), NGramRange(2, 3), NGramRange(1, 4)])
    func theKeyPathGivesTheSameKeysAsTheFullPath(_ ngrams: NGramRange) throws {
        let analyzer = Analyzer(ngrams: ngrams)
        for name in TestPaths.seedNames {
            let text = try TestPaths.seedText(name)
            var full: [UInt64] = []
            analyzer.forEachFeature(in: text) { key, _ in full.append(key) }
            var fast: [UInt64] = []
            analyzer.appendKeys(of: text, to: &fast)
            #expect(fast == full, "\(name) \(ngrams)")
        }
    }

    /// Counting remakes an n-gram's text from its input range: that text must be the
    /// one the full path shows, whatever the configuration and the input's form (NFD,
    /// stop words skipped inside the range, numbers, upper case).
    @Test(arguments: [
        (NGramRange(1, 2), TokenizerConfiguration()),
        (NGramRange(1, 4), TokenizerConfiguration(toneStyle: .modern, numbersAsClass: false, removeStopWords: true)),
        (NGramRange(2, 3), TokenizerConfiguration(removeStopWords: true)),
    ])
    func collectedRangesGiveBackEachNGramsText(_ ngrams: NGramRange, _ tokenizer: TokenizerConfiguration) throws {
        let analyzer = Analyzer(tokenizer: Tokenizer(tokenizer), ngrams: ngrams)
        var texts = try TestPaths.seedNames.map(TestPaths.seedText)
        texts.append(texts[0].decomposedStringWithCanonicalMapping.uppercased())
        var features = DocumentFeatures()
        for text in texts {
            var full: [(UInt64, String)] = []
            analyzer.forEachFeature(in: text) { full.append(($0, $1.text)) }
            var remade: [String] = []
            var copy = text
            copy.withUTF8 { input in
                analyzer.collect(inUTF8: input, into: &features)
                for index in 0..<features.count {
                    var bytes: [UInt8] = []
                    analyzer.appendText(ofNGramAt: features.range(of: index), in: input, to: &bytes)
                    remade.append(String(decoding: bytes, as: UTF8.self))
                }
            }
            #expect(features.keys == full.map(\.0))
            #expect(remade == full.map(\.1))
        }
    }

    /// The n-grams' keys against a plain definition: within each phrase, every run of
    /// n consecutive tokens, its tokens' keys folded left to right with
    /// `FeatureKey.combine`; for each token, shorter n-grams first.
    @Test(arguments: [NGramRange(1, 1), NGramRange(1, 2), NGramRange(2, 3), NGramRange(1, 4), NGramRange(3, 4), NGramRange(4, 4)])
    func keysFoldEachRunOfTokensWithinAPhrase(_ ngrams: NGramRange) throws {
        let analyzer = Analyzer(ngrams: ngrams)
        for name in TestPaths.seedNames {
            let text = try TestPaths.seedText(name)
            var expected: [UInt64] = []
            var phrase: [UInt64] = []
            analyzer.tokenizer.forEachToken(in: text) { token in
                if token.startsPhrase { phrase = [] }
                phrase.append(token.key)
                for n in ngrams.lower...ngrams.upper where n <= phrase.count {
                    let parts = phrase.suffix(n)
                    expected.append(parts.dropFirst().reduce(parts.first!) { FeatureKey.combine($0, $1) })
                }
            }
            var keys: [UInt64] = []
            var tokens: [String] = []
            analyzer.appendKeys(of: text, to: &keys) { tokens.append($0.text) }
            // The first difference, not the whole arrays: a seed has thousands of n-grams.
            let firstDifference = (0..<min(keys.count, expected.count)).first { keys[$0] != expected[$0] }
            #expect(keys.count == expected.count && firstDifference == nil, "\(name) \(ngrams)")
            #expect(tokens == analyzer.tokenizer.tokens(in: text), "every token is shown once, in order")
        }
    }
}
