/* Driver Verifier's special pool ("Verify End"): each block on a page of its own, placed at the end
 * of the page (8-byte aligned, 64 for the CacheAligned types) right before a no-access guard page, so
 * that an overrun faults at once (0xCD); a freed page stays no-access while the last
 * SPECIAL_POOL_RETIRED pages freed are kept (a use after free faults: 0xCC). The page starts with a
 * header of ours; every other byte outside the block holds SPECIAL_POOL_FILL, checked on free.
 *
 * SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION (0xC1), as Microsoft's bug check reference gives it:
 *   (address, 0, 0, 0x20)   the address's page holds no block: freed already (a double free), never
 *                           handed out, or a guard page
 *   (address, bytes asked, the block's offset in its page, 0x21)   the address is not where the
 *                                                                  header says its block starts
 *   (address, corrupt byte, 0, 0x23)   the header or the bytes before the block were overwritten
 *   (address, corrupt byte, 0, 0x24)   the bytes after the block (up to the page end) were overwritten
 * Paged special pool is pageable, as paged pool is: the IRQL rules stay visible under the verifier. */
#ifndef PAGODA_SPECIAL_POOL_H
#define PAGODA_SPECIAL_POOL_H

#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_block_info.h"
#include "pool/pool_type.h"

#define SPECIAL_POOL_FILL 0x5A
#define SPECIAL_POOL_RETIRED 128

enum special_pool_violation {
    SPECIAL_POOL_NOT_ALLOCATED = 0x20,
    SPECIAL_POOL_BAD_ADDRESS = 0x21,
    SPECIAL_POOL_BEFORE_BLOCK = 0x23,
    SPECIAL_POOL_AFTER_BLOCK = 0x24,
};

/* NULL when the request does not fit one page or no page is left (the caller takes the normal pool).
 * owner: the driver whose code allocates (pool/verifier.h), 0 the kernel. */
void *special_pool_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag, unsigned owner);
/* p lies in the special range (special_pages_contains); tag 0 skips the tag check; caller: the return
 * address of the free's caller. */
void special_pool_free(void *p, uint32_t tag, const void *caller);
/* The block on a special page in use (special_pages_next), as the pool's walks show it. Reads the
 * page's header: no higher than APC_LEVEL for a pageable page. */
void special_pool_describe(const void *page, struct pool_block_info *block);

#endif
