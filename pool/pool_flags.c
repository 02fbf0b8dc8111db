/* The current WDK's pool calls over ExAllocatePoolWithTag: ExAllocatePool2/3 with POOL_FLAGS (zeroed
 * unless POOL_FLAG_UNINITIALIZED; exactly one of NON_PAGED, NON_PAGED_EXECUTE, PAGED), ExFreePool2, and
 * the older WithTagPriority and WithQuota(Tag) forms. No SEH: where Windows raises
 * STATUS_INSUFFICIENT_RESOURCES, Pagoda stops with the bugcheck of that exception unhandled (0x1E, p1 the
 * status, p2 the caller). No processes, so no quota: WithQuotaTag is WithTag. Each allocates as its
 * caller (pool_allocate_as), so a driver's call is charged to the driver. */
#include "kernel/bugcheck.h"
#include "kernel/lib/kstring.h"
#include "pool/pool.h"

#define REQUIRED_FLAGS_KNOWN                                                                                 \
    (POOL_FLAG_USE_QUOTA | POOL_FLAG_UNINITIALIZED | POOL_FLAG_CACHE_ALIGNED | POOL_FLAG_RAISE_ON_FAILURE |   \
     POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED)

/* The POOL_TYPE the flags ask for, or -1 for a combination Windows refuses. */
static int type_of_flags(POOL_FLAGS flags)
{
    if ((flags & POOL_FLAG_REQUIRED_MASK) & ~(POOL_FLAGS)REQUIRED_FLAGS_KNOWN)
        return -1; /* a required flag this kernel does not know */
    POOL_FLAGS kind = flags & (POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED);
    int aligned = (flags & POOL_FLAG_CACHE_ALIGNED) != 0;
    if (kind == POOL_FLAG_NON_PAGED)
        return aligned ? NonPagedPoolNxCacheAligned : NonPagedPoolNx;
    if (kind == POOL_FLAG_NON_PAGED_EXECUTE)
        return aligned ? NonPagedPoolCacheAligned : NonPagedPool;
    if (kind == POOL_FLAG_PAGED)
        return aligned ? PagedPoolCacheAligned : PagedPool;
    return -1;
}

#define CALLER __builtin_return_address(0)

static PVOID allocate_with_flags(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag, const void *caller)
{
    int type = type_of_flags(Flags);
    PVOID p = type < 0 || !Tag ? NULL : pool_allocate_as(caller, (POOL_TYPE)type, NumberOfBytes, Tag);
    if (!p && (Flags & POOL_FLAG_RAISE_ON_FAILURE))
        pool_raise_insufficient_resources(caller);
    if (p && !(Flags & POOL_FLAG_UNINITIALIZED))
        memset(p, 0, NumberOfBytes);
    return p;
}

PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    return allocate_with_flags(Flags, NumberOfBytes, Tag, CALLER);
}

/* The extended parameters (priority, secure pool, NUMA node) change nothing on this machine. */
PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
                            PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount)
{
    (void)ExtendedParameters, (void)ExtendedParametersCount;
    return allocate_with_flags(Flags, NumberOfBytes, Tag, CALLER);
}

VOID NTAPI ExFreePool2(PVOID P, ULONG Tag, PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
                       ULONG ExtendedParametersCount)
{
    (void)ExtendedParameters, (void)ExtendedParametersCount;
    pool_free_as(CALLER, P, Tag);
}

/* One pool, never short of system PTEs for a priority to matter: every priority is served alike. */
PVOID NTAPI ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
                                          EX_POOL_PRIORITY Priority)
{
    (void)Priority;
    return pool_allocate_as(CALLER, PoolType, NumberOfBytes, Tag);
}

PVOID NTAPI ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    BOOLEAN raise = !((ULONG)PoolType & POOL_QUOTA_FAIL_INSTEAD_OF_RAISE);
    PVOID p = pool_allocate_as(CALLER, (POOL_TYPE)((ULONG)PoolType & ~(ULONG)POOL_QUOTA_FAIL_INSTEAD_OF_RAISE),
                               NumberOfBytes, Tag);
    if (!p && raise)
        pool_raise_insufficient_resources(CALLER);
    return p;
}

PVOID NTAPI ExAllocatePoolWithQuota(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
    PVOID p = pool_allocate_as(CALLER, PoolType, NumberOfBytes, POOL_TAG_NONE);
    if (!p)
        pool_raise_insufficient_resources(CALLER);
    return p;
}
