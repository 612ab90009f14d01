#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An element type that model file sections can hold: `Float`, `Int32`, `UInt32`,
/// `UInt64` or `UInt8`. (The format defines no others; do not add conformances.)
public protocol ModelFileElement: Sendable {
    /// How a section of this element type is stored.
    static var modelFileElementType: ModelFile.ElementType { get }
}

extension Float: ModelFileElement { public static var modelFileElementType: ModelFile.ElementType { .float32 } }
extension Int32: ModelFileElement { public static var modelFileElementType: ModelFile.ElementType { .int32 } }
extension UInt32: ModelFileElement { public static var modelFileElementType: ModelFile.ElementType { .uint32 } }
extension UInt64: ModelFileElement { public static var modelFileElementType: ModelFile.ElementType { .uint64 } }
extension UInt8: ModelFileElement { public static var modelFileElementType: ModelFile.ElementType { .uint8 } }

/// A model file, loaded: a generic container of a JSON header and named arrays
/// ("sections") of little-endian numbers. The classifier and the summarizer both store
/// their models in it; what the header and the sections mean is theirs to say.
///
/// The layout is specified in docs/model-format.md. In short: 8 magic bytes, a 40-byte
/// preamble (format version, flags, header length, file length, preamble checksum), the
/// UTF-8 JSON header `{"sections": [...], "metadata": {...}}`, zero padding to a
/// multiple of 64, the sections (each starting at a multiple of 64), and a 64-bit
/// checksum (``checksum(_:)``) of every byte before it.
///
/// Loading memory-maps the file and validates all of it, including the checksum,
/// before anything is returned; a file that is truncated, damaged, of another format or
/// of another format version is refused with a ``ModelFileError`` that says which.
/// Nothing in the file is ever executed or evaluated: the header is parsed as JSON
/// data, and every offset and count is bounds-checked with overflow-safe arithmetic.
///
/// The mapping stays valid as long as any copy of the value exists. The program never
/// rewrites a model file in place (``Builder/write(to:)`` replaces it by a rename, which
/// leaves existing mappings intact); another program truncating a mapped file in place
/// would make later reads of the lost pages fault.
public struct ModelFile: Sendable {
    // MARK: Format constants

    /// The first 8 bytes of every model file: `89 56 54 4D 0D 0A 1A 0A`
    /// (`\x89 V T M \r \n ^Z \n`, after PNG's signature).
    public static let magic: [UInt8] = [0x89, 0x56, 0x54, 0x4D, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The format version this code writes and the only one it reads.
    public static let formatVersion: UInt32 = 1
    /// Every section starts at a multiple of this many bytes from the start of the file.
    public static let sectionAlignment = 64
    /// Magic, version, flags, header length, file length, preamble checksum.
    static let preambleByteCount = 40
    /// The final checksum.
    static let checksumByteCount = 8
    /// Smallest file that can hold a preamble and a checksum.
    static let minimumByteCount = preambleByteCount + checksumByteCount

    /// How a section's elements are stored: little-endian, of the given width.
    public enum ElementType: String, Sendable, Codable, CaseIterable {
        /// IEEE 754 binary32.
        case float32
        /// Two's complement, 32 bits.
        case int32
        case uint32
        case uint64
        case uint8

        /// Bytes per element.
        public var byteWidth: Int {
            switch self {
            case .float32, .int32, .uint32: return 4
            case .uint64: return 8
            case .uint8: return 1
            }
        }
    }

    /// One named array in the file.
    public struct Section: Sendable, Equatable {
        /// Unique within the file.
        public let name: String
        public let elementType: ElementType
        /// Number of elements.
        public let count: Int
        /// Where the first element is, in bytes from the start of the file (a multiple
        /// of ``ModelFile/sectionAlignment``).
        public let fileOffset: Int

        /// Size in bytes: `count × elementType.byteWidth`.
        public var byteCount: Int { count * elementType.byteWidth }
    }

    // MARK: Contents

    /// The path the file was loaded from (or the name given to ``init(data:name:)``);
    /// errors name the file by it.
    public let path: String
    /// The JSON header exactly as stored: an object with the container's `"sections"`
    /// table and the caller's `"metadata"` object. UTF-8.
    public let headerJSON: Data
    /// The caller's metadata object alone, re-serialized from the header as UTF-8 JSON
    /// with sorted keys: equal as JSON to what was written, not necessarily byte for byte.
    /// To decode it exactly, use ``metadata(as:decoder:)``.
    ///
    /// Made on each access, not when loading: Foundation's serializer costs more than
    /// the rest of loading a small model (about 3 ms), and only `inspect` shows it.
    /// - Throws: ``ModelFileError/corrupted(path:_:)`` if the header no longer gives it
    ///   (it does in any file that loaded).
    public var metadataJSON: Data {
        get throws {
            guard let header = try? JSONSerialization.jsonObject(with: headerJSON) as? [String: Any],
                  let metadata = header["metadata"],
                  let data = try? JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys, .withoutEscapingSlashes])
            else { throw ModelFileError.corrupted(path: path, .header("its metadata cannot be re-serialized")) }
            return data
        }
    }
    /// The sections, in the order they were added when the file was written.
    public let sections: [Section]
    /// The sections' names, in file order.
    public var sectionNames: [String] { sections.map(\.name) }
    /// Size of the file in bytes.
    public var byteCount: Int { storage.bytes.count }

    private let sectionIndex: [String: Int]
    private let storage: FileBytes

    // MARK: Loading

    /// Maps and validates the model file at `url`.
    ///
    /// Checks, in order, and throws the first ``ModelFileError`` that applies: the file
    /// exists and can be read (`notFound`, `unreadable`); it begins with ``magic``
    /// (`wrongMagic`); it can hold a preamble (`truncated`); the preamble matches its
    /// checksum (`corrupted`); the version is ``formatVersion`` (`unsupportedVersion`) and
    /// no unknown flag is set (`unsupportedFlags`); the file is as long as the preamble
    /// says (`truncated` if shorter, `corrupted` if longer); the checksum matches
    /// (`corrupted`); the header and the section table are well formed (`corrupted`).
    ///
    /// - Complexity: O(file size), dominated by the checksum (several GB/s): a few
    ///   milliseconds for a 100k-feature model. Sections are not copied until asked for.
    public init(contentsOf url: URL) throws {
        let path = url.path
        try self.init(storage: FileBytes(mapping: path), path: path)
    }

    /// Validates a model file held in memory (copied once), as ``init(contentsOf:)``
    /// does; `name` stands for the path in errors.
    public init(data: Data, name: String = "(model in memory)") throws {
        try self.init(storage: FileBytes(copying: data), path: name)
    }

    private init(storage: FileBytes, path: String) throws {
        let layout = try Self.validate(storage.bytes, path: path)
        self.storage = storage
        self.path = path
        self.headerJSON = layout.headerJSON
        self.sections = layout.sections
        var index: [String: Int] = [:]
        for (position, section) in layout.sections.enumerated() { index[section.name] = position }
        self.sectionIndex = index
    }

    // MARK: Reading sections

    /// The section called `name`, or `nil`. O(1).
    public func section(named name: String) -> Section? {
        sectionIndex[name].map { sections[$0] }
    }

    /// A copy of the elements of section `name`.
    ///
    /// - Throws: ``ModelFileError/missingSection(path:name:)``, or
    ///   ``ModelFileError/sectionTypeMismatch(path:name:stored:requested:)`` if the
    ///   section holds another element type.
    /// - Complexity: O(section size): one `memcpy` on little-endian machines.
    public func elements<Element: ModelFileElement>(_ name: String, as type: Element.Type = Element.self) throws
        -> ContiguousArray<Element> {
        let section = try self.section(name, holding: Element.self)
        let source = UnsafeRawBufferPointer(rebasing: storage.bytes[section.fileOffset..<(section.fileOffset + section.byteCount)])
        return ContiguousArray(unsafeUninitializedCapacity: section.count) { buffer, initializedCount in
            if section.count > 0 {
                let destination = UnsafeMutableRawBufferPointer(buffer)
                // Weights and lookup tables are read at random for every document.
                LargeTableMemory.adviseHugePages(destination)
                destination.copyMemory(from: source)
                fromLittleEndian(destination, width: section.elementType.byteWidth)
            }
            initializedCount = section.count
        }
    }

    /// Calls `body` with the elements of section `name` in place, without copying (on
    /// little-endian machines; big-endian ones get a converted copy). The buffer is valid
    /// only during the call.
    ///
    /// - Throws: what ``elements(_:as:)`` throws, or what `body` throws.
    /// - Complexity: O(1) plus `body`.
    public func withUnsafeElements<Element: ModelFileElement, Result>(
        of name: String, as type: Element.Type = Element.self,
        _ body: (UnsafeBufferPointer<Element>) throws -> Result
    ) throws -> Result {
        #if _endian(little)
        let section = try self.section(name, holding: Element.self)
        let bytes = UnsafeRawBufferPointer(rebasing: storage.bytes[section.fileOffset..<(section.fileOffset + section.byteCount)])
        // Sections start at multiples of 64 in a page-aligned mapping (or a 64-aligned
        // copy), so the elements are aligned.
        return try bytes.withMemoryRebound(to: Element.self, body)
        #else
        return try elements(name, as: type).withUnsafeBufferPointer(body)
        #endif
    }

    /// A copy of float32 section `name`. See ``elements(_:as:)``.
    public func floats(_ name: String) throws -> ContiguousArray<Float> { try elements(name) }
    /// A copy of int32 section `name`. See ``elements(_:as:)``.
    public func int32s(_ name: String) throws -> ContiguousArray<Int32> { try elements(name) }
    /// A copy of uint32 section `name`. See ``elements(_:as:)``.
    public func uint32s(_ name: String) throws -> ContiguousArray<UInt32> { try elements(name) }
    /// A copy of uint64 section `name`. See ``elements(_:as:)``.
    public func uint64s(_ name: String) throws -> ContiguousArray<UInt64> { try elements(name) }
    /// A copy of uint8 section `name`. See ``elements(_:as:)``.
    public func bytes(_ name: String) throws -> ContiguousArray<UInt8> { try elements(name) }

    /// The caller's metadata object, decoded exactly from the stored header.
    ///
    /// - Throws: ``ModelFileError/incompatibleMetadata(path:detail:)`` if it does not
    ///   decode as `Metadata`.
    public func metadata<Metadata: Decodable>(as type: Metadata.Type, decoder: JSONDecoder = JSONDecoder()) throws -> Metadata {
        do {
            return try decoder.decode(MetadataEnvelope<Metadata>.self, from: headerJSON).metadata
        } catch {
            throw ModelFileError.incompatibleMetadata(path: path, detail: describe(error))
        }
    }

    private func section<Element: ModelFileElement>(_ name: String, holding: Element.Type) throws -> Section {
        guard let section = section(named: name) else { throw ModelFileError.missingSection(path: path, name: name) }
        guard section.elementType == Element.modelFileElementType else {
            throw ModelFileError.sectionTypeMismatch(path: path, name: name, stored: section.elementType,
                                                     requested: Element.modelFileElementType)
        }
        precondition(MemoryLayout<Element>.size == section.elementType.byteWidth, "\(Element.self) is not a model file element")
        return section
    }
}

// MARK: - Validation

extension ModelFile {
    /// What validation found.
    private struct Layout {
        var headerJSON: Data
        var sections: [Section]
    }

    /// One row of the header's `"sections"` table, as stored.
    struct SectionTableEntry: Codable {
        var name: String
        var type: String
        /// From the start of the data area, in bytes.
        var offset: Int
        /// In elements.
        var count: Int

        init(name: String, type: String, offset: Int, count: Int) {
            self.name = name
            self.type = type
            self.offset = offset
            self.count = count
        }

        /// Decodes with errors that name the field (Foundation's decoder reports a
        /// non-integer or out-of-range number as "not valid JSON", with no location).
        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func field<Value: Decodable>(_ key: CodingKeys, _ type: Value.Type, _ expected: String) throws -> Value {
                guard container.contains(key) else {
                    throw DecodingError.keyNotFound(key, .init(codingPath: container.codingPath, debugDescription: "missing"))
                }
                guard let value = try? container.decode(Value.self, forKey: key) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not \(expected)")
                }
                return value
            }
            name = try field(.name, String.self, "a string")
            type = try field(.type, String.self, "a string")
            offset = try field(.offset, Int.self, "an integer in range")
            count = try field(.count, Int.self, "an integer in range")
        }
    }

    private struct SectionTable: Decodable {
        var sections: [SectionTableEntry]
    }

    private struct MetadataEnvelope<Metadata: Decodable>: Decodable {
        var metadata: Metadata
    }

    /// Checks everything about `bytes`, in the documented order.
    private static func validate(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Layout {
        let size = bytes.count
        let actualBytes = UInt64(size)

        // 1. The magic, over as many of its bytes as the file has: a short text file is
        //    "not a model file", a model file cut short is "truncated".
        for index in 0..<min(size, magic.count) where bytes[index] != magic[index] {
            throw ModelFileError.wrongMagic(path: path)
        }
        // 2. Room for the preamble and the final checksum.
        guard size >= minimumByteCount else {
            throw ModelFileError.truncated(path: path, actualBytes: actualBytes, expectedBytes: UInt64(minimumByteCount))
        }
        // 3. The preamble's own checksum, so that a damaged version or length field is
        //    reported as damage rather than as a version or a truncation.
        let storedPreambleChecksum = loadLittleEndian(UInt64.self, bytes, at: 32)
        let computedPreambleChecksum = checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<32]))
        guard storedPreambleChecksum == computedPreambleChecksum else {
            throw ModelFileError.corrupted(path: path, .preambleChecksum(stored: storedPreambleChecksum,
                                                                         computed: computedPreambleChecksum))
        }
        // 4. Version and flags.
        let version = loadLittleEndian(UInt32.self, bytes, at: 8)
        guard version == formatVersion else { throw ModelFileError.unsupportedVersion(path: path, version: version) }
        let flags = loadLittleEndian(UInt32.self, bytes, at: 12)
        guard flags == 0 else { throw ModelFileError.unsupportedFlags(path: path, flags: flags) }

        // 5. Lengths.
        let headerLength = loadLittleEndian(UInt64.self, bytes, at: 16)
        let declaredBytes = loadLittleEndian(UInt64.self, bytes, at: 24)
        guard declaredBytes >= UInt64(minimumByteCount) else {
            throw ModelFileError.corrupted(path: path, .inconsistentLengths(
                "the preamble gives a file length of \(declaredBytes) bytes, below the minimum of \(minimumByteCount)"))
        }
        guard actualBytes >= declaredBytes else {
            throw ModelFileError.truncated(path: path, actualBytes: actualBytes, expectedBytes: declaredBytes)
        }
        guard actualBytes == declaredBytes else {
            throw ModelFileError.corrupted(path: path, .trailingBytes(declaredBytes: declaredBytes, actualBytes: actualBytes))
        }
        let checksumOffset = size - checksumByteCount
        guard headerLength <= UInt64(checksumOffset - preambleByteCount) else {
            throw ModelFileError.corrupted(path: path, .inconsistentLengths(
                "a JSON header of \(headerLength) bytes does not fit in a file of \(size) bytes"))
        }
        let headerEnd = preambleByteCount + Int(headerLength)
        let dataStart = aligned(headerEnd, to: sectionAlignment)  // ≤ size + 63: no overflow
        guard dataStart <= checksumOffset else {
            throw ModelFileError.corrupted(path: path, .inconsistentLengths(
                "the data area would start at byte \(dataStart), past the checksum at byte \(checksumOffset)"))
        }

        // 6. The checksum of everything before it.
        let storedChecksum = loadLittleEndian(UInt64.self, bytes, at: checksumOffset)
        let computedChecksum = checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<checksumOffset]))
        guard storedChecksum == computedChecksum else {
            throw ModelFileError.corrupted(path: path, .checksum(stored: storedChecksum, computed: computedChecksum))
        }

        // 7. The JSON header: parsed as data, never evaluated.
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[preambleByteCount..<headerEnd])
        let headerJSON = Data(headerBytes)
        func headerProblem(_ detail: String) -> ModelFileError { .corrupted(path: path, .header(detail)) }
        guard String(validating: headerBytes, as: UTF8.self) != nil else { throw headerProblem("not valid UTF-8") }
        guard headerBytes.first == UInt8(ascii: "{") else { throw headerProblem("it does not begin with \"{\"") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: headerJSON)
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey].map { " (\($0))" } ?? ""
            throw headerProblem("not valid JSON\(reason)")
        }
        guard let header = parsed as? [String: Any] else { throw headerProblem("not a JSON object") }
        guard header["metadata"] is [String: Any] else {
            throw headerProblem("it has no \"metadata\" object")
        }
        guard header["sections"] is [Any] else { throw headerProblem("it has no \"sections\" array") }

        // 8. The section table.
        func tableProblem(_ detail: String) -> ModelFileError { .corrupted(path: path, .sectionTable(detail)) }
        let table: SectionTable
        do {
            table = try JSONDecoder().decode(SectionTable.self, from: headerJSON)
        } catch {
            throw tableProblem(describe(error))
        }
        let dataByteCount = checksumOffset - dataStart
        var names = Set<String>()
        var sections: [Section] = []
        sections.reserveCapacity(table.sections.count)
        for (index, entry) in table.sections.enumerated() {
            let label = "section \(index) (\"\(entry.name)\")"
            guard !entry.name.isEmpty else { throw tableProblem("section \(index) has an empty name") }
            guard names.insert(entry.name).inserted else { throw tableProblem("two sections are named \"\(entry.name)\"") }
            guard let type = ElementType(rawValue: entry.type) else {
                let known = ElementType.allCases.map(\.rawValue).joined(separator: ", ")
                throw tableProblem("\(label) has unknown element type \"\(entry.type)\" (known: \(known))")
            }
            guard entry.offset >= 0, entry.count >= 0 else {
                throw tableProblem("\(label) has a negative offset (\(entry.offset)) or count (\(entry.count))")
            }
            guard entry.offset % sectionAlignment == 0 else {
                throw tableProblem("\(label) starts at data offset \(entry.offset), not a multiple of \(sectionAlignment)")
            }
            let (byteCount, productOverflow) = entry.count.multipliedReportingOverflow(by: type.byteWidth)
            let (end, sumOverflow) = entry.offset.addingReportingOverflow(byteCount)
            guard !productOverflow, !sumOverflow, end <= dataByteCount else {
                throw tableProblem("\(label), \(entry.count) × \(type.rawValue) at data offset \(entry.offset), "
                    + "extends past the end of the data area (\(dataByteCount) bytes)")
            }
            sections.append(Section(name: entry.name, elementType: type, count: entry.count,
                                    fileOffset: dataStart + entry.offset))
        }
        let byStart = sections.sorted { ($0.fileOffset, $0.byteCount) < ($1.fileOffset, $1.byteCount) }
        for (first, second) in zip(byStart, byStart.dropFirst())
        where first.fileOffset + first.byteCount > second.fileOffset {
            throw tableProblem("sections \"\(first.name)\" and \"\(second.name)\" overlap")
        }
        return Layout(headerJSON: headerJSON, sections: sections)
    }

    private static func loadLittleEndian<Value: FixedWidthInteger>(_ type: Value.Type, _ bytes: UnsafeRawBufferPointer,
                                                                   at offset: Int) -> Value {
        Value(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Value.self))
    }
}

// MARK: - Writing

extension ModelFile {
    /// Lays out and writes a model file: the caller's metadata (a JSON object) and named
    /// sections, in the order they are added.
    ///
    /// ```swift
    /// var builder = try ModelFile.Builder(metadata: header)   // any Encodable
    /// builder.add(name: "idf", floats: idf)
    /// builder.add(name: "vocabulary.keys", uint64s: keys)
    /// try builder.write(to: url)                               // atomic
    /// ```
    ///
    /// The same metadata and sections always give the same bytes. Arrays are held (not
    /// copied: they are copy-on-write) until the file is encoded.
    public struct Builder: Sendable {
        /// The metadata object, exactly as it will be stored.
        public let metadataJSON: Data
        private var pending: [PendingSection] = []
        private var names = Set<String>()

        private struct PendingSection: Sendable {
            var name: String
            var elementType: ElementType
            var count: Int
            /// Copies the elements, little-endian, to the given address.
            var copyBytes: @Sendable (UnsafeMutableRawPointer) -> Void
        }

        /// A builder whose metadata is `metadataJSON`: a UTF-8 JSON object, stored verbatim.
        /// - Throws: ``ModelFileError/invalidMetadata(detail:)`` if it is not one.
        public init(metadataJSON: Data) throws {
            guard String(validating: metadataJSON, as: UTF8.self) != nil else {
                throw ModelFileError.invalidMetadata(detail: "not valid UTF-8")
            }
            let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
            guard metadataJSON.first(where: { !whitespace.contains($0) }) == UInt8(ascii: "{") else {
                throw ModelFileError.invalidMetadata(detail: "it does not begin with \"{\"")
            }
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: metadataJSON)
            } catch {
                throw ModelFileError.invalidMetadata(detail: "not valid JSON")
            }
            guard parsed is [String: Any] else { throw ModelFileError.invalidMetadata(detail: "not a JSON object") }
            self.metadataJSON = metadataJSON
        }

        /// A builder whose metadata is `metadata` encoded with `encoder` (it must encode
        /// as a JSON object, as structs and classes do).
        public init<Metadata: Encodable>(metadata: Metadata, encoder: JSONEncoder = Builder.metadataEncoder()) throws {
            let data: Data
            do {
                data = try encoder.encode(metadata)
            } catch {
                throw ModelFileError.invalidMetadata(detail: describe(error))
            }
            try self.init(metadataJSON: data)
        }

        /// The encoder ``init(metadata:encoder:)`` uses unless given another: sorted keys
        /// (without them Foundation's `JSONEncoder` orders keys differently from run to
        /// run, and identical models would give different files) and unescaped slashes.
        public static func metadataEncoder() -> JSONEncoder {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return encoder
        }

        /// The names of the sections added so far, in order.
        public var sectionNames: [String] { pending.map(\.name) }

        /// Adds a section. O(1): the array is kept, not copied.
        /// - Precondition: `name` is not empty and not already used.
        public mutating func add<Element: ModelFileElement>(name: String, elements: ContiguousArray<Element>) {
            precondition(!name.isEmpty, "a model file section needs a name")
            precondition(names.insert(name).inserted, "model file section \"\(name)\" added twice")
            let type = Element.modelFileElementType
            precondition(MemoryLayout<Element>.size == type.byteWidth, "\(Element.self) is not a model file element")
            pending.append(PendingSection(name: name, elementType: type, count: elements.count) { destination in
                elements.withUnsafeBytes { source in
                    guard let base = source.baseAddress, !source.isEmpty else { return }
                    destination.copyMemory(from: base, byteCount: source.count)
                    toLittleEndian(UnsafeMutableRawBufferPointer(start: destination, count: source.count), width: type.byteWidth)
                }
            })
        }

        /// Adds a float32 section. See ``add(name:elements:)``.
        public mutating func add(name: String, floats: ContiguousArray<Float>) { add(name: name, elements: floats) }
        /// Adds an int32 section. See ``add(name:elements:)``.
        public mutating func add(name: String, int32s: ContiguousArray<Int32>) { add(name: name, elements: int32s) }
        /// Adds a uint32 section. See ``add(name:elements:)``.
        public mutating func add(name: String, uint32s: ContiguousArray<UInt32>) { add(name: name, elements: uint32s) }
        /// Adds a uint64 section. See ``add(name:elements:)``.
        public mutating func add(name: String, uint64s: ContiguousArray<UInt64>) { add(name: name, elements: uint64s) }
        /// Adds a uint8 section. See ``add(name:elements:)``.
        public mutating func add(name: String, bytes: ContiguousArray<UInt8>) { add(name: name, elements: bytes) }

        /// The complete file, in memory.
        /// - Complexity: O(total size): one copy of every section plus the checksum.
        public func encoded() -> Data {
            var entries: [SectionTableEntry] = []
            entries.reserveCapacity(pending.count)
            var cursor = 0
            for section in pending {
                let offset = aligned(cursor, to: sectionAlignment)
                entries.append(SectionTableEntry(name: section.name, type: section.elementType.rawValue,
                                                 offset: offset, count: section.count))
                cursor = offset + section.count * section.elementType.byteWidth
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Strings and integers always encode.
            let table = try! encoder.encode(entries)
            var header = Data(#"{"sections":"#.utf8)
            header.append(table)
            header.append(contentsOf: #","metadata":"#.utf8)
            header.append(metadataJSON)
            header.append(contentsOf: "}".utf8)
            return ModelFile.assemble(headerJSON: header, dataByteCount: aligned(cursor, to: 8)) { data in
                for (entry, section) in zip(entries, pending) where section.count > 0 {
                    section.copyBytes(data.baseAddress! + entry.offset)
                }
            }
        }

        /// Writes the file to `url` atomically: into a temporary file in the same
        /// directory, which is flushed to disk (`fsync`) and then renamed over `url`, so
        /// that `url` always holds either its old contents or the complete new file. On
        /// failure the temporary file is removed. (A process killed mid-write can leave
        /// a `.NAME.*.tmp` file beside `url`, never a damaged `url`.)
        ///
        /// - Throws: ``ModelFileError/writeFailed(path:reason:)``.
        /// - Complexity: O(total size).
        public func write(to url: URL) throws {
            try write(to: url, failingAfterByteCount: nil)
        }

        /// ``write(to:)``, failing on purpose once `failingAfterByteCount` bytes of the
        /// temporary file are written (tests of the failure path).
        func write(to url: URL, failingAfterByteCount: Int?) throws {
            let file = encoded()
            do {
                try file.withUnsafeBytes { try AtomicFile.write($0, to: url, failingAfterByteCount: failingAfterByteCount) }
            } catch let error as AtomicFile.WriteError {
                throw ModelFileError.writeFailed(path: error.path, reason: error.reason)
            }
        }
    }

    /// A complete file around a header and a data area of `dataByteCount` bytes that
    /// `fillData` writes (it starts zeroed). Tests use the parameters to make files that
    /// are well formed except in one respect.
    static func assemble(headerJSON: Data, dataByteCount: Int, version: UInt32 = formatVersion, flags: UInt32 = 0,
                         fillData: (UnsafeMutableRawBufferPointer) -> Void) -> Data {
        let headerEnd = preambleByteCount + headerJSON.count
        let dataStart = aligned(headerEnd, to: sectionAlignment)
        let checksumOffset = dataStart + dataByteCount
        let fileLength = checksumOffset + checksumByteCount
        var file = Data(count: fileLength)
        file.withUnsafeMutableBytes { raw in
            raw.copyBytes(from: magic)
            raw.storeBytes(of: version.littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: flags.littleEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: UInt64(headerJSON.count).littleEndian, toByteOffset: 16, as: UInt64.self)
            raw.storeBytes(of: UInt64(fileLength).littleEndian, toByteOffset: 24, as: UInt64.self)
            let preambleChecksum = checksum(UnsafeRawBufferPointer(rebasing: raw[0..<32]))
            raw.storeBytes(of: preambleChecksum.littleEndian, toByteOffset: 32, as: UInt64.self)
            headerJSON.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: raw[preambleByteCount..<headerEnd]))
            fillData(UnsafeMutableRawBufferPointer(rebasing: raw[dataStart..<checksumOffset]))
            let fileChecksum = checksum(UnsafeRawBufferPointer(rebasing: raw[0..<checksumOffset]))
            raw.storeBytes(of: fileChecksum.littleEndian, toByteOffset: checksumOffset, as: UInt64.self)
        }
        return file
    }
}

// MARK: - Bytes on disk

/// The bytes of a model file: a read-only private memory mapping of the file, or a
/// 64-byte-aligned copy of bytes given in memory.
private final class FileBytes: @unchecked Sendable {
    // Sendable: the bytes are never written after init.
    let bytes: UnsafeRawBufferPointer
    private let owner: Owner

    private enum Owner { case mapping, allocation, nothing }

    /// Maps the file at `path`. The descriptor is closed at once; the mapping stays.
    init(mapping path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw ModelFileError.notFound(path: path) }
            throw ModelFileError.unreadable(path: path, reason: systemErrorText(code))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ModelFileError.unreadable(path: path, reason: systemErrorText(errno))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ModelFileError.unreadable(path: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            owner = .nothing
            return
        }
        // MAP_POPULATE: the checksum reads every page at once anyway; one call maps them all
        // instead of a page fault per few pages.
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
              address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw ModelFileError.unreadable(path: path, reason: "cannot map it into memory: \(systemErrorText(errno))")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        owner = .mapping
    }

    /// Copies `data` into 64-byte-aligned memory.
    init(copying data: Data) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: ModelFile.sectionAlignment)
        data.copyBytes(to: buffer)
        bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: data.count)
        owner = .allocation
    }

    deinit {
        switch owner {
        case .mapping: munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        case .allocation: bytes.baseAddress?.deallocate()
        case .nothing: break
        }
    }
}


// MARK: - Helpers

/// `value` rounded up to a multiple of `alignment` (a power of two).
@inline(__always)
private func aligned(_ value: Int, to alignment: Int) -> Int {
    (value + alignment - 1) & ~(alignment - 1)
}

/// Converts elements of `width` bytes from little-endian to host order, in place.
@inline(__always)
private func fromLittleEndian(_ bytes: UnsafeMutableRawBufferPointer, width: Int) {
    #if _endian(big)
    reverseEachElement(bytes, width: width)
    #endif
}

/// Converts elements of `width` bytes from host order to little-endian, in place.
@inline(__always)
private func toLittleEndian(_ bytes: UnsafeMutableRawBufferPointer, width: Int) {
    #if _endian(big)
    reverseEachElement(bytes, width: width)
    #endif
}

#if _endian(big)
private func reverseEachElement(_ bytes: UnsafeMutableRawBufferPointer, width: Int) {
    guard width > 1 else { return }
    var start = 0
    while start + width <= bytes.count {
        var low = start, high = start + width - 1
        while low < high { bytes.swapAt(low, high); low += 1; high -= 1 }
        start += width
    }
}
#endif

private func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// A one-line description of a decoding error: where, and what.
private func describe(_ error: Error) -> String {
    guard let decodingError = error as? DecodingError else { return String(describing: error) }
    func location(_ path: [CodingKey]) -> String {
        let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "at the top level" : "at " + (text.hasPrefix(".") ? String(text.dropFirst()) : text)
    }
    switch decodingError {
    case .keyNotFound(let key, let context):
        return "missing \"\(key.stringValue)\" \(location(context.codingPath))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return "\(location(context.codingPath)): \(context.debugDescription)"
    @unknown default:
        return String(describing: decodingError)
    }
}
