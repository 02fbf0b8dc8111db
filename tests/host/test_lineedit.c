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

/* For byte strings without NUL. */
static enum lineedit_result feeds(const char *bytes)
{
    return feed(bytes, strlen(bytes));
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
    CHECK(feed("a\x02\x07\x80\xff\x00z\r", 8) == LINEEDIT_READY);
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

TEST(lineedit_backspace_mid_line_redraws_the_tail)
{
    start();
    CHECK(feeds("mexm\x1b[D\b\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    /* left echoes \b; the erase steps back, rewrites "m", blanks the stale cell and returns */
    CHECK_STR(echoed, "mexm\b\bm \b\b\r\n");
}

TEST(lineedit_arrows_move_and_typing_inserts_mid_line)
{
    start();
    CHECK(feeds("mm\x1b[De\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    CHECK_STR(echoed, "mm\bem\b\r\n");
    start();
    /* SS3 arrows (application cursor mode) and right past the end, which does nothing */
    CHECK(feeds("ac\x1bODb\x1bOC\x1b[Cd\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "abcd");
    start();
    CHECK(feeds("\x1b[D\x1b[Dx\r") == LINEEDIT_READY); /* left at the start does nothing */
    CHECK_STR(le.buf, "x");
}

static void check_home_key(const char *seq)
{
    start();
    feeds("em");
    feeds(seq);
    CHECK(le.cursor == 0);
    CHECK(feeds("m\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
}

TEST(lineedit_ctrl_a_and_every_home_sequence_go_to_the_start)
{
    check_home_key("\x01");
    check_home_key("\x1b[H");
    check_home_key("\x1bOH");
    check_home_key("\x1b[1~");
    check_home_key("\x1b[7~");
    start();
    feeds("abc\x01");
    CHECK_STR(echoed, "abc\b\b\b");
}

static void check_end_key(const char *seq)
{
    start();
    feeds("me\x01\x01");
    CHECK(le.cursor == 0);
    feeds(seq);
    CHECK(le.cursor == 2);
    CHECK(feeds("m\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
}

TEST(lineedit_ctrl_e_and_every_end_sequence_go_to_the_end)
{
    check_end_key("\x05");
    check_end_key("\x1b[F");
    check_end_key("\x1bOF");
    check_end_key("\x1b[4~");
    check_end_key("\x1b[8~");
    start();
    feeds("abc\x01\x05");
    CHECK_STR(echoed, "abc\b\b\babc"); /* End re-prints what it passes over */
}

TEST(lineedit_delete_key_erases_under_the_cursor)
{
    start();
    CHECK(feeds("mexm\x1b[D\x1b[D\x1b[3~\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    start();
    CHECK(feeds("ab\x1b[3~\r") == LINEEDIT_READY); /* at the end: nothing to delete */
    CHECK_STR(le.buf, "ab");
}

TEST(lineedit_ctrl_u_kills_to_the_start_of_the_line)
{
    start();
    CHECK(feeds("garbage\x15mem\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    start();
    CHECK(feeds("xxmem\x01\x1b[C\x1b[C\x15\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    CHECK(le.cursor == 0);
}

TEST(lineedit_ctrl_c_abandons_the_line)
{
    static struct history h;
    start();
    le.history = &h;
    CHECK(feeds("poweroff\x03") == LINEEDIT_CANCELLED);
    CHECK_STR(echoed, "poweroff^C\r\n");
    CHECK(history_count(&h) == 0);
    lineedit_reset(&le);
    CHECK(feeds("mem\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
}

TEST(lineedit_ctrl_l_clears_the_screen_and_redraws_the_line)
{
    start();
    le.prompt = "p> ";
    feeds("abc\x1b[D\x0c");
    CHECK_STR(echoed, "abc\b\x1b[H\x1b[2Jp> abc\b");
    CHECK(feeds("\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "abc");
}

TEST(lineedit_swallows_unknown_sequences_whole)
{
    static const char *const junk[] = {
        "\x1b[?25h", "\x1b[200~", "\x1b[12;34R", "\x1b[2J", "\x1bx", "\x1b\x1b[Z", "\x1b[99999999999~",
        "\x1bOP", "\x1b[ q", "\x1b[1;5P",
    };
    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
        start();
        feeds("ab");
        feeds(junk[i]);
        CHECK(feeds("c\r") == LINEEDIT_READY);
        CHECK_STR(le.buf, "abc");
        CHECK_STR(echoed, "abc\r\n");
    }
}

TEST(lineedit_a_control_byte_ends_a_broken_sequence_and_counts)
{
    start();
    CHECK(feeds("mem\x1b[1\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "mem");
    start();
    CHECK(feeds("memx\x1b[\x7f\r") == LINEEDIT_READY); /* DEL inside a sequence still erases */
    CHECK_STR(le.buf, "mem");
    start();
    CHECK(feeds("mem\x1b\x03") == LINEEDIT_CANCELLED);
}

TEST(lineedit_overlong_line_ignores_editing_keys)
{
    start();
    char big[300];
    memset(big, 'q', sizeof(big));
    feed(big, sizeof(big));
    feeds("\x15\x1b[D\x01\b");
    CHECK(le.len == LINEEDIT_MAX - 1 && le.overflowed);
    CHECK(feeds("\r") == LINEEDIT_TOO_LONG);
}

static struct history hist;

static void start_with_history(void)
{
    start();
    memset(&hist, 0, sizeof(hist));
    le.history = &hist;
}

static void enter(const char *line)
{
    lineedit_reset(&le);
    feeds(line);
    CHECK(feeds("\r") == LINEEDIT_READY);
}

TEST(lineedit_up_and_down_browse_the_history)
{
    start_with_history();
    enter("mem");
    enter("uptime");
    lineedit_reset(&le);
    feeds("he");
    feeds("\x1b[A");
    CHECK_STR(le.buf, "uptime");
    feeds("\x1bOA");
    CHECK_STR(le.buf, "mem");
    feeds("\x1b[A"); /* past the oldest: stays */
    CHECK_STR(le.buf, "mem");
    feeds("\x1b[B");
    CHECK_STR(le.buf, "uptime");
    feeds("\x1bOB");
    CHECK_STR(le.buf, "he"); /* back to what was being typed */
    feeds("\x1b[B");
    CHECK_STR(le.buf, "he");
    feeds("\x1b[A");
    CHECK(feeds("\r") == LINEEDIT_READY);
    CHECK_STR(le.buf, "uptime");
    CHECK(history_count(&hist) == 2); /* the repeat was not added again */
}

TEST(lineedit_history_recall_redraws_over_a_longer_line)
{
    start_with_history();
    enter("mem");
    lineedit_reset(&le);
    echoed_len = 0;
    feeds("abcdef\x1b[D\x1b[A");
    /* back to the start, "mem", blank the 3 stale cells, come back */
    CHECK_STR(echoed, "abcdef\b\b\b\b\b\bmem   \b\b\b");
    CHECK(le.cursor == 3);
}

static const char *const commands[] = { "help", "history", "mem", "memtest", "poweroff", 0 };

/* The completer's context is the NULL-terminated list of words it offers. */
static void offer_words(void *ctx, struct lineedit *l, const char *line, size_t start_at)
{
    (void)line;
    (void)start_at;
    for (const char *const *w = ctx; *w; w++)
        lineedit_offer(l, *w);
}

static void start_with_completion(void)
{
    start();
    le.prompt = "p> ";
    le.complete = offer_words;
    le.complete_ctx = (void *)commands;
}

TEST(lineedit_tab_completes_a_unique_word_and_adds_a_space)
{
    start_with_completion();
    feeds("po\t");
    CHECK_STR(le.buf, "poweroff ");
    CHECK_STR(echoed, "poweroff ");
    start_with_completion();
    feeds("xyz\t\t"); /* nothing fits: nothing happens */
    CHECK_STR(le.buf, "xyz");
    CHECK_STR(echoed, "xyz");
}

TEST(lineedit_tab_completes_the_common_part_then_lists_the_choices)
{
    start_with_completion();
    feeds("h\t");
    CHECK_STR(le.buf, "h");
    feeds("\t");
    CHECK_STR(echoed, "h\r\nhelp     history  \r\np> h");
    start_with_completion();
    feeds("m\t");
    CHECK_STR(le.buf, "mem"); /* as far as mem and memtest agree */
    feeds("\t");
    CHECK_STR(echoed, "mem\r\nmem      memtest  \r\np> mem");
}

TEST(lineedit_tab_completes_the_word_at_the_cursor)
{
    start_with_completion();
    feeds("x pow y\x1b[D\x1b[D\t");
    CHECK_STR(le.buf, "x poweroff y");
    CHECK(le.cursor == 10); /* a blank follows already: none added */
    start_with_completion();
    le.complete = 0; /* no completer: TAB is ignored */
    feeds("po\t");
    CHECK_STR(le.buf, "po");
}

TEST(lineedit_tab_lists_in_columns_that_fit_the_screen)
{
    static const char *const wide[] = { "NonPagedPool", "NonPagedPoolMustSucceed", "NonPagedPoolCacheAligned",
                                        "NonPagedPoolCacheAlignedMustS", 0 };
    start_with_completion();
    le.complete_ctx = (void *)wide;
    feeds("N	");
    CHECK_STR(le.buf, "NonPagedPool");
    echoed_len = 0;
    feeds("	");
    /* 31-character columns: two fit in 80 */
    CHECK_STR(echoed, "\r\nNonPagedPool                   NonPagedPoolMustSucceed        "
                      "\r\nNonPagedPoolCacheAligned       NonPagedPoolCacheAlignedMustS  \r\np> NonPagedPool");
}
