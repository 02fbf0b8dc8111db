#include "mm/ws_policy.h"

void ws_policy_init(struct ws_policy *p, uint32_t *storage, uint32_t capacity)
{
    p->keys = storage;
    p->free_next = storage + capacity;
    p->capacity = capacity;
    p->count = p->top = p->hand = 0;
    p->free_head = WS_NONE;
}

uint32_t ws_policy_insert(struct ws_policy *p, uint32_t key)
{
    uint32_t h;
    if (p->free_head != WS_NONE) {
        h = p->free_head;
        p->free_head = p->free_next[h];
    } else if (p->top < p->capacity) {
        h = p->top++;
    } else {
        return WS_NONE;
    }
    p->keys[h] = key;
    p->count++;
    return h;
}

void ws_policy_remove(struct ws_policy *p, uint32_t handle)
{
    p->keys[handle] = WS_NONE;
    p->free_next[handle] = p->free_head;
    p->free_head = handle;
    p->count--;
}

uint32_t ws_policy_victim(struct ws_policy *p, ws_test_and_clear_accessed accessed, void *ctx)
{
    if (p->count == 0)
        return WS_NONE;
    for (;;) {
        uint32_t h = p->hand;
        p->hand = h + 1 < p->top ? h + 1 : 0;
        if (p->keys[h] != WS_NONE && !accessed(ctx, p->keys[h]))
            return h;
    }
}

uint32_t ws_policy_key(const struct ws_policy *p, uint32_t handle)
{
    return p->keys[handle];
}
