import Testing
@testable import Train

@Suite struct VectorMathTests {
    /// Long enough to be split into chunks.
    let count = 200_003
    var x: [Float] { (0..<count).map { Float(($0 * 37) % 101) / 16 - 3 } }
    var y: [Float] { (0..<count).map { Float(($0 * 53) % 89) / 8 - 5 } }

    @Test func chunksAreAlignedAndCoverTheVector() {
        let chunks = VectorMath(threads: 3).chunks(count)
        #expect(chunks.count == 3 && chunks.first?.lowerBound == 0 && chunks.last?.upperBound == count)
        #expect(chunks.dropFirst().allSatisfy { $0.lowerBound % 16 == 0 })
        #expect(VectorMath(threads: 3).chunks(1000) == [0..<1000])
    }

    @Test func dotAccumulatesInDouble() {
        let expected = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        for threads in [1, 2, 3] {
            let dot = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { VectorMath(threads: threads).dot(x, $0) } }
            #expect(abs(dot - expected) <= 1e-12 * abs(expected))
        }
        let norm = x.withUnsafeBufferPointer { VectorMath(threads: 2).norm($0) }
        #expect(abs(norm - x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) < 1e-9)
    }

    @Test func axpyScaleCopyAndZero() {
        let math = VectorMath(threads: 2)
        var target = y
        x.withUnsafeBufferPointer { x in target.withUnsafeMutableBufferPointer { math.addScaled(0.5, x, to: $0) } }
        #expect(target == zip(x, y).map { 0.5 * $0 + $1 })
        target.withUnsafeMutableBufferPointer { math.scale($0, by: -2) }
        #expect(target == zip(x, y).map { -2 * (0.5 * $0 + $1) })
        x.withUnsafeBufferPointer { x in target.withUnsafeMutableBufferPointer { math.copy(x, to: $0) } }
        #expect(target == x)
        target.withUnsafeMutableBufferPointer { math.setZero($0) }
        #expect(target.allSatisfy { $0 == 0 })
    }
}
