import Foundation
import Testing

@testable import SecurityModel

@Suite("Snapshot files: reading, validation, atomic saving")
struct SnapshotFileTests {
    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "dvsec-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    func problems(_ json: String) -> [SnapshotProblem] {
        do {
            _ = try SnapshotReader.read(Data(json.utf8), source: "x.json")
            return []
        } catch {
            return error.problems
        }
    }

    let minimalEnvironment = """
        {"id": "e", "name": "E", "type": "sandbox", "businessUnits": [{"id": "root", "name": "Root"}],
         "tables": [{"logicalName": "account", "ownership": "user"}, {"logicalName": "product", "ownership": "organization"}],
         "roles": [], "teams": [], "users": []}
        """

    func document(_ env: String) -> String {
        "{\"format\": \"dvsec-snapshot\", \"version\": 1, \"tenant\": \"T\", \"environments\": [\(env)]}"
    }

    /// `--environment` resolution: id, exact name, type, then a prefix; an empty key names
    /// nothing (every name starts with it).
    @Test func environmentsAreFoundByIdNameTypeOrPrefixButNotByNothing() throws {
        let s = DemoOrganisation.snapshot
        let prod = try #require(s.sortedEnvironments.first { $0.type == .production })
        #expect(s.environment(matching: prod.id)?.id == prod.id)
        #expect(s.environment(matching: prod.name.uppercased())?.id == prod.id)
        #expect(s.environment(matching: "production")?.id == prod.id)
        #expect(s.environment(matching: "prod")?.id == prod.id)
        #expect(s.environment(matching: "") == nil && s.environment(matching: "  ") == nil)
        #expect(s.environment(matching: "no such environment") == nil)
        // A key several environments fit names them all and picks none; a better kind of match
        // (a whole name) wins over prefixes.
        #expect(s.environments(matching: "contoso").map(\.name) == ["Contoso Production", "Contoso Dev", "Contoso Sandbox"])
        #expect(s.environment(matching: "contoso") == nil)
        var two = s
        var copy = prod
        copy.id = "second-production"
        copy.settings.name = "Contoso"
        two.environments[copy.id] = copy
        #expect(two.environment(matching: "contoso")?.id == "second-production")
        #expect(two.environments(matching: "production").count == 2 && two.environment(matching: "production") == nil)
    }

    @Test func saveThenLoadGivesAnEqualModelAndIdenticalBytes() throws {
        let dir = tempDir()
        let path = dir + "/demo.json"
        var file = SnapshotFile(path: path)
        try file.save(DemoOrganisation.snapshot)
        let (loaded, loadedFile) = try SnapshotFile.load(path: path)
        #expect(loaded == DemoOrganisation.snapshot)
        var again = loadedFile
        try again.save(loaded)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(first == SnapshotWriter.data(for: DemoOrganisation.snapshot))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Found by a console review: a save made a shared 0644 snapshot 0600. An existing file keeps
    /// its permissions; a new one is 0600.
    @Test func anExistingFileKeepsItsPermissions() throws {
        let dir = tempDir()
        let path = dir + "/shared.json"
        var file = SnapshotFile(path: path)
        try file.save(DemoOrganisation.snapshot)
        chmod(path, 0o640)
        var changed = DemoOrganisation.snapshot
        changed.tenant = "Edited"
        try file.save(changed)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        #expect(try SnapshotFile.load(path: path).0.tenant == "Edited")
    }

    /// Snapshots are reviewed in pull requests: every line is indented two spaces per level of
    /// nesting, closing brackets line up with the line that opened them.
    @Test func savedTextIsIndentedByNesting() {
        var snapshot = DemoOrganisation.snapshot
        snapshot.tenant = "Tenant with [brackets] and {braces}"
        let text = String(decoding: SnapshotWriter.data(for: snapshot), as: UTF8.self)
        var depth = 0
        var checked = 0
        for line in text.split(separator: "\n") {
            let body = line.drop { $0 == " " }
            let indent = line.count - body.count
            let closes = body.first == "}" || body.first == "]"
            #expect(indent == 2 * (closes ? depth - 1 : depth), "line \(checked + 1): \(line)")
            var inString = false
            var escaped = false
            for c in body.utf8 {
                if inString {
                    if escaped {
                        escaped = false
                    } else if c == UInt8(ascii: "\\") {
                        escaped = true
                    } else if c == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if c == UInt8(ascii: "\"") {
                    inString = true
                } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    depth += 1
                } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    depth -= 1
                }
            }
            checked += 1
        }
        #expect(depth == 0 && checked > 500)
    }

    @Test func savingKeepsThePreviousVersionAsBak() throws {
        let path = tempDir() + "/s.json"
        var file = SnapshotFile(path: path)
        var snapshot = DemoOrganisation.snapshot
        try file.save(snapshot)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        snapshot.tenant = "Changed"
        try file.save(snapshot)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + ".bak")) == before)
        #expect(try SnapshotFile.load(path: path).0.tenant == "Changed")
    }

    /// Saving what the file already holds (edits that cancel out) writes nothing: the backup
    /// keeps the version before the last real change (a data-safety review found it replaced by
    /// the file's own content, the previous version then nowhere).
    @Test func savingWhatTheFileHoldsLeavesItAndItsBackup() throws {
        let path = tempDir() + "/s.json"
        var file = SnapshotFile(path: path)
        var snapshot = DemoOrganisation.snapshot
        try file.save(snapshot)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        snapshot.tenant = "Changed"
        try file.save(snapshot)
        #expect(!file.savedNothing)
        let changed = try Data(contentsOf: URL(fileURLWithPath: path))
        var inode = stat()
        stat(path, &inode)
        try file.save(snapshot)
        #expect(file.savedNothing)
        var after = stat()
        stat(path, &after)
        #expect(after.st_ino == inode.st_ino, "the file was not replaced")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == changed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + ".bak")) == original)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).sorted() == [
                "s.json", "s.json.bak",
            ])
        // A real change afterwards saves as before.
        snapshot.tenant = "Changed again"
        try file.save(snapshot)
        let backup = try Data(contentsOf: URL(fileURLWithPath: path + ".bak"))
        #expect(!file.savedNothing && backup == changed)
    }

    @Test func aFileChangedOnDiskIsNotOverwrittenUnlessForced() throws {
        let path = tempDir() + "/s.json"
        var file = SnapshotFile(path: path)
        try file.save(DemoOrganisation.snapshot)
        let (_, loaded) = try SnapshotFile.load(path: path)
        var mine = loaded
        try Data("someone else".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SnapshotSaveError.self) { try mine.save(DemoOrganisation.snapshot) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else")
        try mine.save(DemoOrganisation.snapshot, force: true)
        #expect(try SnapshotFile.load(path: path).0 == DemoOrganisation.snapshot)
    }

    /// Another program saving while the new file is written: checked again just before the
    /// rename, so its version is not overwritten.
    @Test func aFileChangedDuringTheWriteIsNotOverwritten() throws {
        let dir = tempDir()
        let path = dir + "/s.json"
        var file = SnapshotFile(path: path)
        try file.save(DemoOrganisation.snapshot)
        #expect(throws: SnapshotSaveError.self) {
            try file.save(data: Data("{}".utf8), force: false) { try? Data("someone else".utf8).write(to: URL(fileURLWithPath: path)) }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("dvsec-tmp") }.isEmpty)
    }

    /// Through a symbolic link the file it points to is saved and the link stays; a read-only
    /// file is not replaced.
    @Test func aLinkStaysALinkAndAReadOnlyFileIsNotReplaced() throws {
        let dir = tempDir()
        let real = dir + "/repo.json"
        let link = dir + "/link.json"
        var first = SnapshotFile(path: real)
        try first.save(DemoOrganisation.snapshot)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        var (_, file) = try SnapshotFile.load(path: link)
        var changed = DemoOrganisation.snapshot
        changed.tenant = "Through the link"
        try file.save(changed)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try SnapshotFile.load(path: real).0.tenant == "Through the link")
        #expect(FileManager.default.fileExists(atPath: real + ".bak"))
        // Read-only by its mode bits: refused, also as root, who may write anything (found by a
        // review: as root the file was replaced, and made writable).
        chmod(real, 0o444)
        var (_, locked) = try SnapshotFile.load(path: real)
        #expect(throws: SnapshotSaveError.self) { try locked.save(DemoOrganisation.snapshot) }
        #expect(try SnapshotFile.load(path: real).0.tenant == "Through the link")
        var info = stat()
        #expect(stat(real, &info) == 0 && info.st_mode & 0o777 == 0o444)
        // Made writable again, it saves.
        chmod(real, 0o644)
        try locked.save(DemoOrganisation.snapshot)
        #expect(try SnapshotFile.load(path: real).0.tenant == DemoOrganisation.snapshot.tenant)
    }

    /// Found by a console review: `:w /tmp` answered "could not write the backup"; a folder is
    /// said to be one, and nothing is written in it.
    @Test func savingOntoAFolderSaysItIsAFolder() throws {
        let dir = tempDir()
        var file = SnapshotFile(path: dir)
        do {
            try file.save(DemoOrganisation.snapshot)
            Issue.record("saved onto a folder")
        } catch {
            #expect(
                error.description
                    == "\(dir): could not save (check: is a folder: give a file name (such as \(dir)/snapshot.json)); the previous file is unchanged"
            )
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// Found by a robustness review: a 0640 snapshot deleted on disk and saved again came back
    /// 0600. It keeps the mode it had when loaded; a new file is still 0600.
    @Test func aFileDeletedMeanwhileIsRecreatedWithItsMode() throws {
        let path = tempDir() + "/org.json"
        var first = SnapshotFile(path: path)
        try first.save(DemoOrganisation.snapshot)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        chmod(path, 0o640)
        var (snapshot, file) = try SnapshotFile.load(path: path)
        try FileManager.default.removeItem(atPath: path)
        snapshot.tenant += " (changed)"
        try file.save(snapshot, force: true)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
    }

    /// Found by a robustness review: a new file that could not be saved was said to leave "the
    /// previous file" unchanged.
    @Test func aNewFileThatCannotBeSavedSaysNothingWasWritten() throws {
        let path = tempDir() + "/no-such-folder/new.json"
        var file = SnapshotFile(path: path)
        do {
            try file.save(DemoOrganisation.snapshot)
            Issue.record("saved into a missing folder")
        } catch {
            #expect(error.description.hasSuffix("; nothing was written"), "\(error.description)")
        }
    }

    @Test func aFullDiskLeavesThePreviousFileIntactAndNoTemporaryFile() throws {
        let dir = tempDir()
        let path = dir + "/s.json"
        var file = SnapshotFile(path: path)
        try file.save(DemoOrganisation.snapshot)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var changed = DemoOrganisation.snapshot
        changed.tenant = "Lost?"
        #expect(throws: SnapshotSaveError.self) {
            try file.save(data: SnapshotWriter.data(for: changed), force: false, failAfterBytes: 1000)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("dvsec-tmp") }.isEmpty)
    }

    @Test func truncatedJSONNamesLineAndColumn() {
        let full = String(decoding: SnapshotWriter.data(for: DemoOrganisation.snapshot), as: UTF8.self)
        let truncated = String(full.prefix(5000))
        let p = problems(truncated)
        #expect(p.count >= 1)
        #expect(p[0].line != nil && p[0].column != nil)
        #expect(p[0].message.contains("end of file") || p[0].message.contains("unterminated"))
    }

    /// Wherever a save was cut short, the message says the file ends early, with its place.
    @Test func aFileCutAnywhereIsReportedAsTruncated() {
        let full = Array(SnapshotWriter.data(for: DemoOrganisation.snapshot))
        var cuts = 0
        for length in stride(from: 1, to: full.count - 2, by: 173) {
            let p = problems(String(decoding: full[..<length], as: UTF8.self))
            #expect(
                p.count == 1 && p[0].line != nil && p[0].message.contains("truncated"),
                "cut at \(length): \(p.first?.message ?? "no problem")")
            cuts += 1
        }
        #expect(cuts > 800)
    }

    @Test func aSyntaxErrorGivesItsLineAndColumn() {
        let p = problems("{\n  \"format\": \"dvsec-snapshot\",\n  \"version\": 1,,\n}")
        #expect(p.first?.line == 3)
        #expect(p.first?.column == 16)
    }

    @Test func anUnknownVersionIsRefusedWithAClearMessage() {
        let p = problems("{\"format\": \"dvsec-snapshot\", \"version\": 99, \"environments\": []}")
        #expect(p.first?.path == "version")
        #expect(p.first?.message.contains("unsupported snapshot version 99") == true)
        // Below 1 no upgrade helps: the message must not advise one.
        let zero = problems("{\"format\": \"dvsec-snapshot\", \"version\": 0, \"environments\": []}")
        #expect(zero.first?.message == "invalid snapshot version 0: versions start at 1 (no dvsec writes 0)")
    }

    @Test func anEmptyFileAndADirectoryAreReportedAsSuch() throws {
        let dir = tempDir()
        _ = FileManager.default.createFile(atPath: dir + "/empty.json", contents: Data())
        #expect(throws: SnapshotLoadError.self) { try SnapshotFile.load(path: dir + "/empty.json") }
        do {
            _ = try SnapshotFile.load(path: dir + "/empty.json")
        } catch {
            #expect(error.description == "\(dir)/empty.json: the file is empty (0 bytes)")
        }
        do {
            _ = try SnapshotFile.load(path: dir)
        } catch {
            #expect(error.description.contains("is a directory"))
        }
    }

    @Test func duplicateIdsAreReportedWithTheirPath() {
        let env = minimalEnvironment.replacingOccurrences(
            of: "\"users\": []",
            with:
                "\"users\": [{\"id\": \"u1\", \"name\": \"A\", \"businessUnit\": \"root\"}, {\"id\": \"u1\", \"name\": \"B\", \"businessUnit\": \"root\"}]"
        )
        let p = problems(document(env))
        #expect(p.contains { $0.path == "environments[0].users[1].id" && $0.message.contains("duplicate user id 'u1'") })
    }

    @Test func danglingIdsAreReportedWithTheirPath() {
        let env = minimalEnvironment.replacingOccurrences(
            of: "\"users\": []",
            with: "\"users\": [{\"id\": \"u1\", \"name\": \"A\", \"businessUnit\": \"nowhere\", \"roles\": [\"ghost\"]}]")
        let p = problems(document(env))
        #expect(p.contains { $0.path == "environments[0].users[0].businessUnit" && $0.message == "unknown business unit 'nowhere'" })
        #expect(p.contains { $0.path == "environments[0].users[0].roles" && $0.message == "unknown role 'ghost'" })
    }

    /// A problem across records names the line where its record starts, so the 41,234th user of a
    /// 60 MB file can be opened at once (the JSON path alone needed jq); several problems in one
    /// record share its line, and a problem outside records (the document) gets none.
    @Test func aProblemAcrossRecordsNamesTheLineOfItsRecord() throws {
        var snapshot = DemoOrganisation.snapshot
        let prod = snapshot.sortedEnvironments[0]
        let user = prod.sortedUsers[7]
        snapshot.environments[prod.id]?.users[user.id]?.roleIds.insert("ghost-role")
        let team = try #require(prod.teams.values.filter { $0.type == .owner && !$0.isDefault }.min { $0.id < $1.id })
        snapshot.environments[prod.id]?.teams[team.id]?.roleIds.insert("ghost-role")
        let data = SnapshotWriter.data(for: snapshot)
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        var failure: SnapshotLoadError?
        do { _ = try SnapshotReader.read(data) } catch { failure = error }
        let problems = try #require(failure?.problems)
        #expect(problems.count == 2)
        for (problem, id) in zip(problems.sorted { $0.path > $1.path }, [user.id, team.id]) {
            let line = try #require(problem.line, "\(problem)")
            // The record's first line is its `{`; its id is on one of the lines that follow.
            #expect(lines[line - 1].trimmingCharacters(in: .whitespaces) == "{", "\(problem): \(lines[line - 1])")
            let record = lines[line...].prefix { !$0.hasPrefix("        }") }
            #expect(record.contains { $0.contains("\"id\": \"\(id)\"") }, "\(problem)")
            #expect(problem.description.contains("(line \(line)): unknown role 'ghost-role'"), "\(problem.description)")
        }
        #expect(SnapshotProblem.locating([SnapshotProblem(path: "", message: "x")], in: data).first?.line == nil)
        // An environment's own key names the line where that environment starts (it had none).
        let second = try #require(
            SnapshotProblem.locating([SnapshotProblem(path: "environments[1].bogus", message: "unknown key 'bogus'")], in: data).first?.line
        )
        #expect(lines[second - 1].trimmingCharacters(in: .whitespaces) == "{")
        let environmentStarts = lines.indices.filter { lines[$0] == "    {" }.map { $0 + 1 }
        #expect(environmentStarts.count == snapshot.environments.count && environmentStarts[1] == second, "\(environmentStarts)")
    }

    @Test func anInvalidLevelForAnOrganizationOwnedTableIsReported() {
        let env = minimalEnvironment.replacingOccurrences(
            of: "\"roles\": []",
            with:
                "\"roles\": [{\"id\": \"r\", \"name\": \"R\", \"businessUnit\": \"root\", \"privileges\": {\"product\": {\"read\": \"local\", \"assign\": \"global\"}}}]"
        )
        let p = problems(document(env))
        #expect(p.contains { $0.path == "environments[0].roles[0].privileges.product.read" })
        #expect(
            p.contains { $0.path == "environments[0].roles[0].privileges.product.assign" && $0.message.contains("no assign privilege") })
    }

    /// Dataverse keeps field permissions only for secured columns; a file granting one on another
    /// column loaded and was diffed as "secured column exposed".
    @Test func aColumnPermissionOnAColumnThatIsNotSecuredIsReported() {
        let env = minimalEnvironment.replacingOccurrences(
            of: "{\"logicalName\": \"account\", \"ownership\": \"user\"}",
            with:
                "{\"logicalName\": \"account\", \"ownership\": \"user\", \"columns\": [{\"logicalName\": \"accountid\"}, {\"logicalName\": \"creditlimit\", \"secured\": true}]}"
        ).replacingOccurrences(
            of: "\"users\": []",
            with:
                "\"users\": [], \"fieldSecurityProfiles\": [{\"id\": \"p\", \"name\": \"P\", \"permissions\": [{\"table\": \"account\", \"column\": \"creditlimit\", \"read\": true}, {\"table\": \"account\", \"column\": \"accountid\", \"readUnmasked\": \"one-record\"}]}]"
        )
        let p = problems(document(env))
        #expect(
            p.map(\.path) == ["environments[0].fieldSecurityProfiles[0].permissions[1].column"]
                && p.first?.message.contains("'account.accountid' is not secured") == true, "\(p)")
    }

    @Test func unknownKeysAndWrongTypesAreReportedWithTheirPath() {
        let env = minimalEnvironment.replacingOccurrences(of: "\"teams\": []", with: "\"teams\": [], \"colour\": 1")
        #expect(problems(document(env)).contains { $0.path == "environments[0].colour" })
        let wrong = minimalEnvironment.replacingOccurrences(of: "\"type\": \"sandbox\"", with: "\"type\": 3")
        let p = problems(document(wrong))
        #expect(p.first?.path == "environments[0].type" && p.first?.message == "expected a string, found a number")
    }

    /// A cycle in the business-unit tree is reported for the units in it, not for a unit below it.
    @Test func aCycleIsReportedForItsUnitsOnly() {
        var snapshot = DemoOrganisation.snapshot
        var prod = snapshot.sortedEnvironments[0]
        let europe = prod.businessUnits.values.first { $0.name == "Europe" }!
        let salesEU = prod.businessUnits.values.first { $0.name == "Sales EU" }!
        prod.businessUnits[europe.id]?.parentId = salesEU.id
        snapshot.environments[prod.id] = prod
        let p = problems(String(decoding: SnapshotWriter.data(for: snapshot), as: UTF8.self))
        let cycles = p.filter { $0.message.contains("own ancestor") }.map(\.message).sorted()
        #expect(
            cycles == ["business unit 'Europe' is its own ancestor (cycle)", "business unit 'Sales EU' is its own ancestor (cycle)"],
            "\(cycles)")
    }

    /// Every unknown value is listed at once, each with its place (reading stopped at the first).
    @Test func everyUnknownEnumeratedValueIsReported() {
        let env = minimalEnvironment.replacingOccurrences(
            of: "\"users\": []",
            with: "\"users\": [{\"id\": \"u1\", \"name\": \"A\", \"businessUnit\": \"root\", \"accessMode\": \"bogus\"}]"
        ).replacingOccurrences(
            of: "\"roles\": []",
            with:
                "\"roles\": [{\"id\": \"r\", \"name\": \"R\", \"businessUnit\": \"root\", \"privileges\": {\"account\": {\"read\": \"superhigh\", \"fly\": \"basic\"}}, \"miscPrivileges\": {\"prvPrint\": \"lots\"}}]"
        )
        let p = problems(document(env))
        #expect(p.contains { $0.path == "environments[0].users[0].accessMode" && $0.message == "unknown access mode 'bogus'" })
        #expect(p.contains { $0.path == "environments[0].roles[0].privileges.account.read" && $0.message.contains("'superhigh'") })
        #expect(
            p.contains { $0.path == "environments[0].roles[0].privileges.account.fly" && $0.message.contains("unknown operation 'fly'") })
        #expect(p.contains { $0.path == "environments[0].roles[0].miscPrivileges.prvPrint" && $0.message.contains("'lots'") })
        #expect(p.count == 4, "\(p)")
    }

    /// Found by a review: an empty privilege name passed validation, was exported as
    /// `<RolePrivilege name="" …/>`, and the import of that folder then failed.
    @Test func anEmptyPrivilegeNameIsReported() {
        let env = minimalEnvironment.replacingOccurrences(
            of: "\"roles\": []",
            with: "\"roles\": [{\"id\": \"r\", \"name\": \"R\", \"businessUnit\": \"root\", \"unmappedPrivileges\": {\"\": \"basic\"}}]")
        let p = problems(document(env))
        #expect(p.map(\.message) == ["a privilege name is empty"], "\(p)")
        #expect(p.first?.path.hasPrefix("environments[0].roles[0].unmappedPrivileges") == true)
    }

    @Test func hostileNamesRoundTripExactly() throws {
        var snapshot = DemoOrganisation.snapshot
        let prod = snapshot.sortedEnvironments[0]
        let someone = prod.sortedUsers[0].id
        snapshot.environments[prod.id]?.users[someone]?.name =
            "Evil \u{1B}[31mRed\u{07} \"quoted\" \\ \u{202E}rtl \u{9B}2J \u{E0041}tag 名前 😀"
        let back = try SnapshotReader.read(SnapshotWriter.data(for: snapshot))
        #expect(back == snapshot)
        let text = String(decoding: SnapshotWriter.data(for: snapshot), as: UTF8.self)
        #expect(!text.contains("\u{1B}"))
        // Bidi, C1 and tag characters are written as escapes too (a review found them raw in the
        // file and in every JSON output, where `cat` sent them to the terminal); other non-ASCII
        // text is written as it is.
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B || $0.value == 0xE0041 })
        #expect(text.contains(#"\u202ertl \u009b2J \udb40\udc41tag 名前 😀"#))
        let other = Data(#"{"a": "x\#u{202E}y", "b": "名前\#u{E0041}"}"#.utf8)
        #expect(String(decoding: escapingInvisibleCharacters(inJSON: other), as: UTF8.self) == #"{"a": "x\u202ey", "b": "名前\udb40\udc41"}"#)
    }

    /// Found by a robustness review: "Sales\u{200D}person" was saved raw and drew as
    /// "Salesperson"; a joiner in an emoji sequence or a conjunct stays as it is.
    @Test func aStrayJoinerIsWrittenAsAnEscape() throws {
        var snapshot = DemoOrganisation.snapshot
        let prod = snapshot.sortedEnvironments[0]
        let role = prod.sortedRoles[0].id
        snapshot.environments[prod.id]?.roles[role]?.name = "Sales\u{200D}person 👩\u{200D}💻 क\u{94D}\u{200D}ष A\u{FE0F}"
        let data = SnapshotWriter.data(for: snapshot)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#"Sales\u200dperson 👩\#u{200D}💻 क\#u{94D}\#u{200D}ष A\ufe0f"#))
        #expect(try SnapshotReader.read(data) == snapshot)
        let other = Data(#"{"a": "x\#u{200C}y"}"#.utf8)
        #expect(String(decoding: escapingInvisibleCharacters(inJSON: other), as: UTF8.self) == #"{"a": "x\u200cy"}"#)
    }

    /// Found by a robustness review: a UTF-16 file was "expected a JSON value"; a duplicate key
    /// and a version too large had no line; a missing closing quote was a "control character".
    @Test func badEncodingsAndSyntaxAreNamedForWhatTheyAre() throws {
        let text = document("")
        let withMark = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let bigEndian = Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        for data in [withMark, bigEndian] {
            #expect(throws: SnapshotLoadError.self) { try SnapshotReader.read(data, source: "w.json") }
            do {
                _ = try SnapshotReader.read(data, source: "w.json")
            } catch {
                #expect(error.problems.first?.message.hasPrefix("the file is UTF-16 encoded; dvsec reads UTF-8") == true, "\(error)")
            }
        }
        let duplicate = problems("{\n  \"format\": \"dvsec-snapshot\",\n  \"format\": \"x\"}")
        #expect(
            duplicate.first.map { ($0.message, $0.line, $0.column) } ?? ("", nil, nil) == ("duplicate key 'format'", 3, 3), "\(duplicate)")
        let huge = problems("{\"format\": \"dvsec-snapshot\", \"version\": 1e400}")
        #expect(huge.first?.line == 1 && huge.first?.column == 41, "\(huge)")
        let open = problems("{\"format\": \"dvsec-snapshot\",\n \"tenant\": \"Contoso,\n \"version\": 2}")
        #expect(
            open.first?.message == "unterminated string: a line break before its closing quote (the string starts at line 2, column 12)",
            "\(open)")
        #expect(open.first?.line == 2)
    }

    /// Found by an output review: one run named a role "Auditor" in the trimmed-name note and
    /// "Auditor " in the note about its miscellaneous privilege.
    @Test func notesNameARoleAsItIsRead() throws {
        var snapshot = try JSONSerialization.jsonObject(with: SnapshotWriter.data(for: DemoOrganisation.snapshot)) as? [String: Any]
        var envs = try #require(snapshot?["environments"] as? [[String: Any]])
        var roles = try #require(envs[0]["roles"] as? [[String: Any]])
        let name = try #require(roles[1]["name"] as? String)
        roles[1]["name"] = name + " "
        var misc = roles[1]["miscPrivileges"] as? [String: Any] ?? [:]
        misc["prvReadWebResource"] = "basic"
        roles[1]["miscPrivileges"] = misc
        envs[0]["roles"] = roles
        snapshot?["environments"] = envs
        let read = try SnapshotReader.read(try JSONSerialization.data(withJSONObject: snapshot as Any))
        let notes = read.readDifferently
        #expect(notes.count >= 2, "\(notes)")
        #expect(notes.allSatisfy { !$0.contains("“\(name) ”") } && notes.filter { $0.contains("role “\(name)”") }.count >= 2, "\(notes)")
    }

    /// Found by a robustness review: an empty id passed validate.
    @Test func anEmptyIdIsAProblemWithItsPlace() throws {
        for kind in ["users", "teams", "roles", "businessUnits"] {
            var snapshot = try JSONSerialization.jsonObject(with: SnapshotWriter.data(for: DemoOrganisation.snapshot)) as? [String: Any]
            var envs = try #require(snapshot?["environments"] as? [[String: Any]])
            var records = try #require(envs[0][kind] as? [[String: Any]])
            records[1]["id"] = ""
            envs[0][kind] = records
            snapshot?["environments"] = envs
            let data = try JSONSerialization.data(withJSONObject: snapshot as Any)
            do {
                _ = try SnapshotReader.read(data)
                Issue.record("\(kind): an empty id was accepted")
            } catch {
                let singular = ["users": "user", "teams": "team", "roles": "role", "businessUnits": "business unit"][kind] ?? ""
                #expect(
                    error.problems.contains { $0.path == "environments[0].\(kind)[1].id" && $0.message == "the \(singular) id is empty" },
                    "\(error.problems.prefix(3))")
            }
        }
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(SnapshotWriter.data(for: DemoOrganisation.snapshot))
        #expect(try SnapshotReader.read(data) == DemoOrganisation.snapshot)
    }
}
