import Foundation

/// Output of a benchmark run: one JSON line on standard output.
enum Report {
    static func print(_ fields: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    /// Peak resident set size of this process so far, in MB (getrusage, KiB on Linux).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
