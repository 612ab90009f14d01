/// A cleaned news article: its title and its content paragraphs, in order, with web
/// furniture (comment forms, captions, bylines, footers…) removed.
public struct Article: Sendable, Equatable, Codable {
    /// The headline; empty when the text has none (see ``ArticleCleaner``).
    public var title: String
    /// Content paragraphs, each on one line with single spaces.
    public var paragraphs: [String]

    public init(title: String, paragraphs: [String]) {
        self.title = title
        self.paragraphs = paragraphs
    }

    /// Title and paragraphs joined by blank lines: the text a model reads.
    public var text: String {
        (title.isEmpty ? paragraphs : [title] + paragraphs).joined(separator: "\n\n")
    }

    /// `true` when there is neither a title nor a paragraph.
    public var isEmpty: Bool { title.isEmpty && paragraphs.isEmpty }
}
