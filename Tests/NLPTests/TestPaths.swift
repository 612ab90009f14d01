import Foundation

/// Files the tests read: the repository's own seeds and the hand-written fixtures.
enum TestPaths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = repository.appendingPathComponent("seeds")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The five seed articles, by file name without extension.
    static let seedNames = [
        "000_1f3f0ba758b92919", "001_e299345001c93c62", "002_41c83e62ec92bec8",
        "003_7205f8992f055d2a", "004_827a990b354b5f07",
    ]

    static func seedText(_ name: String) throws -> String {
        try String(contentsOf: seeds.appendingPathComponent(name + ".txt"), encoding: .utf8)
    }
}
