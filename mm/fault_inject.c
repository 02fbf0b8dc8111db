#include "mm/fault_inject.h"

static struct block_device filter, *lower;
static struct fault_inject_stats stats;
static uint32_t percent[2], state[2];

/* xorshift32: small, and the same sequence for the same seed. */
static uint32_t next_random(enum fault_inject_io io)
{
    uint32_t x = state[io];
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return state[io] = x;
}

static int inject(enum fault_inject_io io)
{
    return percent[io] && next_random(io) % 100 < percent[io];
}

static int filter_read(struct block_device *dev, uint32_t block, void *buf)
{
    (void)dev;
    int status = lower->read(lower, block, buf);
    if (status != 0 || !inject(FAULT_INJECT_READ))
        return status;
    uint32_t r = next_random(FAULT_INJECT_READ);
    if (r & 1) {
        stats.reads_failed++;
        return -1;
    }
    ((uint8_t *)buf)[(r >> 1) % BLOCK_SIZE] ^= (uint8_t)(1u << (r >> 16) % 8);
    stats.reads_corrupted++;
    return 0;
}

static int filter_write(struct block_device *dev, uint32_t block, const void *buf)
{
    (void)dev;
    if (inject(FAULT_INJECT_WRITE)) {
        stats.writes_failed++;
        return -1;
    }
    return lower->write(lower, block, buf);
}

struct block_device *fault_inject_attach(struct block_device *disk)
{
    lower = disk;
    filter = (struct block_device){ "fault-inject", disk->block_count, filter_read, filter_write, 0 };
    return &filter;
}

void fault_inject_set(enum fault_inject_io io, uint32_t rate, uint32_t seed)
{
    percent[io] = rate > 100 ? 100 : rate;
    state[io] = seed ? seed : 1; /* xorshift never leaves 0 */
}

const struct fault_inject_stats *fault_inject_stats(void)
{
    return &stats;
}
