#include "drivers/ramdisk.h"

#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"

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

struct block_device *ramdisk_create(struct frame_run run)
{
    static struct block_device disk;
    PHYSICAL_ADDRESS base = { .QuadPart = (LONGLONG)run.first * BLOCK_SIZE };
    void *va = run.count ? MmMapIoSpace(base, (SIZE_T)run.count * BLOCK_SIZE, MmCached) : 0;
    if (!va)
        return 0;
    disk = (struct block_device){ "ramdisk", run.count, ramdisk_read, ramdisk_write, va };
    return &disk;
}
