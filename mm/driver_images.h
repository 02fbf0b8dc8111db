/* The driver-image range (mm/layout.h): where the loader maps .sys images. A run of it is reserved
 * per image; its pages get resident frames, charged against commit and resident available pages as
 * nonpaged pool is; code and read-only data are then write-protected as kernel text is, and INIT
 * pages released after DriverEntry. */
#ifndef PAGODA_MM_DRIVER_IMAGES_H
#define PAGODA_MM_DRIVER_IMAGES_H

#include <stdbool.h>
#include <stdint.h>

void driver_images_init(void);
/* npages of the range, none mapped yet; 0 when it has no room. */
uint32_t driver_images_reserve(uint32_t npages);
/* Zeroed, writable, resident pages behind [va, va + npages pages) of a reserved run; false (and
 * nothing kept) when commit or frames run out. */
bool driver_images_map(uint32_t va, uint32_t npages);
/* Pageable pages (PAGE sections) behind [va, va + npages pages): demand-zero, charged against commit
 * only; they come and go as paged pool does. False when commit runs out. */
bool driver_images_map_pageable(uint32_t va, uint32_t npages);
/* Those pages read-only: a write is 0xBE. */
void driver_images_protect(uint32_t va, uint32_t npages);
/* The mapped pages of [va, va + npages pages), resident or pageable, lose their frames, paging-file
 * slots and charges; the run stays reserved. */
void driver_images_unmap(uint32_t va, uint32_t npages);
/* Unmaps the whole run and gives its addresses back. */
void driver_images_release(uint32_t va, uint32_t npages);

#endif
