/* A byte ring with one producer (an interrupt handler) and one consumer. The indices only grow and
 * wrap through the power-of-two size, so full and empty are told apart without a spare slot. */
#ifndef PAGODA_RINGBUF_H
#define PAGODA_RINGBUF_H

#include <stdbool.h>
#include <stdint.h>

#define RINGBUF_SIZE 4096u /* a power of two */

struct ringbuf {
    volatile uint32_t head; /* next write, advanced only by the producer */
    volatile uint32_t tail; /* next read, advanced only by the consumer */
    uint8_t data[RINGBUF_SIZE];
};

bool ringbuf_put(struct ringbuf *r, uint8_t byte);
bool ringbuf_get(struct ringbuf *r, uint8_t *byte);
uint32_t ringbuf_count(const struct ringbuf *r);

#endif
