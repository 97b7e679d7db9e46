import DataverseSolution
import Foundation
import SecurityModel

/// Figures for issue 5: a generated unpacked solution of 50 roles × 500 privileges (63 custom
/// tables with Entity.xml, every role file with a BOM and CRLF): read time, merge time, a full
/// import into a new snapshot, export time, and a re-import of the exported folder.
func runImportBenchmark(_ config: BenchmarkConfig) {
    let roles = 50
    let privilegesPerRole = 500
    let folder = benchmarkDirectory() + "/import-solution"
    try? FileManager.default.removeItem(atPath: folder)
    let (files, generateSeconds) = measure { generateSolutionFolder(folder, roles: roles, privilegesPerRole: privilegesPerRole) }
    report("import.generate_time", generateSeconds, "s (\(files) files)")

    let (content, readSeconds) = measure { try? SolutionReader.read(folder: folder) }
    guard let content else {
        report("import.read_failed", 1, "")
        return
    }
    report(
        "import.read_time", readSeconds,
        "s (\(content.roles.count) roles, \(content.roles.reduce(0) { $0 + $1.privileges.count }) privileges)")

    var env = ImportTarget.newEnvironment(named: "Bench")
    let (_, mergeSeconds) = measure { _ = SolutionImporter.merge(content, into: &env) }
    report("import.merge_time", mergeSeconds, "s")

    let path = benchmarkDirectory() + "/import-bench.json"
    try? FileManager.default.removeItem(atPath: path)
    let (result, fullSeconds) = measure {
        try? ImportTarget.run(snapshotPath: path, environment: nil, newName: "Bench") {
            (env: inout Environment) throws(DataverseFileError) in
            SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        }
    }
    report("import.full_import_time", fullSeconds, "s (read, merge, summary, validation; not saved)")
    guard var result else { return }
    let (_, saveSeconds) = measure { try? result.file.save(result.snapshot) }
    report("import.snapshot_save_time", saveSeconds, "s")

    let out = benchmarkDirectory() + "/import-export"
    try? FileManager.default.removeItem(atPath: out)
    let exportEnv = result.snapshot.sortedEnvironments.first ?? env
    let (written, exportSeconds) = measure { (try? SolutionExporter.export(exportEnv, to: out))?.count ?? 0 }
    report("import.export_time", exportSeconds, "s (\(written) files)")

    let (again, reimportSeconds) = measure { () -> Bool in
        guard let c = try? SolutionReader.read(folder: out) else { return false }
        var e = exportEnv
        let report = SolutionImporter.merge(c, into: &e)
        return !report.hasChanges
    }
    report("import.reimport_exported_time", reimportSeconds, again ? "s (no changes: round trip holds)" : "s (CHANGES FOUND)")
}

/// Writes the solution: Entities/<schema>/Entity.xml per table, Roles/<name>.xml per role.
private func generateSolutionFolder(_ folder: String, roles: Int, privilegesPerRole: Int) -> Int {
    let tableCount = (privilegesPerRole + 7) / 8
    let levels = ["Basic", "Local", "Deep", "Global"]
    let verbs = ["Append", "AppendTo", "Assign", "Create", "Delete", "Read", "Share", "Write"]
    var files = 0
    func write(_ text: String, _ path: String) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(contentsOf: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        try? data.write(to: URL(fileURLWithPath: path))
        files += 1
    }
    let schemas = (0..<tableCount).map { String(format: "bench_Table%03d", $0) }
    for schema in schemas {
        write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Name LocalizedName="\(schema)" OriginalName="\(schema)">\(schema)</Name>
              <EntityInfo>
                <entity Name="\(schema)">
                  <attributes>
                    <attribute PhysicalName="bench_Secret"><LogicalName>bench_secret</LogicalName><IsSecured>1</IsSecured></attribute>
                  </attributes>
                  <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
                </entity>
              </EntityInfo>
            </Entity>

            """, folder + "/Entities/\(schema)/Entity.xml")
    }
    for r in 0..<roles {
        var names: [(String, String)] = []
        outer: for (t, schema) in schemas.enumerated() {
            for (v, verb) in verbs.enumerated() {
                if names.count == privilegesPerRole { break outer }
                names.append(("prv\(verb)\(schema)", levels[(r + t + v) % levels.count]))
            }
        }
        names.sort { $0.0.lowercased() < $1.0.lowercased() }
        let id = DeterministicID.guid("bench-role-\(r)")
        let body = names.map { "    <RolePrivilege name=\"\($0.0)\" level=\"\($0.1)\" />" }.joined(separator: "\n")
        write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Role id="{\(id)}" name="Bench Role \(r)" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <IsCustomizable>1</IsCustomizable>
              <IsAutoAssigned>0</IsAutoAssigned>
              <RolePrivileges>
            \(body)
              </RolePrivileges>
            </Role>

            """, folder + "/Roles/Bench Role \(r).xml")
    }
    return files
}
