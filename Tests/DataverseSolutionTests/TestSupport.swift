import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Paths of the fixtures and throwaway folders for tests.
enum Fixture {
    static var root: String {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures missing from the test bundle")
        }
        return url.path
    }

    static var solutionFolder: String { root + "/ContosoSolution" }
    static var webAPIFolder: String { root + "/WebAPI" }

    /// A fresh empty folder under `$TMPDIR/dvsec-solution-tests/` (one parent, easy to clear).
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "dvsec-solution-tests/" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies a fixture folder to a temporary folder the test may modify.
    static func copy(_ folder: String) throws -> String {
        let dest = temporaryFolder() + "/" + ((folder as NSString).lastPathComponent)
        try FileManager.default.copyItem(atPath: folder, toPath: dest)
        return dest
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The environment a solution folder imports into, as a new snapshot.
    static func importedSolution(_ folder: String = solutionFolder) throws -> (Environment, ImportReport) {
        let (snapshot, report) = try SolutionImporter.snapshot(from: SolutionReader.read(folder: folder))
        let env = try #require(snapshot.environments.values.first)
        return (env, report)
    }
}

/// Role ids of the solution fixture.
enum FixtureID {
    static let dispatcher = "4f1c2a9e-7b3d-4c11-9a0e-2d5b8e6f1a20"
    static let vertrieb = "8a6e0f3b-2c4d-4e5f-9a1b-3c4d5e6f7a80"
    static let auditor = "c0ffee00-1234-4abc-8def-0123456789ab"
    static let financeProfile = "9b2d4c1e-55aa-4e0f-8d21-6c7f3e9a0b14"
    static let secretsProfile = "1d3f5a7c-9e0b-4c2d-8e4f-6a8b0c2d4e6f"

    static func guid(_ prefix: String, _ n: Int) -> String {
        prefix + "000000-0000-4000-8000-" + String(repeating: "0", count: 12 - String(n).count) + String(n)
    }
}
