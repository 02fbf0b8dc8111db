/* The system work queue (ExQueueWorkItem) without worker threads: the console's thread runs the queued items,
 * oldest first, at PASSIVE_LEVEL, when it has nothing else to do (the console's idle loop) and while a
 * wait that may block polls (kernel/wait.c), which is when Windows' worker threads would get the CPU. */
#ifndef PAGODA_WORK_QUEUE_H
#define PAGODA_WORK_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

/* Runs the oldest queued item; false when none was queued. At PASSIVE_LEVEL only. */
bool work_queue_run_one(void);
/* Runs, oldest first, every queued item that wanted accepts (also those queued meanwhile). */
void work_queue_run_matching(bool (*wanted)(const WORK_QUEUE_ITEM *item, const void *ctx), const void *ctx);
/* The first queued item lying in [lo, hi) or whose routine does, or NULL. */
const WORK_QUEUE_ITEM *work_queue_find_in_range(uintptr_t lo, uintptr_t hi);

#endif
