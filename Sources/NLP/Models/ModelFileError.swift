/// Why a model file was refused, or could not be written. Each message names the file
/// and says which problem it has, in the order ``ModelFile`` checks them (see
/// docs/model-format.md, "Reading").
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is no file at `path`.
    case notFound(path: String)
    /// The file exists but cannot be opened or mapped, or is not a regular file.
    case unreadable(path: String, reason: String)
    /// The file does not begin with ``ModelFile/magic``: it is not a model file of this tool.
    case wrongMagic(path: String)
    /// The file is shorter than its preamble says (`expectedBytes`), or too short to
    /// hold a preamble and a checksum at all (`expectedBytes` is then that minimum).
    case truncated(path: String, actualBytes: UInt64, expectedBytes: UInt64)
    /// The file was written in a format version this tool does not read.
    case unsupportedVersion(path: String, version: UInt32)
    /// The file uses optional format features (flag bits) this tool does not know.
    case unsupportedFlags(path: String, flags: UInt32)
    /// The file's bytes are damaged or inconsistent.
    case corrupted(path: String, Corruption)
    /// The file has no section with this name.
    case missingSection(path: String, name: String)
    /// The section exists but holds another element type than the one asked for.
    case sectionTypeMismatch(path: String, name: String, stored: ModelFile.ElementType, requested: ModelFile.ElementType)
    /// The file is sound but its metadata does not decode as the type asked for.
    case incompatibleMetadata(path: String, detail: String)
    /// Writing: the metadata given to ``ModelFile/Builder`` is not a UTF-8 JSON object.
    case invalidMetadata(detail: String)
    /// Writing failed; any file that was at `path` before is unchanged.
    case writeFailed(path: String, reason: String)

    /// What is wrong with a corrupted file.
    public enum Corruption: Equatable, Sendable, CustomStringConvertible {
        /// The preamble (bytes 0..<32) does not match its own checksum (bytes 32..<40).
        case preambleChecksum(stored: UInt64, computed: UInt64)
        /// The bytes before the final checksum do not match it.
        case checksum(stored: UInt64, computed: UInt64)
        /// The file is longer than its preamble says.
        case trailingBytes(declaredBytes: UInt64, actualBytes: UInt64)
        /// The lengths in the preamble contradict each other.
        case inconsistentLengths(String)
        /// The JSON header is not valid UTF-8 JSON of the expected shape.
        case header(String)
        /// The header's section table is malformed (unknown type, misaligned,
        /// overlapping or out-of-range sections, duplicate names…).
        case sectionTable(String)

        public var description: String {
            switch self {
            case .preambleChecksum(let stored, let computed):
                return "its preamble does not match its preamble checksum (stored \(hex(stored)), computed \(hex(computed)))"
            case .checksum(let stored, let computed):
                return "checksum mismatch (stored \(hex(stored)), computed \(hex(computed)))"
            case .trailingBytes(let declared, let actual):
                return "it has \(actual) bytes but its preamble says \(declared): \(actual - declared) unexpected bytes after the checksum"
            case .inconsistentLengths(let detail):
                return "inconsistent lengths: \(detail)"
            case .header(let detail):
                return "bad JSON header: \(detail)"
            case .sectionTable(let detail):
                return "bad section table: \(detail)"
            }
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such model file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the model file: \(reason)"
        case .wrongMagic(let path):
            return "\(path): not a model file of this tool (wrong magic bytes)"
        case .truncated(let path, let actual, let expected):
            return "\(path): the model file is truncated: it has \(actual) bytes, expected \(expected)"
        case .unsupportedVersion(let path, let version):
            let age = version > ModelFile.formatVersion ? "a newer" : "an older"
            return "\(path): the model file was made by \(age) format version \(version); "
                + "this tool reads version \(ModelFile.formatVersion)"
        case .unsupportedFlags(let path, let flags):
            return "\(path): the model file uses format features this tool does not know (flags 0x\(String(flags, radix: 16)))"
        case .corrupted(let path, let corruption):
            return "\(path): the model file is corrupted: \(corruption)"
        case .missingSection(let path, let name):
            return "\(path): the model file has no section \"\(name)\""
        case .sectionTypeMismatch(let path, let name, let stored, let requested):
            return "\(path): section \"\(name)\" holds \(stored.rawValue), not \(requested.rawValue)"
        case .incompatibleMetadata(let path, let detail):
            return "\(path): the model file's metadata is not what this tool expects: \(detail)"
        case .invalidMetadata(let detail):
            return "model metadata must be a UTF-8 JSON object: \(detail)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the model file: \(reason)"
        }
    }
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
}
