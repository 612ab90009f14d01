/// One training or evaluation example: a text and its labels (none, one or several).
public struct LabelledDocument: Sendable, Equatable {
    /// Where it came from: `path`, `path:line`, or the manifest id.
    public var id: String
    /// The article text (title and body), normalized but not yet cleaned.
    public var text: String
    /// Label names; empty for a document with no label (multi-label data only).
    public var labels: [String]
    /// The primary label, when the source says which one it is (the corpus manifest).
    public var primary: String?
    /// Paragraph labels, when the source has them (the seeds in the corpus manifest).
    public var paragraphLabels: [[String]]?

    public init(id: String, text: String, labels: [String], primary: String? = nil, paragraphLabels: [[String]]? = nil) {
        self.id = id
        self.text = text
        self.labels = labels
        self.primary = primary
        self.paragraphLabels = paragraphLabels
    }
}
