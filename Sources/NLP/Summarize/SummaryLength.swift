/// How long a summary may be.
public enum SummaryLength: Sendable, Equatable, Codable, CustomStringConvertible {
    /// At most this many sentences.
    case sentences(Int)
    /// This fraction of the article's sentences (at least one).
    case ratio(Double)
    /// At most this many syllables in all; never exceeded.
    case words(Int)

    public var description: String {
        switch self {
        case .sentences(let count): return "\(count) sentence\(count == 1 ? "" : "s")"
        case .ratio(let ratio): return "\(ratio) of the sentences"
        case .words(let words): return "at most \(words) syllables"
        }
    }
}
