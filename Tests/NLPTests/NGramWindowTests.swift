import Testing
@testable import NLP

@Suite struct NGramWindowTests {
    /// Every (lower, upper) range the analyzer accepts.
    static let ranges = (1...Analyzer.maximumNGram).flatMap { lower in
        (lower...Analyzer.maximumNGram).map { NGramRange(lower, $0) }
    }

    /// The definition, written the slow way: for each token, the n-grams of each
    /// allowed length that end at it and start at or after its phrase's first token,
    /// their keys folded left to right.
    static func expectedFeatures(keys: [UInt64], breaks: [Bool], range: NGramRange) -> [(UInt64, Int)] {
        var result: [(UInt64, Int)] = []
        var phraseStart = 0
        for index in keys.indices {
            if breaks[index] { phraseStart = index }
            for n in range.lower...range.upper where index - n + 1 >= phraseStart {
                let parts = keys[(index - n + 1)...index]
                result.append((parts.dropFirst().reduce(parts.first!) { FeatureKey.combine($0, $1) }, n))
            }
        }
        return result
    }

    @Test(arguments: ranges)
    func foldsTheNGramsOfEachPhrase(_ range: NGramRange) {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        // Phrases of every length from 1 to 7 tokens, so that each n-gram length is
        // both cut short by a break and reached in full.
        var keys: [UInt64] = [], breaks: [Bool] = []
        for length in [1, 3, 2, 7, 1, 1, 4, 5, 6] {
            for position in 0..<length {
                keys.append(next() | 1)
                breaks.append(position == 0)
            }
        }
        var window = NGramWindow(range)
        var found: [(UInt64, Int)] = []
        for (key, startsPhrase) in zip(keys, breaks) {
            window.push(key, startsPhrase: startsPhrase) { found.append(($0, $1)) }
        }
        let expected = NGramWindowTests.expectedFeatures(keys: keys, breaks: breaks, range: range)
        #expect(found.map(\.0) == expected.map(\.0))
        #expect(found.map(\.1) == expected.map(\.1))
    }

    @Test func aTextWithoutBreaksAfterTheFirstTokenIsOnePhrase() {
        var window = NGramWindow(NGramRange(2, 2))
        var bigrams: [UInt64] = []
        for (index, key) in [UInt64(11), 22, 33].enumerated() {
            window.push(key, startsPhrase: index == 0) { key, _ in bigrams.append(key) }
        }
        #expect(bigrams == [FeatureKey.combine(11, 22), FeatureKey.combine(22, 33)])
    }
}
