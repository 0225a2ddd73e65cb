/*
 * The only C in cloudtop: thin `cnc_` wrappers that let Swift reach ncurses.
 *
 * Swift 6 rejects C global variables (COLS, stdscr, ...) and does not import function-like macros
 * (A_BOLD, KEY_F(n), BUTTON1_PRESSED, ...), so each one gets a tiny inline wrapper here. The
 * signal-restore part is C on purpose: a signal handler must be async-signal-safe, which rules out
 * Swift (it may allocate or take locks) and ncurses' own endwin().
 */
#ifndef CNC_SHIM_H
#define CNC_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1      /* without it the wide-char API (cchar_t, mvadd_wch, get_wch) vanishes */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

/* MARK: - Globals */

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_COLS(void) { return COLS; }
static inline int cnc_LINES(void) { return LINES; }
static inline int cnc_COLORS(void) { return COLORS; }
static inline int cnc_COLOR_PAIRS(void) { return COLOR_PAIRS; }

/* MARK: - Attributes */

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_italic(void) { return A_ITALIC; }

/* MARK: - Keys and mouse */

static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline mmask_t cnc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnc_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cnc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_button5_pressed(void) { return BUTTON5_PRESSED; }

/* The key code ncurses assigned to an extended terminfo capability such as "kHOM5" (Ctrl-Home),
   or 0 when the terminal does not define it. tigetstr answers (char *)-1 for "not a string". */
static inline int cnc_key_code_for_cap(const char *cap) {
    char *sequence = tigetstr(cap);
    if (sequence == NULL || sequence == (char *)-1) return 0;
    int code = key_defined(sequence);
    return code > 0 ? code : 0;
}

/* MARK: - Drawing */

/* glibc declares wcwidth only for _XOPEN_SOURCE, which its prebuilt module was not built with. */
extern int wcwidth(wchar_t c);
static inline int cnc_wcwidth(wchar_t c) { return wcwidth(c); }

/* Writes one grapheme (a spacing character plus up to CCHARW_MAX-1 combining marks, NUL-terminated)
   with its rendition. The pair travels through `opts` so pairs above 32767 work (ncurses >= 6.1). */
static inline int cnc_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, (short)(pair <= 0x7fff ? pair : 0), &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* MARK: - Restoring the terminal from a signal handler */

/*
 * State for the handler. These statics exist once per translation unit that calls the functions
 * below, so Swift calls them from exactly one file (SignalRestore.swift) to keep one copy. The
 * explicit initializers matter: Swift emits only real definitions, not C tentative ones.
 */
static struct termios cnc_saved_termios = {0};
static int cnc_saved_termios_valid = 0;
static int cnc_saved_termios_fd = -1;

enum { CNC_SIGNAL_COUNT = 8 };
static const int cnc_handled_signals[CNC_SIGNAL_COUNT] = {
    SIGTERM, SIGHUP, SIGINT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT
};
static struct sigaction cnc_previous_actions[CNC_SIGNAL_COUNT] = {{{0}}};
static int cnc_signals_installed = 0;

/* Undoes what ncurses did to the terminal using only async-signal-safe calls (write, tcsetattr):
   attributes off, mouse tracking off, keypad transmit off, cursor on, back to the normal screen. */
static inline void cnc_restore_terminal_async_safe(void) {
    static const char reset[] =
        "\033[0m"
        "\033[?1000l\033[?1002l\033[?1003l\033[?1006l"
        "\033[?1l\033>"
        "\033[?25h"
        "\033[?1049l"
        "\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (cnc_saved_termios_valid) tcsetattr(cnc_saved_termios_fd, TCSAFLUSH, &cnc_saved_termios);
}

/* SIGTERM ends the program cleanly with status 0: someone asked it to stop, nothing went wrong.
   SIGHUP and SIGINT exit with the shell convention 128 + signal number. Crash signals restore the
   terminal and then re-raise with the default action, so the core dump and the "killed by signal"
   status that debuggers and shells expect are kept. */
static void cnc_signal_restore_handler(int signo) {
    cnc_restore_terminal_async_safe();
    switch (signo) {
    case SIGTERM: _exit(0);
    case SIGHUP:
    case SIGINT: _exit(128 + signo);
    default:
        signal(signo, SIG_DFL);
        raise(signo); /* blocked until this handler returns, then the default action runs */
        return;
    }
}

/* Saves the terminal's current modes (before ncurses changes them) and installs the handler for
   every signal in cnc_handled_signals. Safe to call more than once. */
static inline void cnc_install_signal_restore(void) {
    if (cnc_signals_installed) return;
    if (tcgetattr(STDIN_FILENO, &cnc_saved_termios) == 0) {
        cnc_saved_termios_fd = STDIN_FILENO;
        cnc_saved_termios_valid = 1;
    } else if (tcgetattr(STDOUT_FILENO, &cnc_saved_termios) == 0) {
        cnc_saved_termios_fd = STDOUT_FILENO;
        cnc_saved_termios_valid = 1;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cnc_signal_restore_handler;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < CNC_SIGNAL_COUNT; i++) sigaddset(&action.sa_mask, cnc_handled_signals[i]);
    for (int i = 0; i < CNC_SIGNAL_COUNT; i++) {
        sigaction(cnc_handled_signals[i], &action, &cnc_previous_actions[i]);
    }
    cnc_signals_installed = 1;
}

/* Puts back the handlers that were there before, once the terminal has been restored normally. */
static inline void cnc_uninstall_signal_restore(void) {
    if (!cnc_signals_installed) return;
    for (int i = 0; i < CNC_SIGNAL_COUNT; i++) {
        sigaction(cnc_handled_signals[i], &cnc_previous_actions[i], NULL);
    }
    cnc_signals_installed = 0;
}

#endif
