/* Console commands about IRQL: irql, at. */
#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kstring.h"
#include "shell/commands.h"
#include "shell/shell.h"

#define AT_LINE_MAX 256

int cmd_irql(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("irql");
    KIRQL irql = KeGetCurrentIrql();
    kprintf("%u (%s)\n", irql, irql_name(irql));
    return 0;
}

/* Joins words back into one line for shell_execute. Returns false if it does not fit. */
static bool join_words(char *line, size_t size, int count, char **words)
{
    line[0] = '\0';
    size_t len = 0;
    for (int i = 0; i < count; i++) {
        len += strlcpy(line + len, words[i], size - len);
        if (len + 1 >= size)
            return false;
        if (i + 1 < count)
            line[len++] = ' ';
    }
    return true;
}

/* A level below the current one is refused with an error line rather than a 0x09 bugcheck: the console
 * should not stop the machine by accident (`crash irql-raise` does it on purpose). */
int cmd_at(int argc, char **argv)
{
    if (argc < 3)
        return cmd_usage_error("at");
    KIRQL level, old;
    if (!irql_parse(argv[1], &level)) {
        console_error("at: '%s' is not an IRQL (0 to %d, or a name such as DISPATCH_LEVEL)", argv[1], HIGH_LEVEL);
        return -1;
    }
    if (level < KeGetCurrentIrql()) {
        console_error("at: %s is below the current IRQL %s", irql_name(level), irql_name(KeGetCurrentIrql()));
        return -1;
    }
    char line[AT_LINE_MAX];
    if (!join_words(line, sizeof(line), argc - 2, argv + 2)) {
        console_error("at: command too long");
        return -1;
    }
    KeRaiseIrql(level, &old);
    int status = shell_execute(line);
    KeLowerIrql(old);
    return status;
}
