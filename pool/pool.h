/* The pool engine behind ExAllocatePoolWithTag/ExFreePoolWithTag (wdm.h): what the console commands
 * and the tests may ask it besides the WDK calls. Portable C: the same file runs in the kernel and in
 * the host library; pages come from pool_pages (pool_pages.h). */
#ifndef PAGODA_POOL_H
#define PAGODA_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_tags.h"

#define POOL_TAG_NONE 0x656E6F4Eu /* 'enoN': what untagged calls use, shown "None" */
#define POOL_RESERVE_PAGES 8      /* kept back for the must-succeed types */
#define POOL_LOOKASIDE_UNITS 64   /* blocks up to 512 bytes go through the pool's per-size lookasides */
#define POOL_LOOKASIDE_TAG 0x6C6F6F50u /* 'looP': the pool's own lookasides show as "Pool" */

/* BAD_POOL_CALLER (0xC2) parameter 1, as Microsoft's bug check reference gives them:
 *   0x01 (header, first ULONG of it, 0)        the pool type or index in a header is corrupt
 *   0x07 (0, header's first ULONG, address)    the block was freed already (the header is 0
 *                                              when its page went back since: the pool remembers
 *                                              the last 64 pages it gave back)
 *   0x08 (IRQL, pool type, bytes)              allocation above APC_LEVEL (paged) / DISPATCH_LEVEL
 *   0x09 (IRQL, pool type, address)            free above APC_LEVEL (paged) / DISPATCH_LEVEL
 *   0x0A (address, allocator's tag, tag given) ExFreePoolWithTag with another tag
 *   0x42 (address, 0, 0)                       the address is in no pool page
 *   0x46 (address, 0, 0)                       in a pool page (or a big allocation's later
 *                                              pages), but no block starts there */
enum pool_caller_violation {
    POOL_CALLER_BAD_HEADER = 0x01,
    POOL_CALLER_DOUBLE_FREE = 0x07,
    POOL_CALLER_ALLOCATE_IRQL = 0x08,
    POOL_CALLER_FREE_IRQL = 0x09,
    POOL_CALLER_WRONG_TAG = 0x0A,
    POOL_CALLER_NOT_POOL = 0x42,
    POOL_CALLER_BAD_ADDRESS = 0x46,
};

/* BAD_POOL_HEADER (0x19) parameter 1:
 *   0x3 (entry, flink->blink read back, blink->flink read back)   a free-list link is corrupt
 *   0x5 (one entry, 0, the other entry)   neighbours' sizes contradict each other
 *   0x6 (entry, 0, entry)                 previous size reaches before the page
 *   0x8 (0, 0, entry)                     block size is zero
 *   0x9 (entry, 0, entry)                 block size reaches past the page
 *   0xD (entry, header's first ULONG, 0)  a free block's header was changed after it was freed
 * MUST_SUCCEED_POOL_EMPTY (0x41): (bytes asked, nonpaged pages in use, nonpaged allocations larger
 * than a page, reserve pages left). */
enum pool_header_violation {
    POOL_HEADER_FREE_LINKS = 0x3,
    POOL_HEADER_NEIGHBOURS = 0x5,
    POOL_HEADER_PREVIOUS_TOO_LARGE = 0x6,
    POOL_HEADER_SIZE_ZERO = 0x8,
    POOL_HEADER_SIZE_TOO_LARGE = 0x9,
    POOL_HEADER_FREED_MODIFIED = 0xD,
};

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

/* Visits every block of the pool page (or the big allocation, or the special pool page) holding addr;
 * false if none does. */
bool pool_walk_page(const void *addr, pool_block_visitor visit, void *ctx);
/* Visits every block of every pool page, then every big allocation, then every special pool block. */
void pool_walk_all(pool_block_visitor visit, void *ctx);
/* Puts the blocks cached in the pool's own lookasides back on the free lists, so that pages whose
 * blocks are all free go back to the page provider. */
void pool_trim(void);

struct pool_stats {
    uint32_t small_pages[POOL_KINDS];
    uint32_t big_pages[POOL_KINDS];
    uint32_t big_allocations[POOL_KINDS];
    uint32_t reserve_free;
};
void pool_get_stats(struct pool_stats *stats);

/* Whether a POOL_TYPE is one the pool serves: session and NX variants included, and the flag bits a
 * caller may add (POOL_RAISE_IF_ALLOCATION_FAILURE and the like: with no exceptions here, a failure
 * returns NULL all the same). */
static inline bool pool_type_valid(POOL_TYPE type)
{
    unsigned t = (unsigned)type & ~(unsigned)(NonPagedPoolSession | NonPagedPoolNx | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE |
                                              POOL_RAISE_IF_ALLOCATION_FAILURE | POOL_COLD_ALLOCATION);
    return t < MaxPoolType && t != DontUseThisType;
}

static inline enum pool_kind pool_kind_of(POOL_TYPE type)
{
    unsigned t = (unsigned)type & 7u;
    return t == PagedPool || t == PagedPoolCacheAligned ? POOL_KIND_PAGED : POOL_KIND_NONPAGED;
}

#endif
