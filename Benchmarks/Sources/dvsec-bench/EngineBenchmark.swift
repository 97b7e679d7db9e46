import Foundation
import SecurityModel

/// Figures for issue 2: snapshot size, load and save time (with Python's json.load on the same
/// file as the yardstick), effective access for every user, one who-can query, peak memory.
func runEngineBenchmarks(_ config: BenchmarkConfig) {
    let path = generatedSnapshotPath(config)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    report("engine.snapshot_size", Double(size) / 1_048_576, "MiB")
    report("engine.memory_before_load", Double(peakMemoryBytes()) / 1_048_576, "MiB")

    let (loaded, loadSeconds) = measure { try? SnapshotFile.load(path: path) }
    guard let (snapshot, file) = loaded else {
        report("engine.load_failed", 1, "")
        return
    }
    report("engine.load_time", loadSeconds, "s")
    report("engine.peak_memory_after_load", Double(peakMemoryBytes()) / 1_048_576, "MiB")
    let python = pythonJSONLoadSeconds(path)
    if let python {
        report("engine.python_json_load_time", python, "s")
        report("engine.load_vs_python_ratio", loadSeconds / python, "x (below 1 is faster)")
    }

    guard let env = snapshot.sortedEnvironments.first else { return }
    let (index, indexSeconds) = measure { AccessIndex(environment: env) }
    report("engine.access_index_build_time", indexSeconds, "s")
    var checksum = 0
    var cells = 0
    let (_, allSeconds) = measure {
        index.forEachEffectiveMatrix { _, matrix in
            for row in matrix { checksum &+= Int(row.storage.wrappedSum()) }
            cells += matrix.count * 8
        }
    }
    report("engine.effective_access_all_users_time", allSeconds, "s")
    report("engine.effective_access_all_users_with_index_time", allSeconds + indexSeconds, "s")
    report("engine.effective_access_cells", Double(cells), "cells (checksum \(checksum))")

    let table = env.tables["account"] != nil ? "account" : (env.tables.keys.sorted().first ?? "")
    var samples: [Double] = []
    var found = 0
    for _ in 0..<5 {
        let (answer, seconds) = measure { index.whoCan(table: table, operation: .delete, minimumLevel: .businessUnit) }
        samples.append(seconds)
        found = answer.users.count
    }
    samples.sort()
    report("engine.who_can_time_median", samples[samples.count / 2] * 1000, "ms (\(found) users can delete \(table) at Local+)")

    var copy = file
    let (_, saveSeconds) = measure { try? copy.save(snapshot, force: true) }
    report("engine.save_time", saveSeconds, "s")
    let peak = peakMemoryBytes()
    report("engine.peak_memory", Double(peak) / 1_048_576, "MiB")
    if size > 0 { report("engine.peak_memory_vs_file_size", Double(peak) / Double(size), "x") }
}

/// The generated snapshot for this configuration, written once by a child process so that this
/// process's peak memory measures loading, not generating.
func generatedSnapshotPath(_ config: BenchmarkConfig) -> String {
    let path =
        NSTemporaryDirectory() + "dvsec-bench-u\(config.users)-t\(config.teams)-r\(config.roles)-x\(config.tables)-s\(config.seed).json"
    if FileManager.default.fileExists(atPath: path) { return path }
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = [
        "write-generated", path, "\(config.users)", "\(config.teams)", "\(config.roles)", "\(config.tables)", "\(config.seed)",
    ]
    let start = DispatchTime.now().uptimeNanoseconds
    try? child.run()
    child.waitUntilExit()
    report("engine.generate_and_write_time", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, "s (child process)")
    return path
}

/// Child-process mode: generate and write a snapshot.
func writeGenerated(_ args: [String]) {
    guard args.count == 6, let u = Int(args[1]), let t = Int(args[2]), let r = Int(args[3]), let x = Int(args[4]),
        let seed = UInt64(args[5])
    else { exit(2) }
    let snapshot = SnapshotGenerator.generate(users: u, teams: t, roles: r, tables: x, seed: seed)
    let data = SnapshotWriter.data(for: snapshot)
    _ = FileManager.default.createFile(atPath: args[0], contents: data)
}

/// `python3 -c 'import json,sys; json.load(open(sys.argv[1]))'` on the same file, timed around
/// the load itself (interpreter start-up excluded), best of three.
func pythonJSONLoadSeconds(_ path: String) -> Double? {
    let script = "import json,sys,time\nt=time.perf_counter()\njson.load(open(sys.argv[1]))\nprint(time.perf_counter()-t)"
    var best: Double?
    for _ in 0..<3 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { return nil }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard let s = String(data: out, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), let v = Double(s) else {
            return nil
        }
        best = min(best ?? v, v)
    }
    return best
}
