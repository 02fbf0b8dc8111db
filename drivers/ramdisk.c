#include "drivers/ramdisk.h"

#include "kernel/lib/kstring.h"

static uint8_t *block_address(struct block_device *dev, uint32_t block)
{
    return block < dev->block_count ? (uint8_t *)dev->context + block * BLOCK_SIZE : 0;
}

static int ramdisk_read(struct block_device *dev, uint32_t block, void *buf)
{
    const uint8_t *src = block_address(dev, block);
    if (!src)
        return -1;
    memcpy(buf, src, BLOCK_SIZE);
    return 0;
}

static int ramdisk_write(struct block_device *dev, uint32_t block, const void *buf)
{
    uint8_t *dst = block_address(dev, block);
    if (!dst)
        return -1;
    memcpy(dst, buf, BLOCK_SIZE);
    return 0;
}

void ramdisk_init(struct block_device *dev, void *base, uint32_t block_count)
{
    *dev = (struct block_device){ "ramdisk", block_count, ramdisk_read, ramdisk_write, base };
}
