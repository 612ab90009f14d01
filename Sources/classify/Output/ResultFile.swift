import Foundation
import NLP

/// Where a batch command writes its results, when given `--out FILE`.
///
/// A new run writes into a temporary file beside FILE and renames it over FILE at the
/// end, so a crash never leaves a half-written file where a good one was; an
/// interrupted run (Ctrl-C) renames what it finished, a valid file to resume from.
/// A resumed run appends to FILE itself, after cutting off an incomplete last line
/// that a crash may have left.
final class ResultFile {
    let path: String
    private let handle: FileHandle
    private let temporaryPath: String?

    /// Opens `path` for a new run (replaced atomically at `finish`).
    init(replacing path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CommandFailure("cannot write \(path): cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        self.handle = handle
        temporaryPath = temporary
    }

    /// Opens `path` for appending (a resumed run), repairing an incomplete last line.
    init(appendingTo path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) {
            throw CommandFailure("cannot create \(path)")
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw CommandFailure("cannot open \(path) to append") }
        let data = try handle.readToEnd() ?? Data()
        if let last = data.lastIndex(of: 0x0A) {
            if last != data.count - 1 { try handle.truncate(atOffset: UInt64(last + 1)) }
        } else if !data.isEmpty {
            try handle.truncate(atOffset: 0)
        }
        try handle.seekToEnd()
        self.handle = handle
        temporaryPath = nil
    }

    /// The `id` of every complete JSON line of `path` (for `--resume`).
    static func completedIDs(in path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var ids = Set<String>()
        for line in data.split(separator: 0x0A) where line.last == UInt8(ascii: "}") {
            let fields = line.withUnsafeBytes { JSONLineFields.strings(in: $0.bindMemory(to: UInt8.self), keys: ["id"]) }
            if let id = fields?["id"] { ids.insert(id) }
        }
        return ids
    }

    /// Writes `bytes` (UTF-8 lines) in one call and flushes them to the file.
    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try handle.write(contentsOf: bytes)
    }

    /// Closes the file; a new run's temporary file replaces `path`.
    func finish() throws {
        try handle.synchronize()
        try handle.close()
        if let temporaryPath {
            guard rename(temporaryPath, path) == 0 else {
                throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
