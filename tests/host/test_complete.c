#include "shell/complete.h"
#include "tests/host/lineedit_harness.h"
#include "tests/host/unit.h"

static const struct command table[] = {
    { "alloc", "", "", 0, { ARG_POOL_TYPE }, 2, 3 },
    { "at", "", "", 0, { ARG_IRQL, ARG_COMMAND_LINE }, 2, COMMAND_MAX_WORDS },
    { "help", "", "", 0, { ARG_COMMAND }, 0, 1 },
    { "load", "", "", 0, { ARG_DRIVER }, 1, 1 },
    { "history", "", "", 0, { 0 }, 0, 0 },
    { "mem", "", "", 0, { 0 }, 0, 0 },
    { "watch", "", "", 0, { ARG_OTHER, ARG_COMMAND_LINE }, 2, COMMAND_MAX_WORDS },
};
static const char *const irqls[] = { "PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL", "HIGH_LEVEL", 0 };
static const char *const drivers[] = { "leaky", "sample", 0 };
static const struct complete_source source = { table, sizeof(table) / sizeof(table[0]), irqls, drivers };

/* Types text into a fresh line with the shell's completer; returns the line. */
static const char *type(const char *text)
{
    edit_start();
    edit.complete = complete_words;
    edit.complete_ctx = (void *)&source;
    edit_keys(text);
    return edit.buf;
}

TEST(complete_first_word_is_a_command_name)
{
    CHECK_STR(type("me\t"), "mem ");
    CHECK_STR(type("wa\t"), "watch ");
    CHECK_STR(type("h\t"), "h");
    CHECK_STR(type("hi\t"), "history ");
    CHECK_STR(type("  he\t"), "  help ");
    CHECK_STR(type("zz\t"), "zz");
}

TEST(complete_help_takes_a_command_name)
{
    CHECK_STR(type("help m\t"), "help mem ");
    CHECK_STR(type("help mem m\t"), "help mem m"); /* help has one argument only */
    type("help h\t\t");
    CHECK_STR(edit_echo, "help h\r\nhelp     history  \r\np> help h");
}

TEST(complete_pool_types_and_irql_names_where_a_command_takes_them)
{
    CHECK_STR(type("alloc P\t"), "alloc PagedPool"); /* or PagedPoolCacheAligned */
    CHECK_STR(type("alloc PagedPoolC\t"), "alloc PagedPoolCacheAligned ");
    CHECK_STR(type("alloc NonPagedPoolC\t"), "alloc NonPagedPoolCacheAligned");
    CHECK_STR(type("alloc N\t"), "alloc NonPagedPool");
    CHECK_STR(type("alloc PagedPool P\t"), "alloc PagedPool P"); /* the byte count: nothing */
    CHECK_STR(type("at D\t"), "at DISPATCH_LEVEL ");
    CHECK_STR(type("at 2 D\t"), "at 2 D");
    CHECK_STR(type("load s\t"), "load sample ");
}

TEST(complete_a_command_line_argument_as_its_own_command_line)
{
    CHECK_STR(type("watch 500 me\t"), "watch 500 mem ");
    CHECK_STR(type("watch 500 help m\t"), "watch 500 help mem ");
    CHECK_STR(type("at DISPATCH_LEVEL alloc N\t"), "at DISPATCH_LEVEL alloc NonPagedPool");
    CHECK_STR(type("watch 1 at A\t"), "watch 1 at APC_LEVEL ");
    CHECK_STR(type("watch 1\t"), "watch 1"); /* the interval: nothing to offer */
    CHECK_STR(type("nosuch m\t"), "nosuch m");
}
