import Testing
@testable import Train

@Suite struct ClassificationReportTests {
    @Test func singleLabelScoresByHand() {
        // truth a a a b b c; predicted a a b b b a
        // a: tp 2, fp 1, fn 1 → P 2/3, R 2/3, F 2/3;  b: tp 2, fp 1, fn 0 → P 2/3, R 1, F 0.8;  c: tp 0 → F 0
        let report = ClassificationReport(labelNames: ["a", "b", "c"], truth: [["a"], ["a"], ["a"], ["b"], ["b"], ["c"]],
                                          predicted: [["a"], ["a"], ["b"], ["b"], ["b"], ["a"]], multiLabel: false)
        #expect(abs(report.labels[0].f1 - 2.0 / 3) < 1e-9 && abs(report.labels[1].f1 - 0.8) < 1e-9 && report.labels[2].f1 == 0)
        #expect(abs(report.accuracy - 4.0 / 6) < 1e-9)
        #expect(abs(report.macroF1 - (2.0 / 3 + 0.8 + 0) / 3) < 1e-9)
        #expect(report.confusion == [[2, 1, 0], [0, 2, 0], [1, 0, 0]])
        #expect(report.labels.map(\.support) == [3, 2, 1])
    }

    @Test func multiLabelScoresEachLabelAndThePrimary() {
        let report = ClassificationReport(labelNames: ["x", "y"], truth: [["x", "y"], ["y"], []],
                                          predicted: [["x"], ["y"], ["x"]], multiLabel: true,
                                          truePrimary: ["x", "y", nil], predictedPrimary: ["x", "y", "x"])
        // x: tp 1, fp 1, fn 0 → F 2/3; y: tp 1, fp 0, fn 1 → F 2/3; exact sets: 1 of 3
        #expect(abs(report.labels[0].f1 - 2.0 / 3) < 1e-9 && abs(report.labels[1].f1 - 2.0 / 3) < 1e-9)
        #expect(abs(report.accuracy - 1.0 / 3) < 1e-9)
        #expect(abs(report.primaryAccuracy! - 2.0 / 3) < 1e-9)
        #expect(report.confusionLabels == ["x", "y", "none"])
        #expect(report.confusion[2] == [1, 0, 0])   // a no-theme document predicted x
        #expect(abs(report.microF1! - 2.0 * 2 / (2 * 2 + 1 + 1)) < 1e-9)
        #expect(report.formatted(title: "t").contains("primary accuracy"))
    }
}

@Suite struct ThresholdTuningTests {
    @Test func findsTheThresholdThatSeparates() {
        let threshold = ThresholdTuning.bestThreshold(probabilities: [0.9, 0.8, 0.6, 0.4, 0.2], truth: [true, true, true, false, false])
        #expect(threshold > 0.4 && threshold <= 0.6)
    }

    @Test func noPositivesMeansNeverPredict() {
        #expect(ThresholdTuning.bestThreshold(probabilities: [0.9, 0.1], truth: [false, false]) == 1)
    }

    @Test func crossFittedThresholdsComeFromOtherGroups() {
        // Group 0 alone would choose a low threshold, group 1 a high one.
        let probabilities: [Float] = [0.3, 0.1, 0.9, 0.7]
        let truth = [true, false, true, false]
        let thresholds = ThresholdTuning.crossFitted(probabilities: probabilities, truth: truth, labelCount: 1, groups: [0, 0, 1, 1])
        #expect(thresholds[0] == thresholds[1] && thresholds[2] == thresholds[3])
        #expect(thresholds[0] > 0.7)        // tuned on group 1
        #expect(thresholds[2] < 0.3)        // tuned on group 0
    }
}

@Suite struct FoldsTests {
    @Test func stratifiedFoldsSpreadEachStratum() {
        let strata = Array(repeating: "a", count: 10) + Array(repeating: "b", count: 5)
        let folds = Folds.stratified(strata: strata, count: 5, seed: 7)
        for fold in 0..<5 {
            #expect(strata.indices.filter { folds[$0] == fold && strata[$0] == "a" }.count == 2)
            #expect(strata.indices.filter { folds[$0] == fold && strata[$0] == "b" }.count == 1)
        }
        #expect(folds == Folds.stratified(strata: strata, count: 5, seed: 7))
        #expect(folds != Folds.stratified(strata: strata, count: 5, seed: 8))
    }

    @Test func holdOutTakesAShareOfEachStratum() {
        let strata = Array(repeating: "a", count: 20) + Array(repeating: "b", count: 2)
        let held = Folds.holdOut(strata: strata, fraction: 0.25, seed: 1)
        #expect(strata.indices.filter { held[$0] && strata[$0] == "a" }.count == 5)
        #expect(strata.indices.filter { held[$0] && strata[$0] == "b" }.count == 1)
    }
}
