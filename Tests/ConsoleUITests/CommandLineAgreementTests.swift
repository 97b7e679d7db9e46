import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore
import Testing

/// The console's effective-access matrix and "why" must say what `dvsec effective --explain
/// --format json` says, for every user of the demo, every table and every operation.
@Suite("Console agrees with the CLI")
struct CommandLineAgreementTests {
    static var binary: String? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["DVSEC_BINARY"], fm.isExecutableFile(atPath: explicit) { return explicit }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bundleDir = URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent()
        let candidates = [
            bundleDir.appendingPathComponent("dvsec").path, bundleDir.deletingLastPathComponent().appendingPathComponent("dvsec").path,
            root.appendingPathComponent(".build-console/debug/dvsec").path, root.appendingPathComponent(".build/debug/dvsec").path,
        ]
        return candidates.first { fm.isExecutableFile(atPath: $0) }
    }

    func effectiveJSON(binary: String, file: String, user: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["effective", file, "--user", user, "--explain", "--all", "--format", "json", "--environment", "prod"]
        let out = NSTemporaryDirectory() + "dvsec-effective-\(UUID().uuidString).json"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: out) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `(level, kind, role, team)` of each grant, in order.
    func grants(_ json: Any?) -> [String] {
        (json as? [[String: Any]] ?? []).map { g in
            let path = g["path"] as? [String: Any] ?? [:]
            return "\(g["level"] ?? "") \(path["kind"] ?? "") \(path["role"] ?? "") \(path["team"] ?? "-")"
        }
    }

    func grants(_ answer: AccessAnswer) -> [String] {
        answer.grants.map { g in
            let kind =
                switch g.path {
                case .direct: "direct"
                case .team: "team"
                case .inherited: "inherited"
                }
            return "\(g.level.snapshotName) \(kind) \(g.path.roleId) \(g.path.teamId ?? "-")"
        }
    }

    @Test(.enabled(if: binary != nil, "the dvsec binary is not built: skipped"))
    func effectiveAccessAndWhyMatchDvsecEffective() throws {
        let binary = try #require(Self.binary)
        let file = NSTemporaryDirectory() + "dvsec-agreement-\(UUID().uuidString).json"
        try SnapshotWriter.data(for: DemoOrganisation.snapshot).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let snapshot = DemoOrganisation.snapshot
        let env = try #require(snapshot.environment(matching: "prod"))
        var compared = 0
        for user in env.sortedUsers {
            let json = try effectiveJSON(binary: binary, file: file, user: user.id)
            var state = AppState(
                snapshot: snapshot, document: Document(source: .demo), environmentId: env.id, size: Size(width: 120, height: 60))
            let index = try #require(state.list(.users).rows.firstIndex(of: user.id))
            for _ in 0..<index { reduce(&state, .cursorMoved(.down)) }
            reduce(&state, .selectionOpened)
            let view = try #require(state.effective)
            let tables = json["tables"] as? [[String: Any]] ?? []
            #expect(tables.count == view.tables.rows.count, "\(user.name): table count")
            for (row, table) in view.tables.rows.enumerated() {
                let entry = tables.first { $0["table"] as? String == table }
                let operations = entry?["operations"] as? [String: [String: Any]] ?? [:]
                for op in TableOperation.allCases {
                    let cli = operations[op.snapshotName] ?? [:]
                    let matrixRow = view.matrix[table]
                    #expect(matrixRow?.levels[op].snapshotName == cli["level"] as? String, "\(user.name) \(table) \(op.label) level")
                    #expect(
                        matrixRow?.grantedLevels[op].snapshotName == cli["grantedLevel"] as? String,
                        "\(user.name) \(table) \(op.label) granted")
                    // Put the cursor on the cell and read the console's "why".
                    state.effective?.tables.cursor = row
                    state.effective?.column = op == .create ? 1 : op.rawValue - 1
                    reduce(&state, .cursorMoved(op == .create ? .left : .right))
                    guard case .user(let answer) = state.effective?.why else {
                        Issue.record("no why for \(user.name) \(table) \(op.label)")
                        continue
                    }
                    #expect(answer.table == table && answer.operation == op)
                    #expect(grants(answer) == grants(cli["grants"]), "\(user.name) \(table) \(op.label) grants")
                    compared += 1
                }
            }
        }
        #expect(compared > 1000)
    }

    /// The CLI and reports escape data with the domain's `printable`, the console with
    /// TerminalCore's `sanitizedForDisplay` (neither module may import the other): the same
    /// characters are escaped the same way, for every scalar of the Basic Multilingual Plane,
    /// the Supplementary Multilingual Plane, and the tags and variation selectors 17–256
    /// (invisible, and used to smuggle text past a reviewer).
    @Test func theCLIAndTheConsoleEscapeDataAlike() {
        for value in Array(UInt32(0)...0x1FFFF) + Array(UInt32(0xE0000)...0xE0FFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            let cli = printable(text)
            let console = sanitizedForDisplay(text)
            if cli != console {
                Issue.record(
                    "U+\(String(value, radix: 16, uppercase: true)): printable gives \(cli.debugDescription), the console \(console.debugDescription)"
                )
                return
            }
        }
        // Joiners and variation selectors, by what is around them.
        for text in [
            "Sales\u{200D}person", "Sales\u{200C}person", "Прод\u{200D}авец", "Admin\u{FE0F}", "\u{200D}", "👩\u{200D}💻",
            "❤\u{FE0F} team", "क\u{94D}\u{200D}ष", "می\u{200C}خواهم", "a\u{200D}\u{200D}b", "👩\u{200D}",
        ] {
            #expect(printable(text) == sanitizedForDisplay(text), "\(text.debugDescription)")
        }
        #expect(printable("Evil\u{1B}[2J\u{202E}txt\u{7}") == "Evil\\e[2J\\u{202E}txt^G")
        #expect(printable("a\nb\tc\u{1B}", keepingLineBreaks: true) == "a\nb\tc\\e")
    }
}
