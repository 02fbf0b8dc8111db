/* The page-fault handler (vector 14). */
#ifndef PAGODA_MM_FAULT_H
#define PAGODA_MM_FAULT_H

#include "kernel/trap.h"

void mm_page_fault(struct trap_frame *frame);
/* Something other than a fault let memory go (an explicit trim): the same fault coming back is no
 * sign of a livelock. */
void mm_fault_progress(void);

#endif
