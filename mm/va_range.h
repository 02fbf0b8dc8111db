/* A range of kernel virtual addresses handed out in runs of pages (nonpaged pool, paged pool, system
 * PTEs, special pool), with the page tables that cover each run created when it is handed out and
 * freed when no page under them is handed out any more, so that alloc/free cycles do not pile up page
 * tables. Ranges start and end on a page table's 4 MiB. */
#ifndef PAGODA_MM_VA_RANGE_H
#define PAGODA_MM_VA_RANGE_H

#include <stdbool.h>

#include "mm/bitmap_alloc.h"

struct va_range {
    uint32_t start, end;
    struct bitmap_alloc pages;
};

/* words: BITMAP_WORDS((end - start) / 4096) words. */
void va_range_init(struct va_range *r, uint32_t *words, uint32_t start, uint32_t end);
/* The first address of npages free pages whose page tables exist, or 0. */
uint32_t va_range_alloc(struct va_range *r, uint32_t npages);
/* The PTEs of the run must be zero already. */
void va_range_free(struct va_range *r, uint32_t va, uint32_t npages);
bool va_range_contains(const struct va_range *r, uint32_t va);
/* Whether [va, va + npages pages) lies in the range and was handed out, every page of it. */
bool va_range_is_allocated(const struct va_range *r, uint32_t va, uint32_t npages);

#endif
