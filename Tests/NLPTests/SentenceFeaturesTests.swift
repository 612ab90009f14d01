import Testing
@testable import NLP

@Suite struct SentenceFeaturesTests {
    @Test(arguments: [
        ("Ông nói: \"Phải làm ngay\".", true),
        ("Đồng chí nhấn mạnh “nêu gương” là nhiệm vụ.", true),
        ("Khẩu hiệu «Dân biết, dân bàn».", true),
        ("Tỷ lệ đạt 69,56% – cao nhất từ trước đến nay…", false),   // – and … share the E2 80 lead
        ("Bản quyền © 2024, giá 5 ¢.", false),                      // © and ¢ share the C2 lead
        ("", false),
    ])
    func findsQuotationMarksOnly(_ text: String, _ expected: Bool) {
        #expect(SentenceFeatures.hasQuotation(text) == expected)
    }

    /// The scan skips sixteen bytes at a time: a mark must be found at every offset in
    /// and across blocks, after look-alike lead bytes (– …, © ¢) or none.
    @Test(arguments: ["\"", "“", "”", "«", "»"])
    func findsAMarkAtEveryOffset(_ mark: String) {
        for filler in ["a", "ư", "–", "©"] {
            for offset in 0..<40 {
                let before = String(repeating: filler, count: offset)
                #expect(SentenceFeatures.hasQuotation(before + mark + " xong"), "\(filler) × \(offset)")
                #expect(!SentenceFeatures.hasQuotation(before + " xong"), "\(filler) × \(offset)")
            }
        }
    }
}
