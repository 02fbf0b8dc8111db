/* The shell's line editor as a byte-at-a-time state machine: it keeps the line, and writes its echo
 * through a callback, so the host tests drive it without a UART. */
#ifndef PAGODA_LINEEDIT_H
#define PAGODA_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 256 /* bytes of line buffer, terminator included */

enum lineedit_result {
    LINEEDIT_PENDING,  /* the line goes on */
    LINEEDIT_READY,    /* a whole line is in buf */
    LINEEDIT_TOO_LONG, /* a line ended that did not fit: buf holds its start, and it should be refused */
};

struct lineedit {
    char buf[LINEEDIT_MAX];
    size_t len;
    bool overflowed;
    bool after_cr; /* the LF of a CRLF does not end a second, empty line */
    void (*echo)(void *ctx, const char *s, size_t n);
    void *echo_ctx;
};

void lineedit_init(struct lineedit *le, void (*echo)(void *ctx, const char *s, size_t n), void *echo_ctx);
/* Starts a new, empty line (after the caller has used a finished one). */
void lineedit_reset(struct lineedit *le);
enum lineedit_result lineedit_feed(struct lineedit *le, uint8_t byte);

#endif
