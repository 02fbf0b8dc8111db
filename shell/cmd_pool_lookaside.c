/* lookaside: every lookaside list, and those of the pool's own per-size ones (tag Pool) that have
 * been used: unused, they would only fill the screen. */
#include "kernel/console.h"
#include "pool/lookaside.h"
#include "pool/pool.h"
#include "shell/commands.h"
#include "shell/args.h"

int cmd_lookaside(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("lookaside");
    kprintf("%-4s %-5s %5s %5s %8s %7s %10s %10s %10s %10s\n", "Tag", "Type", "Size", "Depth", "MaxDepth", "Entries",
            "Allocates", "Misses", "Frees", "FreeMisses");
    for (PGENERAL_LOOKASIDE l = lookaside_next(0); l; l = lookaside_next(l)) {
        char tag[5];
        if (l->Tag == POOL_LOOKASIDE_TAG && !l->TotalAllocates && !l->TotalFrees)
            continue;
        kprintf("%-4s %-5s %5u %5u %8u %7u %10u %10u %10u %10u\n", format_tag(l->Tag, tag),
                pool_kind_name(pool_kind_of(l->Type)), (unsigned)l->Size, l->Depth, l->MaximumDepth,
                l->ListHead.Depth, (unsigned)l->TotalAllocates, (unsigned)l->AllocateMisses,
                (unsigned)l->TotalFrees, (unsigned)l->FreeMisses);
    }
    return 0;
}
