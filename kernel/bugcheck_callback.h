/* Bugcheck callbacks (KeRegisterBugCheckCallback, KeRegisterBugCheckReasonCallback; declared in
 * kernel/wdm.h): the records drivers register, run by the STOP (kernel/bugcheck.c) after its text. */
#ifndef PAGODA_BUGCHECK_CALLBACK_H
#define PAGODA_BUGCHECK_CALLBACK_H

#include <stdint.h>

/* Runs each registered record once, the newest first: the plain callbacks with their buffers, then the
 * reason callbacks Pagoda has a reason for (KbCallbackSecondaryDumpData: what they give is printed, the
 * console being the only dump). The caller is at HIGH_LEVEL with interrupts off. */
void bugcheck_callbacks_run(void);
/* A bugcheck inside a bugcheck: when a callback was running, its record becomes BufferIncomplete, one line
 * says so, and the walk goes on with the next record (this does not return). Else it returns. */
void bugcheck_callback_fault(uint32_t code, uint32_t p1, uint32_t p2, uint32_t p3, uint32_t p4);
/* A registered record of either kind whose routine (*routine true) or whose record itself (*routine false)
 * lies in [lo, hi): that address, for the unload check; 0 when none does. */
uintptr_t bugcheck_callback_in_range(uintptr_t lo, uintptr_t hi, int *routine);

#endif
