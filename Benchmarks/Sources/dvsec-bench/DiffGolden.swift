import Foundation
import SecurityModel

/// `diff-golden DIR`: writes the JSON and text output of many comparisons (the benchmark's pair,
/// then small organisations edited at random in every way the console can) into `DIR`, one file
/// per comparison. Run it before and after an optimisation and compare the folders byte for byte:
/// a faster diff must say exactly the same thing.
func runDiffGolden(_ args: [String]) {
    guard let dir = args.first else { return }
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ result: SnapshotDiffResult) {
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).json", contents: DiffJSON.data(result))
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).txt", contents: Data(DiffTextRenderer().render(result).utf8))
        let colour = DiffTextRenderer(style: ANSIStyle(enabled: true)).render(result)
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).colour.txt", contents: Data(colour.utf8))
        let summary = DiffTextRenderer(impactDetail: .summary).render(result)
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).summary.txt", contents: Data(summary.utf8))
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).md", contents: Data(DiffMarkdownRenderer().render(result).utf8))
    }
    let large = args.count > 1 ? Int(args[1]) ?? 0 : 0
    if large > 0 {
        let base = SnapshotGenerator.generate(users: large, teams: large / 20, roles: large / 100, tables: 300, seed: 42)
        if let env = base.sortedEnvironments.first {
            let (edited, _) = editOnePercent(env, seed: 43)
            var target = base
            target.environments[env.id] = edited
            write("large", SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false)))
        }
    }
    for seed in 0..<60 {
        let original = SnapshotGenerator.generate(users: 200 + seed * 7, teams: 30, roles: 12, tables: 20, seed: UInt64(seed))
        var edited = original
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        for _ in 0..<(2 + seed % 12) {
            guard let env = edited.sortedEnvironments.first else { break }
            _ = try? edited.apply(RandomEdits.change(in: env, using: &rng))
        }
        let checks = seed % 5 == 0
        write("s\(seed)-forward", SnapshotDiff.compare(base: original, target: edited, options: DiffOptions(runChecks: checks)))
        write("s\(seed)-backward", SnapshotDiff.compare(base: edited, target: original, options: DiffOptions(runChecks: checks)))
        if seed % 7 == 0 {
            write(
                "s\(seed)-nopaths",
                SnapshotDiff.compare(
                    base: original, target: edited,
                    options: DiffOptions(explainPaths: false, runChecks: false)))
        }
    }
}
