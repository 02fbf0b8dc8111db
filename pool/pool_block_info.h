/* A block as the pool's walks show it (for !pool, !poolfind and the tests). */
#ifndef PAGODA_POOL_BLOCK_INFO_H
#define PAGODA_POOL_BLOCK_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "pool/pool_type.h"

struct pool_block_info {
    uintptr_t header; /* the block's header; for a big allocation, its first page */
    uint32_t bytes;   /* block size, header included; pages for a big allocation */
    uint32_t previous_bytes;
    uint32_t tag;
    bool allocated;
    bool big;
    bool special; /* a Driver Verifier special pool block: header is the block itself, bytes as asked */
    enum pool_kind kind;
};

typedef void (*pool_block_visitor)(void *ctx, const struct pool_block_info *block);

#endif
