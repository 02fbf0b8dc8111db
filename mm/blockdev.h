/* The block-device switch: 4 KiB blocks read and written through function pointers, so the paging
 * file does not care whether a ramdisk or a disk driver stands behind it. */
#ifndef PAGODA_BLOCKDEV_H
#define PAGODA_BLOCKDEV_H

#include <stdint.h>

#define BLOCK_SIZE 4096u

struct block_device {
    const char *name;
    uint32_t block_count;
    /* 0 on success, -1 on an I/O error or a block past the end. */
    int (*read)(struct block_device *dev, uint32_t block, void *buf);
    int (*write)(struct block_device *dev, uint32_t block, const void *buf);
    void *context;
};

#endif
