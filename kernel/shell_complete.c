#include "shell_complete.h"

#include "complete.h"
#include "irql.h"

static const char *irql_names[HIGH_LEVEL + 2];
static struct complete_source source = { .irql_names = irql_names };

/* Offers exactly the names irql_parse accepts, whatever names irql.c gives its levels. */
static void collect_irql_names(void)
{
    unsigned n = 0;
    for (unsigned level = 0; level <= HIGH_LEVEL; level++) {
        const char *name = irql_name((KIRQL)level);
        KIRQL back;
        if (irql_parse(name, &back) && back == level)
            irql_names[n++] = name;
    }
}

void shell_complete_attach(struct lineedit *le)
{
    source.commands = shell_commands(&source.count);
    collect_irql_names();
    le->complete = complete_words;
    le->complete_ctx = &source;
}
