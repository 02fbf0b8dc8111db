/* Page tables through the self-map: looking up, creating and changing the PTE of a kernel address. */
#ifndef PAGODA_MM_PAGE_TABLE_H
#define PAGODA_MM_PAGE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "hal/cpu.h"
#include "mm/pte.h"

/* Where new page tables come from: a frame number, or PFN_NONE when memory is exhausted; and where
 * the frame of one no longer needed goes. */
typedef uint32_t (*page_table_frame_source)(void);
typedef void (*page_table_frame_sink)(uint32_t pfn);

void page_table_set_frame_source(page_table_frame_source source, page_table_frame_sink sink);
/* Inline, as pte_store and tlb_flush_page: the page-fault path asks each once or twice. */
static inline bool page_table_present(uint32_t va)
{
    return *(volatile uint32_t *)pde_address(va) & PTE_VALID;
}
/* Creates (zeroed) the page table that maps va if there is none. False if no frame was left. */
bool page_table_ensure(uint32_t va);
/* Frees the page table that maps va (every PTE in it already zero), if there is one. */
void page_table_release(uint32_t va);
/* The PTE of va; only when page_table_present(va). */
static inline volatile uint32_t *pte_of(uint32_t va)
{
    return (volatile uint32_t *)pte_address(va);
}
static inline void tlb_flush_page(uint32_t va)
{
    cpu_invlpg(va);
}
/* Writes the PTE of va (its page table must exist) and drops any stale translation. */
static inline void pte_store(uint32_t va, uint32_t pte)
{
    *pte_of(va) = pte;
    tlb_flush_page(va);
}

#endif
