/// Hand-written JSON for the rarer parts of per-document output (paragraphs,
/// explanations): for one small object per article, Foundation's JSONEncoder costs more
/// than the prediction itself. The common lines are built as bytes by ``JSONLine``.
enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else (Vietnamese letters included) written as UTF-8.
    static func string(_ text: String) -> String {
        var line = JSONLine(capacity: text.utf8.count + 2)
        line.string(text)
        return line.text
    }

    /// A number as JSON: the shortest text that reads back as the same `Float`, or
    /// `null` when it is not finite.
    static func number(_ value: Float) -> String {
        var line = JSONLine(capacity: 16)
        line.number(value)
        return line.text
    }

    static func number(_ value: Int) -> String { String(value) }

    /// An array of strings.
    static func array(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }

    /// An object from keys and already-encoded values, in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
