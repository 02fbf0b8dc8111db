/* The replacement policy of the system working set, behind a small interface so it can be replaced:
 * a set of at most `capacity` keys (page addresses in the kernel, page numbers in pagesim), each with
 * a handle, and the choice of a victim using the pages' accessed bits.
 *
 * This one is CLOCK: a hand sweeps the handles; a page whose accessed bit is set gets the bit cleared
 * and a second chance, the first page found without it is the victim. Pure, so pagesim and the host
 * tests run exactly the kernel's code. */
#ifndef PAGODA_MM_WS_POLICY_H
#define PAGODA_MM_WS_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define WS_NONE 0xFFFFFFFFu
#define WS_POLICY_WORDS(capacity) (2 * (capacity)) /* storage a policy of that capacity needs */

/* Returns whether key's page was referenced since the last call, and clears that. */
typedef bool (*ws_test_and_clear_accessed)(void *ctx, uint32_t key);

struct ws_policy {
    uint32_t *keys;      /* per handle: its key, or WS_NONE when the handle is free */
    uint32_t *free_next; /* the stack of free handles */
    uint32_t capacity, count, top; /* handles at or above top were never used */
    uint32_t hand, free_head;
};

void ws_policy_init(struct ws_policy *p, uint32_t *storage, uint32_t capacity);
/* The new page's handle, or WS_NONE when the set is full. key is a page address, never WS_NONE (which
 * marks a free handle). */
uint32_t ws_policy_insert(struct ws_policy *p, uint32_t key);
void ws_policy_remove(struct ws_policy *p, uint32_t handle);
/* The page to evict (still in the set), or WS_NONE when the set is empty. */
uint32_t ws_policy_victim(struct ws_policy *p, ws_test_and_clear_accessed accessed, void *ctx);
uint32_t ws_policy_key(const struct ws_policy *p, uint32_t handle);

#endif
