/* Two sums over a 4 KiB page for the paging file's checksum (mm/pagefile.c): the 32-bit words added
 * up, and the running total of that sum taken after each 128-byte block, added up. The kernel's version
 * (hal/page_sum.asm) uses SSE2 where the CPU has it (paddd: four words an instruction; xmm0-xmm2 are
 * saved and restored, so a driver's vector state survives a hard fault) and plain adds otherwise; the
 * host's (host/page_sum_host.c) is C. Both give the same two figures for the same page. */
#ifndef PAGODA_HAL_PAGE_SUM_H
#define PAGODA_HAL_PAGE_SUM_H

#include <stdint.h>

#define PAGE_SUM_BLOCK 128 /* bytes between two additions to the running sum */

/* page is 16-byte aligned; returns the sum of its words and sets *running. */
uint32_t page_sum(const void *page, uint32_t *running);

/* The kernel's only. Lets the CPU run SSE instructions (CR4.OSFXSR) when it has SSE2, and picks the loop page_sum runs.
 * Before it, page_sum runs the plain loop. */
void page_sum_init(void);
/* The plain loop, whatever the CPU: the KTAP suite compares the two. */
uint32_t page_sum_plain(const void *page, uint32_t *running);

#endif
