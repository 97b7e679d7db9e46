import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `dvsec` binary: `DVSEC_BINARY`, else the one next to the test bundle, else the
/// package's own build folders.
enum Binary {
    static var path: String? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["DVSEC_BINARY"], fm.isExecutableFile(atPath: explicit) { return explicit }
        var candidates: [String] = []
        for base in [Bundle.main.bundlePath, Bundle.main.executablePath, CommandLine.arguments.first].compactMap({ $0 }) {
            var dir = URL(fileURLWithPath: base).deletingLastPathComponent()
            for _ in 0..<3 {
                candidates.append(dir.appendingPathComponent("dvsec").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for scratch in [".build-console", ".build"] { candidates.append(root.appendingPathComponent("\(scratch)/debug/dvsec").path) }
        return candidates.first { fm.isExecutableFile(atPath: $0) && !$0.hasSuffix(".xctest") }
    }

    static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a command to completion with a deadline; returns exit status and output.
    ///
    /// Uses `posix_spawn` rather than `Process`: the child starts with no signal blocked and
    /// default handlers (test threads block signals, and a tmux server would pass that mask on
    /// to the console), and output goes to temporary files because a tmux server started by
    /// `new-session` keeps the client's descriptors open.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 60,
        stdinFromPipe: Bool = true
    ) throws -> (status: Int32, stdout: String, stderr: String, timedOut: Bool) {
        let base = NSTemporaryDirectory() + "dvsec-run-\(UUID().uuidString)"
        defer {
            unlink(base + ".out")
            unlink(base + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TmuxError(message: "cannot run \(executable): \(String(cString: strerror(rc)))") }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            if Date() > deadline {
                timedOut = true
                Glibc.kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(20_000)
        }
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let stdout = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return (exitCode, stdout, stderr, timedOut)
    }
}

/// A fresh tmux server (its own socket) running one command; always killed at the end.
final class TmuxSession {
    let socket: String
    let tmux: String
    /// Generous: CI machines with two cores run other builds at the same time.
    let timeout: TimeInterval

    init(_ command: String, width: Int = 100, height: Int = 30, timeout: TimeInterval = 60) throws {
        socket = "dvsec-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        tmux =
            ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "tmux"
        self.timeout = timeout
        let result = try Binary.run(
            tmux,
            [
                "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                command + "; echo EXIT=$?; sleep 60",
            ], timeout: 30)
        if result.status != 0 { throw TmuxError(message: "tmux new-session failed: \(result.stderr)") }
    }

    deinit { kill() }

    func kill() { _ = try? Binary.run(tmux, ["-L", socket, "kill-server"], timeout: 15) }

    /// Sends keys as tmux names them (`Enter`, `Escape`, `C-s`, or literal text with `literal`).
    /// Escape is sent alone and followed by a pause, as a person types it: Esc with a key right
    /// behind it is Alt with that key (the console drops it).
    func send(_ keys: String..., literal: Bool = false) {
        guard !literal, keys.contains("Escape") else {
            _ = try? Binary.run(tmux, ["-L", socket, "send-keys"] + (literal ? ["-l"] : []) + keys, timeout: 15)
            return
        }
        for key in keys {
            _ = try? Binary.run(tmux, ["-L", socket, "send-keys", key], timeout: 15)
            if key == "Escape" { usleep(150_000) }
        }
    }

    func type(_ text: String) { send(text, literal: true) }

    /// Pastes `text` as a terminal does: bracketed (`Esc [200~` … `Esc [201~`) only if the
    /// program turned bracketed paste on, line breaks sent as Enter.
    func paste(_ text: String) {
        _ = try? Binary.run(tmux, ["-L", socket, "set-buffer", "-b", "dvsec-test", "--", text], timeout: 15)
        _ = try? Binary.run(tmux, ["-L", socket, "paste-buffer", "-p", "-b", "dvsec-test"], timeout: 15)
    }

    func resize(width: Int, height: Int) {
        _ = try? Binary.run(tmux, ["-L", socket, "resize-window", "-x", "\(width)", "-y", "\(height)"], timeout: 15)
    }

    /// The visible screen as text, wrapped lines joined (a long line must not split a marker).
    func capture() -> String {
        (try? Binary.run(tmux, ["-L", socket, "capture-pane", "-p", "-J"], timeout: 15).stdout) ?? ""
    }

    /// Polls the screen until `text` appears or the timeout passes; returns the last screen.
    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) { return screen }
            usleep(100_000)
        }
        Issue.record("“\(text)” did not appear within \(Int(timeout)) s; the screen was:\n\(screen)", sourceLocation: sourceLocation)
        return screen
    }

    /// The console's process: the one whose command line holds `marker` (the test's own snapshot
    /// path, unique per test), found in /proc. Waits up to 15 s for it to appear.
    func consolePID(marker: String) -> pid_t? {
        let deadline = Date().addingTimeInterval(15)
        let me = getpid()
        while Date() < deadline {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for entry in entries {
                guard let pid = Int32(entry), pid != me,
                    let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
                else { continue }
                let arguments = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                // The console itself (after `env` exec'd it), not the shell or tmux that launched it.
                guard let first = arguments.first, first.hasSuffix("/dvsec") || first.hasSuffix("dvsec"),
                    arguments.contains(marker)
                else { continue }
                return pid
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
