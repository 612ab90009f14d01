import Foundation

/// Writes whole files atomically: into a new temporary file beside the target
/// (created exclusively), flushed to disk, then renamed over the target, and the
/// directory flushed. A crash never leaves a half-written file where a good one
/// was; a failure removes the temporary file.
public enum AtomicFile {
    /// Why a write failed, naming the target file.
    public struct WriteError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `data` to `path` atomically.
    /// - Throws: ``WriteError``.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let result: Result<Void, WriteError> = data.withUnsafeBytes { bytes in
            do throws(WriteError) { try write(bytes, to: url, failingAfterByteCount: nil); return .success(()) }
            catch { return .failure(error) }
        }
        try result.get()
    }

    /// Writes `bytes` to `url` atomically; `failingAfterByteCount` simulates a failed
    /// write after that many bytes (for tests).
    static func write(_ bytes: UnsafeRawBufferPointer, to url: URL, failingAfterByteCount: Int?) throws(WriteError) {
        let path = url.path
        let directoryURL = url.deletingLastPathComponent()
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporaryPath = directoryURL.appendingPathComponent(".\(url.lastPathComponent).\(suffix).tmp").path
        func failure(_ what: String, _ code: Int32) -> WriteError {
            WriteError(path: path, reason: "\(what): \(String(cString: strerror(code)))")
        }

        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw failure("cannot create a temporary file in \(directoryURL.path)", errno)
        }
        var openDescriptor: Int32? = descriptor
        do {
            var written = 0
            while true {
                if let limit = failingAfterByteCount, written >= limit {
                    throw WriteError(path: path, reason: "simulated failure after \(written) bytes")
                }
                guard written < bytes.count else { break }
                var chunk = min(bytes.count - written, 1 << 30)
                if let limit = failingAfterByteCount { chunk = min(chunk, limit - written) }
                let result = systemWrite(descriptor, bytes.baseAddress! + written, chunk)
                if result < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw failure("cannot write \(temporaryPath)", code)
                }
                written += result
            }
            guard fsync(descriptor) == 0 else { throw failure("cannot flush \(temporaryPath) to disk", errno) }
            openDescriptor = nil
            guard close(descriptor) == 0 else { throw failure("cannot close \(temporaryPath)", errno) }
            guard rename(temporaryPath, path) == 0 else {
                throw failure("cannot rename \(temporaryPath) to \(url.lastPathComponent)", errno)
            }
        } catch let error as WriteError {
            if let descriptor = openDescriptor { close(descriptor) }
            unlink(temporaryPath)
            throw error
        } catch {
            fatalError("unreachable: only WriteError is thrown above")
        }
        // Best effort: some file systems cannot fsync a directory; the file is complete anyway.
        let directory = open(directoryURL.path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }
}

/// The C library's write(2), named apart from `AtomicFile.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
