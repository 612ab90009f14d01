import Testing
@testable import Train

@Suite struct ClassWeightsTests {
    @Test func balancedWeightsFollowScikitLearn() {
        // n = 6, k = 3 classes present: 6 / (3 × count).
        let weights = balancedClassWeights(classes: [0, 0, 0, 1, 1, 2], classCount: 3)
        #expect(weights == [6.0 / 9, 1, 2])
        // Weighted rows sum to n.
        #expect(3 * weights[0] + 2 * weights[1] + weights[2] == 6)
    }

    @Test func absentClassesGetZeroAndDoNotCount() {
        // Class 1 never occurs: k = 2 present classes.
        #expect(balancedClassWeights(classes: [0, 2, 2, 2], classCount: 3) == [2, 0, 4.0 / 6])
    }

    @Test func oneVsRestWeightsArePerLabelBinaryProblems() {
        // 4 rows × 3 labels: label 0 on 1 row, label 1 on 2 rows, label 2 on none.
        let indicators = [true, true, false,
                          false, true, false,
                          false, false, false,
                          false, false, false]
        let (positive, negative) = balancedBinaryWeights(indicators: indicators, labelCount: 3)
        #expect(positive == [2, 1, 0])
        #expect(negative == [4.0 / 6, 1, 1])
    }
}
