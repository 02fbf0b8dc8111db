/* The shell's line editor as a byte-at-a-time state machine: it keeps the line and the cursor, parses
 * the terminal's VT100 key sequences, browses the history and completes words, and writes its echo
 * through a callback, so the host tests drive it without a UART.
 *
 * The echo uses only printable bytes, spaces, '\b' and CRLF (plus ESC [H ESC [2J for Ctrl-L), so any
 * terminal and the VGA mirror show the same line. A line wider than the terminal is not re-wrapped. */
#ifndef PAGODA_LINEEDIT_H
#define PAGODA_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shell/history.h"

#define LINEEDIT_MAX HISTORY_LINE_MAX /* bytes of line buffer, terminator included */

enum lineedit_result {
    LINEEDIT_PENDING,   /* the line goes on */
    LINEEDIT_READY,     /* a whole line is in buf */
    LINEEDIT_TOO_LONG,  /* a line ended that did not fit: buf holds its start, and it should be refused */
    LINEEDIT_CANCELLED, /* Ctrl-C abandoned the line */
};

struct lineedit;

/* Offers every word that may stand at `start` of line (whose earlier words it may look at) by calling
 * lineedit_offer for each; the editor keeps those that begin with what is typed. */
typedef void (*lineedit_complete_fn)(void *ctx, struct lineedit *le, const char *line, size_t start);

enum lineedit_escape { LINEEDIT_ESC_NONE, LINEEDIT_ESC_START, LINEEDIT_ESC_CSI, LINEEDIT_ESC_SS3 };

struct lineedit {
    char buf[LINEEDIT_MAX]; /* always terminated at len */
    size_t len;
    size_t cursor;
    bool overflowed;
    bool after_cr;          /* the LF of a CRLF does not end a second, empty line */
    bool after_tab;         /* a second TAB in a row lists the choices */
    enum lineedit_escape escape;
    unsigned escape_param;  /* the first numeric parameter of a CSI sequence */
    bool escape_param_done; /* a ';' ended the first parameter */
    unsigned history_age;   /* 0: the line being typed; n: showing the n-th newest history line */
    char typed[LINEEDIT_MAX]; /* the line being typed, kept while the history is shown */

    /* Set by lineedit_init; the caller may set the others after it. */
    void (*echo)(void *ctx, const char *s, size_t n);
    void *echo_ctx;
    const char *prompt;          /* shown again by Ctrl-L and after a list of choices */
    struct history *history;     /* NULL: no history */
    lineedit_complete_fn complete; /* NULL: TAB does nothing */
    void *complete_ctx;

    /* A completion in progress (see lineedit_offer). */
    const char *match;  /* the first word that fits */
    unsigned matches;
    size_t common;      /* length all fitting words share */
    size_t widest;
    size_t prefix_start;
    bool listing;       /* the second pass: print each fitting word */
    size_t list_column;
};

void lineedit_init(struct lineedit *le, void (*echo)(void *ctx, const char *s, size_t n), void *echo_ctx);
/* Starts a new, empty line (after the caller has used a finished one). */
void lineedit_reset(struct lineedit *le);
enum lineedit_result lineedit_feed(struct lineedit *le, uint8_t byte);
/* For completers: one word that may stand where the cursor's word is. The word must outlive the call
 * to the completer (a string literal or a table entry). */
void lineedit_offer(struct lineedit *le, const char *word);

#endif
