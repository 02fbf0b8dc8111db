/* The protection of the driver-image range's pages: which are read-only (code, read-only data). A
 * pageable one, once out of memory, has no valid PTE to say so; the fault that brings it back asks
 * here, so code paged back in is read-only again (a write is 0xBE, as for nonpaged code). */
#ifndef PAGODA_MM_IMAGE_PROTECT_H
#define PAGODA_MM_IMAGE_PROTECT_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/bitmap_alloc.h"
#include "mm/layout.h"

#define IMAGE_PROTECT_WORDS BITMAP_WORDS((DRIVER_IMAGES_END - DRIVER_IMAGES_START) / PAGE_SIZE)
extern uint32_t image_protect_bits[IMAGE_PROTECT_WORDS]; /* a bit per page of the range: read-only */

/* Marks [va, va + npages pages) read-only or writable. */
void image_protect_set(uint32_t va, uint32_t npages, bool readonly);
/* Whether the page of va is a read-only page of a driver image (false anywhere else). Inline: every
 * fault that makes a page resident asks. */
static inline bool image_protect_readonly(uint32_t va)
{
    uint32_t bit = (va - DRIVER_IMAGES_START) / PAGE_SIZE;
    return va - DRIVER_IMAGES_START < DRIVER_IMAGES_END - DRIVER_IMAGES_START &&
           image_protect_bits[bit / 32] >> bit % 32 & 1;
}

#endif
