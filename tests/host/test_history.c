#include "kernel/lib/kformat.h"
#include "shell/history.h"
#include "tests/host/unit.h"

TEST(history_keeps_lines_newest_first_and_skips_blanks_and_repeats)
{
    static struct history h;
    CHECK(history_count(&h) == 0 && history_recent(&h, 1) == 0);
    history_add(&h, "mem");
    history_add(&h, "   ");
    history_add(&h, "");
    history_add(&h, "uptime");
    history_add(&h, "uptime");
    CHECK(history_count(&h) == 2);
    CHECK_STR(history_recent(&h, 1), "uptime");
    CHECK_STR(history_recent(&h, 2), "mem");
    CHECK(history_recent(&h, 0) == 0 && history_recent(&h, 3) == 0);
    history_add(&h, "mem"); /* only a repeat of the newest is skipped */
    CHECK(history_count(&h) == 3);
}

TEST(history_ring_forgets_the_oldest_when_full)
{
    static struct history h;
    char line[16];
    for (int i = 0; i < HISTORY_LINES + 5; i++) {
        ksnprintf(line, sizeof(line), "cmd%d", i);
        history_add(&h, line);
    }
    CHECK(history_count(&h) == HISTORY_LINES);
    ksnprintf(line, sizeof(line), "cmd%d", HISTORY_LINES + 4);
    CHECK_STR(history_recent(&h, 1), line);
    CHECK_STR(history_recent(&h, HISTORY_LINES), "cmd5");
    CHECK(history_recent(&h, HISTORY_LINES + 1) == 0);
}
