#include "kernel/lib/ringbuf.h"

uint32_t ringbuf_count(const struct ringbuf *r)
{
    return r->head - r->tail;
}

bool ringbuf_put(struct ringbuf *r, uint8_t byte)
{
    if (ringbuf_count(r) == RINGBUF_SIZE)
        return false;
    r->data[r->head & (RINGBUF_SIZE - 1)] = byte;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    r->head++;
    return true;
}

bool ringbuf_get(struct ringbuf *r, uint8_t *byte)
{
    if (ringbuf_count(r) == 0)
        return false;
    *byte = r->data[r->tail & (RINGBUF_SIZE - 1)];
    __atomic_thread_fence(__ATOMIC_RELEASE);
    r->tail++;
    return true;
}
