import Testing
@testable import Train

@Suite struct TargetsTests {
    @Test func singleLabelTargetsBecomeOneHotRows() {
        let targets = Targets.singleLabel(classes: [2, 0], classCount: 3)
        #expect(targets.rowCount == 2 && targets.labelCount == 3)
        #expect(targets.indicators == [false, false, true, true, false, false])
    }

    @Test func multiLabelTargetsKeepTheirIndicators() {
        let targets = Targets.multiLabel(indicators: [true, true, false, false], labelCount: 2)
        #expect(targets.rowCount == 2 && targets.labelCount == 2)
        #expect(targets.indicators == [true, true, false, false])
    }
}
