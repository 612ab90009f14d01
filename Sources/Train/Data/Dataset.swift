import Foundation
import NLP

/// Labelled documents and the label set they use.
public struct Dataset: Sendable {
    public var documents: [LabelledDocument]
    /// All label names, sorted.
    public var labels: [String]
    /// `true` when a document may carry several labels or none.
    public var isMultiLabel: Bool
    /// Where the data came from (for messages and model metadata).
    public var source: String

    /// - Parameter declaredLabels: labels the source declares even if no document uses
    ///   them (the folders of a folder-per-label tree); they must each have an example.
    public init(documents: [LabelledDocument], source: String, multiLabel: Bool? = nil,
                declaredLabels: [String] = []) throws(DatasetError) {
        guard !documents.isEmpty else { throw .noDocuments(source) }
        let used = Set(documents.flatMap(\.labels))
        if let empty = declaredLabels.first(where: { !used.contains($0) }) {
            throw .labelWithoutExamples(source, label: empty)
        }
        self.documents = documents
        self.labels = used.sorted()
        self.isMultiLabel = multiLabel ?? documents.contains { $0.labels.count != 1 }
        self.source = source
        if !isMultiLabel, let bad = documents.first(where: { $0.labels.count != 1 }) {
            throw .notSingleLabel(source, id: bad.id, count: bad.labels.count)
        }
        // One class cannot be learned; multi-label data needs a second class in the
        // form of documents without the label.
        if labels.count < (isMultiLabel ? 1 : 2) {
            throw .tooFewClasses(source, labels: labels)
        }
    }

    /// Documents per label, in `labels` order.
    public var labelCounts: [Int] {
        labels.map { label in documents.reduce(0) { $0 + ($1.labels.contains(label) ? 1 : 0) } }
    }

    /// The documents at `indices`, with the same label set.
    public func subset(_ indices: [Int]) -> Dataset {
        var copy = self
        copy.documents = indices.map { documents[$0] }
        return copy
    }

    /// A short fingerprint of the data: FNV-1a over ids, labels and texts,
    /// as 16 hex digits. Stored in model files to tell which data made a model.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        for document in documents {
            mix(document.id)
            mix(document.labels.joined(separator: ","))
            mix(document.text)
        }
        return String(format: "%016llx", hash)
    }
}

/// Why labelled data could not be read; every case names the file.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case unknownFormat(String)
    case unparsableLine(String, line: Int, reason: String)
    case emptyText(String)
    case noDocuments(String)
    case tooFewClasses(String, labels: [String])
    case notSingleLabel(String, id: String, count: Int)
    case labelWithoutExamples(String, label: String)
    case tooFewExamplesForFolds(String, label: String, count: Int, folds: Int)
    case unknownSplit(String, split: String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or directory"
        case .unknownFormat(let path):
            return "\(path): cannot tell the data format; use --format folders|jsonl|tsv|fasttext|manifest"
        case .unparsableLine(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .emptyText(let where_):
            return "\(where_): empty text"
        case .noDocuments(let path):
            return "\(path): no labelled documents"
        case .tooFewClasses(let path, let labels):
            return "\(path): only one class (\(labels.joined(separator: ", ")))); a classifier needs at least two"
        case .notSingleLabel(let path, let id, let count):
            return "\(path): \(id) has \(count) labels; pass --multi-label for multi-label data"
        case .labelWithoutExamples(let path, let label):
            return "\(path): label '\(label)' has no examples"
        case .tooFewExamplesForFolds(let path, let label, let count, let folds):
            return "\(path): label '\(label)' has \(count) example\(count == 1 ? "" : "s"); \(folds)-fold cross-validation needs at least 2"
        case .unknownSplit(let path, let split):
            return "\(path): no documents in split '\(split)'"
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
