#include "../../kernel/lib/kstring.h"
#include "../../kernel/lineedit.h"
#include "unit.h"

static char echoed[1024];
static size_t echoed_len;

static void capture(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n && echoed_len + 1 < sizeof(echoed); i++)
        echoed[echoed_len++] = s[i];
    echoed[echoed_len] = '\0';
}

static struct lineedit le;

static enum lineedit_result feed(const char *bytes, size_t n)
{
    enum lineedit_result r = LINEEDIT_PENDING;
    for (size_t i = 0; i < n; i++)
        r = lineedit_feed(&le, (uint8_t)bytes[i]);
    return r;
}

static void start(void)
{
    echoed_len = 0;
    echoed[0] = '\0';
    lineedit_init(&le, capture, 0);
}

TEST(lineedit_cr_lf_and_crlf_each_end_one_line)
{
    start();
    CHECK(feed("mem\r", 4) == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    lineedit_reset(&le);
    CHECK(feed("\n", 1) == LINEEDIT_PENDING); /* the LF of CRLF */
    CHECK(feed("help\n", 5) == LINEEDIT_READY);
    CHECK_STR(le.buf, "help");
    lineedit_reset(&le);
    CHECK(feed("\n", 1) == LINEEDIT_READY); /* a second LF is an empty line */
    CHECK_STR(le.buf, "");
    CHECK_STR(echoed, "mem\r\nhelp\r\n\r\n");
}

TEST(lineedit_backspace_and_delete_erase)
{
    start();
    CHECK(feed("memx\b\x7fm\r", 8) == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    CHECK_STR(echoed, "memx\b \b\b \bm\r\n");
}

TEST(lineedit_backspace_on_empty_line_does_nothing)
{
    start();
    CHECK(feed("\b\x7f\r", 3) == LINEEDIT_READY);
    CHECK_STR(le.buf, "");
    CHECK_STR(echoed, "\r\n");
}

TEST(lineedit_ignores_control_and_non_ascii_bytes)
{
    start();
    CHECK(feed("a\x01\x80\xff\x00z\r", 7) == LINEEDIT_READY);
    CHECK_STR(le.buf, "az");
}

TEST(lineedit_overlong_line_is_refused_whole)
{
    start();
    char big[600];
    memset(big, 'q', sizeof(big));
    CHECK(feed(big, sizeof(big)) == LINEEDIT_PENDING);
    CHECK(le.len == LINEEDIT_MAX - 1);
    CHECK(feed("\r", 1) == LINEEDIT_TOO_LONG);
    lineedit_reset(&le);
    CHECK(feed("ok\r", 3) == LINEEDIT_READY);
    CHECK_STR(le.buf, "ok");
}
