import Foundation

/// This tool's version, recorded in every model file it writes.
public enum ToolVersion {
    public static let current = "0.1.0"
}

/// When a model file was made, as ISO 8601 (UTC). Honours `SOURCE_DATE_EPOCH` (seconds
/// since 1970), the reproducible-builds convention, so that a rebuilt model is
/// byte-identical.
public enum ModelTimestamp {
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            return formatter.string(from: Date(timeIntervalSince1970: epoch))
        }
        return formatter.string(from: Date())
    }
}
