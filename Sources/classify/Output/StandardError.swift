import Foundation
import NLP

/// Messages for the user on standard error, and whether it is a terminal.
enum StandardError {
    /// Whether standard error is a terminal (progress lines are drawn only then).
    static let isTerminal = isatty(2) == 1

    /// Prints `message` on its own line.
    static func print(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Reports one failed input as `classify: error: SOURCE: PROBLEM`.
    static func report(_ failure: InputFailure) {
        print("classify: error: \(failure)")
    }

    /// Prints a warning as `classify: warning: MESSAGE`.
    static func warn(_ message: String) {
        print("classify: warning: \(message)")
    }

    /// Writes `text` without a newline (for redrawing a progress line).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
