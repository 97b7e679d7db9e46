// The C side of dvsec's terminal: ncursesw with wide characters, plus small `dvsec_`
// wrappers for what Swift cannot import (function-like macros, `stdscr`/`curscr` globals,
// signal handlers that must only set a flag).
//
// Only TerminalNCurses imports this module. Functions here are `static inline`, so every
// Swift file that calls one gets its own copy: the signal flag and its handler therefore
// must be used from one Swift file only (TerminationSignals.swift).
#ifndef DVSEC_CNCURSESW_SHIM_H
#define DVSEC_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

// MARK: Attributes (function-like macros in curses.h)

static inline attr_t dvsec_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t dvsec_A_BOLD(void) { return A_BOLD; }
static inline attr_t dvsec_A_DIM(void) { return A_DIM; }
static inline attr_t dvsec_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t dvsec_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t dvsec_A_ITALIC(void) { return A_ITALIC; }

// MARK: Keys and results

static inline int dvsec_KEY_F(int n) { return KEY_F(n); }
static inline int dvsec_KEY_RESIZE(void) { return KEY_RESIZE; }
static inline int dvsec_KEY_CODE_YES(void) { return KEY_CODE_YES; }
static inline int dvsec_OK(void) { return OK; }
static inline int dvsec_ERR(void) { return ERR; }

/// Reads one character or key code; returns OK, KEY_CODE_YES or ERR and stores the value.
static inline int dvsec_get_wch(unsigned int *value) {
    wint_t ch = 0;
    int rc = get_wch(&ch);
    *value = (unsigned int)ch;
    return rc;
}

// MARK: Screen (stdscr/curscr are globals Swift 6 treats as unsafe shared state)

static inline SCREEN *dvsec_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int dvsec_lines(void) { int y = 0, x = 0; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int dvsec_cols(void) { int y = 0, x = 0; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline int dvsec_keypad(int on) { return keypad(stdscr, on ? TRUE : FALSE); }
static inline int dvsec_scrollok(int on) { return scrollok(stdscr, on ? TRUE : FALSE); }
static inline void dvsec_timeout(int milliseconds) { wtimeout(stdscr, milliseconds); }
static inline int dvsec_erase(void) { return werase(stdscr); }
static inline int dvsec_refresh(void) { return wrefresh(stdscr); }
static inline int dvsec_isendwin(void) { return isendwin() ? 1 : 0; }
static inline int dvsec_colors(void) { return COLORS; }
static inline int dvsec_color_pairs(void) { return COLOR_PAIRS; }
/// A colour pair whose colours may exceed a `short` (direct-colour terminals number colours as
/// 0xRRGGBB).
static inline int dvsec_init_pair(int pair, int foreground, int background) {
    return init_extended_pair(pair, foreground, background);
}
static inline int dvsec_attr_set(attr_t attrs, int pair) { return attr_set(attrs, (short)pair, NULL); }

/// Repaints the whole screen on the next refresh (after the terminal was handed to another program).
static inline int dvsec_redraw(void) {
    clearok(curscr, TRUE);
    return wrefresh(stdscr);
}

/// Draws one grapheme (base character plus combining marks) at a cell with attributes and a
/// colour pair. `insert` uses ins_wch, which does not advance the cursor: the safe way to
/// fill the bottom-right cell.
static inline int dvsec_put_cell(int y, int x, const wchar_t *text, int length, attr_t attrs, int pair, int insert) {
    wchar_t buffer[CCHARW_MAX + 1];
    int count = length < CCHARW_MAX ? length : CCHARW_MAX;
    if (count < 1) {
        buffer[0] = L' ';
        count = 1;
    } else {
        memcpy(buffer, text, (size_t)count * sizeof(wchar_t));
    }
    buffer[count] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, buffer, attrs, (short)pair, NULL) == ERR) {
        return ERR;
    }
    return insert ? mvins_wch(y, x, &cell) : mvadd_wch(y, x, &cell);
}

// MARK: Signals (flag only: nothing else is async-signal-safe)

static inline volatile sig_atomic_t *dvsec_termination_flag(void) {
    static volatile sig_atomic_t flag = 0;
    return &flag;
}

static inline void dvsec_on_termination_signal(int signal_number) { *dvsec_termination_flag() = signal_number; }

/// Installs flag-only handlers for SIGINT, SIGTERM and SIGHUP (without SA_RESTART, so a
/// blocking read returns). Call before newterm, so curses keeps its hands off them.
static inline int dvsec_install_termination_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dvsec_on_termination_signal;
    sigemptyset(&action.sa_mask);
    int rc = 0;
    rc |= sigaction(SIGINT, &action, NULL);
    rc |= sigaction(SIGTERM, &action, NULL);
    rc |= sigaction(SIGHUP, &action, NULL);
    // A parent may have started us with them blocked (the mask survives exec): the handlers
    // would never run and the console could not be stopped cleanly.
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGHUP);
    rc |= pthread_sigmask(SIG_UNBLOCK, &blocked, NULL);
    return rc;
}

/// Gives SIGINT, SIGTERM and SIGHUP their default action back (after the console closed, or
/// when it failed to start), so the program can be interrupted as usual again.
static inline int dvsec_restore_default_termination_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    int rc = 0;
    rc |= sigaction(SIGINT, &action, NULL);
    rc |= sigaction(SIGTERM, &action, NULL);
    rc |= sigaction(SIGHUP, &action, NULL);
    return rc;
}

/// The signal that asked us to stop, or 0.
static inline int dvsec_termination_signal(void) { return (int)*dvsec_termination_flag(); }

/// Records a hang-up found by reading rather than by signal (no SIGHUP comes when the program is
/// not in the terminal's session, e.g. started with setsid): the console then stops as on SIGHUP.
static inline void dvsec_note_hangup(void) {
    if (*dvsec_termination_flag() == 0) *dvsec_termination_flag() = SIGHUP;
}

/// Whether the terminal on `fd` is gone (its other end closed): every read would fail at once,
/// and a loop waiting for keys would spin.
static inline int dvsec_input_hung_up(int fd) {
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, 0) < 0) return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/// Bracketed paste on or off (see BracketedPaste.swift). Written straight to the terminal, after
/// curses has flushed what it had, so it is safe in a signal handler too.
/// Whether bracketed paste was turned on (and not off since): a terminal that never started
/// (an unknown TERM) gets no sequence at exit.
static volatile sig_atomic_t dvsec_paste_on = 0;

static inline void dvsec_bracketed_paste(int on) {
    static const char enable[] = "\033[?2004h";
    static const char disable[] = "\033[?2004l";
    if (!on && !dvsec_paste_on) return;
    dvsec_paste_on = on;
    ssize_t written = on ? write(STDOUT_FILENO, enable, sizeof enable - 1) : write(STDOUT_FILENO, disable, sizeof disable - 1);
    (void)written;
}

static inline void dvsec_restore_terminal_at_exit(void) {
    if (!isendwin()) {
        endwin();
        dvsec_bracketed_paste(0);
    }
}

/// Registers an atexit hook that restores the terminal if the program exits without shutdown.
static inline int dvsec_register_exit_restore(void) { return atexit(dvsec_restore_terminal_at_exit); }

/// The actions that were installed for the fatal signals before ours, so that a crash still
/// ends as it would have (a core dump, Swift's backtrace) once the terminal is restored.
static inline struct sigaction *dvsec_previous_fatal_actions(void) {
    static struct sigaction previous[32];
    return previous;
}

/// A fatal signal (a runtime trap, a segmentation fault, SIGQUIT): hands the terminal back, then
/// lets the signal do what it did before. endwin is not async-signal-safe, but the process is
/// ending, and a shell left raw and on the alternate screen is worse.
static inline void dvsec_fatal_signal(int sig) {
    if (!isendwin()) {
        endwin();
        dvsec_bracketed_paste(0);
    }
    if (sig > 0 && sig < 32) sigaction(sig, &dvsec_previous_fatal_actions()[sig], NULL);
    raise(sig);
}

/// Installs ``dvsec_fatal_signal`` for the signals that end a process abnormally.
static inline void dvsec_install_fatal_signal_handlers(void) {
    int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGQUIT, SIGFPE};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = dvsec_fatal_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_NODEFER;
        sigaction(signals[i], &action, &dvsec_previous_fatal_actions()[signals[i]]);
    }
}

/// Stops the process like Ctrl-Z would (SIGTSTP with the default action), after handing the
/// terminal back; repaints once continued. Returns 0 if it did not stop because stop signals
/// are ignored (no job control), 1 otherwise.
static inline int dvsec_suspend_process(void) {
    // In the session leader's process group (started straight by tmux or `sh -c`, not by a
    // job-control shell) nobody would resume us, and the kernel discards the stop anyway.
    if (getpgrp() == getsid(0)) {
        return 0;
    }
    struct sigaction default_action, previous;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    if (sigaction(SIGTSTP, &default_action, &previous) != 0) {
        return 0;
    }
    if (previous.sa_handler == SIG_IGN) {
        sigaction(SIGTSTP, &previous, NULL);
        return 0;
    }
    endwin();
    dvsec_bracketed_paste(0);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
    if (*dvsec_termination_flag() != 0) {
        // Continued only to end (`kill %1` sends SIGTERM, then SIGCONT, to a stopped job), and in
        // the background: setting the terminal's modes again, or the last message, would stop
        // the process again on SIGTTOU, for good. The console ends without repainting.
        signal(SIGTTOU, SIG_IGN);
        return 1;
    }
    clearok(curscr, TRUE);
    wrefresh(stdscr);
    return 1;
}

#endif
