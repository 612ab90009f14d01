import Dispatch
import Foundation
import NLP

/// Runs a per-document job over a stream of inputs on several threads, keeping the
/// input order: it reads a batch, processes it in parallel, emits the results in
/// order, and moves on, so memory stays bounded by one batch.
///
/// A failed input (unreadable, undecodable, or rejected by the job) is reported on
/// standard error and counted; the others go on.
struct DocumentPipeline {
    var jobs: Int
    var batchSize = 256

    struct Counts {
        var done = 0
        var failed = 0
        /// The run stopped early because `stop` returned true.
        var interrupted = false
    }

    /// Processes every item of `reader` not excluded by `skip`, calling `emit` in input
    /// order for each success. `process` is called concurrently.
    ///
    /// Two batches in flight: while the workers process them, the calling thread waits
    /// for the older one, emits its results and reads the next batch, so reading and
    /// writing overlap the work and memory holds at most two batches. Each batch is cut
    /// into small chunks that idle workers take, so a slow document does not hold up
    /// the others.
    func run<Output>(_ reader: inout InputReader,
                     progress: ProgressLine? = nil,
                     skip: (InputItem) -> Bool = { _ in false },
                     stop: () -> Bool = { false },
                     process: @escaping (InputDocument) throws -> Output,
                     emit: (InputDocument, Output) throws -> Void,
                     batchDone: () throws -> Void = {}) throws -> Counts {
        typealias Outcome = Result<(InputDocument, Output), InputFailure>
        var counts = Counts()
        var exhausted = false

        func readBatch() -> [InputItem] {
            // A reader that has ended is not asked again.
            guard !exhausted else { return [] }
            var batch: [InputItem] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize {
                guard let item = reader.next() else { exhausted = true; break }
                if !skip(item) { batch.append(item) }
            }
            return batch
        }

        func emitAll(_ outcomes: [Outcome]) throws {
            for outcome in outcomes {
                switch outcome {
                case .success(let (document, output)):
                    try emit(document, output)
                    counts.done += 1
                case .failure(let failure):
                    progress?.finish()
                    StandardError.report(failure)
                    counts.failed += 1
                }
            }
            try batchDone()
            progress?.update(counts.done + counts.failed)
        }

        let work = BatchWork(process: process, jobs: max(1, jobs))
        // Two batches in flight: the next one is queued before the calling thread waits
        // for the current one, so a worker that runs out of chunks moves straight on to
        // the next batch instead of idling at the end of each batch.
        var inFlight: [BatchWork<Output>.Running] = []
        while true {
            let batch = readBatch()
            if batch.isEmpty { break }
            if stop() { counts.interrupted = true; break }
            inFlight.append(work.start(batch))
            if inFlight.count > 1 { try emitAll(inFlight.removeFirst().wait()) }
        }
        for running in inFlight { try emitAll(running.wait()) }
        progress?.finish()
        return counts
    }
}

/// Batches of documents processed on a fixed number of worker threads in all, in
/// small chunks taken in order, while the caller does other work.
private final class BatchWork<Output>: @unchecked Sendable {
    typealias Outcome = Result<(InputDocument, Output), InputFailure>
    let process: (InputDocument) throws -> Output
    let jobs: Int
    /// Two batches can be queued at once; this keeps the workers of both to `jobs`.
    private let workers: DispatchSemaphore

    init(process: @escaping (InputDocument) throws -> Output, jobs: Int) {
        self.process = process
        self.jobs = jobs
        workers = DispatchSemaphore(value: jobs)
    }

    final class Running: @unchecked Sendable {
        let group = DispatchGroup()
        /// One slot per document, each written by exactly one worker. Raw memory, not an
        /// array: `Array.withUnsafeMutableBufferPointer` moves the array's storage out
        /// while its closure runs, so workers calling it at once lost each other's
        /// writes (a nil outcome, seen as a crash in `wait()`).
        private let outcomes: UnsafeMutablePointer<Outcome?>
        private let count: Int

        init(count: Int) {
            self.count = count
            outcomes = .allocate(capacity: max(1, count))
            outcomes.initialize(repeating: nil, count: count)
        }

        deinit {
            outcomes.deinitialize(count: count)
            outcomes.deallocate()
        }

        /// Records the outcome of document `index`; called once per index.
        func record(_ outcome: Outcome, at index: Int) {
            outcomes[index] = outcome
        }

        /// Waits for the batch and returns its outcomes in input order.
        func wait() -> [Outcome] {
            group.wait()
            return (0..<count).map { outcomes[$0]! }
        }
    }

    /// Starts processing `batch` on `jobs` threads and returns at once.
    func start(_ batch: [InputItem]) -> Running {
        let running = Running(count: batch.count)
        let chunk = 16
        let next = ManagedAtomicCounter()
        for _ in 0..<min(jobs, (batch.count + chunk - 1) / chunk) {
            running.group.enter()
            DispatchQueue.global().async {
                self.workers.wait()
                defer { self.workers.signal() }
                while true {
                    let start = next.add(chunk)
                    if start >= batch.count { break }
                    for index in start..<min(start + chunk, batch.count) {
                        running.record(self.outcome(of: batch[index]), at: index)
                    }
                }
                running.group.leave()
            }
        }
        return running
    }

    private func outcome(of item: InputItem) -> Outcome {
        switch item.load() {
        case .failure(let failure):
            return .failure(failure)
        case .success(let document):
            do {
                return .success((document, try process(document)))
            } catch let failure as InputFailure {
                return .failure(failure)
            } catch {
                return .failure(InputFailure(source: item.source, problem: "\(error)"))
            }
        }
    }
}

/// A counter that threads advance together (which chunk to take next).
private final class ManagedAtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds `amount` and returns the value before.
    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value += amount
        return old
    }
}
