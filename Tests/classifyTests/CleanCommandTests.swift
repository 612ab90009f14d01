import Foundation
import Testing

@Suite struct CleanCommandTests {
    @Test func explainMarksFurnitureAndKeepsContent() throws {
        let result = try CLI.run(["clean", "--explain", "seeds/004_827a990b354b5f07.txt"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        // Content lines are indented, dropped ones start with "- ".
        #expect(lines.contains { $0.hasPrefix("  [") })
        #expect(lines.contains { $0.hasPrefix("- [") })
    }

    @Test func explainRefusesJSONFormats() throws {
        for format in ["json", "jsonl"] {
            let result = try CLI.run(["clean", "--explain", "--format", format, "seeds/004_827a990b354b5f07.txt"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("--explain"))
            #expect(result.stdout.isEmpty)
        }
    }
}
