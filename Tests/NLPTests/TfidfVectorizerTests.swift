import Foundation
import Testing
@testable import NLP

@Suite struct TfidfVectorizerTests {
    /// Unigrams and bigrams of three tiny documents; expected values worked out by hand:
    /// n = 3; smooth idf = ln(4 / (1 + df)) + 1, so 1.287682 for df = 2 and 1.693147 for df = 1.
    let corpus = ["chi bộ họp", "chi bộ kết nạp", "kết nạp kết nạp"]
    let configuration = TfidfVectorizer.Configuration(tokenizer: TokenizerConfiguration(numbersAsClass: false))

    func texts(_ vectorizer: TfidfVectorizer) -> [String] {
        (0..<vectorizer.featureCount).map { vectorizer.state.vocabulary.text($0) }
    }

    @Test func vocabularyIsInByteOrder() {
        let vectorizer = TfidfVectorizer.fit(corpus, configuration: configuration)
        #expect(texts(vectorizer) == ["bộ", "bộ họp", "bộ kết", "chi", "chi bộ", "họp", "kết", "kết nạp", "nạp", "nạp kết"])
    }

    @Test func smoothIDF() {
        let vectorizer = TfidfVectorizer.fit(corpus, configuration: configuration)
        let idf = Dictionary(uniqueKeysWithValues: zip(texts(vectorizer), vectorizer.state.idf))
        #expect(abs(idf["chi"]! - 1.2876821) < 1e-6)
        #expect(abs(idf["bộ họp"]! - 1.6931472) < 1e-6)
        #expect(vectorizer.state.documentCount == 3)
    }

    @Test func plainIDF() {
        var plain = configuration
        plain.smoothIDF = false
        let vectorizer = TfidfVectorizer.fit(corpus, configuration: plain)
        let idf = Dictionary(uniqueKeysWithValues: zip(texts(vectorizer), vectorizer.state.idf))
        #expect(abs(idf["kết"]! - 1.4054651) < 1e-6)      // ln(3/2) + 1
        #expect(abs(idf["họp"]! - 2.0986123) < 1e-6)      // ln(3/1) + 1
    }

    @Test func sublinearTFAndL2Norm() {
        let (vectorizer, matrix) = TfidfVectorizer.fitTransform(corpus, configuration: configuration)
        let column = { (text: String) in vectorizer.state.vocabulary.column(ofText: text)! }
        #expect(abs(matrix[2, column("kết")] - 0.5268202) < 1e-6)
        #expect(abs(matrix[2, column("nạp kết")] - 0.4091229) < 1e-6)
        #expect(matrix[2, column("chi")] == 0)
        #expect(abs(matrix[0, column("chi")] - 0.3935112) < 1e-6)
        #expect(abs(matrix[0, column("họp")] - 0.5174199) < 1e-6)
        for row in 0..<matrix.rowCount {
            let norm = matrix.row(row).reduce(0) { $0 + Double($1.value) * Double($1.value) }
            #expect(abs(norm - 1) < 1e-6)
        }
    }

    @Test func documentFrequencyBounds() {
        var bounded = configuration
        bounded.minDF = .count(2)
        #expect(texts(TfidfVectorizer.fit(corpus, configuration: bounded)) == ["bộ", "chi", "chi bộ", "kết", "kết nạp", "nạp"])
        bounded.minDF = .count(1)
        bounded.maxDF = .fraction(0.5)     // at most 1.5 documents
        #expect(texts(TfidfVectorizer.fit(corpus, configuration: bounded)) == ["bộ họp", "bộ kết", "họp", "nạp kết"])
    }

    @Test func maxFeaturesKeepsTheMostFrequent() {
        var limited = configuration
        limited.maxFeatures = 3
        #expect(texts(TfidfVectorizer.fit(corpus, configuration: limited)) == ["kết", "kết nạp", "nạp"])
    }

    /// The limit ranks by occurrences summed over every thread's documents, not by
    /// document frequency: "đảng" occurs 4 times in 2 documents that fall to different
    /// threads, "bộ" 3 times in 3, "họp" 3 times in 1.
    @Test(arguments: [1, 2, 3])
    func maxFeaturesRanksByOccurrencesAcrossThreads(threads: Int) {
        let documents = ["đảng đảng", "bộ", "họp họp họp", "bộ", "bộ", "đảng đảng"]
        var limited = TfidfVectorizer.Configuration(ngrams: NGramRange(1, 1), minDF: .count(1))
        limited.maxFeatures = 1
        #expect(texts(TfidfVectorizer.fit(documents, configuration: limited, threads: threads)) == ["đảng"])
        limited.maxFeatures = 2
        // "bộ" and "họp" tie on 3 occurrences: text order breaks the tie.
        #expect(texts(TfidfVectorizer.fit(documents, configuration: limited, threads: threads)) == ["bộ", "đảng"])
    }

    @Test func transformAgreesWithFitTransform() {
        let (vectorizer, matrix) = TfidfVectorizer.fitTransform(corpus, configuration: configuration)
        #expect(vectorizer.transform(corpus) == matrix)
    }

    /// Fitting counts each document in a small table that grows for long documents and
    /// is reused by the next: counts must come out the same around that growth.
    @Test func longAndShortDocumentsAreCountedExactly() {
        let syllables = "ba be bi bo bu ca ce ci co cu da de di do du ga ge gi go gu".split(separator: " ")
        // Every pair of the 20 syllables, then "ba ca": 1,603 n-grams, more than the
        // per-document table starts with room for (1,024).
        var words: [Substring] = []
        for a in syllables { for b in syllables { words += [a, b] } }
        let long = (words + ["ba", "ca"]).joined(separator: " ")
        let documents = ["ba ca ca", long, "ca ba", long, "ba ca"]
        var exact = configuration
        exact.minDF = .count(1)
        exact.sublinearTF = false
        exact.normalize = false
        let (vectorizer, matrix) = TfidfVectorizer.fitTransform(documents, configuration: exact, threads: 1)
        #expect(vectorizer.transform(documents, threads: 1) == matrix)
        let n = Float(documents.count)
        func value(_ document: Int, _ feature: String) -> Float? {
            guard let column = texts(vectorizer).firstIndex(of: feature) else { return nil }
            let range = matrix.rowStarts[document]..<matrix.rowStarts[document + 1]
            return range.first { matrix.columns[$0] == Int32(column) }.map { matrix.values[$0] }
        }
        let idf = { (df: Float) in log((1 + n) / (1 + df)) + 1 }
        // "ba ca" is in four documents (not in "ca ba"). A long one holds it three times:
        // the pair (ba, ca), across the pairs (ca, ba) (ca, be), and at the end.
        #expect(value(0, "ba ca") == 1 * idf(4))
        #expect(value(1, "ba ca") == 3 * idf(4))
        #expect(value(3, "ba ca") == 3 * idf(4))
        #expect(value(2, "ca ba") == 1 * idf(3))
        #expect(value(0, "ca") == 2 * idf(5))
    }

    @Test func unknownFeaturesAreIgnored() {
        let vectorizer = TfidfVectorizer.fit(corpus, configuration: configuration)
        #expect(vectorizer.transform("bóng đá").isEmpty)
        #expect(vectorizer.transform("chi bộ bóng đá").count == 3)
    }

    @Test func resultDoesNotDependOnThreadCount() throws {
        let documents = try TestPaths.seedNames.map { try TestPaths.seedText($0) } + corpus
        var limited = configuration
        limited.maxFeatures = 40
        for configuration in [configuration, limited] {
            let (one, matrixOne) = TfidfVectorizer.fitTransform(documents, configuration: configuration, threads: 1)
            // Each thread count sorts its own partitions of the vocabulary and merges them.
            for threads in [2, 3, 4, 5] {
                let (other, matrixOther) = TfidfVectorizer.fitTransform(documents, configuration: configuration, threads: threads)
                #expect(one.state.vocabulary.keys == other.state.vocabulary.keys, "\(threads) threads")
                #expect(one.state.vocabulary.textBytes == other.state.vocabulary.textBytes, "\(threads) threads")
                #expect(one.state.idf == other.state.idf, "\(threads) threads")
                #expect(matrixOne == matrixOther, "\(threads) threads")
            }
        }
    }

    @Test func featuresAreInTextOrder() throws {
        let documents = try TestPaths.seedNames.map { try TestPaths.seedText($0) } + corpus
        let vectorizer = TfidfVectorizer.fit(documents, configuration: configuration, threads: 3)
        let bytes = texts(vectorizer).map { Array($0.utf8) }
        #expect(bytes.count > 100)
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
    }

    @Test func toneStylesShareFeatures() {
        let vectorizer = TfidfVectorizer.fit(["hòa bình", "hoà bình"], configuration: configuration)
        #expect(texts(vectorizer) == ["bình", "hòa", "hòa bình"])
    }

    @Test func sublinearTermFrequencyTableMatchesTheFormula() {
        for count in 1..<200 {
            #expect(sublinearTermFrequency(count) == 1 + Float(log(Double(count))), "count \(count)")
        }
    }
}
