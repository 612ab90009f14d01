import Testing
@testable import Train

@Suite struct OneVsRestTargetsTests {
    @Test func eachPairGetsItsSideWeightTimesItsRowWeight() {
        // Two rows, two labels: row 0 has label 1, row 1 has label 0.
        let targets = OneVsRestTargets(indicators: [false, true, true, false], labelCount: 2,
                                       positiveWeights: [3, 5], negativeWeights: [7, 11], sampleWeights: [2, 0.5])
        #expect(targets.rowCount == 2)
        let r0 = targets.rowWeight(0), r1 = targets.rowWeight(1)
        #expect(targets.target(row: 0, label: 0, rowWeight: r0) == (-1, 14))    // negative side of label 0, × 2
        #expect(targets.target(row: 0, label: 1, rowWeight: r0) == (1, 10))     // positive side of label 1, × 2
        #expect(targets.target(row: 1, label: 0, rowWeight: r1) == (1, 1.5))
        #expect(targets.target(row: 1, label: 1, rowWeight: r1) == (-1, 5.5))
    }

    @Test func defaultsAreAllOnes() {
        let targets = OneVsRestTargets(indicators: [true, false, false], labelCount: 1)
        #expect(targets.rowCount == 3 && targets.rowWeight(2) == 1)
        #expect(targets.target(row: 1, label: 0, rowWeight: 1) == (-1, 1))
    }
}
