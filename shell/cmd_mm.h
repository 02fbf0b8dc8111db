/* Commands about the memory manager (cmd_mm.c). */
#ifndef PAGODA_CMD_MM_H
#define PAGODA_CMD_MM_H

#include "shell/args.h"

args_handler cmd_mem, cmd_trim, cmd_memtest, cmd_valloc, cmd_vfree, cmd_pageout, cmd_flipslot, cmd_pte, cmd_pfn,
    cmd_peek, cmd_poke, cmd_faultbench;

/* For an allocation that returned NULL: " (refused by the commit limit)" when one of the memory
 * manager's limits refused pages since its count of refusals was failures_before, else "". */
const char *mm_limit_refusal(uint32_t failures_before);

#endif
