/* The paging file: slots of one page on a block device, a slot allocator (bitmap with a search hint)
 * and a checksum per slot so a corrupted copy is caught when it is read back. Pure apart from the
 * device, so the host tests run it against a device of their own. */
#ifndef PAGODA_MM_PAGEFILE_H
#define PAGODA_MM_PAGEFILE_H

#include "mm/bitmap_alloc.h"
#include "mm/blockdev.h"

enum pagefile_status { PAGEFILE_OK, PAGEFILE_IO_ERROR, PAGEFILE_BAD_CHECKSUM };

struct pagefile {
    struct block_device *dev; /* NULL: no paging file */
    struct bitmap_alloc slots;
    uint32_t *checksums;
};

/* bitmap_words: BITMAP_WORDS(dev->block_count) words; checksums: dev->block_count words. */
void pagefile_init(struct pagefile *pf, struct block_device *dev, uint32_t *bitmap_words, uint32_t *checksums);
uint32_t pagefile_total(const struct pagefile *pf);
uint32_t pagefile_used(const struct pagefile *pf);
/* A free slot, now in use, or BITMAP_NONE when the file is full. */
uint32_t pagefile_slot_alloc(struct pagefile *pf);
void pagefile_slot_free(struct pagefile *pf, uint32_t slot);
enum pagefile_status pagefile_write(struct pagefile *pf, uint32_t slot, const void *page);
/* Reads a slot into page and checks it against the checksum taken when it was written. */
enum pagefile_status pagefile_read(struct pagefile *pf, uint32_t slot, void *page);
/* Test hook: flips one bit of the stored copy behind the checksum's back. */
enum pagefile_status pagefile_flip_bit(struct pagefile *pf, uint32_t slot, uint32_t bit, void *scratch_page);
/* page is 16-byte aligned (pages are). */
uint32_t pagefile_checksum(const void *page, uint32_t slot);

#endif
