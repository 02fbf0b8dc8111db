#include "shell/shell_complete.h"

#include "kernel/irql.h"
#include "drivers/driver.h"
#include "shell/commands.h"
#include "shell/complete.h"

/* The driver images' names, NULL-terminated. */
static const char *const *driver_names(void)
{
    static const char *names[DRIVERS_MAX + 1];
    unsigned cursor = 0, n = 0;
    struct driver *d;
    while (n < DRIVERS_MAX && (d = driver_next(&cursor)))
        names[n++] = d->name;
    return names;
}

const char *const *shell_complete_irql_names(void)
{
    static const char *names[HIGH_LEVEL + 2];
    if (names[0])
        return names;
    /* From irql.c's own names, whatever they become, keeping those irql_parse takes back. */
    unsigned n = 0;
    for (unsigned level = 0; level <= HIGH_LEVEL; level++) {
        const char *name = irql_name((KIRQL)level);
        KIRQL back;
        if (irql_parse(name, &back) && back == level)
            names[n++] = name;
    }
    return names;
}

void shell_complete_attach(struct lineedit *le)
{
    static struct complete_source source;
    source.commands = commands_table(&source.count);
    source.irql_names = shell_complete_irql_names();
    source.driver_names = driver_names();
    le->complete = complete_words;
    le->complete_ctx = &source;
}
