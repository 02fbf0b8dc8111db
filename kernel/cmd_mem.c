/* mem: the memory manager's figures as key=value tokens. */
#include "../mm/mm.h"
#include "commands.h"
#include "console.h"

int cmd_mem(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("mem");
    const struct physmem *pm = mm_physmem();
    /* Nothing allocates frames yet: every frame the memory manager owns is free. */
    kprintf("frames_total=%u frames_free=%u ranges=%u\n", pm->frames_total, pm->frames_total, pm->run_count);
    return 0;
}
