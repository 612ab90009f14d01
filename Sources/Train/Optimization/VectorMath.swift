import CBLAS
import NLP

/// Dense `Float` vector operations through CBLAS, each split into a fixed set of
/// contiguous chunks that run on up to `threads` cores.
///
/// The chunks depend only on the vector length and `threads`, and partial dot
/// products are added in chunk order, so results are bit-identical from run to run
/// for the same `threads`. Dot products use `cblas_dsdot` (`Float` data, `Double`
/// accumulation): the optimizer's line search compares objective values whose
/// differences are far below `Float` precision. Norms are square roots of those dot
/// products (the reference `snrm2` rescales element by element and is several times
/// slower).
///
/// Every operation is O(n) time and O(threads) extra memory.
public struct VectorMath: Sendable {
    /// Number of chunks (and at most that many cores) per operation.
    public let threads: Int

    /// Vectors shorter than this are handled by one BLAS call: below it, dispatching
    /// to other cores costs more than it saves.
    static let minimumParallelLength = 1 << 16

    /// Operations split over `threads` chunks (at least 1).
    public init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// The chunks of `0..<count`: `threads` near-equal ranges whose inner boundaries
    /// are multiples of 16 elements (64 bytes), so no two chunks write one cache line.
    func chunks(_ count: Int) -> [Range<Int>] {
        let parts = count < VectorMath.minimumParallelLength ? 1 : threads
        var bounds = [0]
        for part in 1..<parts { bounds.append(min(count, (count * part / parts) & ~15)) }
        bounds.append(count)
        return (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// Runs `body` on every chunk of `0..<count`, in parallel when there is more than one.
    private func forEachChunk(_ count: Int, _ body: (Range<Int>) -> Void) {
        let parts = chunks(count)
        if parts.count == 1 { body(parts[0]); return }
        _ = parallelMap(parts.count) { body(parts[$0]) }
    }

    /// `x · y`, accumulated in `Double`.
    public func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        precondition(x.count == y.count)
        let parts = chunks(x.count)
        let sums: [Double]
        if parts.count <= 1 {
            sums = parts.map { VectorMath.dot(x, y, $0) }
        } else {
            sums = parallelMap(parts.count) { VectorMath.dot(x, y, parts[$0]) }
        }
        var total = 0.0
        for sum in sums { total += sum }
        return total
    }

    private static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ range: Range<Int>) -> Double {
        cblas_dsdot(Int32(range.count), x.baseAddress! + range.lowerBound, 1, y.baseAddress! + range.lowerBound, 1)
    }

    /// `‖x‖²`, accumulated in `Double`.
    public func squaredNorm(_ x: UnsafeBufferPointer<Float>) -> Double { dot(x, x) }

    /// `‖x‖₂`.
    public func norm(_ x: UnsafeBufferPointer<Float>) -> Double { squaredNorm(x).squareRoot() }

    /// `y ← y + alpha·x` (`cblas_saxpy`).
    public func addScaled(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, to y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == y.count)
        forEachChunk(x.count) { range in
            cblas_saxpy(Int32(range.count), alpha, x.baseAddress! + range.lowerBound, 1, y.baseAddress! + range.lowerBound, 1)
        }
    }

    /// `x ← alpha·x` (`cblas_sscal`).
    public func scale(_ x: UnsafeMutableBufferPointer<Float>, by alpha: Float) {
        forEachChunk(x.count) { range in
            cblas_sscal(Int32(range.count), alpha, x.baseAddress! + range.lowerBound, 1)
        }
    }

    /// `x ← diag(diagonal)·x`, the element-wise product (`cblas_stbmv` with a band of
    /// width 0: BLAS's element-wise multiply).
    public func multiply(_ x: UnsafeMutableBufferPointer<Float>, byDiagonal diagonal: UnsafeBufferPointer<Float>) {
        precondition(x.count == diagonal.count)
        forEachChunk(x.count) { range in
            cblas_stbmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(range.count), 0,
                        diagonal.baseAddress! + range.lowerBound, 1, x.baseAddress! + range.lowerBound, 1)
        }
    }

    /// `y ← x` (`cblas_scopy`).
    public func copy(_ x: UnsafeBufferPointer<Float>, to y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == y.count)
        forEachChunk(x.count) { range in
            cblas_scopy(Int32(range.count), x.baseAddress! + range.lowerBound, 1, y.baseAddress! + range.lowerBound, 1)
        }
    }

    /// `x ← 0` (a memory fill: BLAS has no cheaper way to write zeros).
    public func setZero(_ x: UnsafeMutableBufferPointer<Float>) {
        forEachChunk(x.count) { range in
            UnsafeMutableBufferPointer(rebasing: x[range]).update(repeating: 0)
        }
    }
}
