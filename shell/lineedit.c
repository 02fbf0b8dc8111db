#include "shell/lineedit.h"

#include "kernel/lib/kstring.h"

#define CTRL(c) ((c) & 0x1F)
#define KEY_ESC 0x1B
#define KEY_DELETE 0x7F
#define SCREEN_COLUMNS 80 /* for laying out a list of choices */

/* Keys after their byte or VT100 sequence has been decoded. */
enum key { KEY_NONE, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_UP, KEY_DOWN, KEY_DEL_FORWARD };

void lineedit_init(struct lineedit *le, void (*echo)(void *ctx, const char *s, size_t n), void *echo_ctx)
{
    memset(le, 0, sizeof(*le));
    le->echo = echo;
    le->echo_ctx = echo_ctx;
    le->prompt = "";
}

void lineedit_reset(struct lineedit *le)
{
    le->len = le->cursor = 0;
    le->overflowed = false;
    le->after_tab = false;
    le->escape = LINEEDIT_ESC_NONE;
    le->history_age = 0;
    le->buf[0] = '\0';
}

static void put(struct lineedit *le, const char *s, size_t n)
{
    if (n)
        le->echo(le->echo_ctx, s, n);
}

static void put_str(struct lineedit *le, const char *s)
{
    put(le, s, strlen(s));
}

/* n copies of one character, in chunks. */
static void put_repeated(struct lineedit *le, char c, size_t n)
{
    char chunk[16];
    memset(chunk, c, sizeof(chunk));
    for (; n > sizeof(chunk); n -= sizeof(chunk))
        put(le, chunk, sizeof(chunk));
    put(le, chunk, n);
}

/* Rewrites the line from the cursor to its end, blanks `stale` cells left over from a longer line,
 * and brings the terminal's cursor back to le->cursor. */
static void redraw_tail(struct lineedit *le, size_t stale)
{
    put(le, le->buf + le->cursor, le->len - le->cursor);
    put_repeated(le, ' ', stale);
    put_repeated(le, '\b', le->len - le->cursor + stale);
}

static void set_len(struct lineedit *le, size_t len)
{
    le->len = len;
    le->buf[len] = '\0';
}

/* Inserts n bytes at the cursor; a line that would not fit is marked and later refused whole. */
static void insert(struct lineedit *le, const char *s, size_t n)
{
    if (le->len + n >= LINEEDIT_MAX) {
        le->overflowed = true;
        return;
    }
    memmove(le->buf + le->cursor + n, le->buf + le->cursor, le->len - le->cursor);
    memcpy(le->buf + le->cursor, s, n);
    set_len(le, le->len + n);
    put(le, s, n);
    le->cursor += n;
    redraw_tail(le, 0);
}

/* Removes n bytes at position at (at <= cursor, at + n <= len) and redraws from there. */
static void erase(struct lineedit *le, size_t at, size_t n)
{
    put_repeated(le, '\b', le->cursor - at);
    memmove(le->buf + at, le->buf + at + n, le->len - at - n);
    set_len(le, le->len - n);
    le->cursor = at;
    redraw_tail(le, n);
}

static void move_to(struct lineedit *le, size_t pos)
{
    if (pos < le->cursor)
        put_repeated(le, '\b', le->cursor - pos);
    else
        put(le, le->buf + le->cursor, pos - le->cursor);
    le->cursor = pos;
}

/* Replaces the whole line (history browsing) and leaves the cursor at its end. */
static void replace_line(struct lineedit *le, const char *text)
{
    size_t old = le->len;
    move_to(le, 0);
    size_t n = strlcpy(le->buf, text, LINEEDIT_MAX);
    set_len(le, n < LINEEDIT_MAX ? n : LINEEDIT_MAX - 1);
    put(le, le->buf, le->len);
    le->cursor = le->len;
    if (old > le->len)
        redraw_tail(le, old - le->len);
}

static void redraw_line(struct lineedit *le)
{
    put_str(le, le->prompt);
    put(le, le->buf, le->len);
    put_repeated(le, '\b', le->len - le->cursor);
}

static void browse_history(struct lineedit *le, bool older)
{
    if (!le->history || (!older && le->history_age == 0))
        return;
    unsigned age = older ? le->history_age + 1 : le->history_age - 1;
    const char *line = age ? history_recent(le->history, age) : le->typed;
    if (!line)
        return;
    if (le->history_age == 0)
        strlcpy(le->typed, le->buf, sizeof(le->typed));
    le->history_age = age;
    replace_line(le, line);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void lineedit_offer(struct lineedit *le, const char *word)
{
    const char *prefix = le->buf + le->prefix_start;
    size_t plen = le->cursor - le->prefix_start;
    if (strncmp(word, prefix, plen) != 0)
        return;
    size_t wlen = strlen(word);
    if (le->listing) {
        size_t width = le->widest + 2;
        if (le->list_column && (le->list_column + 1) * width > SCREEN_COLUMNS) {
            put(le, "\r\n", 2);
            le->list_column = 0;
        }
        put(le, word, wlen);
        put_repeated(le, ' ', width - wlen);
        le->list_column++;
        return;
    }
    if (le->matches++ == 0) {
        le->match = word;
        le->common = wlen;
    }
    size_t same = 0;
    while (same < le->common && word[same] == le->match[same])
        same++;
    le->common = same;
    if (wlen > le->widest)
        le->widest = wlen;
}

static void complete(struct lineedit *le, bool second_tab)
{
    if (!le->complete)
        return;
    size_t start = le->cursor;
    while (start && !is_blank(le->buf[start - 1]))
        start--;
    le->prefix_start = start;
    le->matches = 0;
    le->widest = 0;
    le->listing = false;
    le->complete(le->complete_ctx, le, le->buf, start);
    size_t typed = le->cursor - start;
    if (le->matches == 1) {
        insert(le, le->match + typed, le->common - typed);
        if (le->buf[le->cursor] != ' ')
            insert(le, " ", 1);
    } else if (le->matches > 1 && le->common > typed) {
        insert(le, le->match + typed, le->common - typed);
    } else if (le->matches > 1 && second_tab) {
        put(le, "\r\n", 2);
        le->listing = true;
        le->list_column = 0;
        le->complete(le->complete_ctx, le, le->buf, start);
        le->listing = false;
        put(le, "\r\n", 2);
        redraw_line(le);
    }
}

static enum lineedit_result end_line(struct lineedit *le)
{
    put(le, "\r\n", 2);
    if (le->overflowed)
        return LINEEDIT_TOO_LONG;
    if (le->history)
        history_add(le->history, le->buf);
    return LINEEDIT_READY;
}

static void do_key(struct lineedit *le, enum key key)
{
    if (le->overflowed) /* only the end of the line matters now */
        return;
    switch (key) {
    case KEY_LEFT:
        if (le->cursor)
            move_to(le, le->cursor - 1);
        break;
    case KEY_RIGHT:
        if (le->cursor < le->len)
            move_to(le, le->cursor + 1);
        break;
    case KEY_HOME:
        move_to(le, 0);
        break;
    case KEY_END:
        move_to(le, le->len);
        break;
    case KEY_UP:
    case KEY_DOWN:
        browse_history(le, key == KEY_UP);
        break;
    case KEY_DEL_FORWARD:
        if (le->cursor < le->len)
            erase(le, le->cursor, 1);
        break;
    case KEY_NONE:
        break;
    }
}

/* The key a CSI sequence (ESC [ params final) stands for: arrows and Home/End by letter (xterm), or
 * Home, Delete and End by number before '~' (vt220, rxvt). Anything else is no key, swallowed whole. */
static enum key csi_key(unsigned param, uint8_t final)
{
    switch (final) {
    case 'A':
        return KEY_UP;
    case 'B':
        return KEY_DOWN;
    case 'C':
        return KEY_RIGHT;
    case 'D':
        return KEY_LEFT;
    case 'H':
        return KEY_HOME;
    case 'F':
        return KEY_END;
    case '~':
        return param == 1 || param == 7 ? KEY_HOME : param == 4 || param == 8 ? KEY_END
             : param == 3                ? KEY_DEL_FORWARD
                                         : KEY_NONE;
    }
    return KEY_NONE;
}

/* Follows an escape sequence one byte at a time. Returns true if the byte belonged to it; a control
 * byte inside a sequence ends the sequence and is then handled as itself, so Enter always works. */
static bool escape_byte(struct lineedit *le, uint8_t byte)
{
    enum lineedit_escape state = le->escape;
    if (state == LINEEDIT_ESC_NONE)
        return false;
    if (byte < 0x20 || byte > 0x7E) {
        le->escape = byte == KEY_ESC ? LINEEDIT_ESC_START : LINEEDIT_ESC_NONE;
        return byte == KEY_ESC;
    }
    le->escape = LINEEDIT_ESC_NONE;
    if (state == LINEEDIT_ESC_START) {
        if (byte == '[' || byte == 'O') {
            le->escape = byte == '[' ? LINEEDIT_ESC_CSI : LINEEDIT_ESC_SS3;
            le->escape_param = 0;
            le->escape_param_done = false;
        }
        return true; /* ESC and one other byte: an Alt-key, swallowed */
    }
    if (state == LINEEDIT_ESC_SS3) {
        do_key(le, csi_key(0, byte)); /* ESC O A..D, H, F: the same letters as CSI */
        return true;
    }
    if (byte >= 0x20 && byte <= 0x3F) { /* parameter and intermediate bytes */
        if (byte >= '0' && byte <= '9' && !le->escape_param_done && le->escape_param < 1000)
            le->escape_param = le->escape_param * 10 + (byte - '0');
        else if (byte == ';')
            le->escape_param_done = true;
        le->escape = LINEEDIT_ESC_CSI;
        return true;
    }
    do_key(le, csi_key(le->escape_param, byte));
    return true;
}

enum lineedit_result lineedit_feed(struct lineedit *le, uint8_t byte)
{
    bool after_cr = le->after_cr, after_tab = le->after_tab;
    le->after_cr = byte == '\r';
    le->after_tab = byte == '\t';
    if (escape_byte(le, byte))
        return LINEEDIT_PENDING;
    switch (byte) {
    case '\n':
        if (after_cr)
            return LINEEDIT_PENDING;
        return end_line(le);
    case '\r':
        return end_line(le);
    case CTRL('C'):
        put(le, "^C\r\n", 4);
        return LINEEDIT_CANCELLED;
    case KEY_ESC:
        le->escape = LINEEDIT_ESC_START;
        return LINEEDIT_PENDING;
    }
    if (le->overflowed) /* only the end of the line matters now */
        return LINEEDIT_PENDING;
    switch (byte) {
    case '\b':
    case KEY_DELETE:
        if (le->cursor)
            erase(le, le->cursor - 1, 1);
        break;
    case CTRL('U'):
        erase(le, 0, le->cursor);
        break;
    case CTRL('A'):
        do_key(le, KEY_HOME);
        break;
    case CTRL('E'):
        do_key(le, KEY_END);
        break;
    case CTRL('L'):
        put_str(le, "\x1b[H\x1b[2J");
        redraw_line(le);
        break;
    case '\t':
        complete(le, after_tab);
        break;
    default:
        if (byte >= 0x20 && byte <= 0x7E) /* other control bytes and non-ASCII are not part of a command */
            insert(le, (const char *)&byte, 1);
    }
    return LINEEDIT_PENDING;
}
