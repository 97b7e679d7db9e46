import Foundation
import SecurityModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of the journal: a change applied (an edit, an undo as the inverse it applied, a
/// redo), or `x` on the pending list, which is replayed as that revert (so the recovered pending
/// list is the one the session had, not the revert's changes as new edits).
public enum JournalRecord: Hashable, Sendable {
    case change(Change)
    /// Pending change number `index` (0-based), `change`, reverted; `applied` is what that did to
    /// the model, replayed when the pending list no longer has that change there.
    case revert(index: Int, change: Change, applied: Change)
    /// A change and what it replaced (its inverse when it was made). One that sets a whole record
    /// (``Change/setsAWholeRecord``) is made again as ``Change/rebased(from:onto:)``, so that a
    /// recovery onto a file someone else saved since sets only the fields this session changed
    /// (a review found a recovered "auditing on → off" putting back the region a colleague had
    /// changed, and an undone edit of the settings recovered as two edits). Any other is made
    /// as it is, and what it replaces on the file then is compared with what it replaced: where
    /// they differ, the file changed it too, and the recovery says so as a reload does (a
    /// data-safety review found a colleague's lowered level raised again without a word).
    /// Journals written before this record was used for every change hold `.change` lines.
    case edit(Change, replaced: Change)

    /// The record for a change just applied that replaced `inverse`.
    static func applied(_ change: Change, replacing inverse: Change) -> JournalRecord {
        .edit(change, replaced: inverse)
    }

    /// Whether the change, made again where it now replaces `inverse`, meets a file that changed
    /// what it changes: its recorded inverse differs (not said of a whole-record change, which is
    /// rebased onto the file's other fields, nor of a record without one).
    func conflicts(withInverse inverse: Change) -> Bool {
        guard case .edit(let change, let replaced) = self, !change.setsAWholeRecord else { return false }
        return replaced != inverse
    }

    /// What the record did to the model.
    public var applied: Change {
        switch self {
        case .change(let c), .edit(let c, _): c
        case .revert(_, _, let applied): applied
        }
    }

    /// What the record does to `snapshot` when it is made again.
    func change(onto snapshot: Snapshot) -> Change {
        if case .edit(let change, let replaced) = self { return change.rebased(from: replaced, onto: snapshot) }
        return applied
    }

    /// The line written to the journal (without its line feed).
    var line: Data {
        switch self {
        case .change(let c): ChangeCodec.encode(c)
        case .revert(let index, let change, let applied): Self.pair("revert", "\"index\":\(index),", "applied", change, applied)
        case .edit(let change, let replaced): Self.pair("edit", "", "replaced", change, replaced)
        }
    }

    /// `{"<key>":{<extra>"change":<change>,"<second>":<other>}}`: a record holding two changes.
    private static func pair(_ key: String, _ extra: String, _ second: String, _ change: Change, _ other: Change) -> Data {
        var out = Data("{\"\(key)\":{\(extra)\"change\":".utf8)
        out.append(ChangeCodec.encode(change))
        out.append(Data(",\"\(second)\":".utf8))
        out.append(ChangeCodec.encode(other))
        out.append(Data("}}".utf8))
        return out
    }

    /// A line read back; nil when it is not a record.
    init?(line: Data) {
        if line.starts(with: Data("{\"revert\":".utf8)) {
            guard let (body, change, applied) = Self.pair(line, "revert", "applied"), let index = body["index"] as? Int else { return nil }
            self = .revert(index: index, change: change, applied: applied)
        } else if line.starts(with: Data("{\"edit\":".utf8)) {
            guard let (_, change, replaced) = Self.pair(line, "edit", "replaced") else { return nil }
            self = .edit(change, replaced: replaced)
        } else if let change = try? ChangeCodec.decode(line) {
            self = .change(change)
        } else {
            return nil
        }
    }

    /// A record holding two changes read back: its object under `key`, its `change`, and the
    /// change under `second`; nil when any is missing or unreadable.
    private static func pair(_ line: Data, _ key: String, _ second: String) -> ([String: Any], Change, Change)? {
        func decoded(_ object: Any?) -> Change? {
            guard let object, let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
            return try? ChangeCodec.decode(data)
        }
        guard JSONNesting.depth(of: line, limit: JSONNesting.limit) <= JSONNesting.limit,
            let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let body = object[key] as? [String: Any], let change = decoded(body["change"]), let other = decoded(body[second])
        else { return nil }
        return (body, change, other)
    }
}

/// The crash journal: every edit appended and flushed to disk as it is made, so a crash or a
/// killed terminal loses nothing. It lives next to the snapshot (`.<name>.dvsec-journal`), or
/// under `$XDG_STATE_HOME/dvsec/` for the demo organisation, and is removed after a save or a
/// discard.
///
/// Format: JSON lines. The first line is a ``JournalHeader``; each further line is one change as
/// `ChangeCodec` writes it: every change applied, in order (an undo is journaled as the inverse
/// it applied), or a revert of a pending change, or a whole-record change with what it replaced
/// (``JournalRecord``). A torn last line (power cut
/// mid-write) is counted as damage on reading, so the recovery question says an edit is lost.
public struct ChangeJournal: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The journal of a snapshot file: `.<name>.dvsec-journal` in the same folder, symbolic
    /// links followed: a file opened through a link and by its own name is one file, with one
    /// journal and one lock (the lock went by the path as typed, and both sessions could edit).
    /// A name too long for that (the system allows 255 bytes, with room for what is added to
    /// the journal's name: `.lock`, `.not-recovered-TIME`) gives `.dvsec-<hash>.dvsec-journal`.
    public static func path(forSnapshotAt file: String) -> String {
        let url = URL(fileURLWithPath: SnapshotFile.resolvedPath(file))
        let name = SnapshotFile.sideFileName(for: url.lastPathComponent, prefix: ".", suffix: ".dvsec-journal", room: suffixRoom)
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The longest addition to a journal's name: `.not-recovered-20261129T133000Z`.
    static let suffixRoom = 32

    /// The journal of the demo organisation: `$XDG_STATE_HOME/dvsec/demo.dvsec-journal`
    /// (default `~/.local/state`), or the temporary folder when neither variable is usable;
    /// `demo-2.dvsec-journal`, `demo-3…` for the second and further demo sessions open at once
    /// (``lockDemoSlot(environment:slots:)``).
    public static func demoPath(environment: [String: String], slot: Int = 1) -> String {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.local/state"
        } else {
            base = NSTemporaryDirectory()
        }
        return (base as NSString).appendingPathComponent(slot <= 1 ? "dvsec/demo.dvsec-journal" : "dvsec/demo-\(slot).dvsec-journal")
    }

    /// A journal of the demo's for this session, and its lock. The demo has no file: two demo
    /// sessions are independent, so each takes a journal of its own rather than opening
    /// read-only (found by a console review: the second said "another dvsec session is editing
    /// this file"). An unlocked journal with edits (a session that crashed) comes first, so that
    /// they are offered back; otherwise the first free one. Nil when every slot is taken.
    public static func lockDemoSlot(environment: [String: String], slots: Int = 20) -> (path: String, lock: SessionLock)? {
        let paths = (1...max(1, slots)).map { demoPath(environment: environment, slot: $0) }
        for path in paths where ChangeJournal(path: path).exists {
            if let lock = ChangeJournal(path: path).lockForSession(createDirectory: true) { return (path, lock) }
        }
        for path in paths {
            if let lock = ChangeJournal(path: path).lockForSession(createDirectory: true) { return (path, lock) }
        }
        return nil
    }

    /// Whether a journal file exists (a symbolic link at its name counts, dangling or not: it is
    /// never followed, so it is there to be reported, not a journal to start afresh).
    public var exists: Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether the journal's name is a symbolic link. dvsec neither reads nor writes a journal
    /// through one: a link planted at that name (in a shared folder) would have a session append
    /// edits to, or recover edits from, a file of someone else's choosing (found by a robustness
    /// review).
    public var isSymbolicLink: Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Why the journal at this name is not one dvsec wrote for this account, or nil when it is
    /// (or there is none): dvsec creates its journals owned by the user, readable and writable by
    /// them alone (0600). One owned by another account, or open to others (the 0644 of a file a
    /// `git checkout` or an archive put there), could hold edits someone else planted: a review
    /// found a journal committed beside a snapshot offered as "a previous session", and applying
    /// it granted System Administrator in production. Such a journal is neither recovered from
    /// nor written to.
    public var trustProblem: String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Self.trustProblem(owner: info.st_uid, mode: info.st_mode)
    }

    /// ``trustProblem`` of a file's owner and mode.
    static func trustProblem(owner: uid_t, mode: mode_t) -> String? {
        if owner != geteuid() { return "it belongs to another account (user id \(owner))" }
        if mode & 0o077 != 0 {
            return
                "others may read or write it (mode \(String(mode & 0o777, radix: 8))), and dvsec writes its journals for their owner alone (0600)"
        }
        return nil
    }

    /// The header and records of an existing journal; nil when there is none or it cannot be
    /// read. Reading stops at the first line that does not decode: the edits after a lost one
    /// may depend on it. `damage` counts what is not recovered, a torn last line (the usual
    /// shape of a crash mid-write) included: dropping it without a word lost an edit silently.
    ///
    /// `saved` is the fingerprint a save recorded just before it replaced the file, when that is
    /// the journal's last line: the session ended between the save and the journal's removal.
    public func read() -> (header: JournalHeader?, changes: [JournalRecord], damage: JournalDamage, saved: FileFingerprint?)? {
        readWithRecordsAfterDamage()?.read
    }

    /// The whole records after the first damaged one (``JournalDamage/notApplied`` of them), in
    /// order: not applied, but named, so that what a recovery leaves out is said.
    public func recordsAfterDamage() -> [JournalRecord] {
        readWithRecordsAfterDamage()?.after ?? []
    }

    private func readWithRecordsAfterDamage() -> (
        read: (header: JournalHeader?, changes: [JournalRecord], damage: JournalDamage, saved: FileFingerprint?),
        after: [JournalRecord]
    )? {
        guard !isSymbolicLink, let data = FileManager.default.contents(atPath: path) else { return nil }
        var header: JournalHeader?
        var changes: [JournalRecord] = []
        var saved: FileFingerprint?
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let complete = data.last == UInt8(ascii: "\n")
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let lineData = Data(line)
            if header == nil, changes.isEmpty, let h = JournalHeader(jsonLine: lineData) {
                header = h
            } else if let marker = Self.savingMarker(lineData) {
                saved = marker
                continue
            } else if let record = JournalRecord(line: lineData) {
                changes.append(record)
            } else {
                // A save's marker cut short: the save had not replaced the file yet, no edit is lost.
                let torn = i == lines.count - 1 && !complete
                if torn, lineData.starts(with: Data("{\"saving\"".utf8)) { return ((header, changes, JournalDamage(), nil), []) }
                let after = lines[(i + 1)...].filter { !$0.isEmpty }.map { Data($0) }
                let readable = after.compactMap { JournalRecord(line: $0) }
                let markers = after.filter { Self.savingMarker($0) != nil }.count
                let damage = JournalDamage(unreadable: after.count - readable.count - markers + 1, notApplied: readable.count)
                return ((header, changes, damage, nil), readable)
            }
            saved = nil
        }
        return ((header, changes, JournalDamage(), saved), [])
    }

    /// Records that a save is about to replace the file with content of this fingerprint (only
    /// when there is a journal: a session with nothing journaled has nothing to tell).
    public func appendSaving(_ fingerprint: FileFingerprint) {
        guard exists else { return }
        let line = "{\"saving\":{\"hash\":\"\(String(fingerprint.contentHash, radix: 16))\",\"size\":\(fingerprint.size)}}\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        fsync(fd)
    }

    static func savingMarker(_ line: Data) -> FileFingerprint? {
        guard JSONNesting.depth(of: line, limit: JSONNesting.limit) <= JSONNesting.limit,
            let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let saving = object["saving"] as? [String: Any], let size = saving["size"] as? Int,
            let hex = saving["hash"] as? String, let hash = UInt64(hex, radix: 16)
        else { return nil }
        var fp = FileFingerprint(data: Data())
        fp.size = size
        fp.contentHash = hash
        return fp
    }

    /// Appends a change and flushes it to disk; writes `header` first when the journal is new.
    public func append(_ change: Change, header: @autoclosure () -> JournalHeader) throws(JournalError) {
        try append(.change(change), header: header())
    }

    /// Appends a record and flushes it to disk; writes `header` first when the journal is new.
    public func append(_ record: JournalRecord, header: @autoclosure () -> JournalHeader) throws(JournalError) {
        try append([record], header: header())
    }

    /// What is at the journal's path now (the name itself, not through a link): which file, and
    /// whether it is a regular one; nil when there is nothing.
    public func identity() -> (JournalIdentity, isRegularFile: Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (JournalIdentity(info), info.st_mode & S_IFMT == S_IFREG)
    }

    /// Appends records in one write and flushes them to disk; writes `header` first when the
    /// journal is new. All or none: a failed write cuts the journal back to where it was.
    /// Returns the file written, held open, for the session to notice when it is deleted or
    /// replaced.
    @discardableResult
    public func append(_ records: [JournalRecord], header: @autoclosure () -> JournalHeader) throws(JournalError) -> JournalFile {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw JournalError(path: path, message: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            let message =
                errno == ELOOP
                ? "is a symbolic link; dvsec does not write its journal through one (remove the link)"
                : String(cString: strerror(errno))
            throw JournalError(path: path, message: message)
        }
        defer { close(fd) }
        // Never added to a journal that is not this account's own (``trustProblem``): checked on
        // the file opened, so that it cannot be swapped in between.
        var info = stat()
        if fstat(fd, &info) == 0, let problem = Self.trustProblem(owner: info.st_uid, mode: info.st_mode) {
            throw JournalError(path: path, message: "not written: \(problem); remove it")
        }
        var bytes = Data()
        let start = lseek(fd, 0, SEEK_END)
        if start == 0 {
            bytes.append(header().jsonLine)
            bytes.append(0x0A)
        }
        for record in records {
            bytes.append(record.line)
            bytes.append(0x0A)
        }
        let failure = bytes.withUnsafeBytes { writeFully(fd, $0) }.map { String(cString: strerror($0)) }
        if let failure {
            // A partial line would glue the next edit onto it: cut the journal back to where it was.
            if start >= 0 { _ = ftruncate(fd, start) }
            throw JournalError(path: path, message: failure)
        }
        if fsync(fd) != 0 { throw JournalError(path: path, message: "flush: " + String(cString: strerror(errno))) }
        return JournalFile(fd: fd)
    }

    /// Takes this journal for the session (an exclusive lock on `<journal>.lock`, held until the
    /// returned value is released); nil when another dvsec session holds it, so that two sessions
    /// never write, recover or discard one journal. Where no lock file can be made, the session
    /// goes on unlocked. `createDirectory` makes the journal's folder first (the demo's, under
    /// `$XDG_STATE_HOME`); next to a snapshot file it must already be there: a save as a file in a
    /// folder that does not exist fails rather than creating it.
    public func lockForSession(createDirectory: Bool = false) -> SessionLock? {
        let lockPath = path + ".lock"
        let directory = (path as NSString).deletingLastPathComponent
        if createDirectory && !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // A session that ends removes the lock file while it holds the lock: a lock taken on a
        // file that has just been removed holds nothing, so it is checked and taken again.
        for _ in 0..<3 {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { return SessionLock(fd: -1, path: lockPath) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let held = errno == EWOULDBLOCK
                close(fd)
                return held ? nil : SessionLock(fd: -1, path: lockPath)
            }
            var locked = stat()
            var named = stat()
            if fstat(fd, &locked) == 0, stat(lockPath, &named) == 0, locked.st_ino == named.st_ino, locked.st_dev == named.st_dev {
                return SessionLock(fd: fd, path: lockPath)
            }
            close(fd)
        }
        return SessionLock(fd: -1, path: lockPath)
    }

    /// Deletes the journal (no error when it is already gone).
    /// Removes the journal, unless it is not one dvsec wrote for this account (``trustProblem``):
    /// that one is kept as it is, whatever the session does (a discarding quit removed a planted
    /// journal the status had said was kept).
    public func remove() {
        guard trustProblem == nil else { return }
        unlink(path)
    }
}

/// A journal held by this session (see ``ChangeJournal/lockForSession(createDirectory:)``); released, and its lock
/// file removed, when the value goes.
public final class SessionLock: Sendable {
    let fd: Int32
    let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
    }
}

/// Which file a journal is (device and inode): a journal deleted or replaced while the session
/// runs is told apart from the one it wrote.
public struct JournalIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// The journal file a session wrote, held open: while it is open its inode cannot be reused, so a
/// file made at the journal's path after it was deleted is never taken for it.
public final class JournalFile: Sendable {
    private let fd: Int32
    /// Which file it is; nil when it could not be held open.
    public let identity: JournalIdentity?

    init(fd written: Int32) {
        fd = dup(written)
        var info = stat()
        identity = fd >= 0 && fstat(fd, &info) == 0 ? JournalIdentity(info) : nil
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}

/// What of a journal is not recovered: records that do not decode (a damaged line, a torn last
/// one), and the well-formed records after the first of them, read but not applied because they
/// may depend on the lost one.
public struct JournalDamage: Hashable, Sendable {
    /// Records that could not be read.
    public var unreadable = 0
    /// Records read after the first unreadable one, and not applied.
    public var notApplied = 0

    public init(unreadable: Int = 0, notApplied: Int = 0) {
        self.unreadable = unreadable
        self.notApplied = notApplied
    }

    /// Nothing is lost.
    public var isEmpty: Bool { unreadable == 0 && notApplied == 0 }
}

/// Why the journal could not be written.
public struct JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
