#include "lineedit.h"

#define KEY_BACKSPACE 0x08
#define KEY_DELETE 0x7F

void lineedit_init(struct lineedit *le, void (*echo)(void *ctx, const char *s, size_t n), void *echo_ctx)
{
    le->echo = echo;
    le->echo_ctx = echo_ctx;
    le->after_cr = false;
    lineedit_reset(le);
}

void lineedit_reset(struct lineedit *le)
{
    le->len = 0;
    le->overflowed = false;
    le->buf[0] = '\0';
}

static void echo(struct lineedit *le, const char *s, size_t n)
{
    le->echo(le->echo_ctx, s, n);
}

enum lineedit_result lineedit_feed(struct lineedit *le, uint8_t byte)
{
    bool after_cr = le->after_cr;
    le->after_cr = byte == '\r';
    switch (byte) {
    case '\n':
        if (after_cr)
            return LINEEDIT_PENDING;
        /* fall through */
    case '\r':
        echo(le, "\r\n", 2);
        le->buf[le->len] = '\0';
        return le->overflowed ? LINEEDIT_TOO_LONG : LINEEDIT_READY;
    case KEY_BACKSPACE:
    case KEY_DELETE:
        if (le->len && !le->overflowed) {
            le->len--;
            echo(le, "\b \b", 3);
        }
        return LINEEDIT_PENDING;
    default:
        if (byte < 0x20 || byte > 0x7E) /* other control bytes and non-ASCII are not part of a command */
            return LINEEDIT_PENDING;
        if (le->len + 1 >= LINEEDIT_MAX) {
            le->overflowed = true;
            return LINEEDIT_PENDING;
        }
        le->buf[le->len++] = (char)byte;
        echo(le, (const char *)&byte, 1);
        return LINEEDIT_PENDING;
    }
}
