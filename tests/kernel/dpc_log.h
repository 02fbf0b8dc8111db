/* A DPC routine for the tests: it writes down each call (its context as a letter, the IRQL, the system
 * arguments), so a test can check order and delivery. */
#ifndef PAGODA_TESTS_DPC_LOG_H
#define PAGODA_TESTS_DPC_LOG_H

#include "kernel/wdm.h"

struct dpc_log {
    char order[16]; /* the contexts of the calls so far, as letters */
    volatile unsigned count;
    KIRQL irql; /* at the last call */
    PVOID arg1, arg2;
};

extern struct dpc_log dpc_log;

void dpc_log_reset(void);
/* DeferredContext is the letter to write down, e.g. (PVOID)'a'. */
KDEFERRED_ROUTINE dpc_log_routine;

#endif
