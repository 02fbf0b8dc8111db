#include "tests/host/kernel_stubs.h"

#include <stdio.h>

#include "kernel/console.h"
#include "kernel/irql.h"

char kernel_stubs_error[256];

void console_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(kernel_stubs_error, sizeof(kernel_stubs_error), fmt, ap);
    va_end(ap);
}

/* The IRQL names live in kernel/irql.c, which the host does not build: args_irql is tested in the
 * kernel (tests/kernel/ktest_args.c). */
int irql_parse(const char *s, KIRQL *out)
{
    (void)s;
    (void)out;
    return 0;
}
