/* What backs one page of a kernel range the memory manager hands out (pool ranges, special pool):
 * a resident frame, a demand-zero PTE, or whatever a pageable page has now (a frame in the working
 * set or in transition, a paging-file slot). Callers hold the PFN lock. */
#ifndef PAGODA_MM_PAGE_BACKING_H
#define PAGODA_MM_PAGE_BACKING_H

#include <stdbool.h>
#include <stdint.h>

/* Demand-zero PTEs for [va, va + npages pages): frames come at the first touch. */
void page_backing_demand_zero(uint32_t va, uint32_t npages);
/* Resident frames behind [va, va + npages pages); false (and nothing kept) when frames run out. */
bool page_backing_resident(uint32_t va, uint32_t npages);
/* A new run's pages: demand-zero when pageable, else resident frames (false, nothing kept, when they
 * run out). */
bool page_backing_new(uint32_t va, uint32_t npages, bool pageable);
/* Whatever backs the page goes: its frame, its paging-file slot, its place in the working set. */
void page_backing_release(uint32_t va);

#endif
