/* A ramdisk: memory reserved at boot (not counted as RAM) behind the block-device switch. */
#ifndef PAGODA_RAMDISK_H
#define PAGODA_RAMDISK_H

#include "mm/blockdev.h"

/* Serves blocks from base (a kernel mapping of block_count * BLOCK_SIZE bytes). */
void ramdisk_init(struct block_device *dev, void *base, uint32_t block_count);

#endif
