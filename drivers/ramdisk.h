/* A ramdisk: memory reserved at boot (not counted as RAM) behind the block-device switch; the paging
 * file's disk. */
#ifndef PAGODA_RAMDISK_H
#define PAGODA_RAMDISK_H

#include "mm/blockdev.h"
#include "mm/physmem.h"

/* The one ramdisk, over the frames of run mapped in system PTEs; NULL when run is empty or cannot be
 * mapped. */
struct block_device *ramdisk_create(struct frame_run run);

#endif
