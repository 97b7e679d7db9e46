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

    @Test func killedConsoleOffersItsJournaledEditsOnTheNextOpen() throws {
        let w = try Workspace()
        let before = try w.salespersonDelete()
        let first = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { first.kill() }
        makeOneUnsavedEdit(first)
        let pid = try #require(first.consolePID(marker: w.file))
        #expect(Glibc.kill(pid, SIGKILL) == 0)
        first.waitFor("EXIT=137")
        #expect(FileManager.default.fileExists(atPath: w.journal))
        #expect(try w.salespersonDelete() == before)

        let second = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { second.kill() }
        second.waitFor("Unsaved edits found")
        second.waitFor("1 unsaved edit (from 1")
        second.send("a")
        second.waitFor("Recovered 1 unsaved edit from the journal")
        second.send("C-s")
        second.waitFor("Saved 1 change")
        #expect(try w.salespersonDelete() == raised(before))
        #expect(!FileManager.default.fileExists(atPath: w.journal))
        second.send("q")
        second.waitFor("EXIT=0")
    }

    /// A colleague saves the file while an edit is pending: Ctrl-S asks, `r` reloads their file
    /// and makes the edit again on it (named as their file names the role), the pending list is
    /// shown, and the next Ctrl-S saves both writers' work without asking.
    @Test func aFileChangedOnDiskIsReloadedWithTheUnsavedEditMadeAgainOnIt() throws {
        let w = try Workspace()
        let before = try w.salespersonDelete()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        makeOneUnsavedEdit(tmux)
        // The colleague renames the role the edit is about, and saves.
        var (theirs, file) = try SnapshotFile.load(path: w.file)
        let prod = try #require(theirs.environment(matching: "prod"))
        let role = try #require(prod.roles.values.first { $0.name == "Salesperson" })
        try theirs.apply(.renameRole(environment: prod.id, role: role.id, name: "Account Manager"))
        try file.save(theirs)

        tmux.send("C-s")
        tmux.waitFor("File changed on disk")
        tmux.waitFor("reload theirs and re-apply mine")
        tmux.send("r")
        tmux.waitFor("1 of 1 change re-applied")
        tmux.waitFor("Pending changes (1 unsaved)")
        tmux.waitFor("Account Manager: Delete on account: \(before.label) → \(raised(before).label)")
        // Nothing written yet: their file as they saved it.
        #expect(try w.salespersonDelete(named: "Account Manager") == before)
        tmux.send("C-s")
        tmux.waitFor("Saved 1 change to \(w.file)")
        #expect(try w.salespersonDelete(named: "Account Manager") == raised(before))
        #expect(!FileManager.default.fileExists(atPath: w.journal))
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// Started by a parent that blocks SIGTERM (the mask is inherited across exec), the console
    /// still stops cleanly on it: screen restored, the edit kept in the journal, exit 128 + 15.
    @Test func aConsoleStartedWithSignalsBlockedStillStopsOnSIGTERM() throws {
        let w = try Workspace()
        let blockThenExec =
            "python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}); os.execvp(sys.argv[1], sys.argv[1:])' "
        let tmux = try TmuxSession(blockThenExec + w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        makeOneUnsavedEdit(tmux)
        let pid = try #require(tmux.consolePID(marker: w.file))
        #expect(Glibc.kill(pid, SIGTERM) == 0)
        tmux.waitFor("stopped by signal 15")
        tmux.waitFor("EXIT=143")
        #expect(FileManager.default.fileExists(atPath: w.journal))
    }

    /// A console outside its terminal's session gets no SIGHUP when the terminal goes away
    /// (here: setsid, then the tmux server killed); it must notice on its own, keep its journal
    /// and exit, not spin on failing reads.
    @Test func aConsoleWhoseTerminalVanishesStopsInsteadOfSpinning() throws {
        let w = try Workspace()
        let tmux = try TmuxSession("setsid -w " + w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        makeOneUnsavedEdit(tmux)
        let pid = try #require(tmux.consolePID(marker: w.file))
        tmux.kill()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && FileManager.default.fileExists(atPath: "/proc/\(pid)") {
            // A zombie has exited: only its entry remains until the parent reaps it.
            if let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), status.contains(") Z ") { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let gone = stat.isEmpty || stat.contains(") Z ")
        if !gone { _ = Glibc.kill(pid, SIGKILL) }
        #expect(gone, "the console kept running after its terminal went away")
        #expect(FileManager.default.fileExists(atPath: w.journal))
    }

    /// Ctrl-Z in an interactive shell: the job stops with the shell's screen back, `fg` brings the
    /// console back as it was (the pending edit included), `q` then asks about the unsaved edit.
    @Test func ctrlZSuspendsToTheShellAndFgResumes() throws {
        let w = try Workspace()
        let tmux = try TmuxSession("env -i PATH=/usr/bin:/bin HOME=\(w.directory) PS1='shell$ ' bash --norc --noprofile -i")
        defer { tmux.kill() }
        tmux.waitFor("shell$")
        tmux.type(w.command("\(w.file) -e prod"))
        tmux.send("Enter")
        makeOneUnsavedEdit(tmux)
        tmux.send("C-z")
        tmux.waitFor("Stopped")
        tmux.type("fg")
        tmux.send("Enter")
        tmux.waitFor("Table privileges")
        tmux.waitFor("1 unsaved")
        tmux.send("q")
        tmux.waitFor("1 change is not saved")
    }

    /// `kill %1` on a suspended console sends SIGTERM and then SIGCONT: the console ends (exit
    /// 143) with its edits in the journal. It used to set the terminal's modes again from the
    /// background, stop on SIGTTOU and stay stopped for good.
    @Test func killingASuspendedConsoleEndsIt() throws {
        let w = try Workspace()
        let tmux = try TmuxSession("env -i PATH=/usr/bin:/bin HOME=\(w.directory) PS1='shell$ ' bash --norc --noprofile -i")
        defer { tmux.kill() }
        tmux.waitFor("shell$")
        tmux.type(w.command("\(w.file) -e prod"))
        tmux.send("Enter")
        makeOneUnsavedEdit(tmux)
        tmux.send("C-z")
        tmux.waitFor("Stopped")
        tmux.type("kill %1")
        tmux.send("Enter")
        tmux.waitFor("stopped by signal 15")
        tmux.type("jobs")
        tmux.send("Enter")
        tmux.waitFor("Exit 143")
        #expect(FileManager.default.fileExists(atPath: w.journal))
    }

    @Test func resizingAtAnyMomentIsSafe() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.send("Enter")
        tmux.waitFor("Effective access")
        tmux.resize(width: 200, height: 50)
        tmux.waitFor("Why")
        tmux.resize(width: 40, height: 10)
        tmux.waitFor("dvsec needs at least 60×16;")
        tmux.waitFor("this terminal is 40×10.")
        tmux.resize(width: 80, height: 24)
        tmux.waitFor("Table privileges")
        tmux.send("?")
        tmux.waitFor("Help: every key")
        tmux.resize(width: 61, height: 16)
        tmux.waitFor("Search:")
        tmux.send("Escape", "q")
        tmux.waitFor("EXIT=0")
    }

    @Test func readOnlyRefusesEdits() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) --read-only -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("READ-ONLY")
        tmux.send("d")
        tmux.waitFor("read-only: opened with --read-only")
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// Alt-d (readline's "delete word") in a filter is not Esc and then d: the filter stays open
    /// and nobody is disabled; Esc alone still cancels.
    @Test func altWithAKeyIsNotEscThenTheKey() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (40)")
        tmux.send("/")
        tmux.type("al")
        tmux.waitFor("/al")
        tmux.send("M-d")
        tmux.send("x")
        tmux.waitFor("/alx")
        #expect(!tmux.capture().contains("unsaved"))
        tmux.send("Escape")
        tmux.waitFor("Enter open")
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// A paste is text, never keys: pasted where no line is open it is refused whole (its `d`s
    /// would disable users), and pasted into a filter its line break does not submit it. tmux
    /// brackets the paste only if dvsec turned bracketed paste on, so this checks that as well.
    @Test func aPasteIsTextNotKeys() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (40)")
        tmux.paste("dd\nq")
        tmux.waitFor("Paste ignored")
        #expect(!tmux.capture().contains("unsaved"))
        tmux.send("/")
        tmux.waitFor("Esc cancel")
        tmux.paste("al\nx\n")
        tmux.waitFor("/al x")
        #expect(tmux.capture().contains("Esc cancel"))
        tmux.send("Escape")
        tmux.waitFor("Enter open")
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    /// After a lone Esc the console waits for keys again: it must not poll without waiting (it
    /// did, after the look ahead that tells Esc from Alt, and spun a core). Measured as CPU ticks
    /// used over two idle seconds: a waiting console uses next to none, a spinning one about 200.
    @Test func anIdleConsoleAfterEscDoesNotSpin() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"))
        defer { tmux.kill() }
        tmux.waitFor("Users (40)")
        tmux.send("/")
        tmux.waitFor("Esc cancel")
        tmux.send("Escape")
        tmux.waitFor("Enter open")
        let pid = try #require(tmux.consolePID(marker: w.file))
        func ticks() -> Int {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            return fields.count > 13 ? (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) : 0
        }
        let before = ticks()
        Thread.sleep(forTimeInterval: 2)
        #expect(ticks() - before < 50, "the console used the processor while waiting for keys")
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }

    @Test func aDumbTerminalGetsAMessageNotAHang() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command(w.file, term: "dumb"))
        defer { tmux.kill() }
        tmux.waitFor("dumb terminal")
        tmux.waitFor("EXIT=2")
    }

    @Test func aPipeGetsAMessageNotAHang() throws {
        let w = try Workspace()
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let result = try Binary.run(w.binary, [w.file], environment: environment, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs an interactive terminal"))
        environment["TERM"] = "dumb"
        let dumb = try Binary.run(w.binary, [], environment: environment, timeout: 60)
        #expect(!dumb.timedOut)
        #expect(dumb.status == 2)
    }

    /// Found by a console review: a terminal type curses does not know got its message and then
    /// a stray escape sequence (bracketed paste turned off, never turned on). Run on a pseudo
    /// terminal (`script`), where curses is started.
    @Test func anUnknownTerminalTypeGetsAMessageAndNoEscapeSequence() throws {
        let w = try Workspace()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "nonexistent-term"
        let result = try Binary.run(
            "/usr/bin/script", ["-qec", "'\(w.binary)' '\(w.file)'", "/dev/null"], environment: environment, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 2)
        #expect(result.stdout.contains("nonexistent-term"), "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}"), "\(result.stdout.debugDescription)")
    }

    @Test func aBadThemeFallsBackWithAWarningNamingTheKey() throws {
        let w = try Workspace()
        let theme = w.directory + "/bad.json"
        try Data(#"{"name": "bad", "roles": {"header": {"fg": "cyna"}}}"#.utf8).write(to: URL(fileURLWithPath: theme))
        let tmux = try TmuxSession(w.command("\(w.file) --theme \(theme) -e prod"), width: 200, height: 30)
        defer { tmux.kill() }
        tmux.waitFor("roles.header.fg")
        tmux.send("q")
        tmux.waitFor("EXIT=0")
    }
}
