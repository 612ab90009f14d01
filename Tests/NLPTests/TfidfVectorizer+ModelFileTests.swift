import Foundation
import Testing
@testable import NLP

@Suite struct TfidfVectorizerModelFileTests {
    let corpus = ["chi bộ họp", "chi bộ kết nạp", "kết nạp kết nạp đảng viên", "đảng viên mới"]

    func encoded(_ vectorizer: TfidfVectorizer, replacing name: String? = nil,
                 with replacement: (inout ModelFile.Builder) -> Void = { _ in }) throws -> Data {
        var all = try ModelFile.Builder(metadataJSON: Data("{}".utf8))
        vectorizer.addSections(to: &all)
        guard let name else { return all.encoded() }
        // The same sections in the same order, one of them swapped for `replacement`.
        let file = try ModelFile(data: all.encoded())
        var builder = try ModelFile.Builder(metadataJSON: Data("{}".utf8))
        for section in file.sections {
            if section.name == name { replacement(&builder); continue }
            switch section.elementType {
            case .uint64: builder.add(name: section.name, uint64s: try file.uint64s(section.name))
            case .int32: builder.add(name: section.name, int32s: try file.int32s(section.name))
            case .uint32: builder.add(name: section.name, uint32s: try file.uint32s(section.name))
            case .uint8: builder.add(name: section.name, bytes: try file.bytes(section.name))
            case .float32: builder.add(name: section.name, floats: try file.floats(section.name))
            }
        }
        return builder.encoded()
    }

    func load(_ data: Data, _ configuration: TfidfVectorizer.Configuration) throws -> TfidfVectorizer {
        try TfidfVectorizer(from: ModelFile(data: data, name: "v.model"), configuration: configuration, documentCount: 4)
    }

    @Test func roundTripVectorizesAndIndexesAsTheOriginal() throws {
        let original = TfidfVectorizer.fit(corpus)
        let loaded = try load(encoded(original), original.configuration)
        for document in corpus + ["bộ họp đảng viên chi bộ", "không có"] {
            let a = original.transform(document), b = loaded.transform(document)
            #expect(a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1))
        }
        // The table rebuilt on demand is the one stored, slot for slot.
        #expect(loaded.state.vocabulary.table.keys == original.state.vocabulary.table.keys)
        #expect(loaded.state.vocabulary.table.values == original.state.vocabulary.table.values)
        #expect(loaded.state.vocabulary.column(ofText: "đảng viên") == original.state.vocabulary.column(ofText: "đảng viên"))
        // Writing the loaded vectorizer again gives the same bytes.
        #expect(try encoded(loaded) == encoded(original))
    }

    @Test func refusesAZeroFeatureKey() throws {
        let vectorizer = TfidfVectorizer.fit(corpus)
        var keys = vectorizer.state.vocabulary.keys
        keys[1] = 0
        let data = try encoded(vectorizer, replacing: "vocabulary.keys") { $0.add(name: "vocabulary.keys", uint64s: keys) }
        #expect(throws: ModelFileError.incompatibleMetadata(path: "v.model", detail: "vocabulary: a feature key is 0")) {
            try load(data, vectorizer.configuration)
        }
    }

    @Test func refusesALookupTableOfTheWrongShape() throws {
        let vectorizer = TfidfVectorizer.fit(corpus)
        let slots = vectorizer.state.vocabulary.table.values.count
        let data = try encoded(vectorizer, replacing: "vocabulary.slots.values") {
            $0.add(name: "vocabulary.slots.values", int32s: ContiguousArray(repeating: 0, count: slots / 2))
        }
        #expect(throws: ModelFileError.self) { try load(data, vectorizer.configuration) }
        let missing = try encoded(vectorizer, replacing: "vocabulary.slots.keys") { _ in }
        #expect(throws: ModelFileError.missingSection(path: "v.model", name: "vocabulary.slots.keys")) {
            try load(missing, vectorizer.configuration)
        }
    }
}
