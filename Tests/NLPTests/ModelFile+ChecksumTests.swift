import Foundation
import Testing
@testable import NLP

@Suite struct ModelFileChecksumTests {
    /// The test vectors of docs/model-format.md, computed there by an independent
    /// implementation of the written specification.
    static let documentedVectors: [(bytes: [UInt8], checksum: UInt64)] = [
        ([], 0xbf23_6b68_b172_c8f2),
        (Array("a".utf8), 0x4032_25ef_e3eb_5785),
        (Array("abc".utf8), 0x1a2d_d967_37cb_c4cf),
        (Array(0..<8), 0x21c6_3292_1fb2_fae7),
        (Array(0..<100), 0x467a_7111_02c1_59c4),
        (Array("Tiếng Việt".utf8), 0x4751_fbc6_63d1_cb1b),
    ]

    @Test(arguments: documentedVectors)
    func matchesTheDocumentedVectors(_ vector: (bytes: [UInt8], checksum: UInt64)) {
        #expect(ModelFile.checksum(vector.bytes) == vector.checksum)
    }

    /// Every single-byte change is detected: exhaustively over every position of
    /// buffers of every length up to 100 (covering whole stripes, 8-byte tail words and
    /// partial last words) and over every other value of the byte.
    @Test func detectsEverySingleByteChange() {
        var generator = ModelFileTestGenerator(seed: 42)
        for length in 1...100 {
            var buffer = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let original = ModelFile.checksum(buffer)
            var misses = 0
            for position in 0..<length {
                let kept = buffer[position]
                for delta in 1...255 {
                    buffer[position] = kept &+ UInt8(delta)
                    if ModelFile.checksum(buffer) == original { misses += 1 }
                }
                buffer[position] = kept
            }
            #expect(misses == 0, "length \(length)")
            #expect(ModelFile.checksum(buffer) == original)
        }
    }

    /// The guarantee covers any change confined to one aligned 8-byte word.
    @Test func detectsChangesWithinOneWord() {
        var generator = ModelFileTestGenerator(seed: 7)
        let buffer = (0..<256).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let original = ModelFile.checksum(buffer)
        for word in 0..<32 {
            for _ in 0..<200 {
                var changed = buffer
                let mask = generator.next() | 1
                for index in 0..<8 { changed[word * 8 + index] ^= UInt8(truncatingIfNeeded: mask >> UInt64(8 * index)) }
                #expect(ModelFile.checksum(changed) != original)
            }
        }
    }

    @Test func lengthIsPartOfTheChecksum() {
        #expect(ModelFile.checksum(Array("ab".utf8)) != ModelFile.checksum(Array("ab".utf8) + [0]))
        #expect(ModelFile.checksum([UInt8]()) != ModelFile.checksum([0]))
        #expect(ModelFile.checksum([UInt8](repeating: 0, count: 32)) != ModelFile.checksum([UInt8](repeating: 0, count: 40)))
    }

    @Test func doesNotDependOnAlignment() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let expected = ModelFile.checksum(Array(bytes[1...]))
        bytes.withUnsafeBytes { raw in
            #expect(ModelFile.checksum(UnsafeRawBufferPointer(rebasing: raw[1...])) == expected)
        }
    }

    /// Reports throughput (printed, never asserted: timing depends on the machine and
    /// the build configuration; run with `-c release` for meaningful numbers).
    @Test func reportsThroughput() {
        let count = 64 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 64)
        defer { buffer.deallocate() }
        var generator = ModelFileTestGenerator(seed: 1)
        for index in stride(from: 0, to: count, by: 8) { buffer.storeBytes(of: generator.next(), toByteOffset: index, as: UInt64.self) }
        let first = ModelFile.checksum(UnsafeRawBufferPointer(buffer))
        var best = Duration.seconds(1000)
        for _ in 0..<5 {
            let start = ContinuousClock.now
            let result = ModelFile.checksum(UnsafeRawBufferPointer(buffer))
            best = min(best, ContinuousClock.now - start)
            #expect(result == first)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print("model file checksum: \(String(format: "%.2f", Double(count) / seconds / 1e9)) GB/s over 64 MiB")
    }
}

/// A small deterministic generator for test data.
struct ModelFileTestGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
