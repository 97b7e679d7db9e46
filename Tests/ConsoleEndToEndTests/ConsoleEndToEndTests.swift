import Foundation
import SecurityModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary in a real terminal (tmux): what a user sees and what ends up on disk.
@Suite(
    "Console end to end (tmux)", .serialized, .enabled(if: Binary.tmuxAvailable, "tmux is not installed: end-to-end console tests skipped"))
struct ConsoleEndToEndTests {
    /// A scratch folder with the demo snapshot written by `dvsec demo --out`.
    struct Workspace {
        let directory: String
        let file: String
        let binary: String

        init() throws {
            guard let binary = Binary.path else { throw TmuxError(message: "dvsec binary not found: build it or set DVSEC_BINARY") }
            self.binary = binary
            directory = NSTemporaryDirectory() + "dvsec-e2e-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            file = directory + "/contoso.json"
            let result = try Binary.run(binary, ["demo", "--out", file])
            if result.status != 0 { throw TmuxError(message: "dvsec demo failed: \(result.stderr)") }
        }

        /// The shell command that opens the console in tmux.
        func command(_ arguments: String, term: String = "tmux-256color") -> String {
            "env TERM=\(term) LANG=C.UTF-8 HOME=\(directory) XDG_STATE_HOME=\(directory)/state XDG_CONFIG_HOME=\(directory)/config \(binary) \(arguments)"
        }

        /// The snapshot on disk now, and its production environment.
        func production() throws -> (Snapshot, Environment) {
            let (snapshot, _) = try SnapshotFile.load(path: file)
            return (snapshot, try #require(snapshot.environment(matching: "prod")))
        }

        func salespersonDelete(named name: String = "Salesperson") throws -> AccessLevel {
            let (_, env) = try production()
            let role = try #require(env.roles.values.first { $0.name == name })
            return role.level(.delete, on: "account")
        }

        var journal: String { directory + "/.contoso.json.dvsec-journal" }
    }

    /// Waits for the console, opens Salesperson's privileges and raises Delete on account: one
    /// unsaved edit, already in the journal.
    func makeOneUnsavedEdit(_ tmux: TmuxSession) {
        tmux.waitFor("Users (")
        tmux.type(":role Salesperson")
        tmux.send("Enter")
        tmux.waitFor("Table privileges")
        tmux.send("l", "l", "+")
        tmux.waitFor("1 unsaved")
    }

    /// The level `+` leads to from `level` on a user-owned table.
    func raised(_ level: AccessLevel) -> AccessLevel {
        AccessLevel.allCases.first { $0 > level } ?? level
    }

    @Test func raiseAPrivilegeSeeItPendingSaveItUndoItAndQuit() throws {
        let w = try Workspace()
        let before = try w.salespersonDelete()
        let after = raised(before)
        let tmux = try TmuxSession(w.command("\(w.file) --environment prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.send("4")
        tmux.waitFor("Security roles (")
        tmux.type(":role Salesperson")
        tmux.send("Enter")
        tmux.waitFor("Table privileges")
        tmux.send("l", "l", "+")
        let summary = "Salesperson: Delete on account: \(before.label) → \(after.label)"
        tmux.waitFor(summary)
        tmux.waitFor("1 unsaved")
        tmux.send("p")
        tmux.waitFor("Pending changes (1 unsaved)")
        tmux.waitFor(summary)
        tmux.send("C-s")
        tmux.waitFor("Saved 1 change to \(w.file)")
        #expect(try w.salespersonDelete() == after)
        #expect(!FileManager.default.fileExists(atPath: w.journal))
        // Undo restores the previous level; the undo is itself an unsaved change.
        tmux.send("u")
        tmux.waitFor("Undone: \(summary)")
        tmux.send("Escape")
        tmux.waitFor("Table privileges")
        tmux.send("q")
        tmux.waitFor("Unsaved changes")
        tmux.send("s")
        tmux.waitFor("EXIT=0")
        #expect(try w.salespersonDelete() == before)
        // Nothing is left beside the file: no journal, no lock file.
        #expect(!FileManager.default.fileExists(atPath: w.journal))
        #expect(!FileManager.default.fileExists(atPath: w.journal + ".lock"))
    }

    /// With modernized business units (the demo's sandbox), `c` chooses which unit's copy of a
    /// role a user holds; the save writes it (`roleBusinessUnits`, snapshot version 2).
    @Test func choosingTheRoleCopyAUserHoldsIsSavedAsVersion2() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) --environment sandbox"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.send("2")
        tmux.type("/Priya")
        tmux.send("Enter")
        tmux.waitFor("Auditor")
        tmux.send("c")
        // Priya (North America) holds one role, Auditor (made at the root): straight to its units.
        tmux.waitFor("Copy of Auditor that Priya Raman holds")
        tmux.waitFor("(default copy)")
        tmux.type("sales na")
        tmux.send("Enter")
        tmux.waitFor("Priya Raman: Auditor held from Contoso / North America / Sales NA's copy (was the default copy [I])")
        tmux.waitFor("Auditor · copy of Contoso / North America /")
        tmux.send("C-s")
        tmux.waitFor("Saved 1 change")
        let text = try String(contentsOfFile: w.file, encoding: .utf8)
        #expect(text.contains("\"version\": 2") && text.contains("\"roleBusinessUnits\""))
        let (snapshot, _) = try SnapshotFile.load(path: w.file)
        let sandbox = try #require(snapshot.environment(matching: "sandbox"))
        let priya = try #require(sandbox.users.values.first { $0.name == "Priya Raman" })
        let salesNA = try #require(sandbox.businessUnits.values.first { $0.name == "Sales NA" })
        #expect(Array(priya.roleBusinessUnitIds.values) == [salesNA.id])
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// Two demo consoles at once: the demo has no file, so the second edits too (it opened
    /// read-only, "another dvsec session is editing this file") and journals apart from the first.
    @Test func twoDemoSessionsAreIndependent() throws {
        let w = try Workspace()
        let first = try TmuxSession(w.command("-e prod"))
        defer { first.kill() }
        makeOneUnsavedEdit(first)
        let second = try TmuxSession(w.command("-e prod"))
        defer { second.kill() }
        makeOneUnsavedEdit(second)
        #expect(!second.capture().contains("Read-only"))
        for name in ["demo", "demo-2"] {
            let journal = w.directory + "/state/dvsec/\(name).dvsec-journal"
            #expect(ChangeJournalLines.count(journal) == 2, "\(journal)")
        }
    }

    @Test func createRenameDeleteAndUndoARoleThenSaveIt() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.send("4")
        tmux.waitFor("Security roles (")
        tmux.send("n")
        tmux.waitFor("New security role (business unit")
        tmux.type("Field Auditor")
        tmux.send("Enter")
        tmux.waitFor("Created role Field Auditor")
        tmux.waitFor("1 unsaved")
        // The new role is selected: rename it, starting from a cleared line.
        tmux.send("R")
        tmux.waitFor("Rename role Field Auditor to: Field Auditor")
        tmux.send("C-u")
        tmux.type("Field Reviewer")
        tmux.send("Enter")
        tmux.waitFor("Renamed role Field Auditor → Field Reviewer")
        tmux.waitFor("2 unsaved")
        tmux.send("D")
        tmux.waitFor("Delete role Field Reviewer? Nobody holds it.")
        tmux.send("y")
        tmux.waitFor("Deleted role Field Reviewer")
        tmux.waitFor("3 unsaved")
        #expect(FileManager.default.fileExists(atPath: w.journal))
        tmux.send("u")
        tmux.waitFor("Undone: Deleted role Field Reviewer")
        tmux.waitFor("2 unsaved")
        tmux.send("C-s")
        tmux.waitFor("Saved 2 changes to \(w.file)")
        let (_, env) = try w.production()
        let role = try #require(env.roles.values.first { $0.name == "Field Reviewer" })
        #expect(role.businessUnitId == env.rootBusinessUnit?.id)
        #expect(!env.roles.values.contains { $0.name == "Field Auditor" })
        #expect(env.roles.count == DemoOrganisation.snapshot.environment(matching: "prod")!.roles.count + 1)
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// `--baseline` opens on the changes: escalations first, `r` narrows to one risk class, Enter
    /// lists exactly the users a change reaches, and nothing is edited (q quits at once).
    @Test func baselineOpensOnTheChangesNarrowedByRiskWithTheUsersEachReaches() throws {
        let w = try Workspace()
        var (snapshot, env) = try w.production()
        let role = try #require(env.roles.values.first { $0.name == "Salesperson" })
        try snapshot.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
        let disabled = try #require(env.sortedUsers.first { !$0.isDisabled && $0.isLicensed && !$0.roleIds.isEmpty })
        try snapshot.apply(.setUserDisabled(environment: env.id, user: disabled.id, disabled: true))
        let release = w.directory + "/release.json"
        #expect(FileManager.default.createFile(atPath: release, contents: SnapshotWriter.data(for: snapshot)))
        let holders = env.users.values.filter { $0.roleIds.contains(role.id) }.count
        #expect(holders > 0)

        let tmux = try TmuxSession(w.command("\(release) --baseline \(w.file) --environment prod"), width: 160, height: 40)
        defer { tmux.kill() }
        tmux.waitFor("Changed objects (2) ")
        tmux.waitFor("Salesperson")
        tmux.send("r")
        tmux.waitFor("escalation lines only (r)")
        let escalations = tmux.waitFor("Changed objects (1 of 2)")
        #expect(escalations.contains("Salesperson") && !escalations.contains(disabled.name))
        // The list says how many users the change reaches; Enter lists that many.
        let reach = try #require(try Regex(#"Enter: the (\d+) users? it reaches"#).firstMatch(in: escalations))
        let count = try #require(reach.output[1].substring.map { String($0) })
        #expect(escalations.contains("Users"))
        tmux.send("Enter")
        let users = tmux.waitFor("Users this change reaches (")
        #expect(users.contains("Users this change reaches (\(count))"))
        #expect(!users.contains("No user's effective access moves"))
        tmux.send("Escape")
        tmux.send("r")
        let reductions = tmux.waitFor("reduction lines only (r)")
        #expect(reductions.contains(disabled.name))
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// A baseline of another organisation (other tenant, no environment in common) is still
    /// compared, but the console says so: on the status line as it opens, over the diff screen's
    /// counts, and in `:messages` after the status line has moved on.
    @Test func aBaselineOfAnotherOrganisationIsWarnedAboutOnOpening() throws {
        let w = try Workspace()
        let other = w.directory + "/other.json"
        let generated = try Binary.run(
            w.binary, ["generate", "--users", "40", "--teams", "4", "--roles", "5", "--tables", "5", "--out", other])
        if generated.status != 0 { throw TmuxError(message: "dvsec generate failed: \(generated.stderr)") }

        let tmux = try TmuxSession(w.command("\(w.file) --baseline \(other) --environment prod"), width: 160, height: 40)
        defer { tmux.kill() }
        let opened = tmux.waitFor("Changed objects (")
        #expect(opened.contains("another organisation (:messages)"), "\(opened)")
        #expect(opened.contains("the base is organisation 'Generated"), "\(opened)")
        tmux.send("Escape")
        tmux.type(":messages")
        tmux.send("Enter")
        let log = tmux.waitFor("and the target 'Contoso'")
        #expect(log.contains("is it the right baseline?"), "\(log)")

        // The same file as its own baseline: no warning anywhere.
        let plain = try TmuxSession(w.command("\(w.file) --baseline \(w.file) --environment prod"), width: 160, height: 40)
        defer { plain.kill() }
        let same = plain.waitFor("Changed objects (0)")
        #expect(!same.contains("another organisation") && !same.contains("the base is organisation"), "\(same)")
    }

    /// In production, giving a user System Administrator asks first, naming who; n keeps things
    /// as they are (nothing pending), y makes the edit.
    @Test func makingSomeoneAnAdministratorInProductionAsksFirst() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"), width: 140, height: 40)
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.type(":user Alex Wilber")
        tmux.send("Enter")
        for answer in ["n", "y"] {
            tmux.waitFor("Alex Wilber")
            tmux.send("a")
            tmux.waitFor("Assign a security role to Alex Wilber")
            tmux.type("System Administrator")
            // The demo has a copy of it, which asks too; the name typed in full comes first.
            tmux.waitFor("Copy of System Administrator")
            tmux.send("Enter")
            tmux.waitFor("Make 1 user an administrator in Contoso Production?")
            tmux.waitFor("Alex Wilber: assigned role System Administrator.")
            tmux.send(answer)
            tmux.waitFor(answer == "n" ? "Kept: nothing changed" : "1 unsaved")
        }
        tmux.type(":q!")
        tmux.send("Enter")
        tmux.waitFor("EXIT=0")
        let (snapshot, _) = try SnapshotFile.load(path: w.file)
        #expect(snapshot == DemoOrganisation.snapshot)
    }

    @Test func quittingWithUnsavedChangesAsksAndCanDiscard() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.send("d")
        tmux.waitFor("1 unsaved")
        tmux.send("q")
        tmux.waitFor("Quitting without saving discards it")
        tmux.send("c")
        tmux.waitFor("1 unsaved")
        tmux.type(":q!")
        tmux.send("Enter")
        tmux.waitFor("EXIT=0")
        #expect(!FileManager.default.fileExists(atPath: w.journal))
        let (snapshot, _) = try SnapshotFile.load(path: w.file)
        #expect(snapshot == DemoOrganisation.snapshot)
    }

    @Test func whoCanSwitchesToColumnModeAndListsWhoReadsASecuredColumn() throws {
        let w = try Workspace()
        let (_, env) = try w.production()
        let answer = try #require(AccessIndex(environment: env).columnWhoCan(.init(table: "account", column: "creditlimit"), kind: .read))
        // A user who reads it through a profile held by a team, as the domain says.
        let viaTeam = try #require(
            answer.users.first {
                $0.answer.systemAdministrator == nil
                    && $0.answer.grants.contains {
                        if case .team = $0.via { return true }
                        return false
                    }
            })
        let name = try #require(env.users[viaTeam.userId]?.name)
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.type(":who-can account")
        tmux.send("Enter")
        tmux.waitFor("Minimum level")
        tmux.send("c")
        tmux.waitFor("\(answer.users.count) users can read account.creditlimit")
        tmux.waitFor(name)
        tmux.send("r")
        tmux.waitFor("can create account.creditlimit")
        tmux.send("Escape", "q")
        tmux.waitFor("EXIT=0")
    }

    @Test func effectiveAccessListsTheUsersMiscellaneousPrivilegesAfterTwoTabs() throws {
        let w = try Workspace()
        let (_, env) = try w.production()
        let alex = try #require(env.users.values.first { $0.name == "Alex Wilber" })
        // What the domain says Alex holds, and through which role.
        let misc = AccessIndex(environment: env).miscPrivileges(of: alex)
        let export = try #require(misc["prvexporttoexcel"])
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.type(":user Alex Wilber")
        tmux.send("Enter")
        tmux.waitFor("Effective access (")
        tmux.send("Tab")
        tmux.waitFor("Column security (")
        tmux.send("Tab")
        tmux.waitFor("Miscellaneous privileges (\(misc.count))")
        tmux.waitFor("prvExportToExcel")
        tmux.waitFor(export.via)
        tmux.send("Escape", "q")
        tmux.waitFor("EXIT=0")
    }
}

/// The lines of a journal file (a header, then one per change).
enum ChangeJournalLines {
    static func count(_ path: String) -> Int {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
    }
}
