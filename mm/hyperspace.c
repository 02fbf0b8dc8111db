#include "mm/hyperspace.h"

#include "kernel/bugcheck.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "mm/page_table.h"

#define HYPERSPACE_SLOTS 32 /* enough for the deepest nesting (the pager and zeroing use one or two) */

_Static_assert(HYPERSPACE_SLOTS <= (HYPERSPACE_END - HYPERSPACE_START) / 4096, "hyperspace slots beyond the range");

static uint32_t slots_in_use;

void hyperspace_init(void)
{
    if (!page_table_ensure(HYPERSPACE_START))
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, 0, 0, 0, 0);
}

void *hyperspace_map(uint32_t frame)
{
    for (unsigned i = 0; i < HYPERSPACE_SLOTS; i++)
        if (!(slots_in_use & 1u << i)) {
            slots_in_use |= 1u << i;
            uint32_t va = HYPERSPACE_START + i * 4096;
            pte_store(va, pte_make_valid(frame, PTE_WRITE));
            return (void *)va;
        }
    /* Every caller unmaps before it returns: running out means a leak in the memory manager. */
    KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, 0x1000, frame, 0, 0);
}

void hyperspace_unmap(void *va)
{
    uint32_t slot = ((uint32_t)va - HYPERSPACE_START) / 4096;
    pte_store((uint32_t)va, 0);
    slots_in_use &= ~(1u << slot);
}

void hyperspace_zero_frame(uint32_t frame)
{
    void *va = hyperspace_map(frame);
    memset(va, 0, 4096);
    hyperspace_unmap(va);
}
