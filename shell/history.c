#include "shell/history.h"

#include <stdbool.h>

#include "kernel/lib/kstring.h"

static bool is_blank_line(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

void history_add(struct history *h, const char *line)
{
    const char *newest = history_recent(h, 1);
    if (is_blank_line(line) || (newest && strcmp(newest, line) == 0))
        return;
    strlcpy(h->lines[h->added % HISTORY_LINES], line, HISTORY_LINE_MAX);
    h->added++;
}

unsigned history_count(const struct history *h)
{
    return h->added < HISTORY_LINES ? h->added : HISTORY_LINES;
}

const char *history_recent(const struct history *h, unsigned age)
{
    if (age == 0 || age > history_count(h))
        return 0;
    return h->lines[(h->added - age) % HISTORY_LINES];
}
