import Foundation

/// A one-line progress display on standard error, redrawn at most ten times a
/// second, shown only when standard error is a terminal:
/// `  12,345 / 22,642 docs · 9,876 docs/s · ETA 0:01`.
final class ProgressLine {
    private let unit: String
    private let total: Int?
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let enabled: Bool

    init(unit: String, total: Int? = nil, enabled: Bool = StandardError.isTerminal) {
        self.unit = unit
        self.total = total
        self.enabled = enabled
    }

    /// A progress line whose total is counted only if the line is shown: counting
    /// walks directories and scans JSONL files, work wasted when no one watches.
    convenience init(unit: String, estimatingTotal estimate: () -> Int?, enabled: Bool = StandardError.isTerminal) {
        self.init(unit: unit, total: enabled ? estimate() : nil, enabled: enabled)
    }

    /// Seconds since the progress line was created.
    var elapsed: Double { Date().timeIntervalSince(start) }

    /// Reports that `done` items are finished.
    func update(_ done: Int, detail: String = "") {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(elapsed, 1e-9)
        var line = "  \(ProgressLine.grouped(done))"
        if let total { line += " / \(ProgressLine.grouped(total))" }
        line += " \(unit) · \(ProgressLine.grouped(Int(rate))) \(unit)/s"
        if let total, rate > 0, done <= total {
            line += " · ETA \(ProgressLine.clock(Double(total - done) / rate))"
        }
        if !detail.isEmpty { line += " · \(detail)" }
        StandardError.write("\r\u{1B}[K" + line)
        drawn = true
    }

    /// Erases the progress line so that the next message starts on a clean line.
    func finish() {
        guard enabled, drawn else { return }
        StandardError.write("\r\u{1B}[K")
        drawn = false
    }

    /// The closing line of a batch command: `classify: <verb> 3 documents in 0.4 s (7,500
    /// docs/s)`, to which the command adds its failures and notes.
    static func closingLine(_ verb: String, documents: Int, seconds: Double) -> String {
        String(format: "classify: %@ %d document%@ in %.1f s (%.0f docs/s)", verb, documents, documents == 1 ? "" : "s",
               seconds, Double(documents) / max(seconds, 1e-9))
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
