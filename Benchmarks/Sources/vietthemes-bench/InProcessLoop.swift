import Foundation
import NLP

/// Times the in-process loop of the `summarize` and `predict` tasks: each raw document
/// normalized, cleaned and handed to `body`, on `threads` threads. Outside the main
/// actor, as the loop runs on worker threads.
enum InProcessLoop {
    /// Seconds for the whole loop and the sum of `body`'s results (kept so that the
    /// work cannot be optimized away).
    static func time(_ documents: [String], threads: Int, _ body: @escaping @Sendable (Article) -> Int) -> (Double, Int) {
        let cleaner = ArticleCleaner()
        // Small chunks, so that both threads stay busy to the end.
        let chunks = contiguousChunks(documents.count, parts: threads * 16)
        let start = Date()
        let sink = parallelMap(chunks.count) { chunk in
            documents[chunks[chunk]].reduce(0) { $0 + body(cleaner.clean(TextNormalizer.normalize($1))) }
        }.reduce(0, +)
        return (Date().timeIntervalSince(start), sink)
    }
}
