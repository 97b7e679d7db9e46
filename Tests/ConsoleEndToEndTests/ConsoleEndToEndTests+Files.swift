import Foundation
import SecurityModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary against snapshot files that are not what they seem: a named pipe, a path
/// replaced on disk. Found by a robustness review.
extension ConsoleEndToEndTests {
    /// Ctrl-S on a snapshot read from a FIFO froze the console until someone wrote to the FIFO
    /// again, and then moved the FIFO to `.bak`. It opens read-only, says why, and `:w PATH`
    /// saves a copy, which is then edited as any file.
    @Test func aNamedPipeOpensReadOnlyAndSavesOnlyElsewhere() throws {
        let w = try Workspace()
        let fifo = w.directory + "/pipe.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let copy = w.directory + "/copy.json"
        let tmux = try TmuxSession("(cat \(w.file) > \(fifo) &); " + w.command("\(fifo) -e prod"), width: 200)
        defer { tmux.kill() }
        tmux.waitFor("READ-ONLY")
        tmux.waitFor("Read-only: \(fifo) is a named pipe (FIFO), not a regular file: :w PATH saves a copy elsewhere")
        tmux.send("C-s")
        tmux.waitFor("read-only: \(fifo) is a named pipe (FIFO), not a regular file: :w PATH saves a copy elsewhere; nothing to save")
        tmux.type(":w \(copy)")
        tmux.send("Enter")
        tmux.waitFor("Saved a copy to \(copy)")
        #expect(try SnapshotFile.load(path: copy).0.environments.count == 3)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(!FileManager.default.fileExists(atPath: fifo + ".bak"))
        // The copy is this session's file now: an edit is journaled next to it.
        tmux.send("d")
        tmux.waitFor("1 unsaved")
        #expect(FileManager.default.fileExists(atPath: w.directory + "/.copy.json.dvsec-journal"))
        tmux.type(":q!")
        tmux.send("Enter")
        tmux.waitFor("EXIT=0")
    }

    /// The open file replaced by a folder: the changed-on-disk question offered reloading and
    /// overwriting, neither of which can work. It says the path is a folder now and offers
    /// saving elsewhere, or quitting with the journal kept (the edits are offered next time).
    @Test func aFileReplacedByAFolderOffersOnlySavingElsewhereOrQuittingWithTheJournal() throws {
        let w = try Workspace()
        let tmux = try TmuxSession(w.command("\(w.file) -e prod"), width: 140, height: 40)
        defer { tmux.kill() }
        tmux.waitFor("Users (")
        tmux.send("d")
        tmux.waitFor("1 unsaved")
        try FileManager.default.moveItem(atPath: w.file, toPath: w.file + ".moved")
        try FileManager.default.createDirectory(atPath: w.file, withIntermediateDirectories: false)
        tmux.send("C-s")
        let screen = tmux.waitFor("is a folder now")
        #expect(!screen.contains("reload theirs") && !screen.contains("overwrite the file"), "\(screen)")
        tmux.send("q")
        tmux.waitFor("EXIT=0")
        // The header and the one edit.
        let journal = try String(contentsOfFile: w.journal, encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 2, "\(journal)")
    }
}
