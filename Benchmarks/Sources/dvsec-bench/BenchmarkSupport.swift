import Foundation

/// The size of the generated organisation every section measures.
struct BenchmarkConfig: Sendable {
    var users: Int
    var teams: Int
    var roles: Int
    var tables: Int
    var seed: UInt64 = 42
}

/// One named group of figures.
struct BenchmarkSection: Sendable {
    var name: String
    var run: @Sendable (BenchmarkConfig) -> Void
}

/// Every section, in the order `all` runs them. Add yours here.
let benchmarkSections: [BenchmarkSection] = [
    BenchmarkSection(name: "engine", run: runEngineBenchmarks),
    BenchmarkSection(name: "import", run: runImportBenchmark),
    BenchmarkSection(name: "diff", run: runDiffBenchmark),
    BenchmarkSection(name: "console", run: runConsoleBenchmark),
]

/// Wall-clock seconds of `body`.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Prints one figure as `name: value unit`.
func report(_ name: String, _ value: Double, _ unit: String) {
    let formatted = value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    FileHandle.standardOutput.write(Data("\(name): \(formatted) \(unit)\n".utf8))
}

/// Peak resident memory of this process so far, in bytes (VmHWM).
func peakMemoryBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// A temporary folder for benchmark files.
func benchmarkDirectory() -> String {
    let dir = NSTemporaryDirectory() + "dvsec-bench-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
