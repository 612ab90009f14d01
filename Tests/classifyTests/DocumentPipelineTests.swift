import Foundation
import NLP
import Testing
@testable import classify

@Suite struct DocumentPipelineTests {
    /// Counts the documents being processed at once, and the most seen.
    final class Concurrency: @unchecked Sendable {
        private let lock = NSLock()
        private var current = 0
        private(set) var most = 0

        func enter() { lock.lock(); current += 1; most = max(most, current); lock.unlock() }
        func leave() { lock.lock(); current -= 1; lock.unlock() }
    }

    static func corpus(count: Int) throws -> URL {
        let url = CLI.temporaryDirectory().appendingPathComponent("corpus.jsonl")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lines = (0..<count).map { #"{"id": "doc-\#($0)", "text": "Bài số \#($0)."}"# }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url
    }

    @Test(arguments: [1, 2, 3])
    func emitsInInputOrderWithAtMostJobsWorkers(jobs: Int) throws {
        let corpus = try Self.corpus(count: 1_000)   // four batches: they overlap
        defer { try? FileManager.default.removeItem(at: corpus.deletingLastPathComponent()) }
        var reader = InputReader(inputs: [corpus.path])
        let concurrency = Concurrency()
        var emitted: [String] = []
        let counts = try DocumentPipeline(jobs: jobs).run(&reader) { document -> String in
            concurrency.enter()
            defer { concurrency.leave() }
            usleep(100)   // long enough for workers of two batches to overlap, were they allowed to
            return document.id
        } emit: { document, output in
            #expect(document.id == output)
            emitted.append(output)
        }
        #expect(counts.done == 1_000 && counts.failed == 0 && !counts.interrupted)
        #expect(emitted == (0..<1_000).map { "doc-\($0)" })
        // How many overlap depends on the load of the machine; never more than `jobs`.
        #expect(concurrency.most <= jobs)
    }

    /// Workers record their outcomes at the same moments when processing takes no
    /// time: every outcome must survive. (Outcomes kept in an Array that workers
    /// wrote through `withUnsafeMutableBufferPointer` were lost here.)
    @Test func noOutcomeIsLostWhenWorkersFinishTogether() throws {
        let corpus = try Self.corpus(count: 4_000)
        defer { try? FileManager.default.removeItem(at: corpus.deletingLastPathComponent()) }
        for _ in 0..<10 {
            var reader = InputReader(inputs: [corpus.path])
            var emitted = 0
            let counts = try DocumentPipeline(jobs: 4).run(&reader) { $0.id } emit: { document, output in
                #expect(output == "doc-\(emitted)")
                emitted += 1
            }
            #expect(counts.done == 4_000 && counts.failed == 0)
        }
    }

    @Test func stopsBetweenBatchesAndKeepsWhatIsDone() throws {
        let corpus = try Self.corpus(count: 1_000)
        defer { try? FileManager.default.removeItem(at: corpus.deletingLastPathComponent()) }
        var reader = InputReader(inputs: [corpus.path])
        var emitted = 0
        let counts = try DocumentPipeline(jobs: 2).run(&reader, stop: { emitted >= 256 }) { $0.id } emit: { _, _ in
            emitted += 1
        }
        #expect(counts.interrupted)
        #expect(counts.done == emitted)
        #expect(emitted >= 256 && emitted < 1_000 && emitted % 256 == 0)
    }
}
