/* TAB completion for the shell: which words may come next on a command line, from the kinds of
 * argument each command names in its table entry. Freestanding, so the host tests run it. */
#ifndef PAGODA_COMPLETE_H
#define PAGODA_COMPLETE_H

#include "shell/commands.h"
#include "shell/lineedit.h"

struct complete_source {
    const struct command *commands;
    unsigned count;
    const char *const *irql_names;   /* NULL-terminated */
    const char *const *driver_names; /* NULL-terminated */
};

/* A lineedit_complete_fn; ctx is a const struct complete_source *. */
void complete_words(void *ctx, struct lineedit *le, const char *line, size_t start);

#endif
