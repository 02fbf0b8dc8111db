/* libFuzzer target for the line editor (shell/lineedit.c): every input byte is a key, fed as the
 * shell feeds COM1's bytes, with a history and a completer. After each key the editor's line must be
 * well formed (within LINEEDIT_MAX, cursor inside it, printable bytes only), and the echo, played on a
 * model terminal, must show exactly the prompt and the line with the cursor in its place: the echo
 * may use only printable bytes, spaces, '\b', CRLF and the clear-screen sequence (README, Keys).
 * Bytes inside an escape sequence are never typed; an ended line is in the history. */
#include <stdio.h>

#include "kernel/lib/kstring.h"
#include "shell/lineedit.h"
#include "tests/fuzz/fuzz_input.h"

#define PROMPT "p> "
#define TERM_COLS 1024 /* wider than the prompt and any line, and any row of choices */

static const char clear_screen[] = "\x1b[H\x1b[2J";

/* The current row of a terminal that never wraps. */
static struct {
    char row[TERM_COLS];
    size_t col, width; /* width: cells written on this row */
    size_t esc;        /* bytes of clear_screen seen so far */
    bool after_cr;
} term;

static void term_byte(char c)
{
    bool after_cr = term.after_cr;
    term.after_cr = c == '\r';
    if (term.esc) {
        FUZZ_CHECK(c == clear_screen[term.esc], "echo: escape sequence other than clear-screen");
        if (++term.esc == sizeof(clear_screen) - 1)
            term.esc = term.col = term.width = 0;
        return;
    }
    if (c == clear_screen[0]) {
        term.esc = 1;
    } else if (c == '\r') {
        term.col = 0;
    } else if (c == '\n') {
        FUZZ_CHECK(after_cr, "echo: LF without CR");
        term.width = 0;
    } else if (c == '\b') {
        FUZZ_CHECK(term.col > 0, "echo: backspace at the start of the row");
        term.col--;
    } else {
        FUZZ_CHECK(c >= 0x20 && c <= 0x7E, "echo: byte 0x%02X", (unsigned char)c);
        FUZZ_CHECK(term.col < TERM_COLS, "echo: row wider than %d", TERM_COLS);
        term.row[term.col++] = c;
        if (term.col > term.width)
            term.width = term.col;
    }
}

static void echo(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++)
        term_byte(s[i]);
}

static void show_prompt(void)
{
    echo(0, PROMPT, strlen(PROMPT));
}

static struct lineedit le;
static struct history history;
static char long_word[200];
static const char *words[] = { "alloc", "allocate", "at", "help", "history", "NonPagedPool",
                               "NonPagedPoolMustSucceed", "PagedPool", long_word };

/* Commands first, then pool types (and the long word, for completions that overflow the line). */
static void complete(void *ctx, struct lineedit *e, const char *line, size_t start)
{
    (void)ctx;
    FUZZ_CHECK(line == e->buf && start <= e->cursor, "completer: start %zu past the cursor", start);
    FUZZ_CHECK(start == 0 || line[start - 1] == ' ' || line[start - 1] == '\t', "completer: mid-word start");
    for (size_t i = start ? 5 : 0; i < sizeof(words) / sizeof(words[0]); i++)
        lineedit_offer(e, words[i]);
}

static void check_line(void)
{
    FUZZ_CHECK(le.len < LINEEDIT_MAX && le.cursor <= le.len, "len %zu, cursor %zu", le.len, le.cursor);
    FUZZ_CHECK(le.buf[le.len] == '\0' && strlen(le.buf) == le.len, "line not terminated at its length");
    for (size_t i = 0; i < le.len; i++)
        FUZZ_CHECK(le.buf[i] >= 0x20 && le.buf[i] <= 0x7E, "line byte 0x%02X", (unsigned char)le.buf[i]);
}

/* The terminal's row reads prompt, line, blanks, with its cursor where the editor's is. */
static void check_screen(void)
{
    size_t plen = strlen(PROMPT);
    FUZZ_CHECK(term.esc == 0, "echo stopped inside an escape sequence");
    FUZZ_CHECK(term.width >= plen + le.len && memcmp(term.row, PROMPT, plen) == 0 &&
                   memcmp(term.row + plen, le.buf, le.len) == 0,
               "screen '%.*s', line '%s'", (int)term.width, term.row, le.buf);
    for (size_t i = plen + le.len; i < term.width; i++)
        FUZZ_CHECK(term.row[i] == ' ', "stale '%c' at column %zu after the line '%s'", term.row[i], i, le.buf);
    FUZZ_CHECK(term.col == plen + le.cursor, "screen cursor %zu, editor cursor %zu", term.col, le.cursor);
}

static void start(void)
{
    memset(&term, 0, sizeof(term));
    memset(&history, 0, sizeof(history));
    memset(long_word, 'L', sizeof(long_word) - 1);
    lineedit_init(&le, echo, 0);
    le.prompt = PROMPT;
    le.history = &history;
    le.complete = complete;
    show_prompt();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size, 0 };
    start();
    while (fuzz_more(&in)) {
        uint8_t key = fuzz_byte(&in);
        bool in_escape = le.escape != LINEEDIT_ESC_NONE, overflowed = le.overflowed;
        size_t len = le.len;
        unsigned age = le.history_age;
        uint32_t added = history.added;
        enum lineedit_result r = lineedit_feed(&le, key);
        check_line();
        if (r == LINEEDIT_PENDING) {
            if (in_escape && key >= 0x20 && key <= 0x7E && le.history_age == age)
                FUZZ_CHECK(le.len <= len, "byte '%c' of an escape sequence typed", key);
            check_screen();
            continue;
        }
        FUZZ_CHECK(term.col == 0 && term.width == 0, "a line ended without CRLF");
        if (r == LINEEDIT_READY) {
            FUZZ_CHECK(!overflowed, "an overflowed line was accepted");
            bool blank = true;
            for (size_t i = 0; i < le.len; i++)
                blank = blank && (le.buf[i] == ' ' || le.buf[i] == '\t');
            FUZZ_CHECK(blank || strcmp(history_recent(&history, 1), le.buf) == 0, "'%s' not in the history",
                       le.buf);
        } else {
            FUZZ_CHECK(history.added == added, "a refused or cancelled line went into the history");
            FUZZ_CHECK(r == LINEEDIT_CANCELLED || overflowed, "a line refused that fits");
        }
        lineedit_reset(&le);
        show_prompt();
    }
    return 0;
}
