/* Death tests for bugchecks on the host: the host's KeBugCheckEx prints the STOP line and aborts, so
 * the offending call runs in a child process and the parent reads what it printed. */
#ifndef PAGODA_DEATH_H
#define PAGODA_DEATH_H

#include <stdbool.h>

struct stop {
    bool died;             /* the child aborted after printing a STOP line */
    unsigned long code, p[4];
};

/* Runs fn(arg) in a child process and reports the STOP it ended with. */
struct stop run_until_stop(void (*fn)(void *arg), void *arg);

#endif
