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
    func run<Output>(_ reader: inout InputReader,
                     progress: ProgressLine? = nil,
                     skip: (InputItem) -> Bool = { _ in false },
                     stop: () -> Bool = { false },
                     process: (InputDocument) throws -> Output,
                     emit: (InputDocument, Output) throws -> Void,
                     batchDone: () throws -> Void = {}) throws -> Counts {
        var counts = Counts()
        var batch: [InputItem] = []
        batch.reserveCapacity(batchSize)
        var exhausted = false
        while !exhausted {
            if stop() { counts.interrupted = true; break }
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize {
                guard let item = reader.next() else { exhausted = true; break }
                if !skip(item) { batch.append(item) }
            }
            if batch.isEmpty { break }
            let parts = contiguousChunks(batch.count, parts: max(1, jobs))
            let results: [[Result<(InputDocument, Output), InputFailure>]] = parallelMap(parts.count) { part in
                parts[part].map { index in
                    let item = batch[index]
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
            for result in results.joined() {
                switch result {
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
        progress?.finish()
        return counts
    }
}
