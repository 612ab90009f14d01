import Foundation

/// Reads a benchmark corpus: JSON lines, optionally xz-compressed (through `xz -dc`).
enum CorpusFile {
    /// The raw lines of `path`.
    static func lines(_ path: String) throws -> [Data] {
        let data: Data
        if path.hasSuffix(".xz") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["xz", "-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return data.split(separator: 0x0A)
    }

    /// The string field `field` of the first `limit` records.
    static func strings(_ path: String, field: String, limit: Int = .max) throws -> [String] {
        try lines(path).prefix(limit).map { line in
            let object = try JSONSerialization.jsonObject(with: line) as? [String: Any]
            // A native copy: JSONSerialization may hand back bridged strings whose UTF-8
            // view is slow, which would distort every timing.
            let text = object?[field] as? String ?? ""
            return String(decoding: Array(text.utf8), as: UTF8.self)
        }
    }

    /// The records of the first `limit` lines, as dictionaries.
    static func records(_ path: String, limit: Int = .max) throws -> [[String: Any]] {
        try lines(path).prefix(limit).map { try JSONSerialization.jsonObject(with: $0) as? [String: Any] ?? [:] }
    }
}
