@preconcurrency import CNCursesW

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The flag that SIGINT, SIGTERM and SIGHUP set, and the exit hook that restores the screen.
///
/// Every call into the C signal shim lives in this one file: the shim's functions are
/// `static inline`, so each Swift file would get its own copy of the flag.
enum TerminationSignals {
    /// Installs the flag-only handlers. Must run before `newterm`, so curses sees them as
    /// taken and does not install its own (which would end the process). Also unblocks the three
    /// signals in this thread, in case a parent started the program with them blocked.
    static func installHandlers() {
        _ = dvsec_install_termination_handlers()
    }

    /// Gives the three signals their default action back; the flag keeps what it recorded.
    static func restoreDefaultHandlers() {
        _ = dvsec_restore_default_termination_handlers()
    }

    /// The signal number received, or nil.
    static var received: Int32? {
        let signal = dvsec_termination_signal()
        return signal == 0 ? nil : signal
    }

    /// Stops the console as SIGHUP would when the terminal's other end has closed without the
    /// signal reaching us (checked after a read fails).
    static func noteHangUpIfInputClosed() {
        if dvsec_input_hung_up(STDIN_FILENO) != 0 { dvsec_note_hangup() }
    }

    /// Stops the process as Ctrl-Z would (``NCursesTerminal/suspend()``); here because the
    /// shim checks the flag when continued, to end without touching the terminal when SIGTERM
    /// came while stopped (`kill %1`). False when stop signals are ignored.
    static func suspendProcess() -> Bool {
        dvsec_suspend_process() == 1
    }

    /// Registers the `atexit` restore hook (idempotent per call site; call once).
    static func registerExitRestore() {
        _ = dvsec_register_exit_restore()
        // A crash (a runtime trap, a segmentation fault, SIGQUIT) skips atexit: restore the
        // terminal before the signal does what it did before (a backtrace, a core dump).
        dvsec_install_fatal_signal_handlers()
    }
}
