/* LOOKASIDE_LIST_EX (pool/lookaside_ex.c): the routines get the list, misses and frees past the depth
 * reach them, flush and delete give every cached entry back; the default routines are the pool's. */
#include "pool/lookaside.h"
#include "tests/host/unit.h"

static unsigned allocations, frees;
static PLOOKASIDE_LIST_EX seen;

static PVOID NTAPI allocate_ex(POOL_TYPE type, SIZE_T bytes, ULONG tag, PLOOKASIDE_LIST_EX list)
{
    allocations++, seen = list;
    return ExAllocatePoolWithTag(type, bytes, tag);
}

static VOID NTAPI free_ex(PVOID p, PLOOKASIDE_LIST_EX list)
{
    frees++, seen = list;
    ExFreePool(p);
}

TEST(lookaside_ex_routines_get_the_list)
{
    LOOKASIDE_LIST_EX l;
    CHECK(ExInitializeLookasideListEx(&l, allocate_ex, free_ex, NonPagedPoolNx, 0, 48, 'xEsL', 0) ==
          STATUS_SUCCESS);
    allocations = frees = 0;
    void *a = ExAllocateFromLookasideListEx(&l);
    CHECK(a && allocations == 1 && seen == &l && l.L.AllocateMisses == 1);
    ExFreeToLookasideListEx(&l, a);
    CHECK(frees == 0 && ExQueryDepthSList(&l.L.ListHead) == 1);
    CHECK(ExAllocateFromLookasideListEx(&l) == a && allocations == 1 && l.L.TotalAllocates == 2);
    ExFreeToLookasideListEx(&l, a);
    ExFlushLookasideListEx(&l);
    CHECK(frees == 1 && ExQueryDepthSList(&l.L.ListHead) == 0);
    void *e[LOOKASIDE_MIN_DEPTH + 2];
    for (unsigned i = 0; i < LOOKASIDE_MIN_DEPTH + 2; i++)
        e[i] = ExAllocateFromLookasideListEx(&l);
    for (unsigned i = 0; i < LOOKASIDE_MIN_DEPTH + 2; i++)
        ExFreeToLookasideListEx(&l, e[i]);
    CHECK(frees == 3 && l.L.FreeMisses == 2);
    ExDeleteLookasideListEx(&l);
    CHECK(frees == 3 + LOOKASIDE_MIN_DEPTH);
}

TEST(lookaside_ex_defaults_to_the_pool_and_refuses_both_raise_flags)
{
    LOOKASIDE_LIST_EX l;
    CHECK(ExInitializeLookasideListEx(&l, NULL, NULL, PagedPool,
                                      EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL | EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE,
                                      32, 'xEsL', 0) == STATUS_INVALID_PARAMETER);
    CHECK(ExInitializeLookasideListEx(&l, NULL, NULL, PagedPool, 0, 32, 'xEsL', 0) == STATUS_SUCCESS);
    void *a = ExAllocateFromLookasideListEx(&l);
    CHECK(a != NULL);
    ExFreeToLookasideListEx(&l, a);
    ExDeleteLookasideListEx(&l);
    CHECK(ExQueryDepthSList(&l.L.ListHead) == 0);
}
