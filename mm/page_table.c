#include "mm/page_table.h"

#include "kernel/lib/kstring.h"
#include "mm/pfn_db.h"

static page_table_frame_source frame_source;
static page_table_frame_sink frame_sink;

void page_table_set_frame_source(page_table_frame_source source, page_table_frame_sink sink)
{
    frame_source = source;
    frame_sink = sink;
}

bool page_table_ensure(uint32_t va)
{
    if (page_table_present(va))
        return true;
    uint32_t frame = frame_source();
    if (frame == PFN_NONE)
        return false;
    *(volatile uint32_t *)pde_address(va) = pte_make_valid(frame, PTE_WRITE);
    /* The new table appears in the self-map window: clear it there. */
    uint32_t table_va = pte_address(va) & PTE_FRAME_MASK;
    tlb_flush_page(table_va);
    memset((void *)table_va, 0, 4096);
    return true;
}

void page_table_release(uint32_t va)
{
    volatile uint32_t *pde = (volatile uint32_t *)pde_address(va);
    if (!(*pde & PTE_VALID))
        return;
    uint32_t frame = pte_payload(*pde);
    *pde = 0;
    tlb_flush_page(pte_address(va) & PTE_FRAME_MASK); /* the table's own page in the self-map window */
    frame_sink(frame);
}
