/* The pager: moves page contents between frames and the paging file (on the block device boot hands
 * over: a ramdisk over frames reserved at boot), checking each copy it reads back. */
#ifndef PAGODA_MM_PAGER_H
#define PAGODA_MM_PAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/pagefile.h"

/* The paging file on disk (NULL: none), with the slot bitmap and checksums pagefile_init wants. */
void pager_init(struct block_device *disk, uint32_t *slot_bitmap, uint32_t *checksums);
struct pagefile *pager_pagefile(void);
/* The status of the last write of a modified page: 0, or the error that left it modified (0x4D's p4). */
uint32_t pager_last_write_status(void);
/* Writes a frame to its slot, taking a slot first if it has none. False when the file is full or the
 * write failed (the page stays as it is, without a slot). */
bool pager_write_frame(uint32_t pfn);
/* Reads a slot into a frame; a bad copy is bugcheck 0x7A with the PTE's address, the status, the PTE
 * and the faulting address. */
void pager_read_frame(uint32_t slot, uint32_t pfn, uint32_t va);

#endif
