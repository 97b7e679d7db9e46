import Foundation
import Testing

@testable import SecurityModel

/// A valid file name close to the system's limit (255 bytes). Found by a robustness review: a
/// snapshot named with 245 bytes could be opened and edited but never saved, since the temporary
/// file's name (`.NAME.dvsec-tmp-PID-RANDOM`) was too long.
@Suite("Snapshot files with long names")
struct LongFileNameTests {
    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "dvsec-long-names-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test(arguments: [200, 229, 245, 251, 255])
    func aFileWithALongNameIsSavedAndKeepsItsPreviousVersion(length: Int) throws {
        let dir = tempDir()
        let path = dir + "/" + String(repeating: "x", count: length - 5) + ".json"
        var file = SnapshotFile(path: path)
        try file.save(DemoOrganisation.snapshot)
        var changed = DemoOrganisation.snapshot
        changed.tenant = "Renamed"
        try file.save(changed)
        #expect(try SnapshotFile.load(path: path).0.tenant == "Renamed")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        // The previous version is kept: NAME.bak where that fits, else a short name.
        let backup = try #require(names.first { $0.hasSuffix(".bak") }, "\(names)")
        #expect(try SnapshotFile.load(path: dir + "/" + backup).0.tenant == DemoOrganisation.snapshot.tenant)
        #expect(names.count == 2, "\(names)")
        #expect(names.allSatisfy { $0.utf8.count <= 255 })
    }

    /// The names kept beside a file: the usual one while it fits, with room for what is added to
    /// it, else a short fixed one from a hash of the name, the same every time.
    @Test func sideFileNamesFitTheLimit() {
        #expect(SnapshotFile.sideFileName(for: "org.json", prefix: ".", suffix: ".dvsec-journal") == ".org.json.dvsec-journal")
        let long = String(repeating: "é", count: 120) + ".json"
        let side = SnapshotFile.sideFileName(for: long, prefix: ".", suffix: ".dvsec-journal", room: 40)
        #expect(side.hasPrefix(".dvsec-") && side.hasSuffix(".dvsec-journal") && side.utf8.count + 40 <= 255, "\(side)")
        #expect(side == SnapshotFile.sideFileName(for: long, prefix: ".", suffix: ".dvsec-journal", room: 40))
        #expect(side != SnapshotFile.sideFileName(for: "a" + long, prefix: ".", suffix: ".dvsec-journal", room: 40))
    }
}
