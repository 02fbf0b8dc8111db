/* The driver-image range (mm/layout.h): where the loader maps .sys images. A run of it is reserved
 * per image; its pages get resident frames, charged against commit and resident available pages as
 * nonpaged pool is, or are pageable (PAGE sections) like paged pool; code and read-only data are then
 * write-protected as kernel text is, and INIT pages released after DriverEntry. A page may change
 * between resident and pageable while the image lives (locked sections, MmPageEntireDriver). */
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
/* Those pages read-only: a write is 0xBE, also after a pageable one comes back from the paging file. */
void driver_images_protect(uint32_t va, uint32_t npages);
/* Mapped pages of [va, va + npages pages) that are pageable become resident (MmLockPagable...,
 * MmResetDriverPaging): one that is out is brought back through the page-fault path, then it leaves
 * the working set and is charged to resident available pages as nonpaged memory is (0x4D when none
 * are left). Below DISPATCH_LEVEL only; resident pages stay as they are. */
void driver_images_make_resident(uint32_t va, uint32_t npages);
/* Resident pages of [va, va + npages pages) become pageable (an unlock, MmPageEntireDriver): they join
 * the working set, which may trim them like any pageable page; their resident charge is returned. */
void driver_images_make_pageable(uint32_t va, uint32_t npages);
/* The mapped pages of [va, va + npages pages), resident or pageable, lose their frames, paging-file
 * slots and charges; the run stays reserved. */
void driver_images_unmap(uint32_t va, uint32_t npages);
/* Unmaps the whole run and gives its addresses back. */
void driver_images_release(uint32_t va, uint32_t npages);

#endif
