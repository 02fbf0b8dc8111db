#include "mm/pagefile.h"

#include "hal/page_sum.h"

void pagefile_init(struct pagefile *pf, struct block_device *dev, uint32_t *bitmap_words, uint32_t *checksums)
{
    pf->dev = dev;
    pf->checksums = checksums;
    bitmap_alloc_init(&pf->slots, bitmap_words, dev ? dev->block_count : 0);
}

uint32_t pagefile_total(const struct pagefile *pf)
{
    return pf->slots.bits;
}

uint32_t pagefile_used(const struct pagefile *pf)
{
    return pf->slots.used;
}

uint32_t pagefile_slot_alloc(struct pagefile *pf)
{
    return bitmap_alloc_run(&pf->slots, 1);
}

void pagefile_slot_free(struct pagefile *pf, uint32_t slot)
{
    bitmap_alloc_free_run(&pf->slots, slot, 1);
}

/* Catches any single flipped bit: flipping bit k moves the words' sum by 2^k and the running sum by a
 * multiple of 2^k; the even factor keeps their combination an odd multiple of 2^k, never 0 mod 2^32.
 * The running sum also sees 128-byte blocks in the wrong order, and the slot number in the seed makes
 * a checksum good for its own slot only (a copy read from another slot does not pass for this one's). */
uint32_t pagefile_checksum(const void *page, uint32_t slot)
{
    uint32_t running, words = page_sum(page, &running);
    return words + running * 0x9E3779B8u + (slot + 1) * 0x85EBCA6Bu;
}

enum pagefile_status pagefile_write(struct pagefile *pf, uint32_t slot, const void *page)
{
    if (pf->dev->write(pf->dev, slot, page) != 0)
        return PAGEFILE_IO_ERROR;
    pf->checksums[slot] = pagefile_checksum(page, slot);
    return PAGEFILE_OK;
}

enum pagefile_status pagefile_read(struct pagefile *pf, uint32_t slot, void *page)
{
    if (pf->dev->read(pf->dev, slot, page) != 0)
        return PAGEFILE_IO_ERROR;
    return pagefile_checksum(page, slot) == pf->checksums[slot] ? PAGEFILE_OK : PAGEFILE_BAD_CHECKSUM;
}

enum pagefile_status pagefile_flip_bit(struct pagefile *pf, uint32_t slot, uint32_t bit, void *scratch_page)
{
    uint8_t *bytes = scratch_page;
    if (pf->dev->read(pf->dev, slot, scratch_page) != 0)
        return PAGEFILE_IO_ERROR;
    bytes[bit / 8 % BLOCK_SIZE] ^= (uint8_t)(1u << (bit % 8));
    return pf->dev->write(pf->dev, slot, scratch_page) == 0 ? PAGEFILE_OK : PAGEFILE_IO_ERROR;
}
