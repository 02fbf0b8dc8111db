/* What the pool reports when a caller or a block breaks its rules, as Microsoft's bug check reference
 * gives the parameters.
 *
 * BAD_POOL_CALLER (0xC2) parameter 1:
 *   0x00 (0, pool type, tag)                   a zero-byte allocation (any caller: the checked
 *                                              kernel's rule; a verified driver gets 0xC4/0x00)
 *   0x01 (header, first ULONG of it, 0)        the pool type or index in a header is corrupt
 *   0x07 (0, header's first ULONG, address)    the block was freed already (the header is 0
 *                                              when its page went back since: the pool remembers
 *                                              the last 64 pages it gave back)
 *   0x08 (IRQL, pool type, bytes)              allocation above APC_LEVEL (paged) / DISPATCH_LEVEL
 *   0x09 (IRQL, pool type, address)            free above APC_LEVEL (paged) / DISPATCH_LEVEL
 *   0x0A (address, allocator's tag, tag given) ExFreePoolWithTag with another tag
 *   0x42 (address, 0, 0)                       the address is in no pool page
 *   0x46 (address, 0, 0)                       in a pool page (or a big allocation's later
 *                                              pages), but no block starts there
 *   0x9B (pool type, bytes, caller's address)  a verified driver allocates with tag 0 */
#ifndef PAGODA_POOL_VIOLATIONS_H
#define PAGODA_POOL_VIOLATIONS_H

#include <stdint.h>

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"

enum pool_caller_violation {
    POOL_CALLER_ZERO_BYTES = 0x00,
    POOL_CALLER_BAD_HEADER = 0x01,
    POOL_CALLER_DOUBLE_FREE = 0x07,
    POOL_CALLER_ALLOCATE_IRQL = 0x08,
    POOL_CALLER_FREE_IRQL = 0x09,
    POOL_CALLER_WRONG_TAG = 0x0A,
    POOL_CALLER_NOT_POOL = 0x42,
    POOL_CALLER_BAD_ADDRESS = 0x46,
    POOL_CALLER_ZERO_TAG = 0x9B,
};

/* BAD_POOL_HEADER (0x19) parameter 1:
 *   0x3 (entry, flink->blink read back, blink->flink read back)   a page's list links are corrupt
 *       (entry: the page's record); also the record's first free block or count of blocks in use:
 *       (record, that value, 0)
 *   0x5 (one entry, 0, the other entry)   neighbours' sizes contradict each other
 *   0x6 (entry, 0, entry)                 previous size reaches before the page
 *   0x7 (0, 0, entry)                     block size is not its page's size class
 *   0x8 (0, 0, entry)                     block size is zero
 *   0x9 (entry, 0, entry)                 block size reaches past the page
 *   0xD (entry, header's first ULONG, 0)  a free block was changed after it was freed: its header;
 *                                         or its free-list link or the link's check word (entry: the
 *                                         block's pointer, and 0)
 * MUST_SUCCEED_POOL_EMPTY (0x41): (bytes asked, nonpaged pages in use, nonpaged allocations larger
 * than a page, reserve pages left). */
enum pool_header_violation {
    POOL_HEADER_FREE_LINKS = 0x3,
    POOL_HEADER_NEIGHBOURS = 0x5,
    POOL_HEADER_PREVIOUS_TOO_LARGE = 0x6,
    POOL_HEADER_SIZE_CORRUPT = 0x7,
    POOL_HEADER_SIZE_ZERO = 0x8,
    POOL_HEADER_SIZE_TOO_LARGE = 0x9,
    POOL_HEADER_FREED_MODIFIED = 0xD,
};

__attribute__((noreturn)) static inline void pool_bad_header(uint32_t violation, const void *p2, uintptr_t p3,
                                                            const void *p4)
{
    KeBugCheckEx(BUGCHECK_BAD_POOL_HEADER, violation, (ULONG_PTR)p2, p3, (ULONG_PTR)p4);
}

#endif
