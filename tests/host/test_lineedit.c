#include "kernel/lib/kformat.h"
#include "kernel/lib/kstring.h"
#include "tests/host/lineedit_harness.h"
#include "tests/host/unit.h"

TEST(lineedit_cr_lf_and_crlf_each_end_one_line)
{
    edit_start();
    CHECK(edit_feed("mem\r", 4) == LINEEDIT_READY);
    CHECK_STR(edit.buf, "mem");
    lineedit_reset(&edit);
    CHECK(edit_feed("\n", 1) == LINEEDIT_PENDING); /* the LF of CRLF */
    CHECK(edit_feed("help\n", 5) == LINEEDIT_READY);
    CHECK_STR(edit.buf, "help");
    lineedit_reset(&edit);
    CHECK(edit_feed("\n", 1) == LINEEDIT_READY); /* a second LF is an empty line */
    CHECK_STR(edit.buf, "");
    CHECK_STR(edit_echo, "mem\r\nhelp\r\n\r\n");
}

/* Keys, the line they make, and their exact echo. */
static const struct {
    const char *keys, *line, *echo;
} echo_cases[] = {
    { "memx\b\x7fm\r", "mem", "memx\b \b\b \bm\r\n" }, /* Backspace and DEL erase */
    { "\b\x7f\r", "", "\r\n" },                          /* nothing to erase */
    /* left echoes \b; a mid-line erase steps back, rewrites the tail, blanks the stale cell, returns */
    { "mexm\x1b[D\b\r", "mem", "mexm\b\bm \b\b\r\n" },
    { "mm\x1b[De\r", "mem", "mm\bem\b\r\n" }, /* a mid-line insert rewrites the tail */
};

TEST(lineedit_erase_and_insert_echo_exactly_what_the_screen_needs)
{
    for (size_t i = 0; i < sizeof(echo_cases) / sizeof(echo_cases[0]); i++) {
        CHECK(edit_makes(echo_cases[i].keys, echo_cases[i].line));
        CHECK_STR(edit_echo, echo_cases[i].echo);
    }
}

TEST(lineedit_ignores_control_and_non_ascii_bytes)
{
    edit_start();
    CHECK(edit_feed("a\x02\x07\x80\xff\x00z\r", 8) == LINEEDIT_READY);
    CHECK_STR(edit.buf, "az");
}

TEST(lineedit_overlong_line_is_refused_whole)
{
    edit_start();
    char big[600];
    memset(big, 'q', sizeof(big));
    CHECK(edit_feed(big, sizeof(big)) == LINEEDIT_PENDING);
    CHECK(edit.len == LINEEDIT_MAX - 1);
    CHECK(edit_feed("\r", 1) == LINEEDIT_TOO_LONG);
    lineedit_reset(&edit);
    CHECK(edit_feed("ok\r", 3) == LINEEDIT_READY);
    CHECK_STR(edit.buf, "ok");
}

TEST(lineedit_arrows_move_and_typing_inserts_mid_line)
{
    /* SS3 arrows (application cursor mode) and right past the end, which does nothing */
    CHECK(edit_makes("ac\x1bODb\x1bOC\x1b[Cd\r", "abcd"));
    CHECK(edit_makes("\x1b[D\x1b[Dx\r", "x")); /* left at the start does nothing */
}

/* For each of the NULL-terminated keys: `before`, the key, `after` and Enter must make `line`. */
static void check_keys_between(const char *before, const char *const *keys, const char *after, const char *line)
{
    for (; *keys; keys++) {
        char typed[32];
        ksnprintf(typed, sizeof(typed), "%s%s%s\r", before, *keys, after);
        CHECK(edit_makes(typed, line));
    }
}

TEST(lineedit_ctrl_a_and_every_home_sequence_go_to_the_start)
{
    /* with modifiers (Ctrl-Home is ESC [1;5~ or ESC [1;5H) only the first parameter counts */
    static const char *const home[] = { "\x01",    "\x1b[H",    "\x1bOH",     "\x1b[1~",
                                        "\x1b[7~", "\x1b[1;5~", "\x1b[1;5H", 0 };
    check_keys_between("em", home, "m", "mem");
    edit_start();
    edit_keys("abc\x01");
    CHECK_STR(edit_echo, "abc\b\b\b");
}

TEST(lineedit_ctrl_e_and_every_end_sequence_go_to_the_end)
{
    static const char *const end[] = { "\x05", "\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", 0 };
    check_keys_between("me\x01", end, "m", "mem");
    edit_start();
    edit_keys("abc\x01\x05");
    CHECK_STR(edit_echo, "abc\b\b\babc"); /* End re-prints what it passes over */
}

TEST(lineedit_delete_key_erases_under_the_cursor)
{
    CHECK(edit_makes("mexm\x1b[D\x1b[D\x1b[3~\r", "mem"));
    CHECK(edit_makes("mexm\x1b[D\x1b[D\x1b[3;2~\r", "mem")); /* Shift-Delete */
    CHECK(edit_makes("ab\x1b[3~\r", "ab")); /* at the end: nothing to delete */
}

TEST(lineedit_ctrl_u_kills_to_the_start_of_the_line)
{
    CHECK(edit_makes("garbage\x15mem\r", "mem"));
    CHECK(edit_makes("xxmem\x01\x1b[C\x1b[C\x15\r", "mem"));
    CHECK(edit.cursor == 0);
}

TEST(lineedit_ctrl_c_abandons_the_line)
{
    static struct history h;
    edit_start();
    edit.history = &h;
    CHECK(edit_keys("poweroff\x03") == LINEEDIT_CANCELLED);
    CHECK_STR(edit_echo, "poweroff^C\r\n");
    CHECK(history_count(&h) == 0);
    lineedit_reset(&edit);
    CHECK(edit_keys("mem\r") == LINEEDIT_READY);
    CHECK_STR(edit.buf, "mem");
}

TEST(lineedit_ctrl_l_clears_the_screen_and_redraws_the_line)
{
    edit_start();
    edit_keys("abc\x1b[D\x0c");
    CHECK_STR(edit_echo, "abc\b\x1b[H\x1b[2Jp> abc\b");
    CHECK(edit_keys("\r") == LINEEDIT_READY);
    CHECK_STR(edit.buf, "abc");
}

TEST(lineedit_swallows_unknown_sequences_whole)
{
    static const char *const junk[] = {
        "\x1b[?25h", "\x1b[200~", "\x1b[12;34R", "\x1b[2J", "\x1bx", "\x1b\x1b[Z", "\x1b[99999999999~",
        "\x1bOP", "\x1b[ q", "\x1b[1;5P",
    };
    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
        char keys[32];
        ksnprintf(keys, sizeof(keys), "ab%sc\r", junk[i]);
        CHECK(edit_makes(keys, "abc"));
        CHECK_STR(edit_echo, "abc\r\n");
    }
}

TEST(lineedit_a_control_byte_ends_a_broken_sequence_and_counts)
{
    CHECK(edit_makes("mem\x1b[1\r", "mem"));
    CHECK(edit_makes("memx\x1b[\x7f\r", "mem")); /* DEL inside a sequence still erases */
    edit_start();
    CHECK(edit_keys("mem\x1b\x03") == LINEEDIT_CANCELLED);
}

TEST(lineedit_overlong_line_ignores_editing_keys)
{
    edit_start();
    char big[300];
    memset(big, 'q', sizeof(big));
    edit_feed(big, sizeof(big));
    edit_keys("\x15\x1b[D\x01\b");
    CHECK(edit.len == LINEEDIT_MAX - 1 && edit.overflowed);
    CHECK(edit_keys("\r") == LINEEDIT_TOO_LONG);
}

static struct history hist;

static void start_with_history(void)
{
    edit_start();
    memset(&hist, 0, sizeof(hist));
    edit.history = &hist;
}

static void enter(const char *line)
{
    lineedit_reset(&edit);
    edit_keys(line);
    CHECK(edit_keys("\r") == LINEEDIT_READY);
}

TEST(lineedit_up_and_down_browse_the_history)
{
    start_with_history();
    enter("mem");
    enter("uptime");
    lineedit_reset(&edit);
    edit_keys("he");
    edit_keys("\x1b[A");
    CHECK_STR(edit.buf, "uptime");
    edit_keys("\x1bOA");
    CHECK_STR(edit.buf, "mem");
    edit_keys("\x1b[A"); /* past the oldest: stays */
    CHECK_STR(edit.buf, "mem");
    edit_keys("\x1b[B");
    CHECK_STR(edit.buf, "uptime");
    edit_keys("\x1bOB");
    CHECK_STR(edit.buf, "he"); /* back to what was being typed */
    edit_keys("\x1b[B");
    CHECK_STR(edit.buf, "he");
    edit_keys("\x1b[A");
    CHECK(edit_keys("\r") == LINEEDIT_READY);
    CHECK_STR(edit.buf, "uptime");
    CHECK(history_count(&hist) == 2); /* the repeat was not added again */
}

TEST(lineedit_history_recall_redraws_over_a_longer_line)
{
    start_with_history();
    enter("mem");
    lineedit_reset(&edit);
    edit_clear_echo();
    edit_keys("abcdef\x1b[D\x1b[A");
    /* back to the start, "mem", blank the 3 stale cells, come back */
    CHECK_STR(edit_echo, "abcdef\b\b\b\b\b\bmem   \b\b\b");
    CHECK(edit.cursor == 3);
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
    edit_start();
    edit.complete = offer_words;
    edit.complete_ctx = (void *)commands;
}

TEST(lineedit_tab_completes_a_unique_word_and_adds_a_space)
{
    start_with_completion();
    edit_keys("po\t");
    CHECK_STR(edit.buf, "poweroff ");
    CHECK_STR(edit_echo, "poweroff ");
    start_with_completion();
    edit_keys("xyz\t\t"); /* nothing fits: nothing happens */
    CHECK_STR(edit.buf, "xyz");
    CHECK_STR(edit_echo, "xyz");
}

TEST(lineedit_tab_completes_the_common_part_then_lists_the_choices)
{
    start_with_completion();
    edit_keys("h\t");
    CHECK_STR(edit.buf, "h");
    edit_keys("\t");
    CHECK_STR(edit_echo, "h\r\nhelp     history  \r\np> h");
    start_with_completion();
    edit_keys("m\t");
    CHECK_STR(edit.buf, "mem"); /* as far as mem and memtest agree */
    edit_keys("\t");
    CHECK_STR(edit_echo, "mem\r\nmem      memtest  \r\np> mem");
}

TEST(lineedit_tab_completes_the_word_at_the_cursor)
{
    start_with_completion();
    edit_keys("x pow y\x1b[D\x1b[D\t");
    CHECK_STR(edit.buf, "x poweroff y");
    CHECK(edit.cursor == 10); /* a blank follows already: none added */
    start_with_completion();
    edit.complete = 0; /* no completer: TAB is ignored */
    edit_keys("po\t");
    CHECK_STR(edit.buf, "po");
}

TEST(lineedit_tab_lists_in_columns_that_fit_the_screen)
{
    static const char *const wide[] = { "NonPagedPool", "NonPagedPoolMustSucceed", "NonPagedPoolCacheAligned",
                                        "NonPagedPoolCacheAlignedMustS", 0 };
    start_with_completion();
    edit.complete_ctx = (void *)wide;
    edit_keys("N	");
    CHECK_STR(edit.buf, "NonPagedPool");
    edit_clear_echo();
    edit_keys("	");
    /* 31-character columns: two fit in 80 */
    CHECK_STR(edit_echo, "\r\nNonPagedPool                   NonPagedPoolMustSucceed        "
                      "\r\nNonPagedPoolCacheAligned       NonPagedPoolCacheAlignedMustS  \r\np> NonPagedPool");
}
