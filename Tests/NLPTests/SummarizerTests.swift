import Foundation
import Testing
@testable import NLP

@Suite struct SummarizerTests {
    /// A summarizer with hand-set weights (position matters most, then title similarity).
    static func summarizer(redundancy: Float = 0.7) -> Summarizer {
        let background = (try? TestPaths.seedNames.map { try TestPaths.seedText($0) }) ?? []
        let vectorizer = TfidfVectorizer.fit(background, configuration: TfidfVectorizer.Configuration(ngrams: NGramRange(1, 1)))
        var weights = [Float](repeating: 0, count: SentenceFeatures.count)
        weights[SentenceFeatures.names.firstIndex(of: "position-inverse")!] = 3
        weights[SentenceFeatures.names.firstIndex(of: "title-similarity")!] = 1
        let metadata = SummarizerMetadata(featureNames: SentenceFeatures.names, defaultLength: .sentences(2),
                                          redundancyThreshold: redundancy, minimumSyllables: 5, vectorizer: vectorizer.configuration,
                                          vectorizerDocuments: vectorizer.state.documentCount, training: [:], metrics: [:],
                                          createdAt: "2026-01-01T00:00:00Z")
        return Summarizer(metadata: metadata, vectorizer: vectorizer, weights: weights, bias: -1)
    }

    let sentences = [
        "Đảng bộ xã Tân Lập kết nạp 25 đảng viên mới trong năm 2023.",
        "Các chi bộ duy trì nền nếp sinh hoạt định kỳ hằng tháng.",
        "Lớp bồi dưỡng nhận thức về Đảng được mở cho 40 quần chúng ưu tú.",
        "Xã phấn đấu năm sau kết nạp thêm 30 đảng viên trẻ.",
    ]

    @Test func choosesWithinTheSentenceBudgetInArticleOrder() {
        let article = Article(title: "Tân Lập kết nạp đảng viên", paragraphs: [sentences.joined(separator: " ")])
        let summary = Self.summarizer().summarize(article, length: .sentences(2))
        #expect(summary.sentences.count == 2)
        #expect(summary.sentences.map(\.index) == summary.sentences.map(\.index).sorted())
        #expect(summary.sentences.first?.index == 0)
        #expect(summary.text == summary.sentences.map(\.text).joined(separator: " "))
    }

    @Test func neverExceedsTheSyllableBudget() {
        let article = Article(title: "", paragraphs: sentences)
        for budget in [5, 12, 14, 20, 30, 100] {
            let summary = Self.summarizer().summarize(article, length: .words(budget))
            let syllables = summary.sentences.reduce(0) { $0 + Tokenizer().tokens(in: $1.text).count }
            #expect(syllables <= budget, "budget \(budget)")
        }
    }

    @Test func ratioTakesAShareOfTheSentences() {
        let article = Article(title: "", paragraphs: sentences)
        #expect(Self.summarizer().summarize(article, length: .ratio(0.5)).sentences.count == 2)
        #expect(Self.summarizer().summarize(article, length: .ratio(0.01)).sentences.count == 1)
    }

    @Test func aOneSentenceArticleReturnsThatSentence() {
        let summary = Self.summarizer().summarize(Article(title: "T", paragraphs: ["Họp chi bộ."]))
        #expect(summary.sentences.map(\.text) == ["Họp chi bộ."])
    }

    @Test func anEmptyArticleReturnsNothingWithAWarning() {
        let summary = Self.summarizer().summarize(Article(title: "Chỉ có tiêu đề", paragraphs: []))
        #expect(summary.sentences.isEmpty)
        #expect(summary.warning != nil)
    }

    @Test func duplicatedSentencesAreNotBothChosen() {
        let article = Article(title: "", paragraphs: [sentences[0], sentences[0], sentences[1]])
        let summary = Self.summarizer().summarize(article, length: .sentences(2))
        #expect(Set(summary.sentences.map(\.text)).count == summary.sentences.count)
    }

    @Test func headingsAndVeryShortSentencesAreNeverChosen() {
        let article = Article(title: "", paragraphs: ["ĐỔI MỚI CÔNG TÁC XÂY DỰNG ĐẢNG", "Kết quả nổi bật", "Chi bộ họp.", sentences[1], sentences[2]])
        let chosen = Self.summarizer().summarize(article, length: .sentences(3)).sentences.map(\.text)
        #expect(chosen == [sentences[1], sentences[2]])
    }

    /// Headings in capitals: at least three letters, none lowercase (ASCII or not).
    @Test(arguments: [
        ("THÔNG BÁO", true), ("ĐẢNG VIÊN ƯU TÚ", true), ("HÀ NỘI, 20/11/2024", true), ("ABC", true),
        ("Thông báo", false), ("ĐẢNG VIÊN ƯU TÚ đ", false), ("ĐẢNG ƯU TÚ ư", false), ("AB 12", false),
        ("123", false), ("", false), ("KẾT NẠP x", false),
    ])
    func capitalsAreTheLettersAllUpperCase(_ text: String, _ expected: Bool) {
        #expect(Summarizer.isCapitals(text) == expected, "\(text)")
    }

    @Test func aHugeSentenceIsCutSoTheBudgetCanBeMet() {
        let long = String(repeating: "đảng viên chi bộ sinh hoạt định kỳ, ", count: 2_500)   // ~50,000 characters, no boundary
        let summary = Self.summarizer().summarize(Article(title: "", paragraphs: [long]), length: .words(200))
        #expect(!summary.sentences.isEmpty)
        #expect(summary.sentences.allSatisfy { $0.text.split(separator: " ").count <= SummaryUnit.maximumSyllables })
    }

    @Test func fiveThousandSentencesUseTheLinearCentrality() {
        let many = (0..<5_000).map { "Câu số \($0) nói về chi bộ và đảng viên ở thôn \($0 % 17)." }
        let article = Article(title: "", paragraphs: [many.joined(separator: " ")])
        let candidates = Summarizer.candidates(of: article, vectorizer: Self.summarizer().vectorizer)
        #expect(candidates.count == 5_000)
        #expect(candidates.count > LexRank.denseLimit)
        // Near-identical sentences: redundancy filtering is off so three are chosen.
        #expect(Self.summarizer(redundancy: 1.01).summarize(article, length: .sentences(3)).sentences.count == 3)
    }

    @Test func modelFilesRoundTripAndRefuseAClassifier() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("summarizer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("s.model")
        let original = Self.summarizer()
        try original.write(to: url)
        let loaded = try Summarizer(contentsOf: url)
        #expect(loaded.weights == original.weights && loaded.bias == original.bias)
        #expect(loaded.metadata == original.metadata)
        let article = Article(title: "Tân Lập", paragraphs: sentences)
        #expect(loaded.summarize(article) == original.summarize(article))
        // The background vocabulary is stored without its texts.
        #expect(try ModelFile(contentsOf: url).bytes("background.vocabulary.text").isEmpty)
        // A theme model is refused with a message that says so.
        let classifier = try ThemeClassifierTests.smallClassifier()
        let classifierURL = directory.appendingPathComponent("c.model")
        try classifier.write(to: classifierURL)
        #expect { try Summarizer(contentsOf: classifierURL) } throws: { error in
            "\(error)".contains("not a summarizer")
        }
    }
}

@Suite struct LexRankTests {
    @Test func theSentenceSimilarToAllOthersIsMostCentral() {
        // Sentence 0 is similar to 1, 2, 3; those are unrelated to each other.
        let n = 4
        var similarities = [Float](repeating: 0, count: n * n)
        for i in 0..<n { similarities[i * n + i] = 1 }
        for j in 1..<n { similarities[j] = 0.5; similarities[j * n] = 0.5 }
        let centrality = LexRank.centrality(similarities: similarities, count: n)
        #expect(centrality[0] > centrality[1])
        #expect(abs(centrality.reduce(0, +) - Float(n)) < 1e-3)
    }

    @Test func identicalSentencesAreEquallyCentral() {
        let centrality = LexRank.centrality(similarities: [Float](repeating: 1, count: 9), count: 3)
        #expect(centrality.allSatisfy { abs($0 - 1) < 1e-4 })
    }

    @Test func similaritiesAreCosines() {
        let vectorizer = TfidfVectorizer.fit(["chi bộ họp", "đảng viên mới", "chi bộ kết nạp đảng viên"],
                                             configuration: TfidfVectorizer.Configuration(ngrams: NGramRange(1, 1)))
        let matrix = SentenceMatrix(sentences: ["chi bộ họp", "chi bộ họp", "thời tiết đẹp"], title: "chi bộ", vectorizer: vectorizer)
        let s = matrix.similarities()
        #expect(abs(s[0] - 1) < 1e-5 && abs(s[1] - 1) < 1e-5)   // identical sentences
        #expect(abs(s[2]) < 1e-5)                              // nothing in common
        #expect(s[1] == s[3])                                  // symmetric
        #expect(s[8] == 1)                                     // a sentence with only its own terms
        #expect(matrix.titleSimilarities()[0] > 0.5 && matrix.titleSimilarities()[2] == 0)
        // The centroid similarity is the same from the matrix and by the linear method.
        let fromMatrix = SentenceMatrix.centroidSimilarities(fromSimilarities: s, count: 3)
        let linear = matrix.centroidSimilaritiesLinear()
        for i in 0..<3 { #expect(abs(fromMatrix[i] - linear[i]) < 1e-5) }
    }

    /// An article's term table grows past its first size (256 terms) without losing
    /// counts: 600 distinct syllables, none known to the background (all get the same
    /// idf), so cosines are plain set overlaps.
    @Test func manyDistinctTermsAreCountedExactly() {
        let vectorizer = TfidfVectorizer.fit(["chi bộ họp"], configuration: TfidfVectorizer.Configuration(ngrams: NGramRange(1, 1)))
        var syllables: [String] = []
        for initial in ["b", "c", "d", "g", "h", "k", "l", "m", "n", "p"] {
            for vowel in ["a", "e", "i", "o", "u"] {
                for final in ["", "m", "n", "p", "t", "c", "ng", "nh", "ch", "y", "o", "u"] { syllables.append(initial + vowel + final) }
            }
        }
        #expect(Set(syllables).count == 600)
        let all = syllables.joined(separator: " "), half = syllables.prefix(300).joined(separator: " ")
        let matrix = SentenceMatrix(sentences: [all, all, half], title: "", vectorizer: vectorizer)
        let s = matrix.similarities()
        #expect(abs(s[1] - 1) < 1e-5)
        #expect(abs(s[2] - (300 / 600 as Float).squareRoot()) < 1e-5)
        #expect(matrix.tokenCounts == [600, 600, 300])
    }
}
