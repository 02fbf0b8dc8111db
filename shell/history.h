/* The shell's command history: a fixed ring of the last lines entered, with no allocation. */
#ifndef PAGODA_HISTORY_H
#define PAGODA_HISTORY_H

#include <stdint.h>

#define HISTORY_LINES 16
#define HISTORY_LINE_MAX 256 /* bytes of a line, terminator included */

struct history {
    char lines[HISTORY_LINES][HISTORY_LINE_MAX];
    uint32_t added; /* lines ever added: the newest is number `added`, and sits in slot (added-1) % LINES */
};

/* Keeps a copy of line, unless it is blank or repeats the newest entry (as bash's ignoredups). */
void history_add(struct history *h, const char *line);
/* How many lines the ring holds now (at most HISTORY_LINES). */
unsigned history_count(const struct history *h);
/* The line entered `age` lines ago (1 is the newest), or NULL past the oldest kept. */
const char *history_recent(const struct history *h, unsigned age);

#endif
