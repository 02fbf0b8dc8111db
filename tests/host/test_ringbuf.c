#include "kernel/lib/ringbuf.h"
#include "tests/host/unit.h"

static struct ringbuf r;

TEST(ringbuf_fifo_order_and_empty)
{
    uint8_t b;
    r = (struct ringbuf){ 0 };
    CHECK(!ringbuf_get(&r, &b));
    CHECK(ringbuf_put(&r, 1) && ringbuf_put(&r, 2));
    CHECK(ringbuf_get(&r, &b) && b == 1);
    CHECK(ringbuf_get(&r, &b) && b == 2);
    CHECK(!ringbuf_get(&r, &b));
}

TEST(ringbuf_full_refuses_the_byte_and_keeps_its_count)
{
    uint8_t b;
    r = (struct ringbuf){ 0 };
    for (unsigned i = 0; i < RINGBUF_SIZE; i++)
        CHECK(ringbuf_put(&r, (uint8_t)i));
    CHECK(!ringbuf_put(&r, 0xAA));
    CHECK(ringbuf_count(&r) == RINGBUF_SIZE);
    CHECK(ringbuf_get(&r, &b) && b == 0);
    CHECK(ringbuf_put(&r, 0xBB));
}

TEST(ringbuf_wraps_around_many_times)
{
    uint8_t b;
    r = (struct ringbuf){ 0 };
    int ok = 1;
    for (unsigned i = 0; i < 5 * RINGBUF_SIZE + 7; i++) {
        ok &= ringbuf_put(&r, (uint8_t)(i * 7));
        ok &= ringbuf_get(&r, &b) && b == (uint8_t)(i * 7);
    }
    CHECK(ok);
    CHECK(ringbuf_count(&r) == 0);
}
