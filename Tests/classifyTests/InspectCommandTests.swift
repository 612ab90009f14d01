import Foundation
import Testing

/// `classify inspect` on the two kinds of model the project ships.
@Suite struct InspectCommandTests {
    @Test func describesTheThemeModel() throws {
        let result = try CLI.run(["inspect", "models/themes.model"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("kind          theme-classifier"))
        for theme in ["cell-quality", "ideological-education", "member-recruitment"] {
            #expect(result.stdout.contains("top terms of \(theme):"))
        }
    }

    @Test func describesTheSummarizerWithItsFeatureWeights() throws {
        let result = try CLI.run(["inspect", "models/summarizer.model"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("kind          summarizer"))
        #expect(result.stdout.contains("at most 50 syllables"))
        // One line per sentence feature, with a signed weight.
        let weightLines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(where: { $0 == "+" || $0 == "-" }) }
        #expect(weightLines.contains { $0.hasPrefix("  title-similarity ") })
        #expect(weightLines.count == 17)
    }

    @Test func jsonPrintsTheStoredMetadata() throws {
        let result = try CLI.run(["inspect", "--format", "json", "models/summarizer.model"])
        let header = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(header?["kind"] as? String == "summarizer")
        #expect((header?["featureNames"] as? [String])?.count == 17)
    }
}
