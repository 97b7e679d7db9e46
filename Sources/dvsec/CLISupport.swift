import ArgumentParser
import Foundation
import SecurityModel
import Synchronization

/// Output formats of commands whose output is data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Exit codes, documented in the README.
enum ExitStatus {
    /// Findings or differences without escalation.
    static let findings = ExitCode(1)
    /// Usage or input error.
    static let inputError = ExitCode(2)
    /// Differences with at least one escalation.
    static let escalation = ExitCode(3)
}

/// Writes to stderr, ignoring a failure: a terminal hung up (SIGHUP) or a closed stderr must not
/// turn a message into a crash (Foundation's FileHandle.write traps on EIO and EPIPE).
func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return }
        offset += n
    }
}

/// Writes a one-line error to stderr and exits with code 2. Names from a snapshot in the message
/// (an escape sequence in a role name) are shown escaped, never sent to the terminal.
func fail(_ message: String) -> ExitCode {
    writeError("dvsec: error: " + readable(message) + "\n")
    return ExitStatus.inputError
}

/// Writes text to stdout as is, from the string's own bytes (a diff's text can be tens of MB).
func writeOut(_ text: String) {
    var text = text
    text.withUTF8(writeOut)
}

func writeOut(_ data: Data) {
    data.withUnsafeBytes { writeOut($0.bindMemory(to: UInt8.self)) }
}

/// Writes bytes to stdout without copying them, after what `print` buffered. A write that fails
/// (a full disk) ends the command with an error and exit code 2 instead of a crash or a silently
/// cut output; a closed pipe (`| head`) ends it as SIGPIPE does.
func writeOut(_ bytes: UnsafeBufferPointer<UInt8>) {
    finishPrintedOutput()
    writeAll(bytes)
}

/// What this module's `print` wrote and has not written out yet.
private let printedText = Mutex<[UInt8]>([])

/// The command line's `print`: what a command prints goes to stdout in one write up to 64 KiB (a
/// pipe's size), at the end or when that much is waiting, as the commands that build their
/// output first do. Through stdio's 4 KiB buffer, `dvsec who-can … | head -n 1` on a 5 KB answer
/// was killed by SIGPIPE (exit 141) one run in two, though the README says a short output is
/// written whole and the command's own code stands (found by a CLI review).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    let full: [UInt8]? = printedText.withLock { buffer in
        buffer.append(contentsOf: text.utf8)
        // A terminal shows each line as it comes, in step with stderr.
        guard buffer.count >= 1 << 16 || stdoutIsATerminal else { return nil }
        defer { buffer = [] }
        return buffer
    }
    if let full { full.withUnsafeBufferPointer(writeAll) }
}

private let stdoutIsATerminal = isatty(STDOUT_FILENO) != 0

/// Writes every byte to stdout, or ends the command as ``outputFailed(_:)`` says.
private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var p = bytes.baseAddress, !bytes.isEmpty else { return }
    var left = bytes.count
    while left > 0 {
        let n = write(STDOUT_FILENO, p, left)
        if n < 0 {
            if errno == EINTR { continue }
            outputFailed(errno)
        }
        p += n
        left -= n
    }
}

/// Writes out what `print` buffered and stops with an error if stdout could not take it.
func finishPrintedOutput() {
    let waiting = printedText.withLock { buffer in
        defer { buffer = [] }
        return buffer
    }
    waiting.withUnsafeBufferPointer(writeAll)
    if fflush(nil) != 0 { outputFailed(errno) }
}

/// Standard input, output and error closed when dvsec starts (`dvsec diff a b >&-`): the next
/// file dvsec opened took the number, so output meant for stdout went to that file (a snapshot
/// being read, or one being saved), or failed with a misleading "Invalid argument". Each closed
/// one is given /dev/null opened read-only: reading it gives nothing, and a write to it fails
/// with "Bad file descriptor", which output reports (exit code 2) as for any output that fails.
enum StandardDescriptors {
    /// Stdout was closed at start: a command that writes files and then reports what it wrote
    /// (import, export) refuses before writing, so that an error never follows a write.
    nonisolated(unsafe) private(set) static var outputWasClosed = false
    /// Stdin was closed at start (`<&-`): reading `-` or /dev/stdin would read /dev/null, which
    /// took its place, and say "is empty" where the truth is "closed".
    nonisolated(unsafe) private(set) static var inputWasClosed = false

    static func occupyClosedOnes() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            if fd == STDOUT_FILENO { outputWasClosed = true }
            if fd == STDIN_FILENO { inputWasClosed = true }
        }
    }

    /// The error for a snapshot to be read from standard input (`-`, /dev/stdin) when it was
    /// closed at start.
    static func refuseReadingClosedInput(_ path: String) throws(SnapshotLoadError) {
        guard inputWasClosed, ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"].contains(path) else { return }
        throw SnapshotLoadError(
            source: SnapshotFile.sourceName(path),
            problems: [.init(path: "", message: "is closed: nothing to read (pipe a snapshot into dvsec, or name a file)")])
    }

    /// The error for a command that would write files with nowhere to report them.
    static func refuseWritingWithClosedOutput(_ what: String) throws {
        guard outputWasClosed else { return }
        throw fail(
            "cannot write the output: Bad file descriptor (standard output is closed, so \(what) could not be reported; "
                + "nothing was written: send it to /dev/null to discard the report)")
    }
}

/// The output could not be written: says so and exits with 2 (nothing else is lost: a one-shot
/// command writes no file).
func outputFailed(_ code: Int32) -> Never {
    let reason = String(cString: strerror(code))
    writeError("dvsec: error: cannot write the output: \(reason)\n")
    Foundation.exit(ExitStatus.inputError.rawValue)
}

/// Loads a snapshot file for a one-shot command, which never saves it (no fingerprint), turning
/// every problem into a one-line error and exit code 2. The snapshot is kept until the process
/// exits (see ``KeptUntilExit``). The console loads its own: it edits its snapshot in place, and a
/// kept copy would make its first edit copy the whole model.
func loadSnapshot(_ path: String) throws -> Snapshot {
    try loadSnapshotAndBytes(path).0
}

/// ``loadSnapshot(_:)`` that also returns the file's bytes (read once: the file may be a pipe).
func loadSnapshotAndBytes(_ path: String) throws -> (Snapshot, Data) {
    do {
        try StandardDescriptors.refuseReadingClosedInput(path)
        let data = try SnapshotFile.readBytes(path: path)
        let loaded = try SnapshotReader.read(data, source: SnapshotFile.sourceName(path))
        KeptUntilExit.keep(loaded)
        warnReadDifferently(loaded, path)
        return (loaded, data)
    } catch {
        throw fail(error.description)
    }
}

/// Says on stderr what the file says that dvsec reads differently (a table privilege listed as
/// miscellaneous, System Administrator without inheritance): the first five, and how to see all
/// (`dvsec validate` lists every one). Nothing for a file read as written.
func warnReadDifferently(_ snapshot: Snapshot, _ path: String) {
    let notes = snapshot.readDifferently
    guard !notes.isEmpty else { return }
    var text =
        "dvsec: warning: \(readable(path)): \(counted(notes.count, "value")) read differently from the file (a save writes \(notes.count == 1 ? "it" : "them") as read):\n"
    for note in notes.prefix(5) { text += "  \(note)\n" }
    if notes.count > 5 { text += "  … and \(notes.count - 5) more: dvsec validate \(readable(path)) lists them all\n" }
    writeError(text)
}

/// Large values a one-shot command keeps until the process ends. The command exits right after
/// its output; freeing two loaded 100,000-user snapshots object by object on the way out takes
/// about 0.3 s that the kernel does at once when the process exits (what compilers do with
/// `-disable-free`).
enum KeptUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        values.withLock { $0.append(value) }
    }
}

/// Refuses an empty or blank name with `message`: every name starts with the empty string, so
/// a lookup by prefix would pick the first of all.
func requireName(_ key: String, _ message: String) throws {
    if key.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(message) }
}

/// Finds an environment by id/name/type, or the only/production one when none is given.
func pickEnvironment(_ snapshot: Snapshot, _ key: String?, file: String? = nil) throws -> Environment {
    // Named with the file when one is given: a diff reads two, and the error must say which.
    let source = file.map { "\($0): " } ?? ""
    if let key {
        let found = snapshot.environments(matching: key)
        if found.count > 1 {
            let names = found.map { "'\($0.name)' (\($0.type.label), \($0.id))" }.joined(separator: ", ")
            throw fail("\(source)'\(key)' matches \(found.count) environments: \(names); give more of the name, or the id")
        }
        guard let env = found.first else {
            let names = snapshot.sortedEnvironments.map { "'\($0.name)'" }.joined(separator: ", ")
            throw fail("\(source)no environment matches '\(key)' (have \(names))")
        }
        return env
    }
    guard let first = snapshot.sortedEnvironments.first else { throw fail("the snapshot has no environments") }
    return first
}

/// Finds a user by id, domain name, name or a unique part of one; several equally good is an error.
func pickUser(_ env: Environment, _ key: String, file: String? = nil) throws -> User {
    try requireName(key, "a user is needed: an id, domain name or name, not an empty string")
    switch env.user(named: key) {
    case .found(let u): return u
    case .ambiguous(let all):
        throw fail(
            source(file)
                + "'\(key)' matches \(all.count) users (\(list(all.map { "\($0.name) <\($0.domainName)>" }))): use the id or domain name")
    case .notFound:
        throw fail(source(file) + "no user matches '\(key)' in \(env.name)" + NameSuggestion.hint(env.userSuggestions(for: key)))
    }
}

/// Finds a table by logical, schema or display name.
func pickTable(_ env: Environment, _ key: String, file: String? = nil) throws -> Table {
    try requireName(key, "a table is needed: a logical, schema or display name, not an empty string")
    switch env.table(named: key) {
    case .found(let t): return t
    case .ambiguous(let all):
        throw fail(source(file) + "'\(key)' names \(all.count) tables (\(list(all.map(\.logicalName)))): use the logical name")
    case .notFound: throw fail(source(file) + "no table '\(key)' in \(env.name)" + NameSuggestion.hint(env.tableSuggestions(for: key)))
    }
}

/// Finds a column of `table` by logical or display name, in any case; an error names the file,
/// the table and its environment, with the columns near the name (found by a CLI review: only
/// the exact logical name was found, with no suggestion).
func pickColumn(_ env: Environment, _ table: Table, _ key: String, file: String? = nil) throws -> Column {
    try requireName(key, "a column is needed: a logical or display name, not an empty string")
    let place = "table \(table.logicalName) of \(env.name)"
    switch table.column(named: key) {
    case .found(let c): return c
    case .ambiguous(let all):
        throw fail(source(file) + "'\(key)' names \(all.count) columns of \(place) (\(list(all.map(\.logicalName)))): use the logical name")
    case .notFound:
        let secured = table.securedColumns.map(\.logicalName).sorted()
        let known = secured.isEmpty ? "; it has no secured column" : "; its secured columns: \(list(secured))"
        throw fail(source(file) + "no column '\(key)' in \(place)" + NameSuggestion.hint(table.columnSuggestions(for: key)) + known)
    }
}

/// Finds a role by id, name or a unique name prefix; two roles of the same name is an error.
func pickRole(_ env: Environment, _ key: String, file: String? = nil) throws -> SecurityRole {
    try requireName(key, "a role is needed: an id or name, not an empty string")
    switch env.role(named: key) {
    case .found(let r): return r
    case .ambiguous(let all):
        let named = all.map { "\($0.name) \($0.id) in \(env.businessUnits[$0.businessUnitId]?.name ?? $0.businessUnitId)" }
        throw fail(source(file) + "'\(key)' matches \(all.count) roles (\(list(named))): use the id")
    case .notFound: throw fail(source(file) + "no role '\(key)' in \(env.name)" + NameSuggestion.hint(env.roleSuggestions(for: key)))
    }
}

/// "FILE: " before an error about a record of that file, "" with no file.
private func source(_ file: String?) -> String { file.map { "\($0): " } ?? "" }

/// Up to five names, then how many more.
private func list(_ names: [String]) -> String {
    names.count <= 5 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + " and \(names.count - 5) more"
}

extension TableOperation: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    /// What help and errors list: the names, not the raw values.
    public static var allValueStrings: [String] { allCases.map(\.snapshotName) }
}

extension AccessLevel: ExpressibleByArgument {
    /// A minimum level: None is none (`--level none` was read as Basic, found by a CLI review).
    public init?(argument: String) {
        guard let level = AccessLevel(name: argument), level != .none else { return nil }
        self = level
    }
    /// What help and errors list: Dataverse's names of the levels a minimum can be.
    public static var allValueStrings: [String] { ["basic", "local", "deep", "global"] }
}

/// Writes JSON of any JSONSerialization-compatible value with sorted keys (invisible characters
/// in names as `\u` escapes, as every JSON output of dvsec writes them).
func printJSON(_ value: Any) {
    if let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
        writeOut(escapingInvisibleCharacters(inJSON: data) + Data("\n".utf8))
    }
}

/// Wall-clock time per phase of a command, printed to stderr when `DVSEC_TIMINGS` is set (for
/// finding where a slow run spends its time; never part of the output).
struct PhaseTimer {
    private let enabled = !(ProcessInfo.processInfo.environment["DVSEC_TIMINGS"] ?? "").isEmpty
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Prints the time since the previous mark (or since the timer was made) under `phase`.
    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        writeError(String(format: "dvsec: timing %@ %.3f s\n", phase, Double(now - last) / 1e9))
        last = now
    }
}
