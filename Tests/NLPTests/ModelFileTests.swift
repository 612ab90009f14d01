import Foundation
import Testing
@testable import NLP

@Suite struct ModelFileTests {
    // MARK: Round trips

    @Test func roundTripsEverySectionType() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let builder = try sampleBuilder()
        let url = directory.url.appendingPathComponent("sample.model")
        try builder.write(to: url)

        let file = try ModelFile(contentsOf: url)
        let onDisk = try Data(contentsOf: url)
        #expect(file.byteCount == onDisk.count)
        #expect(onDisk == builder.encoded())
        #expect(file.sectionNames == builder.sectionNames)
        try expectSampleSections(file)
        for section in file.sections {
            #expect(section.fileOffset % ModelFile.sectionAlignment == 0, "\(section.name)")
            #expect(section.fileOffset + section.byteCount <= file.byteCount - 8)
        }
        #expect(file.section(named: "int32s")?.elementType == .int32)
        #expect(file.section(named: "uint32s")?.count == 65)
        #expect(file.section(named: "nothing") == nil)

        // The same bytes held in memory read the same.
        try expectSampleSections(ModelFile(data: onDisk, name: "copy"))
    }

    @Test func readsSectionsInPlace() throws {
        let file = try ModelFile(data: sampleBuilder().encoded())
        let sum = try file.withUnsafeElements(of: "uint32s", as: UInt32.self) { $0.reduce(0, &+) }
        #expect(sum == sampleUInt32s.reduce(0, &+))
        let bytes = try file.withUnsafeElements(of: "bytes", as: UInt8.self) { Array($0) }
        #expect(bytes == Array(sampleText.utf8))
        let empty = try file.withUnsafeElements(of: "floats.empty", as: Float.self) { $0.count }
        #expect(empty == 0)
    }

    @Test func roundTripsTheHeader() throws {
        let file = try ModelFile(data: sampleBuilder().encoded())
        #expect(try file.metadata(as: SampleMetadata.self) == SampleMetadata.example)
        // The re-serialized metadata object decodes to the same value.
        #expect(try JSONDecoder().decode(SampleMetadata.self, from: file.metadataJSON) == SampleMetadata.example)
        // The header holds the section table and the metadata, nothing executable.
        let header = try #require(try JSONSerialization.jsonObject(with: file.headerJSON) as? [String: Any])
        #expect(Set(header.keys) == ["sections", "metadata"])
        let table = try #require(header["sections"] as? [[String: Any]])
        #expect(table.map { $0["name"] as? String } == file.sectionNames)
        #expect(table.first?["type"] as? String == "float32")
    }

    @Test func storesMetadataVerbatim() throws {
        let metadata = Data("""
        {
          "kind" : "summarizer",
          "note" : "Tóm tắt \\"tin\\" / bài",
          "damping" : 0.85000000000000009,
          "big" : 18446744073709551615
        }

        """.utf8)
        var builder = try ModelFile.Builder(metadataJSON: metadata)
        builder.add(name: "x", floats: [1])
        let file = try ModelFile(data: builder.encoded())
        #expect(file.headerJSON.range(of: metadata) != nil)
        let object = try #require(try JSONSerialization.jsonObject(with: file.metadataJSON) as? [String: Any])
        #expect(object["note"] as? String == "Tóm tắt \"tin\" / bài")
        #expect(object["kind"] as? String == "summarizer")
        struct Exact: Decodable, Equatable { var damping: Double; var big: UInt64 }
        #expect(try file.metadata(as: Exact.self) == Exact(damping: 0.85000000000000009, big: .max))
    }

    @Test(arguments: ["[1, 2]", "42", "\"text\"", "{\"open\": ", "", "\u{FEFF}{}", "null"] as [String])
    func builderRefusesMetadataThatIsNotAnObject(_ text: String) {
        #expect(refusal { try ModelFile.Builder(metadataJSON: Data(text.utf8)) }.map(isInvalidMetadata) == true)
    }

    @Test func builderRefusesMetadataThatIsNotUTF8() {
        let error = refusal { try ModelFile.Builder(metadataJSON: Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])) }
        #expect(error == .invalidMetadata(detail: "not valid UTF-8"))
    }

    @Test func encodingIsDeterministic() throws {
        #expect(try sampleBuilder().encoded() == sampleBuilder().encoded())
    }

    @Test func emptyModelRoundTrips() throws {
        let builder = try ModelFile.Builder(metadataJSON: Data("{}".utf8))
        let file = try ModelFile(data: builder.encoded())
        #expect(file.sections.isEmpty)
        // 40-byte preamble, a 29-byte header padded to byte 128, no data, the 8-byte checksum.
        #expect(file.headerJSON == Data(#"{"sections":[],"metadata":{}}"#.utf8))
        #expect(file.byteCount == 136)
        #expect(try file.metadataJSON == Data("{}".utf8))
    }

    @Test func asksForSectionsByNameAndType() throws {
        let file = try ModelFile(data: sampleBuilder().encoded(), name: "m.model")
        #expect(refusal { try file.floats("missing") } == .missingSection(path: "m.model", name: "missing"))
        #expect(refusal { try file.uint32s("int32s") }
            == .sectionTypeMismatch(path: "m.model", name: "int32s", stored: .int32, requested: .uint32))
        #expect(refusal { try file.withUnsafeElements(of: "bytes", as: Float.self) { $0.count } }
            == .sectionTypeMismatch(path: "m.model", name: "bytes", stored: .uint8, requested: .float32))
        struct Other: Decodable { var missingField: Int }
        let error = refusal { try file.metadata(as: Other.self) }
        guard case .incompatibleMetadata(let path, let detail) = error else {
            Issue.record("expected incompatibleMetadata, got \(String(describing: error))")
            return
        }
        #expect(path == "m.model")
        #expect(detail.contains("missingField"))
    }

    // MARK: Atomic writing

    @Test func writeReplacesAnExistingFile() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("m.model")
        try smallBuilder(kind: "first").write(to: url)
        try smallBuilder(kind: "second").write(to: url)
        #expect(try ModelFile(contentsOf: url).metadata(as: Kind.self).kind == "second")
        #expect(try directory.contents() == ["m.model"])
    }

    /// A write that fails anywhere (before the first byte, mid-way, after the last byte
    /// but before the rename) leaves the good file as it was and no temporary file.
    @Test func failedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("m.model")
        try smallBuilder(kind: "good").write(to: url)
        let good = try Data(contentsOf: url)
        let replacement = try sampleBuilder()
        let size = replacement.encoded().count
        for limit in [0, 1, size / 2, size - 1, size] {
            let error = refusal { try replacement.write(to: url, failingAfterByteCount: limit) }
            guard case .writeFailed(let path, _) = error else {
                Issue.record("limit \(limit): expected writeFailed, got \(String(describing: error))")
                continue
            }
            #expect(path == url.path)
            #expect(try Data(contentsOf: url) == good, "limit \(limit)")
            #expect(try ModelFile(contentsOf: url).metadata(as: Kind.self).kind == "good")
            #expect(try directory.contents() == ["m.model"], "limit \(limit)")
        }
    }

    @Test func failedRenameLeavesNoTemporaryFile() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        // The destination is a directory that is not empty: the rename must fail.
        let url = directory.url.appendingPathComponent("m.model")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: url.appendingPathComponent("inside"))
        let error = refusal { try smallBuilder(kind: "x").write(to: url) }
        guard case .writeFailed(_, let reason) = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("rename"))
        #expect(try directory.contents() == ["m.model"])
        #expect(try Data(contentsOf: url.appendingPathComponent("inside")) == Data("keep".utf8))
    }

    @Test func writeIntoAMissingDirectoryFails() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("absent/m.model")
        let error = refusal { try smallBuilder(kind: "x").write(to: url) }
        guard case .writeFailed(let path, let reason) = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(reason.contains("temporary file"))
        #expect(try directory.contents() == [])
    }

    // MARK: Refusals: missing, unreadable, wrong magic, version

    @Test func refusesAMissingFile() {
        let path = "/nonexistent-\(UInt64.random(in: 0...UInt64.max))/m.model"
        let error = refusal { try ModelFile(contentsOf: URL(fileURLWithPath: path)) }
        #expect(error == .notFound(path: path))
        #expect(error?.description == "\(path): no such model file")
    }

    @Test func refusesADirectory() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let error = refusal { try ModelFile(contentsOf: directory.url) }
        #expect(error == .unreadable(path: directory.url.path, reason: "not a regular file"))
    }

    static let notModelFiles: [[UInt8]] = [
        Array("hello, this is a text file, not a model\n".utf8),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 100),  // a PNG
        Array("ab".utf8),
        [0x89, 0x56, 0x54, 0x4D, 0x0A, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 100),  // CR lost in transfer
    ]

    @Test(arguments: notModelFiles)
    func refusesWrongMagic(_ bytes: [UInt8]) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("other.bin")
        try Data(bytes).write(to: url)
        let error = refusal { try ModelFile(contentsOf: url) }
        #expect(error == .wrongMagic(path: url.path))
        #expect(error?.description == "\(url.path): not a model file of this tool (wrong magic bytes)")
    }

    @Test func refusesANewerVersion() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("future.model")
        try wellFormedFile(version: 2).write(to: url)
        let error = refusal { try ModelFile(contentsOf: url) }
        #expect(error == .unsupportedVersion(path: url.path, version: 2))
        #expect(error?.description
            == "\(url.path): the model file was made by a newer format version 2; this tool reads version 1")
    }

    @Test func refusesAnOlderVersion() {
        let error = refusal { try ModelFile(data: wellFormedFile(version: 0), name: "old.model") }
        #expect(error == .unsupportedVersion(path: "old.model", version: 0))
        #expect(error?.description.contains("an older format version 0; this tool reads version 1") == true)
    }

    @Test func refusesUnknownFlags() {
        let error = refusal { try ModelFile(data: wellFormedFile(flags: 4), name: "m") }
        #expect(error == .unsupportedFlags(path: "m", flags: 4))
    }

    // MARK: Refusals: truncation

    /// Cut at every length: always "truncated", with the sizes.
    @Test func refusesTheFileTruncatedAtEveryLength() throws {
        let whole = try sampleBuilder().encoded()
        var wrong: [Int] = []
        for length in 0..<whole.count {
            let error = refusal { try ModelFile(data: whole.prefix(length), name: "m") }
            let expected = UInt64(length < ModelFile.minimumByteCount ? ModelFile.minimumByteCount : whole.count)
            if error != .truncated(path: "m", actualBytes: UInt64(length), expectedBytes: expected) { wrong.append(length) }
        }
        #expect(wrong.isEmpty, "lengths not reported as truncated: \(wrong.prefix(10))")
    }

    /// Truncated files on disk, cut inside the magic, the preamble, the JSON header, a
    /// section and the checksum.
    @Test func refusesTruncatedFiles() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let whole = try sampleBuilder().encoded()
        let loaded = try ModelFile(data: whole)
        let headerLength = loaded.headerJSON.count
        let section = try #require(loaded.section(named: "uint32s"))
        let cuts = [3, 20, 40 + headerLength / 2, section.fileOffset + 7, whole.count - 8, whole.count - 1]
        for cut in cuts {
            let url = directory.url.appendingPathComponent("cut-\(cut).model")
            try whole.prefix(cut).write(to: url)
            let error = refusal { try ModelFile(contentsOf: url) }
            let expected = UInt64(cut < 48 ? 48 : whole.count)
            #expect(error == .truncated(path: url.path, actualBytes: UInt64(cut), expectedBytes: expected), "cut \(cut)")
            #expect(error?.description
                == "\(url.path): the model file is truncated: it has \(cut) bytes, expected \(expected)")
        }
    }

    @Test func refusesTrailingBytes() {
        var bytes = wellFormedFile()
        bytes.append(0)
        let error = refusal { try ModelFile(data: bytes, name: "m") }
        #expect(error == .corrupted(path: "m", .trailingBytes(declaredBytes: UInt64(bytes.count - 1), actualBytes: UInt64(bytes.count))))
    }

    // MARK: Refusals: damage

    /// Flip one byte at every position, three ways: a changed magic byte is "wrong
    /// magic"; anything else is "corrupted", by the preamble checksum for bytes 8..<40
    /// and by the file checksum after.
    @Test func refusesAFlippedByteAtEveryPosition() throws {
        let whole = try sampleBuilder().encoded()
        var wrong: [(Int, UInt8)] = []
        for position in 0..<whole.count {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = whole
                damaged[position] ^= mask
                let error = refusal { try ModelFile(data: damaged, name: "m") }
                let ok: Bool
                switch (position, error) {
                case (0..<8, .wrongMagic?): ok = true
                case (8..<40, .corrupted(_, .preambleChecksum)?): ok = true
                case (40..., .corrupted(_, .checksum)?): ok = true
                default: ok = false
                }
                if !ok { wrong.append((position, mask)) }
            }
        }
        #expect(wrong.isEmpty, "misreported flips (position, mask): \(wrong.prefix(10))")
    }

    /// Flipped bytes on disk at named places, with the messages.
    @Test func refusesDamagedFiles() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let whole = try sampleBuilder().encoded()
        let loaded = try ModelFile(data: whole)
        let floats = try #require(loaded.section(named: "floats.special"))
        let bytes = try #require(loaded.section(named: "bytes"))
        let places: [(String, Int, Bool)] = [  // name, position, caught by the preamble checksum
            ("version", 8, true), ("header length", 16, true), ("file length", 25, true),
            ("preamble checksum", 35, true), ("JSON header", 40 + 9, false),
            ("padding after the header", floats.fileOffset - 1, false), ("float section", floats.fileOffset + 5, false),
            ("byte section", bytes.fileOffset + 2, false), ("final checksum", whole.count - 3, false),
        ]
        for (place, position, inPreamble) in places {
            var damaged = whole
            damaged[position] ^= 0x10
            let url = directory.url.appendingPathComponent("flip-\(position).model")
            try damaged.write(to: url)
            let error = refusal { try ModelFile(contentsOf: url) }
            switch error {
            case .corrupted(let path, .preambleChecksum)? where inPreamble, .corrupted(let path, .checksum)? where !inPreamble:
                #expect(path == url.path)
                #expect(error!.description.hasPrefix("\(url.path): the model file is corrupted: "), "\(place)")
            default:
                Issue.record("\(place) (byte \(position)): got \(String(describing: error))")
            }
        }
        var damaged = whole
        damaged[whole.count - 20] ^= 1
        let description = refusal { try ModelFile(data: damaged, name: "m") }?.description ?? ""
        #expect(description.hasPrefix("m: the model file is corrupted: checksum mismatch (stored 0x"))
    }

    @Test func refusesInconsistentLengths() throws {
        let whole = wellFormedFile()
        let cases: [(UInt64?, UInt64?)] = [(.max, nil), (UInt64(whole.count), nil), (nil, 47), (nil, 0)]
        for (headerLength, fileLength) in cases {
            let bytes = rewritingPreamble(whole, headerLength: headerLength, fileLength: fileLength)
            let error = refusal { try ModelFile(data: bytes, name: "m") }
            guard case .corrupted(_, .inconsistentLengths)? = error else {
                Issue.record("\(String(describing: headerLength)), \(String(describing: fileLength)): got \(String(describing: error))")
                continue
            }
        }
    }

    /// Section tables that are wrong although the checksum is right (a buggy or hostile
    /// writer): each is refused, without reading out of bounds or trapping on overflow.
    static let malformedSectionTables: [(table: String, dataByteCount: Int, expected: String)] = [
        (#"[{"name":"w","type":"float32","offset":0,"count":17}]"#, 64, "extends past the end of the data area (64 bytes)"),
        (#"[{"name":"w","type":"uint8","offset":128,"count":1}]"#, 64, "extends past the end"),
        (#"[{"name":"w","type":"uint8","offset":128,"count":0}]"#, 64, "extends past the end"),
        (#"[{"name":"w","type":"float32","offset":0,"count":4611686018427387904}]"#, 64, "extends past the end"),
        (#"[{"name":"w","type":"uint64","offset":9223372036854775744,"count":9223372036854775807}]"#, 64, "extends past the end"),
        (#"[{"name":"w","type":"float32","offset":4,"count":1}]"#, 64, "not a multiple of 64"),
        (#"[{"name":"a","type":"float32","offset":0,"count":32},{"name":"b","type":"uint8","offset":64,"count":1}]"#, 192,
         #"sections "a" and "b" overlap"#),
        (#"[{"name":"a","type":"uint8","offset":64,"count":1},{"name":"b","type":"uint64","offset":0,"count":9}]"#, 192,
         #"sections "b" and "a" overlap"#),
        (#"[{"name":"w","type":"float16","offset":0,"count":1}]"#, 64, #"unknown element type "float16""#),
        (#"[{"name":"w","type":"float32","offset":0,"count":-1}]"#, 64, "negative"),
        (#"[{"name":"w","type":"float32","offset":-64,"count":1}]"#, 64, "negative"),
        (#"[{"name":"w","type":"uint8","offset":0,"count":1},{"name":"w","type":"uint8","offset":64,"count":1}]"#, 128,
         #"two sections are named "w""#),
        (#"[{"name":"","type":"uint8","offset":0,"count":1}]"#, 64, "empty name"),
        (#"[{"name":"w","type":"uint8","offset":0}]"#, 64, #"missing "count" at sections[0]"#),
        (#"[{"name":"w","type":"uint8","offset":0,"count":"1"}]"#, 64, "at sections[0].count: not an integer"),
        (#"[{"name":"w","type":"uint8","offset":0.5,"count":1}]"#, 64, "at sections[0].offset: not an integer"),
        (#"[{"name":"w","type":"uint8","offset":1e300,"count":1}]"#, 64, "at sections[0].offset: not an integer"),
        (#"[{"name":"w","type":"uint8","offset":0,"count":true}]"#, 64, "at sections[0].count: not an integer"),
        (#"[{"name":7,"type":"uint8","offset":0,"count":1}]"#, 64, "at sections[0].name: not a string"),
        (#"[1]"#, 64, "at sections[0]"),
    ]

    @Test(arguments: malformedSectionTables)
    func refusesMalformedSectionTables(_ example: (table: String, dataByteCount: Int, expected: String)) {
        let (table, dataByteCount, expected) = example
        let header = Data(#"{"sections":\#(table),"metadata":{}}"#.utf8)
        let file = ModelFile.assemble(headerJSON: header, dataByteCount: dataByteCount) { _ in }
        let error = refusal { try ModelFile(data: file, name: "m") }
        guard case .corrupted("m", .sectionTable(let detail))? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(detail.contains(expected), "\(detail)")
        #expect(error!.description.hasPrefix("m: the model file is corrupted: bad section table: "))
    }

    static let malformedHeaders: [(header: [UInt8], expected: String)] = [
        (Array(#"{"sections":[],"metadata":{"#.utf8), "not valid JSON"),
        (Array(#"[{"sections":[],"metadata":{}}]"#.utf8), "does not begin with"),
        (Array(#"{"sections":[],"metadata":{"deep":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
            + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000) + Array("}}".utf8), "not valid JSON"),
        ([], "does not begin with"),
        (Array(#"{"sections":[]}"#.utf8), #"no "metadata" object"#),
        (Array(#"{"sections":[],"metadata":[1]}"#.utf8), #"no "metadata" object"#),
        (Array(#"{"metadata":{}}"#.utf8), #"no "sections" array"#),
        (Array(#"{"sections":{},"metadata":{}}"#.utf8), #"no "sections" array"#),
        (Array(#"{"sections":[],"metadata":{"a":""#.utf8) + [0xC3] + Array(#""}}"#.utf8), "not valid UTF-8"),
    ]

    @Test(arguments: malformedHeaders)
    func refusesMalformedHeaders(_ example: (header: [UInt8], expected: String)) {
        let (header, expected) = example
        let file = ModelFile.assemble(headerJSON: Data(header), dataByteCount: 0) { _ in }
        let error = refusal { try ModelFile(data: file, name: "m") }
        guard case .corrupted("m", .header(let detail))? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(detail.contains(expected), "\(detail)")
    }

    // MARK: A full-size model

    /// A synthetic model of 100k features (vocabulary keys, texts and offsets, its
    /// 262,144-slot lookup table, idf, 300k weights): everything reads back equal, and
    /// the vocabulary rebuilt from the mapped sections finds features by text. Prints the
    /// load time (not asserted; meaningful in release builds).
    @Test func loadsA100kFeatureModel() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let featureCount = 100_000, labelCount = 3
        var keys = ContiguousArray<UInt64>(), text = ContiguousArray<UInt8>(), offsets: ContiguousArray<UInt32> = [0]
        for feature in 0..<featureCount {
            let syllables = ["bản", "tin", String(feature)]
            var key: UInt64 = 0
            for (index, syllable) in syllables.enumerated() {
                let part = FeatureKey.hash(Array(syllable.utf8))
                key = index == 0 ? part : FeatureKey.combine(key, part)
            }
            keys.append(key)
            text.append(contentsOf: syllables.joined(separator: " ").utf8)
            offsets.append(UInt32(text.count))
        }
        let vocabulary = Vocabulary(keys: keys, textBytes: text, textOffsets: offsets)
        var generator = ModelFileTestGenerator(seed: 3)
        let idf = ContiguousArray((0..<featureCount).map { _ in Float(generator.next() % 10_000) / 1000 + 1 })
        let weights = ContiguousArray((0..<(featureCount * labelCount)).map { _ in Float(Int64(bitPattern: generator.next()) % 1_000_000) / 1e6 })

        var builder = try ModelFile.Builder(metadata: SampleMetadata.example)
        builder.add(name: "vocabulary.keys", uint64s: vocabulary.keys)
        builder.add(name: "vocabulary.text", bytes: vocabulary.textBytes)
        builder.add(name: "vocabulary.textOffsets", uint32s: vocabulary.textOffsets)
        builder.add(name: "vocabulary.table.keys", uint64s: vocabulary.table.keys)
        builder.add(name: "vocabulary.table.values", int32s: vocabulary.table.values)
        builder.add(name: "idf", floats: idf)
        builder.add(name: "weights", floats: weights)
        builder.add(name: "biases", floats: [0.5, -0.25, 0])
        let url = directory.url.appendingPathComponent("large.model")
        let writeStart = ContinuousClock.now
        try builder.write(to: url)
        let writeTime = ContinuousClock.now - writeStart

        var loadTimes: [Duration] = [], readTimes: [Duration] = []
        var loaded: (ModelFile, Vocabulary, ContiguousArray<Float>, ContiguousArray<Float>)?
        for _ in 0..<5 {
            let start = ContinuousClock.now
            let file = try ModelFile(contentsOf: url)
            let mapped = ContinuousClock.now
            let table = FeatureHashTable(slotKeys: try file.uint64s("vocabulary.table.keys"),
                                         slotValues: try file.int32s("vocabulary.table.values"))
            let readVocabulary = Vocabulary(keys: try file.uint64s("vocabulary.keys"), textBytes: try file.bytes("vocabulary.text"),
                                            textOffsets: try file.uint32s("vocabulary.textOffsets"), table: table)
            let readIDF = try file.floats("idf"), readWeights = try file.floats("weights")
            let end = ContinuousClock.now
            loadTimes.append(mapped - start)
            readTimes.append(end - start)
            loaded = (file, readVocabulary, readIDF, readWeights)
        }
        let (file, readVocabulary, readIDF, readWeights) = try #require(loaded)
        #expect(readVocabulary.keys == vocabulary.keys)
        #expect(readVocabulary.textBytes == vocabulary.textBytes)
        #expect(readVocabulary.textOffsets == vocabulary.textOffsets)
        #expect(readVocabulary.table.keys == vocabulary.table.keys)
        #expect(readVocabulary.table.values == vocabulary.table.values)
        #expect(readVocabulary.table.count == featureCount)
        #expect(readIDF == idf)
        #expect(readWeights == weights)
        #expect(try file.floats("biases") == [0.5, -0.25, 0])
        for feature in [0, 1, 777, 54_321, featureCount - 1] {
            #expect(readVocabulary.column(ofText: "bản tin \(feature)") == feature)
            #expect(readVocabulary.text(feature) == "bản tin \(feature)")
        }
        #expect(readVocabulary.column(ofText: "bản tin \(featureCount)") == nil)
        #expect(try file.metadata(as: SampleMetadata.self) == SampleMetadata.example)

        func milliseconds(_ duration: Duration) -> String {
            String(format: "%.2f ms", Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15)
        }
        print("100k-feature model, \(file.byteCount) bytes: written in \(milliseconds(writeTime)); "
            + "mapped and validated in \(milliseconds(loadTimes.min()!)) (first \(milliseconds(loadTimes[0]))); "
            + "with every section copied out and the vocabulary rebuilt, \(milliseconds(readTimes.min()!)) "
            + "(first \(milliseconds(readTimes[0])))")
    }
}

// MARK: - Fixtures

private struct Kind: Codable { var kind: String }

/// Metadata like a classifier's: a few scalars, labels, and the vectorizer's configuration.
private struct SampleMetadata: Codable, Equatable {
    var kind: String
    var labels: [String]
    var featureCount: Int
    var regularization: Double
    var vectorizer: TfidfVectorizer.Configuration

    static let example = SampleMetadata(
        kind: "classifier", labels: ["Chính trị", "Kinh tế", "Thể thao \"quốc tế\""], featureCount: 100_000,
        regularization: 0.1 + 0.2,
        vectorizer: TfidfVectorizer.Configuration(ngrams: NGramRange(1, 2), minDF: .count(2), maxDF: .fraction(0.95),
                                                  maxFeatures: 100_000))
}

private let sampleFloats: ContiguousArray<Float> = [
    0, -0.0, 1.5, .infinity, -.infinity, .nan, Float(bitPattern: 0x7FC0_1234), .leastNonzeroMagnitude, .greatestFiniteMagnitude,
]
private let sampleInt32s: ContiguousArray<Int32> = [.min, -1, 0, 1, .max]
private let sampleUInt32s = ContiguousArray((0..<65).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) })
private let sampleUInt64s: ContiguousArray<UInt64> = [0, 1, .max, 0x0123_4567_89AB_CDEF]
private let sampleText = "Từ vựng tiếng Việt"

/// Every element type, with empty sections and odd counts between the others.
private func sampleBuilder() throws -> ModelFile.Builder {
    var builder = try ModelFile.Builder(metadata: SampleMetadata.example)
    builder.add(name: "floats.special", floats: sampleFloats)
    builder.add(name: "floats.empty", floats: [])
    builder.add(name: "int32s", int32s: sampleInt32s)
    builder.add(name: "uint32s.empty", uint32s: [])
    builder.add(name: "uint32s", uint32s: sampleUInt32s)
    builder.add(name: "uint64s", uint64s: sampleUInt64s)
    builder.add(name: "bytes", bytes: ContiguousArray(sampleText.utf8))
    builder.add(name: "bytes.one", bytes: [0xFF])
    builder.add(name: "int32s.empty", int32s: [])
    builder.add(name: "uint64s.empty", uint64s: [])
    builder.add(name: "bytes.empty", bytes: [])
    return builder
}

private func expectSampleSections(_ file: ModelFile) throws {
    #expect(try file.floats("floats.special").map(\.bitPattern) == sampleFloats.map(\.bitPattern))
    #expect(try file.floats("floats.empty").isEmpty)
    #expect(try file.int32s("int32s") == sampleInt32s)
    #expect(try file.uint32s("uint32s.empty").isEmpty)
    #expect(try file.uint32s("uint32s") == sampleUInt32s)
    #expect(try file.uint64s("uint64s") == sampleUInt64s)
    #expect(try file.bytes("bytes") == ContiguousArray(sampleText.utf8))
    #expect(try file.bytes("bytes.one") == [0xFF])
    #expect(try file.int32s("int32s.empty").isEmpty)
    #expect(try file.uint64s("uint64s.empty").isEmpty)
    #expect(try file.bytes("bytes.empty").isEmpty)
    #expect(try file.elements("uint64s", as: UInt64.self) == sampleUInt64s)
}

private func smallBuilder(kind: String) throws -> ModelFile.Builder {
    var builder = try ModelFile.Builder(metadata: Kind(kind: kind))
    builder.add(name: "w", floats: [1, 2, 3])
    return builder
}

/// A small valid file, or one valid except for its version or flags.
private func wellFormedFile(version: UInt32 = ModelFile.formatVersion, flags: UInt32 = 0) -> Data {
    let header = Data(#"{"sections":[{"count":3,"name":"w","offset":0,"type":"float32"}],"metadata":{"kind":"x"}}"#.utf8)
    return ModelFile.assemble(headerJSON: header, dataByteCount: 16, version: version, flags: flags) { data in
        for index in 0..<3 { data.storeBytes(of: Float(index).bitPattern.littleEndian, toByteOffset: 4 * index, as: UInt32.self) }
    }
}

/// `bytes` with other lengths in the preamble, its checksum recomputed (so that only
/// the lengths are wrong).
private func rewritingPreamble(_ bytes: Data, headerLength: UInt64?, fileLength: UInt64?) -> Data {
    var result = bytes
    result.withUnsafeMutableBytes { raw in
        if let headerLength { raw.storeBytes(of: headerLength.littleEndian, toByteOffset: 16, as: UInt64.self) }
        if let fileLength { raw.storeBytes(of: fileLength.littleEndian, toByteOffset: 24, as: UInt64.self) }
        let checksum = ModelFile.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<32]))
        raw.storeBytes(of: checksum.littleEndian, toByteOffset: 32, as: UInt64.self)
    }
    return result
}

private func isInvalidMetadata(_ error: ModelFileError) -> Bool {
    if case .invalidMetadata = error { return true }
    return false
}

/// The ``ModelFileError`` that `body` throws; records an issue if it throws nothing or
/// another error.
private func refusal<Result>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Result) -> ModelFileError? {
    do {
        _ = try body()
        Issue.record("expected a ModelFileError, got none", sourceLocation: sourceLocation)
        return nil
    } catch let error as ModelFileError {
        return error
    } catch {
        Issue.record("expected a ModelFileError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A fresh directory under the system's temporary directory.
private struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("modelfile-tests-\(UInt64.random(in: 0...UInt64.max))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    /// Names of the entries, hidden ones included (temporary files start with a dot), sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
