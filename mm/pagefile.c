#include "mm/pagefile.h"

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

/* Fletcher-style: two running sums, so both a flipped bit and swapped words change it. */
uint32_t pagefile_checksum(const void *page)
{
    const uint32_t *w = page;
    uint32_t a = 1, b = 0;
    for (unsigned i = 0; i < BLOCK_SIZE / 4; i++) {
        a += w[i] ^ (w[i] >> 16);
        b += a + w[i];
    }
    return a ^ (b << 7 | b >> 25);
}

enum pagefile_status pagefile_write(struct pagefile *pf, uint32_t slot, const void *page)
{
    if (pf->dev->write(pf->dev, slot, page) != 0)
        return PAGEFILE_IO_ERROR;
    pf->checksums[slot] = pagefile_checksum(page);
    return PAGEFILE_OK;
}

enum pagefile_status pagefile_read(struct pagefile *pf, uint32_t slot, void *page)
{
    if (pf->dev->read(pf->dev, slot, page) != 0)
        return PAGEFILE_IO_ERROR;
    return pagefile_checksum(page) == pf->checksums[slot] ? PAGEFILE_OK : PAGEFILE_BAD_CHECKSUM;
}

enum pagefile_status pagefile_flip_bit(struct pagefile *pf, uint32_t slot, uint32_t bit, void *scratch_page)
{
    uint8_t *bytes = scratch_page;
    if (pf->dev->read(pf->dev, slot, scratch_page) != 0)
        return PAGEFILE_IO_ERROR;
    bytes[bit / 8 % BLOCK_SIZE] ^= (uint8_t)(1u << (bit % 8));
    return pf->dev->write(pf->dev, slot, scratch_page) == 0 ? PAGEFILE_OK : PAGEFILE_IO_ERROR;
}
