import Foundation

/// Buffered writing to standard output: one system call per 64 KiB instead of one
/// per line.
final class OutputWriter {
    private var buffer = Data()
    private let handle: FileHandle
    private let limit = 1 << 16

    init(handle: FileHandle = .standardOutput) {
        self.handle = handle
    }

    func write(_ text: String) {
        // From the contiguous bytes: appending the UTF-8 view goes through a generic
        // path with a dynamic cast, about a thousand instructions a line.
        var text = text
        text.withUTF8(append)
    }

    /// Writes UTF-8 bytes: per-document lines built as bytes skip a String's
    /// validation and copy.
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer(append)
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(bytes)
        if buffer.count >= limit { flush() }
    }

    func writeLine(_ text: String) {
        write(text)
        write("\n")
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// JSON encoding for command output: sorted keys (Foundation does not keep declaration
/// order from run to run), no escaped slashes.
enum JSONOutput {
    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func pretty<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .prettyPrinted, .sortedKeys]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}
