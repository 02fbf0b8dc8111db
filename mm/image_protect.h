/* The protection of the driver-image range's pages: which are read-only (code, read-only data). A
 * pageable one, once out of memory, has no valid PTE to say so; the fault that brings it back asks
 * here, so code paged back in is read-only again (a write is 0xBE, as for nonpaged code). */
#ifndef PAGODA_MM_IMAGE_PROTECT_H
#define PAGODA_MM_IMAGE_PROTECT_H

#include <stdbool.h>
#include <stdint.h>

/* Marks [va, va + npages pages) read-only or writable. */
void image_protect_set(uint32_t va, uint32_t npages, bool readonly);
/* Whether the page of va is a read-only page of a driver image (false anywhere else). */
bool image_protect_readonly(uint32_t va);

#endif
