import Foundation
import NLP
import Testing
@testable import Train

@Suite struct TrainerTests {
    /// Synthetic articles: each label has its own vocabulary, mixed with shared filler.
    static func documents(multiLabel: Bool) -> [LabelledDocument] {
        let words = ["cell": "chi bộ sinh hoạt định kỳ phê bình", "recruit": "kết nạp đảng viên quần chúng ưu tú",
                     "study": "học tập nghị quyết lý luận chính trị"]
        let filler = "năm nay xã huyện tỉnh cán bộ nhân dân phát triển"
        var documents: [LabelledDocument] = []
        for index in 0..<60 {
            let labels: [String]
            if multiLabel {
                labels = index % 4 == 3 ? [] : (index % 5 == 0 ? ["cell", "recruit"] : [["cell", "recruit", "study"][index % 3]])
            } else {
                labels = [["cell", "recruit", "study"][index % 3]]
            }
            let body = labels.map { words[$0]! }.joined(separator: ". ") + ". " + filler + " \(index)."
            documents.append(LabelledDocument(id: "d\(index)", text: "Tin số \(index)\n\n" + body, labels: labels))
        }
        return documents
    }

    @Test func singleLabelTrainingReportsAndPredicts() throws {
        let dataset = try Dataset(documents: Self.documents(multiLabel: false), source: "synthetic")
        let result = try Trainer.train(dataset, options: TrainingOptions(evaluation: .folds(3), threads: 2))
        #expect(result.classifier.metadata.model == .softmax)
        #expect(result.report!.accuracy > 0.95)
        let prediction = result.classifier.predict(ArticleCleaner().clean("Tin\n\nkết nạp đảng viên quần chúng ưu tú"))
        #expect(prediction.primary == "recruit")
    }

    @Test func multiLabelTrainingTunesThresholds() throws {
        let dataset = try Dataset(documents: Self.documents(multiLabel: true), source: "synthetic")
        #expect(dataset.isMultiLabel)
        let result = try Trainer.train(dataset, options: TrainingOptions(evaluation: .folds(3), threads: 2))
        #expect(result.classifier.metadata.model == .oneVsRestLogistic)
        #expect(result.classifier.metadata.thresholds.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(result.report!.macroF1 > 0.9)
        #expect(result.classifier.predict(ArticleCleaner().clean("Tin\n\nnăm nay xã huyện tỉnh")).labels.isEmpty)
    }

    @Test func crossValidationGivesOneReportPerFold() throws {
        let dataset = try Dataset(documents: Self.documents(multiLabel: false), source: "synthetic")
        let reports = try Trainer.crossValidate(dataset, folds: 4, options: TrainingOptions(threads: 2))
        #expect(reports.count == 4)
        #expect(reports.reduce(0) { $0 + $1.documents } == 60)
    }

    @Test func aLabelTooRareForTheFoldsIsAnError() throws {
        var documents = Self.documents(multiLabel: false)
        documents.append(LabelledDocument(id: "rare", text: "Một mình", labels: ["rare"]))
        let dataset = try Dataset(documents: documents, source: "synthetic")
        #expect(throws: DatasetError.tooFewExamplesForFolds("synthetic", label: "rare", count: 1, folds: 5)) {
            try Trainer.train(dataset, options: TrainingOptions(evaluation: .folds(5), threads: 2))
        }
    }

    @Test func trainingIsDeterministic() throws {
        let dataset = try Dataset(documents: Self.documents(multiLabel: true), source: "synthetic")
        let options = TrainingOptions(evaluation: .folds(3), seed: 5, threads: 2)
        let a = try Trainer.train(dataset, options: options), b = try Trainer.train(dataset, options: options)
        #expect(a.classifier.model.weights == b.classifier.model.weights)
        #expect(a.classifier.metadata.thresholds == b.classifier.metadata.thresholds)
    }
}
