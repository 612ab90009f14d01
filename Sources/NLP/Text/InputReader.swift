import Foundation

/// One document to process, as read from the user's inputs.
public struct InputDocument: Sendable, Equatable {
    /// The JSONL `id` field, else `path:line` for JSONL, else the file path.
    public var id: String
    /// The normalized text: title, blank line, body (or the whole file).
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// An input that could not be read: where, and what is wrong.
public struct InputFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path, or `path:line` for a JSONL line.
    public var source: String
    public var problem: String

    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }

    public var description: String { "\(source): \(problem)" }
}

/// A unit of input, not yet decoded: decoding happens in ``load()``, on worker
/// threads, so that reading stays a cheap sequential stream.
public enum InputItem: Sendable {
    case file(path: String)
    case jsonLine(source: String, line: Int, bytes: Data)
    case text(source: String, bytes: Data)
    case failure(InputFailure)

    /// Where the item comes from, for messages.
    public var source: String {
        switch self {
        case .file(let path): return path
        case .jsonLine(let source, let line, _): return "\(source):\(line)"
        case .text(let source, _): return source
        case .failure(let failure): return failure.source
        }
    }

    /// Reads and decodes the item.
    public func load() -> Result<InputDocument, InputFailure> {
        switch self {
        case .failure(let failure):
            return .failure(failure)
        case .file(let path):
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
                return decodeText(data, source: path)
            } catch {
                return .failure(InputFailure(source: path, problem: InputReader.describe(error)))
            }
        case .text(let source, let bytes):
            return decodeText(bytes, source: source)
        case .jsonLine(let source, let line, let bytes):
            // Made only when needed: most records have an id and no problem.
            var where_: String { "\(source):\(line)" }
            var record: JSONDocument
            // The fast reader handles ordinary lines; Foundation's decoder takes the rest
            // and words the error when there is one.
            if let fields = bytes.withUnsafeBytes({ JSONLineFields.strings(in: $0.bindMemory(to: UInt8.self), keys: JSONDocument.keys) }) {
                record = JSONDocument(id: fields["id"], text: fields["text"], title: fields["title"], body: fields["body"])
            } else {
                do {
                    record = try JSONDecoder().decode(JSONDocument.self, from: bytes)
                } catch {
                    return .failure(InputFailure(source: where_, problem: "not a JSON object with a text: \(InputReader.describe(error))"))
                }
            }
            guard let text = record.fullText else {
                return .failure(InputFailure(source: where_, problem: "no \"text\" or \"body\" field"))
            }
            let normalized = TextNormalizer.normalize(text)
            guard normalized.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                return .failure(InputFailure(source: where_, problem: TextProblem.whitespaceOnly.description))
            }
            return .success(InputDocument(id: record.id ?? where_, text: normalized))
        }
    }

    private func decodeText(_ data: Data, source: String) -> Result<InputDocument, InputFailure> {
        let result: Result<InputDocument, InputFailure> = data.withUnsafeBytes { buffer in
            do throws(TextProblem) {
                return .success(InputDocument(id: source, text: try TextDecoder.decode(buffer).text))
            } catch {
                return .failure(InputFailure(source: source, problem: error.description))
            }
        }
        return result
    }
}

/// The fields of a JSONL document: `text`, or `title` and `body`; optional `id`
/// (string or number).
struct JSONDocument: Decodable {
    var id: String?
    var text: String?
    var title: String?
    var body: String?

    enum CodingKeys: String, CodingKey { case id, text, title, body }
    static let keys: Set<String> = ["id", "text", "title", "body"]

    init(id: String?, text: String?, title: String?, body: String?) {
        self.id = id
        self.text = text
        self.title = title
        self.body = body
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try? container.decodeIfPresent(String.self, forKey: .id) {
            self.id = id
        } else if let id = try? container.decodeIfPresent(Int.self, forKey: .id) {
            self.id = String(id)
        }
        text = try container.decodeIfPresent(String.self, forKey: .text)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        body = try container.decodeIfPresent(String.self, forKey: .body)
    }

    var fullText: String? {
        if let text { return text }
        guard let body else { return nil }
        if let title, !title.isEmpty { return title + "\n\n" + body }
        return body
    }
}

/// Expands command-line inputs into a stream of ``InputItem``s, in order, reading
/// lazily so memory does not grow with the corpus.
///
/// - a directory: its `.txt` and `.jsonl` files, recursively, in path order;
/// - a `.jsonl` file: one item per non-empty line;
/// - `-`: standard input, one JSONL item per line if it starts with `{`, else one text;
/// - any other file: one text.
public struct InputReader: Sequence, IteratorProtocol {
    private var pending: [String]
    private var lines: LineReader?
    private var linesSource = ""
    private var lineNumber = 0
    /// File extensions taken from directories.
    public static let directoryExtensions: Set<String> = ["txt", "jsonl"]

    public init(inputs: [String]) {
        pending = inputs.reversed()
    }

    public mutating func next() -> InputItem? {
        while true {
            if let reader = lines {
                if let line = reader.nextLine() {
                    lineNumber += 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    return .jsonLine(source: linesSource, line: lineNumber, bytes: line)
                }
                if let error = reader.error {
                    lines = nil
                    return .failure(InputFailure(source: linesSource, problem: error))
                }
                lines = nil
            }
            guard let input = pending.popLast() else { return nil }
            if input == "-" {
                let stdin = FileHandle.standardInput
                let peek = LineReader(handle: stdin)
                if let first = peek.peekFirstByte(), first == UInt8(ascii: "{") {
                    lines = peek
                    linesSource = "<stdin>"
                    lineNumber = 0
                    continue
                }
                return .text(source: "<stdin>", bytes: peek.readAll())
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                return .failure(InputFailure(source: input, problem: "no such file or directory"))
            }
            if isDirectory.boolValue {
                guard let contents = InputReader.filesBelow(input) else {
                    return .failure(InputFailure(source: input, problem: "cannot list the directory"))
                }
                if contents.isEmpty {
                    return .failure(InputFailure(source: input, problem: "no .txt or .jsonl files in the directory"))
                }
                pending.append(contentsOf: contents.reversed())
                continue
            }
            if input.hasSuffix(".jsonl") {
                guard let handle = FileHandle(forReadingAtPath: input) else {
                    return .failure(InputFailure(source: input, problem: "cannot open the file"))
                }
                lines = LineReader(handle: handle)
                linesSource = input
                lineNumber = 0
                continue
            }
            return .file(path: input)
        }
    }

    /// How many documents `inputs` hold, counted quickly (JSONL lines by `memchr`,
    /// files by listing), for a progress display; `nil` when standard input is among them.
    public static func estimatedCount(_ inputs: [String]) -> Int? {
        var total = 0
        for input in inputs {
            if input == "-" { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? (filesBelow(input) ?? []) : [input]
            for file in files {
                guard file.hasSuffix(".jsonl") else { total += 1; continue }
                guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) else { continue }
                total += data.withUnsafeBytes { bytes in
                    guard var cursor = bytes.baseAddress else { return 0 }
                    var remaining = bytes.count, lines = 0
                    while remaining > 0, let found = memchr(cursor, 0x0A, remaining) {
                        lines += 1
                        let next = UnsafeRawPointer(found) + 1
                        remaining -= cursor.distance(to: next)
                        cursor = next
                    }
                    return lines + (remaining > 0 ? 1 : 0)
                }
            }
        }
        return total
    }

    /// The `.txt` and `.jsonl` files below `directory`, sorted by path.
    static func filesBelow(_ directory: String) -> [String]? {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return nil }
        var files: [String] = []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        while let relative = enumerator.nextObject() as? String {
            let ext = (relative as NSString).pathExtension.lowercased()
            guard directoryExtensions.contains(ext) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(base + relative)
            }
        }
        return files.sorted()
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? CocoaError {
            switch error.code {
            case .fileReadNoSuchFile: return "no such file"
            case .fileReadNoPermission: return "permission denied"
            default: break
            }
        }
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let context): return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
                return context.debugDescription
            @unknown default: break
            }
        }
        return error.localizedDescription
    }
}

/// Reads a file handle line by line in large chunks; lines exclude the `\n`.
///
/// A class owning one buffer that every chunk is read into, reused for the whole
/// file: reading through `FileHandle.read(upToCount:)` allocated a fresh 4 MB `Data`
/// per chunk and copied it into a second one, and the page faults of those fresh
/// allocations cost the reading thread more than splitting the lines did.
final class LineReader {
    private let handle: FileHandle
    /// Bytes `position..<end` are read and not yet returned.
    private var buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    private var finished = false
    private(set) var error: String?
    static let chunkSize = 1 << 22

    init(handle: FileHandle) {
        self.handle = handle
        buffer = .allocate(byteCount: LineReader.chunkSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The next line, or `nil` at the end of the input (or after a read error).
    func nextLine() -> Data? {
        while true {
            let base = buffer.baseAddress!
            if position < end, let found = memchr(base + position, 0x0A, end - position) {
                let newline = base.distance(to: found)
                let line = Data(bytes: base + position, count: newline - position)
                position = newline + 1
                return line
            }
            if finished {
                guard position < end else { return nil }
                let line = Data(bytes: base + position, count: end - position)
                position = end
                return line
            }
            fill()
        }
    }

    /// The first byte that is not white space, without consuming anything; `nil` for
    /// empty input or a byte-order mark.
    func peekFirstByte() -> UInt8? {
        var scanned = position
        while true {
            while scanned < end {
                let byte = buffer[scanned]
                if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return byte == 0xEF ? nil : byte }
                scanned += 1
            }
            if finished { return nil }
            let consumed = position
            fill()
            scanned -= consumed - position
        }
    }

    /// Everything not yet returned.
    func readAll() -> Data {
        while !finished { fill() }
        return Data(bytes: buffer.baseAddress! + position, count: end - position)
    }

    /// Reads one more chunk after the unreturned bytes, moving them to the front (and
    /// doubling the buffer when they fill it: a line can be longer than a chunk).
    private func fill() {
        if position > 0 {
            if end > position { memmove(buffer.baseAddress!, buffer.baseAddress! + position, end - position) }
            end -= position
            position = 0
        }
        if buffer.count - end < LineReader.chunkSize / 2 {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = larger
        }
        while true {
            let count = read(handle.fileDescriptor, buffer.baseAddress! + end, buffer.count - end)
            if count > 0 {
                end += count
            } else if count == 0 {
                finished = true
            } else if errno == EINTR {
                continue
            } else {
                error = "read error: " + String(cString: strerror(errno))
                finished = true
            }
            return
        }
    }
}
