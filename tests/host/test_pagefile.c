#include "hal/page_sum.h"
#include "kernel/lib/kstring.h"
#include "mm/pagefile.h"
#include "tests/host/unit.h"
#include "tests/kernel/page_sum_reference.h"

#define SLOTS 8

static uint8_t disk[SLOTS][BLOCK_SIZE];
static uint32_t bitmap[BITMAP_WORDS(SLOTS)], checksums[SLOTS];

static int disk_read(struct block_device *dev, uint32_t block, void *buf)
{
    if (block >= dev->block_count)
        return -1;
    memcpy(buf, disk[block], BLOCK_SIZE);
    return 0;
}

static int disk_write(struct block_device *dev, uint32_t block, const void *buf)
{
    if (block >= dev->block_count)
        return -1;
    memcpy(disk[block], buf, BLOCK_SIZE);
    return 0;
}

static struct block_device dev = { "test", SLOTS, disk_read, disk_write, 0 };
static struct pagefile pf;
static uint8_t page[BLOCK_SIZE] __attribute__((aligned(16))), back[BLOCK_SIZE] __attribute__((aligned(16)));

TEST(pagefile_slots_until_full)
{
    pagefile_init(&pf, &dev, bitmap, checksums);
    CHECK(pagefile_total(&pf) == SLOTS && pagefile_used(&pf) == 0);
    for (uint32_t i = 0; i < SLOTS; i++)
        CHECK(pagefile_slot_alloc(&pf) == i);
    CHECK(pagefile_slot_alloc(&pf) == BITMAP_NONE && pagefile_used(&pf) == SLOTS);
    pagefile_slot_free(&pf, 5);
    CHECK(pagefile_slot_alloc(&pf) == 5);
}

TEST(pagefile_round_trip_and_bit_flip_caught)
{
    pagefile_init(&pf, &dev, bitmap, checksums);
    for (unsigned i = 0; i < BLOCK_SIZE; i++)
        page[i] = (uint8_t)(i * 7);
    uint32_t slot = pagefile_slot_alloc(&pf);
    CHECK(pagefile_write(&pf, slot, page) == PAGEFILE_OK);
    CHECK(pagefile_read(&pf, slot, back) == PAGEFILE_OK && memcmp(page, back, BLOCK_SIZE) == 0);
    for (uint32_t bit = 0; bit < BLOCK_SIZE * 8; bit += 997) {
        CHECK(pagefile_flip_bit(&pf, slot, bit, back) == PAGEFILE_OK);
        CHECK(pagefile_read(&pf, slot, back) == PAGEFILE_BAD_CHECKSUM);
        CHECK(pagefile_flip_bit(&pf, slot, bit, back) == PAGEFILE_OK);
        CHECK(pagefile_read(&pf, slot, back) == PAGEFILE_OK);
    }
}

TEST(pagefile_checksum_sees_every_single_bit_flip)
{
    for (unsigned i = 0; i < BLOCK_SIZE; i++)
        page[i] = (uint8_t)(i * 13 + 5);
    uint32_t before = pagefile_checksum(page, 2);
    for (uint32_t bit = 0; bit < BLOCK_SIZE * 8; bit++) {
        page[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CHECK(pagefile_checksum(page, 2) != before);
        page[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
}

TEST(pagefile_checksum_sees_blocks_swapped_and_another_slot)
{
    for (unsigned i = 0; i < BLOCK_SIZE; i++)
        page[i] = (uint8_t)(i / PAGE_SUM_BLOCK);
    uint32_t before = pagefile_checksum(page, 2);
    CHECK(pagefile_checksum(page, 3) != before);
    memcpy(back, page, BLOCK_SIZE);
    memcpy(back, page + PAGE_SUM_BLOCK, PAGE_SUM_BLOCK);
    memcpy(back + PAGE_SUM_BLOCK, page, PAGE_SUM_BLOCK);
    CHECK(pagefile_checksum(back, 2) != before);
}

/* The kernel's SSE2 and plain loops must give these same figures (tests/kernel/ktest_mm.c). */
TEST(page_sum_figures_of_the_reference_page)
{
    uint32_t *w = (uint32_t *)page, running;
    for (unsigned i = 0; i < BLOCK_SIZE / 4; i++)
        w[i] = PAGE_SUM_REFERENCE_WORD(i);
    CHECK(page_sum(page, &running) == PAGE_SUM_REFERENCE_WORDS && running == PAGE_SUM_REFERENCE_RUNNING);
}

TEST(pagefile_device_errors_are_reported)
{
    struct block_device small = { "small", 1, disk_read, disk_write, 0 };
    pagefile_init(&pf, &small, bitmap, checksums);
    CHECK(pagefile_read(&pf, 3, back) == PAGEFILE_IO_ERROR);
    CHECK(pagefile_write(&pf, 3, page) == PAGEFILE_IO_ERROR);
}
