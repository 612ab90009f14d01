import CBLAS
import Foundation
import Testing
@testable import NLP

@Suite struct SentenceMatrixTests {
    /// The sentences of a seed article and a vectorizer fitted on them.
    static func seedMatrix() throws -> SentenceMatrix {
        let text = try TestPaths.seedText(TestPaths.seedNames[0])
        let article = ArticleCleaner().clean(TextNormalizer.normalize(text))
        let sentences = SentenceSplitter().sentences(of: article).map(\.text)
        let vectorizer = TfidfVectorizer.fit(sentences, configuration: TfidfVectorizer.Configuration(ngrams: NGramRange(1, 1), sublinearTF: true))
        return SentenceMatrix(sentences: sentences, title: article.title, vectorizer: vectorizer)
    }

    /// The sparse loop replaced `cblas_sgemv` on the whole block; it must give the same
    /// floats, bit for bit, so that no summary changes.
    @Test func titleSimilaritiesAreThoseOfSgemvToTheLastBit() throws {
        let matrix = try Self.seedMatrix()
        let n = matrix.sentenceCount, t = matrix.termCount
        #expect(n > 5 && t > 10)
        #expect(matrix.title.contains { $0 != 0 } && matrix.title.contains { $0 == 0 })
        var expected = [Float](repeating: 0, count: n)
        matrix.block.withUnsafeBufferPointer { a in
            cblas_sgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(t), 1, a.baseAddress, Int32(n), matrix.title, 1, 0, &expected, 1)
        }
        let similarities = matrix.titleSimilarities()
        #expect(similarities.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(similarities.contains { $0 > 0 })
    }
}
