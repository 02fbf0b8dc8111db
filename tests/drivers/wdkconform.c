/* A conformance test written as a third party would write one for Windows, from the WDK documentation
 * and the DDK headers alone: each documented behaviour of the pool, lookaside lists, interlocked lists
 * and SLists, spinlocks and IRQL, DPCs, timers and waits, system threads, the Rtl routines (strings,
 * bitmaps, generic tables) and Mm's address queries is one CHECK (the registry too: its service key,
 * Parameters, values and their statuses), a failure prints its line, and DriverEntry ends with one
 * "wdkconform: PASS n" or "wdkconform: FAIL n of m" line. The driver keeps nothing: it unloads with nothing allocated. */
#include <ntifs.h> /* ntddk.h and the routines the WDK declares only here: ExQueryPoolBlockSize, ... */
#include <ntstrsafe.h>
#include <csq.h> /* IoCsqInitializeEx and IoCsqInsertIrpEx: mingw-w64 declares them only here */
#include <stdio.h> /* _snprintf and sprintf, which ntoskrnl.exe exports */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define TAG 'fnCW'
#define CACHE_LINE 64 /* KeGetRecommendedSharedDataAlignment on every x86 Windows has run on */

static ULONG g_Checks, g_Failures;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        g_Checks++;                                                                 \
        if (!(cond)) {                                                              \
            g_Failures++;                                                           \
            DbgPrint("wdkconform: FAIL line %d: %s\n", __LINE__, #cond);            \
        }                                                                           \
    } while (0)

static BOOLEAN Aligned(PVOID p, ULONG_PTR alignment)
{
    return ((ULONG_PTR)p & (alignment - 1)) == 0;
}

static BOOLEAN AllBytes(PVOID p, SIZE_T n, UCHAR value)
{
    PUCHAR b = p;
    for (SIZE_T i = 0; i < n; i++)
        if (b[i] != value)
            return FALSE;
    return TRUE;
}

/* A block of PAGE_SIZE or less lies within one page; smaller ones are 8-byte aligned on x86. */
static BOOLEAN WithinOnePage(PVOID p, SIZE_T n)
{
    return ((ULONG_PTR)p & ~(ULONG_PTR)(PAGE_SIZE - 1)) == (((ULONG_PTR)p + n - 1) & ~(ULONG_PTR)(PAGE_SIZE - 1));
}

static VOID TestPoolWithTag(VOID)
{
    static const SIZE_T sizes[] = { 1, 7, 8, 9, 24, 100, 255, 256, 1000, 2040, 3000, 4000, 4088, PAGE_SIZE };
    for (ULONG i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        PVOID n = ExAllocatePoolWithTag(NonPagedPool, sizes[i], TAG);
        PVOID p = ExAllocatePoolWithTag(PagedPool, sizes[i], TAG);
        CHECK(n && Aligned(n, 8) && WithinOnePage(n, sizes[i]));
        CHECK(p && Aligned(p, 8) && WithinOnePage(p, sizes[i]));
        if (n) {
            BOOLEAN quota = TRUE;
            CHECK(ExQueryPoolBlockSize(n, &quota) >= sizes[i]);
            RtlFillMemory(n, sizes[i], 0xA5);
            ExFreePoolWithTag(n, TAG);
        }
        if (p) {
            RtlFillMemory(p, sizes[i], 0x5A);
            ExFreePoolWithTag(p, TAG);
        }
    }
    /* PAGE_SIZE or more: page aligned */
    static const SIZE_T large[] = { PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 8, 16 * PAGE_SIZE };
    for (ULONG i = 0; i < sizeof large / sizeof large[0]; i++) {
        PVOID n = ExAllocatePoolWithTag(NonPagedPool, large[i], TAG);
        PVOID p = ExAllocatePoolWithTag(PagedPool, large[i], TAG);
        CHECK(n && Aligned(n, PAGE_SIZE));
        CHECK(p && Aligned(p, PAGE_SIZE));
        if (n) {
            CHECK(ExQueryPoolBlockSize(n, NULL) >= large[i]);
            ExFreePoolWithTag(n, TAG);
        }
        if (p) {
            RtlZeroMemory(p, large[i]);
            ExFreePool(p);
        }
    }
    /* CacheAligned types: aligned to the cache line, whatever the size */
    for (SIZE_T size = 1; size < 600; size += 37) {
        PVOID n = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, size, TAG);
        PVOID p = ExAllocatePoolWithTag(PagedPoolCacheAligned, size, TAG);
        CHECK(n && Aligned(n, CACHE_LINE));
        CHECK(p && Aligned(p, CACHE_LINE));
        if (n)
            ExFreePoolWithTag(n, TAG);
        if (p)
            ExFreePoolWithTag(p, TAG);
    }
    /* NonPagedPoolNx and ExAllocatePool (untagged) */
    PVOID nx = ExAllocatePoolWithTag(NonPagedPoolNx, 48, TAG);
    CHECK(nx && Aligned(nx, 8) && MmIsAddressValid(nx));
    if (nx)
        ExFreePoolWithTag(nx, TAG);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    PVOID untagged = ExAllocatePool(NonPagedPool, 40);
#pragma GCC diagnostic pop
    CHECK(untagged != NULL);
    if (untagged)
        ExFreePool(untagged);
}

static VOID TestPoolPriorityAndQuota(VOID)
{
    static const EX_POOL_PRIORITY priorities[] = { LowPoolPriority, NormalPoolPriority, HighPoolPriority,
                                                   NormalPoolPrioritySpecialPoolOverrun };
    for (ULONG i = 0; i < sizeof priorities / sizeof priorities[0]; i++) {
        PVOID p = ExAllocatePoolWithTagPriority(NonPagedPool, 200, TAG, priorities[i]);
        CHECK(p && Aligned(p, 8));
        if (p)
            ExFreePoolWithTag(p, TAG);
    }
    PVOID big = ExAllocatePoolWithTagPriority(PagedPool, 2 * PAGE_SIZE, TAG, NormalPoolPriority);
    CHECK(big && Aligned(big, PAGE_SIZE));
    if (big)
        ExFreePoolWithTag(big, TAG);
    PVOID q = ExAllocatePoolWithQuotaTag(PagedPool, 120, TAG);
    CHECK(q && Aligned(q, 8));
    if (q) {
        BOOLEAN charged;
        CHECK(ExQueryPoolBlockSize(q, &charged) >= 120);
        ExFreePoolWithTag(q, TAG);
    }
    q = ExAllocatePoolWithQuotaTag((POOL_TYPE)(NonPagedPool | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE), 64, TAG);
    CHECK(q != NULL);
    if (q)
        ExFreePoolWithTag(q, TAG);
}

/* ExAllocatePool2 zeroes unless POOL_FLAG_UNINITIALIZED: a block just filled and freed is the likeliest
 * to come back, so the zeroing is seen to happen. */
static PVOID Pool2AfterDirty(POOL_FLAGS flags, SIZE_T size, POOL_TYPE dirtyType)
{
    PVOID dirty = ExAllocatePoolWithTag(dirtyType, size, TAG);
    if (dirty) {
        RtlFillMemory(dirty, size, 0xCC);
        ExFreePoolWithTag(dirty, TAG);
    }
    return ExAllocatePool2(flags, size, TAG);
}

static VOID TestPool2(VOID)
{
    static const SIZE_T sizes[] = { 16, 100, 1000, 3 * PAGE_SIZE };
    for (ULONG i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        PVOID n = Pool2AfterDirty(POOL_FLAG_NON_PAGED, sizes[i], NonPagedPoolNx);
        PVOID p = Pool2AfterDirty(POOL_FLAG_PAGED, sizes[i], PagedPool);
        PVOID x = Pool2AfterDirty(POOL_FLAG_NON_PAGED_EXECUTE, sizes[i], NonPagedPool);
        CHECK(n && AllBytes(n, sizes[i], 0) && Aligned(n, sizes[i] >= PAGE_SIZE ? PAGE_SIZE : 8));
        CHECK(p && AllBytes(p, sizes[i], 0) && Aligned(p, sizes[i] >= PAGE_SIZE ? PAGE_SIZE : 8));
        CHECK(x && AllBytes(x, sizes[i], 0));
        if (n)
            ExFreePoolWithTag(n, TAG);
        if (p)
            ExFreePool2(p, TAG, NULL, 0);
        if (x)
            ExFreePool(x);
    }
    PVOID u = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 64, TAG);
    CHECK(u && Aligned(u, 8));
    if (u)
        ExFreePoolWithTag(u, TAG);
    PVOID a = Pool2AfterDirty(POOL_FLAG_NON_PAGED | POOL_FLAG_CACHE_ALIGNED, 72, NonPagedPoolNx);
    PVOID b = Pool2AfterDirty(POOL_FLAG_PAGED | POOL_FLAG_CACHE_ALIGNED, 200, PagedPool);
    CHECK(a && Aligned(a, CACHE_LINE) && AllBytes(a, 72, 0));
    CHECK(b && Aligned(b, CACHE_LINE) && AllBytes(b, 200, 0));
    if (a)
        ExFreePoolWithTag(a, TAG);
    if (b)
        ExFreePoolWithTag(b, TAG);
    /* RAISE_ON_FAILURE changes nothing when the allocation succeeds */
    PVOID r = Pool2AfterDirty(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 300, NonPagedPoolNx);
    CHECK(r && AllBytes(r, 300, 0));
    if (r)
        ExFreePoolWithTag(r, TAG);
    /* USE_QUOTA is ExAllocatePoolWithQuotaTag's replacement */
    PVOID q = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_USE_QUOTA, 50, TAG);
    CHECK(q && AllBytes(q, 50, 0));
    if (q)
        ExFreePoolWithTag(q, TAG);
    /* NULL for a zero tag or invalid flags; an unknown optional flag is ignored */
    CHECK(ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, 0) == NULL);
    CHECK(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 32, TAG) == NULL);
    CHECK(ExAllocatePool2(POOL_FLAG_UNINITIALIZED, 32, TAG) == NULL);
    PVOID o = ExAllocatePool2(POOL_FLAG_NON_PAGED | (1ULL << 40), 32, TAG);
    CHECK(o && AllBytes(o, 32, 0));
    if (o)
        ExFreePoolWithTag(o, TAG);
    /* ExAllocatePool3 with a priority parameter, as ExAllocatePoolWithTagPriority */
    POOL_EXTENDED_PARAMETER param = { 0 };
    param.Type = PoolExtendedParameterPriority;
    param.Priority = NormalPoolPriority;
    PVOID three = ExAllocatePool3(POOL_FLAG_NON_PAGED, 90, TAG, &param, 1);
    CHECK(three && AllBytes(three, 90, 0));
    if (three)
        ExFreePool2(three, TAG, NULL, 0);
}

typedef struct _ENTRY {
    SLIST_ENTRY Link; /* first, as a lookaside list's entries */
    ULONG Value;
    UCHAR Payload[52];
} ENTRY, *PENTRY;

static volatile LONG g_CustomAllocs, g_CustomFrees;

PVOID NTAPI CustomAllocate(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    InterlockedIncrement(&g_CustomAllocs);
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

VOID NTAPI CustomFree(PVOID Buffer)
{
    InterlockedIncrement(&g_CustomFrees);
    ExFreePoolWithTag(Buffer, TAG);
}

PVOID NTAPI CustomAllocateEx(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, PLOOKASIDE_LIST_EX Lookaside)
{
    UNREFERENCED_PARAMETER(Lookaside);
    InterlockedIncrement(&g_CustomAllocs);
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

VOID NTAPI CustomFreeEx(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
    UNREFERENCED_PARAMETER(Lookaside);
    InterlockedIncrement(&g_CustomFrees);
    ExFreePoolWithTag(Buffer, TAG);
}

static VOID TestLookasides(VOID)
{
    NPAGED_LOOKASIDE_LIST npl;
    PAGED_LOOKASIDE_LIST pl;
    PENTRY e[8];

    ExInitializeNPagedLookasideList(&npl, NULL, NULL, 0, sizeof(ENTRY), TAG, 0);
    CHECK(npl.L.Size == sizeof(ENTRY) && npl.L.Tag == TAG && (npl.L.Type & 1) == NonPagedPool);
    for (int i = 0; i < 8; i++) {
        e[i] = ExAllocateFromNPagedLookasideList(&npl);
        CHECK(e[i] && Aligned(e[i], 8));
        if (e[i])
            e[i]->Value = i;
    }
    CHECK(npl.L.TotalAllocates == 8);
    for (int i = 0; i < 8; i++)
        if (e[i])
            ExFreeToNPagedLookasideList(&npl, e[i]);
    CHECK(npl.L.TotalFrees == 8);
    CHECK(ExQueryDepthSList(&npl.L.ListHead) <= npl.L.Depth);
    /* the entry freed last comes back first while the list keeps entries (LIFO) */
    if (npl.L.Depth > 0) {
        PENTRY one = ExAllocateFromNPagedLookasideList(&npl);
        ExFreeToNPagedLookasideList(&npl, one);
        PENTRY again = ExAllocateFromNPagedLookasideList(&npl);
        CHECK(one && again == one);
        ExFreeToNPagedLookasideList(&npl, again);
    }
    ExDeleteNPagedLookasideList(&npl);

    g_CustomAllocs = g_CustomFrees = 0;
    ExInitializePagedLookasideList(&pl, CustomAllocate, CustomFree, 0, sizeof(ENTRY), TAG, 0);
    CHECK(pl.L.Size == sizeof(ENTRY) && pl.L.Tag == TAG && (pl.L.Type & 1) == PagedPool);
    for (int i = 0; i < 8; i++) {
        e[i] = ExAllocateFromPagedLookasideList(&pl);
        CHECK(e[i] != NULL);
    }
    CHECK(g_CustomAllocs == 8); /* an empty list allocates with the driver's routine */
    for (int i = 0; i < 8; i++)
        if (e[i])
            ExFreeToPagedLookasideList(&pl, e[i]);
    ExDeletePagedLookasideList(&pl);
    CHECK(g_CustomFrees == 8); /* every entry goes back through the driver's routine by the delete */

    LOOKASIDE_LIST_EX lx;
    CHECK(NT_SUCCESS(ExInitializeLookasideListEx(&lx, NULL, NULL, NonPagedPoolNx, 0, sizeof(ENTRY), TAG, 0)));
    for (int i = 0; i < 8; i++) {
        e[i] = ExAllocateFromLookasideListEx(&lx);
        CHECK(e[i] && Aligned(e[i], 8));
    }
    for (int i = 0; i < 8; i++)
        if (e[i])
            ExFreeToLookasideListEx(&lx, e[i]);
    CHECK(lx.L.TotalAllocates == 8 && lx.L.TotalFrees == 8);
    ExFlushLookasideListEx(&lx);
    CHECK(ExQueryDepthSList(&lx.L.ListHead) == 0);
    ExDeleteLookasideListEx(&lx);

    g_CustomAllocs = g_CustomFrees = 0;
    CHECK(NT_SUCCESS(ExInitializeLookasideListEx(&lx, CustomAllocateEx, CustomFreeEx, PagedPool, 0, sizeof(ENTRY),
                                                 TAG, 0)));
    for (int i = 0; i < 4; i++)
        e[i] = ExAllocateFromLookasideListEx(&lx);
    CHECK(g_CustomAllocs == 4);
    for (int i = 0; i < 4; i++)
        if (e[i])
            ExFreeToLookasideListEx(&lx, e[i]);
    ExDeleteLookasideListEx(&lx);
    CHECK(g_CustomFrees == 4);
    CHECK(ExInitializeLookasideListEx(&lx, NULL, NULL, NonPagedPoolNx,
                                      EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL | EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE,
                                      sizeof(ENTRY), TAG, 0) == STATUS_INVALID_PARAMETER);
}

static VOID TestInterlockedLists(VOID)
{
    KSPIN_LOCK lock;
    LIST_ENTRY head, a, b, c;
    SINGLE_LIST_ENTRY shead, s1, s2;

    KeInitializeSpinLock(&lock);
    InitializeListHead(&head);
    /* each insert returns the entry that was first (last) before it, NULL on an empty list */
    CHECK(ExInterlockedInsertHeadList(&head, &a, &lock) == NULL);
    CHECK(ExInterlockedInsertHeadList(&head, &b, &lock) == &a);
    CHECK(ExInterlockedInsertTailList(&head, &c, &lock) == &a);
    CHECK(head.Flink == &b && b.Flink == &a && a.Flink == &c && c.Flink == &head && head.Blink == &c);
    CHECK(ExInterlockedRemoveHeadList(&head, &lock) == &b);
    CHECK(ExInterlockedRemoveHeadList(&head, &lock) == &a);
    CHECK(ExInterlockedRemoveHeadList(&head, &lock) == &c);
    CHECK(ExInterlockedRemoveHeadList(&head, &lock) == NULL && IsListEmpty(&head));
    CHECK(ExInterlockedInsertTailList(&head, &a, &lock) == NULL);
    CHECK(ExInterlockedRemoveHeadList(&head, &lock) == &a);

    shead.Next = NULL;
    CHECK(ExInterlockedPushEntryList(&shead, &s1, &lock) == NULL);
    CHECK(ExInterlockedPushEntryList(&shead, &s2, &lock) == &s1);
    CHECK(ExInterlockedPopEntryList(&shead, &lock) == &s2);
    CHECK(ExInterlockedPopEntryList(&shead, &lock) == &s1);
    CHECK(ExInterlockedPopEntryList(&shead, &lock) == NULL);
    CHECK(lock == 0); /* every call released it */

    ULONG addend = 40;
    CHECK(ExInterlockedAddUlong(&addend, 2, &lock) == 40 && addend == 42);
    LARGE_INTEGER big = { .QuadPart = 0xFFFFFFFFLL }, inc = { .QuadPart = 1 };
    CHECK(ExInterlockedAddLargeInteger(&big, inc, &lock).QuadPart == 0xFFFFFFFFLL && big.QuadPart == 0x100000000LL);
    LONGLONG dest = 5, exchange = 9, comparand = 5;
    CHECK(ExInterlockedCompareExchange64(&dest, &exchange, &comparand, &lock) == 5 && dest == 9);
    comparand = 5;
    CHECK(ExInterlockedCompareExchange64(&dest, &exchange, &comparand, &lock) == 9 && dest == 9);
    LARGE_INTEGER stat = { .QuadPart = 0xFFFFFFFELL };
    ExInterlockedAddLargeStatistic(&stat, 3);
    CHECK(stat.QuadPart == 0x100000001LL);

    volatile LONG v = 10;
    CHECK(InterlockedIncrement(&v) == 11 && InterlockedDecrement(&v) == 10);
    CHECK(InterlockedExchange(&v, 7) == 10 && v == 7);
    CHECK(InterlockedExchangeAdd(&v, 5) == 7 && v == 12);
    CHECK(InterlockedCompareExchange(&v, 1, 12) == 12 && v == 1);
    CHECK(InterlockedCompareExchange(&v, 2, 12) == 1 && v == 1);
}

static VOID TestSLists(VOID)
{
    SLIST_HEADER head;
    ENTRY e[3];
    KSPIN_LOCK lock;

    KeInitializeSpinLock(&lock);
    InitializeSListHead(&head);
    CHECK(ExQueryDepthSList(&head) == 0 && InterlockedPopEntrySList(&head) == NULL);
    CHECK(InterlockedPushEntrySList(&head, &e[0].Link) == NULL);
    CHECK(InterlockedPushEntrySList(&head, &e[1].Link) == &e[0].Link);
    CHECK(ExInterlockedPushEntrySList(&head, &e[2].Link, &lock) == &e[1].Link);
    CHECK(ExQueryDepthSList(&head) == 3);
    CHECK(InterlockedPopEntrySList(&head) == &e[2].Link && ExQueryDepthSList(&head) == 2);
    CHECK(ExInterlockedPopEntrySList(&head, &lock) == &e[1].Link);
    CHECK(InterlockedPushEntrySList(&head, &e[2].Link) == &e[0].Link);
    PSLIST_ENTRY all = InterlockedFlushSList(&head);
    CHECK(all == &e[2].Link && all->Next == &e[0].Link && e[0].Link.Next == NULL);
    CHECK(ExQueryDepthSList(&head) == 0 && InterlockedPopEntrySList(&head) == NULL);
    CHECK(InterlockedFlushSList(&head) == NULL);
}

static VOID TestIrqlAndSpinLocks(VOID)
{
    KSPIN_LOCK lock;
    KIRQL old, old2;
    KLOCK_QUEUE_HANDLE handle;

    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);
    CHECK(KeGetCurrentProcessorNumber() == 0); /* ntddk.h reads it from the PCR, through FS */
    KAFFINITY active = 0;
    PROCESSOR_NUMBER number = { 7, 7, 7 };
    CHECK(KeNumberProcessors >= 1 && KeQueryActiveProcessorCount(&active) == (ULONG)KeNumberProcessors);
    CHECK(active == KeQueryActiveProcessors() && (active & 1) && KeQueryMaximumProcessorCount() >= 1);
    CHECK(KeQueryActiveProcessorCountEx(ALL_PROCESSOR_GROUPS) == (ULONG)KeNumberProcessors);
    CHECK(KeQueryActiveGroupCount() >= 1 && KeQueryActiveProcessorCountEx(KeQueryMaximumGroupCount()) == 0);
    CHECK(KeGetCurrentProcessorNumberEx(&number) == KeGetCurrentProcessorNumber() && number.Group == 0 &&
          number.Number == KeGetCurrentProcessorNumber());
    KeInitializeSpinLock(&lock);
    CHECK(lock == 0);
    KeAcquireSpinLock(&lock, &old);
    CHECK(old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeReleaseSpinLock(&lock, old);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL && lock == 0);

    KeRaiseIrql(APC_LEVEL, &old);
    CHECK(old == PASSIVE_LEVEL && KeGetCurrentIrql() == APC_LEVEL);
    KeAcquireSpinLock(&lock, &old2);
    CHECK(old2 == APC_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeReleaseSpinLock(&lock, old2);
    CHECK(KeGetCurrentIrql() == APC_LEVEL);
    KeRaiseIrql(DISPATCH_LEVEL, &old2);
    CHECK(old2 == APC_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeAcquireSpinLockAtDpcLevel(&lock);
    CHECK(KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeReleaseSpinLockFromDpcLevel(&lock);
    CHECK(KeGetCurrentIrql() == DISPATCH_LEVEL && lock == 0);
    KeAcquireInStackQueuedSpinLockAtDpcLevel(&lock, &handle);
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&handle);
    CHECK(KeGetCurrentIrql() == DISPATCH_LEVEL && lock == 0);
    KeLowerIrql(old2);
    CHECK(KeGetCurrentIrql() == APC_LEVEL);
    KeLowerIrql(old);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);

    KeAcquireInStackQueuedSpinLock(&lock, &handle);
    CHECK(handle.OldIrql == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeReleaseInStackQueuedSpinLock(&handle);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL && lock == 0);

    old = KeRaiseIrqlToDpcLevel();
    CHECK(old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeLowerIrql(old);
    old = KeAcquireSpinLockRaiseToSynch(&lock);
    CHECK(old == PASSIVE_LEVEL && KeGetCurrentIrql() >= DISPATCH_LEVEL);
    KeReleaseSpinLock(&lock, old);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL && lock == 0);

    /* APCs: KeAreApcsDisabled asks about critical and guarded regions, KeAreAllApcsDisabled about
     * guarded regions and IRQL >= APC_LEVEL */
    CHECK(!KeAreApcsDisabled() && !KeAreAllApcsDisabled());
    KeRaiseIrql(APC_LEVEL, &old);
    CHECK(KeAreAllApcsDisabled() && !KeAreApcsDisabled());
    KeLowerIrql(old);
    KeEnterCriticalRegion();
    CHECK(KeAreApcsDisabled() && !KeAreAllApcsDisabled());
    KeEnterGuardedRegion();
    CHECK(KeAreApcsDisabled() && KeAreAllApcsDisabled());
    KeLeaveGuardedRegion();
    KeLeaveCriticalRegion();
    CHECK(!KeAreApcsDisabled() && !KeAreAllApcsDisabled());
}

static volatile LONG g_DpcOrder[4];
static volatile LONG g_DpcRuns;
static volatile KIRQL g_DpcIrql;
static PVOID g_DpcArg1, g_DpcArg2;

VOID NTAPI RecordDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    LONG n = InterlockedIncrement(&g_DpcRuns);
    if (n <= 4)
        g_DpcOrder[n - 1] = (LONG)(ULONG_PTR)Context;
    g_DpcIrql = KeGetCurrentIrql();
    g_DpcArg1 = Arg1;
    g_DpcArg2 = Arg2;
}

static VOID TestDpcs(VOID)
{
    KDPC medium, high, removed;
    KIRQL old;

    KeInitializeDpc(&medium, RecordDpc, (PVOID)1);
    KeInitializeDpc(&high, RecordDpc, (PVOID)2);
    KeInitializeDpc(&removed, RecordDpc, (PVOID)3);
    KeSetImportanceDpc(&high, HighImportance);
    g_DpcRuns = 0;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK(KeInsertQueueDpc(&medium, (PVOID)0x11, (PVOID)0x22));
    CHECK(!KeInsertQueueDpc(&medium, NULL, NULL)); /* already queued */
    CHECK(KeInsertQueueDpc(&removed, NULL, NULL));
    CHECK(KeInsertQueueDpc(&high, (PVOID)0x33, (PVOID)0x44));
    CHECK(KeRemoveQueueDpc(&removed));
    CHECK(!KeRemoveQueueDpc(&removed));
    CHECK(g_DpcRuns == 0); /* nothing runs while IRQL stays at DISPATCH_LEVEL */
    KeLowerIrql(old);
    /* a HighImportance DPC goes to the head of the queue, so it runs before the one queued first */
    CHECK(g_DpcRuns == 2);
    CHECK(g_DpcOrder[0] == 2 && g_DpcOrder[1] == 1);
    CHECK(g_DpcIrql == DISPATCH_LEVEL && g_DpcArg1 == (PVOID)0x11 && g_DpcArg2 == (PVOID)0x22);
    CHECK(!KeRemoveQueueDpc(&medium)); /* it ran: no longer queued */
    CHECK(KeInsertQueueDpc(&medium, NULL, NULL)); /* and may be queued again */
    KeFlushQueuedDpcs();
    CHECK(g_DpcRuns == 3);
}

static BOOLEAN WaitFor(volatile LONG *counter, LONG value, ULONG milliseconds)
{
    ULONGLONG end = KeQueryInterruptTime() + (ULONGLONG)milliseconds * 10000;
    while (*counter < value && KeQueryInterruptTime() < end)
        KeStallExecutionProcessor(100);
    return *counter >= value;
}

static VOID TestTimers(VOID)
{
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER due;

    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, RecordDpc, (PVOID)4);
    CHECK(!KeReadStateTimer(&timer));
    CHECK(!KeCancelTimer(&timer)); /* not set */
    due.QuadPart = -10 * 1000 * 1000; /* 1 s: cancelled long before */
    CHECK(!KeSetTimer(&timer, due, &dpc)); /* FALSE: it was not in the queue */
    CHECK(KeSetTimer(&timer, due, &dpc)); /* TRUE: it was, and is set again */
    CHECK(KeCancelTimer(&timer));
    CHECK(!KeCancelTimer(&timer));
    CHECK(!KeReadStateTimer(&timer));

    g_DpcRuns = 0;
    due.QuadPart = -10 * 1000 * 20; /* 20 ms */
    CHECK(!KeSetTimer(&timer, due, &dpc));
    CHECK(WaitFor(&g_DpcRuns, 1, 2000));
    CHECK(KeReadStateTimer(&timer)); /* a notification timer stays signaled once expired */
    CHECK(g_DpcIrql == DISPATCH_LEVEL);
    CHECK(!KeCancelTimer(&timer)); /* expired: no longer in the queue */
    CHECK(!KeSetTimer(&timer, due, &dpc));
    CHECK(!KeReadStateTimer(&timer)); /* setting it resets the state */
    CHECK(KeCancelTimer(&timer));

    /* periodic: KeSetTimerEx with a period in milliseconds, until cancelled */
    KeInitializeTimerEx(&timer, SynchronizationTimer);
    g_DpcRuns = 0;
    due.QuadPart = -10 * 1000 * 10;
    CHECK(!KeSetTimerEx(&timer, due, 10, &dpc));
    CHECK(WaitFor(&g_DpcRuns, 3, 3000));
    CHECK(KeCancelTimer(&timer)); /* a periodic timer stays in the queue between expiries */
    KeFlushQueuedDpcs();
    LONG runs = g_DpcRuns;
    KeStallExecutionProcessor(50 * 1000);
    CHECK(g_DpcRuns == runs);

    /* an absolute due time already past expires at once */
    KeInitializeTimer(&timer);
    g_DpcRuns = 0;
    KeQuerySystemTime(&due);
    due.QuadPart -= 1;
    KeSetTimer(&timer, due, &dpc);
    CHECK(WaitFor(&g_DpcRuns, 1, 2000));
    CHECK(!KeCancelTimer(&timer));

    /* time */
    LARGE_INTEGER t1, t2, s1, s2;
    CHECK(KeQueryTimeIncrement() > 0);
    KeQueryTickCount(&t1);
    KeQuerySystemTime(&s1);
    ULONGLONG i1 = KeQueryInterruptTime();
    KeStallExecutionProcessor(30 * 1000);
    KeQueryTickCount(&t2);
    KeQuerySystemTime(&s2);
    ULONGLONG i2 = KeQueryInterruptTime();
    CHECK(t2.QuadPart > t1.QuadPart && s2.QuadPart > s1.QuadPart && i2 >= i1 + 30 * 10000);
    /* system time counts from 1 January 1601: any date since 2020 is above 2020-01-01's */
    CHECK(s1.QuadPart > 132223104000000000LL && (ULONGLONG)s1.QuadPart > i1);
    LARGE_INTEGER f1, f2;
    LARGE_INTEGER c1 = KeQueryPerformanceCounter(&f1);
    KeStallExecutionProcessor(20 * 1000);
    LARGE_INTEGER c2 = KeQueryPerformanceCounter(&f2);
    CHECK(f1.QuadPart > 0 && f1.QuadPart == f2.QuadPart && c2.QuadPart > c1.QuadPart);
}

VOID NTAPI SignalDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc); UNREFERENCED_PARAMETER(Arg1); UNREFERENCED_PARAMETER(Arg2);
    KeSetEvent((PRKEVENT)Context, IO_NO_INCREMENT, FALSE);
}

/* Waits at PASSIVE_LEVEL: on an event a timer's DPC sets, on a timer, with timeouts; and delays. */
static VOID TestWaits(VOID)
{
    KEVENT event;
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER due, timeout, zero = { .QuadPart = 0 };

    KeInitializeEvent(&event, NotificationEvent, FALSE);
    CHECK(KeReadStateEvent(&event) == 0);
    CHECK(KeSetEvent(&event, IO_NO_INCREMENT, FALSE) == 0 && KeReadStateEvent(&event) != 0);
    CHECK(KeSetEvent(&event, IO_NO_INCREMENT, FALSE) != 0); /* the state before: signaled */
    CHECK(KeResetEvent(&event) != 0 && KeReadStateEvent(&event) == 0);
    CHECK(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero) == STATUS_TIMEOUT);

    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, SignalDpc, &event);
    due.QuadPart = -10 * 1000 * 20;
    timeout.QuadPart = -10 * 1000 * 2000;
    ULONGLONG start = KeQueryInterruptTime();
    KeSetTimer(&timer, due, &dpc);
    CHECK(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout) == STATUS_SUCCESS);
    CHECK(KeQueryInterruptTime() - start >= 20 * 10000);
    CHECK(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS); /* stays set */

    /* a synchronization event is reset by the wait it satisfies */
    KeInitializeEvent(&event, SynchronizationEvent, TRUE);
    CHECK(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(KeReadStateEvent(&event) == 0);
    CHECK(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero) == STATUS_TIMEOUT);

    /* a timer is a dispatcher object: wait for it */
    KeInitializeTimer(&timer);
    KeSetTimer(&timer, due, NULL);
    CHECK(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    CHECK(KeReadStateTimer(&timer));

    timeout.QuadPart = -10 * 1000 * 30;
    start = KeQueryInterruptTime();
    CHECK(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout) == STATUS_TIMEOUT);
    CHECK(KeQueryInterruptTime() - start >= 30 * 10000);
    start = KeQueryInterruptTime();
    CHECK(KeDelayExecutionThread(KernelMode, FALSE, &timeout) == STATUS_SUCCESS);
    CHECK(KeQueryInterruptTime() - start >= 30 * 10000);
}

/* Fast mutexes: APC_LEVEL while held, a try on a held one fails and leaves IRQL alone. */
static VOID TestFastMutex(VOID)
{
    FAST_MUTEX mutex;

    ExInitializeFastMutex(&mutex);
    ExAcquireFastMutex(&mutex);
    CHECK(KeGetCurrentIrql() == APC_LEVEL && KeAreAllApcsDisabled());
    CHECK(!ExTryToAcquireFastMutex(&mutex) && KeGetCurrentIrql() == APC_LEVEL);
    ExReleaseFastMutex(&mutex);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);
    CHECK(ExTryToAcquireFastMutex(&mutex) && KeGetCurrentIrql() == APC_LEVEL);
    ExReleaseFastMutex(&mutex);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);
    KeEnterCriticalRegion();
    ExAcquireFastMutexUnsafe(&mutex);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL && !ExTryToAcquireFastMutex(&mutex));
    ExReleaseFastMutexUnsafe(&mutex);
    KeLeaveCriticalRegion();
    CHECK(ExTryToAcquireFastMutex(&mutex));
    ExReleaseFastMutex(&mutex);
}

/* Guarded mutexes: the holder is in a guarded region (all APCs off) at its own IRQL; a try on a held
 * one fails and leaves no region behind; another thread waits until the release and is counted in
 * Contention. */
typedef struct _GUARDED_WORK {
    KGUARDED_MUTEX Mutex;
    KEVENT Started;
    volatile LONG Holding;
} GUARDED_WORK, *PGUARDED_WORK;

KSTART_ROUTINE GuardedThread;

VOID GuardedThread(PVOID Context)
{
    PGUARDED_WORK w = Context;
    KeSetEvent(&w->Started, IO_NO_INCREMENT, FALSE);
    KeAcquireGuardedMutex(&w->Mutex);
    w->Holding = w->Mutex.Owner == KeGetCurrentThread() && KeAreAllApcsDisabled();
    KeReleaseGuardedMutex(&w->Mutex);
}

static VOID TestGuardedMutex(VOID)
{
    PGUARDED_WORK w = ExAllocatePoolWithTag(NonPagedPool, sizeof(GUARDED_WORK), TAG);
    CHECK(w != NULL);
    if (!w)
        return;
    RtlZeroMemory(w, sizeof *w);
    KeInitializeGuardedMutex(&w->Mutex);
    CHECK(w->Mutex.Count == 1 && w->Mutex.Owner == NULL && w->Mutex.Contention == 0);
    CHECK(!KeAreAllApcsDisabled());
    KeAcquireGuardedMutex(&w->Mutex);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL && KeAreAllApcsDisabled() && KeAreApcsDisabled());
    CHECK(w->Mutex.Owner == KeGetCurrentThread() && !(w->Mutex.Count & 1));
    CHECK(!KeTryToAcquireGuardedMutex(&w->Mutex));
    KeReleaseGuardedMutex(&w->Mutex);
    CHECK(!KeAreAllApcsDisabled() && w->Mutex.Owner == NULL && w->Mutex.Count == 1); /* the failed try left none */
    CHECK(KeTryToAcquireGuardedMutex(&w->Mutex) && KeAreAllApcsDisabled());
    KeReleaseGuardedMutex(&w->Mutex);
    KeEnterGuardedRegion();
    KeAcquireGuardedMutexUnsafe(&w->Mutex);
    CHECK(w->Mutex.Owner == KeGetCurrentThread() && KeGetCurrentIrql() == PASSIVE_LEVEL);
    KeReleaseGuardedMutexUnsafe(&w->Mutex);
    CHECK(KeAreAllApcsDisabled()); /* the caller's own region */
    KeLeaveGuardedRegion();
    CHECK(!KeAreAllApcsDisabled());

    /* held here: the thread's acquire waits for the release */
    KeInitializeEvent(&w->Started, NotificationEvent, FALSE);
    KeAcquireGuardedMutex(&w->Mutex);
    HANDLE h;
    PVOID thread = NULL;
    CHECK(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, GuardedThread, w) == STATUS_SUCCESS);
    CHECK(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL) == STATUS_SUCCESS);
    ZwClose(h);
    CHECK(KeWaitForSingleObject(&w->Started, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    LARGE_INTEGER ms = { .QuadPart = -20 * 10000 };
    KeDelayExecutionThread(KernelMode, FALSE, &ms);
    CHECK(!w->Holding && w->Mutex.Contention >= 1 && w->Mutex.Owner == KeGetCurrentThread());
    KeReleaseGuardedMutex(&w->Mutex);
    if (thread) {
        CHECK(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
        ObDereferenceObject(thread);
    }
    CHECK(w->Holding && w->Mutex.Owner == NULL && w->Mutex.Count == 1);
    ExFreePoolWithTag(w, TAG);
}

/* Kernel queues: entries in order (KeInsertHeadQueue first), the state counting them, a timeout as
 * STATUS_TIMEOUT; threads waiting in KeRemoveQueue get entries handed over, the last to wait first, no
 * more running at once than the queue's count (a thread's end lets the next have one); run down, the
 * entries come back linked and a waiter gets STATUS_ABANDONED. */
typedef struct _QUEUE_WORK {
    KQUEUE Queue;
    LIST_ENTRY Entries[3];
    PLIST_ENTRY Got[2];
    volatile LONG Order;
    LONG Rank[2];
} QUEUE_WORK, *PQUEUE_WORK;

KSTART_ROUTINE QueueThread0;
KSTART_ROUTINE QueueThread1;

static VOID QueueTake(PQUEUE_WORK w, int i)
{
    w->Got[i] = KeRemoveQueue(&w->Queue, KernelMode, NULL);
    w->Rank[i] = InterlockedIncrement(&w->Order);
}

VOID QueueThread0(PVOID Context)
{
    QueueTake(Context, 0);
}

VOID QueueThread1(PVOID Context)
{
    QueueTake(Context, 1);
}

static PVOID StartQueueThread(PKSTART_ROUTINE routine, PQUEUE_WORK w, ULONG waiters)
{
    HANDLE h;
    PVOID thread = NULL;
    LARGE_INTEGER ms = { .QuadPart = -10000 };
    CHECK(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, routine, w) == STATUS_SUCCESS);
    CHECK(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL) == STATUS_SUCCESS);
    ZwClose(h);
    for (int i = 0; i < 500; i++) { /* until it waits on the queue */
        ULONG n = 0;
        for (PLIST_ENTRY e = w->Queue.Header.WaitListHead.Flink; e != &w->Queue.Header.WaitListHead; e = e->Flink)
            n++;
        if (n == waiters)
            break;
        KeDelayExecutionThread(KernelMode, FALSE, &ms);
    }
    return thread;
}

static VOID EndQueueThread(PVOID thread)
{
    if (!thread)
        return;
    CHECK(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    ObDereferenceObject(thread);
}

static VOID TestQueues(VOID)
{
    PQUEUE_WORK w = ExAllocatePoolWithTag(NonPagedPool, sizeof(QUEUE_WORK), TAG);
    CHECK(w != NULL);
    if (!w)
        return;
    RtlZeroMemory(w, sizeof *w);
    PKQUEUE q = &w->Queue;
    PLIST_ENTRY e = w->Entries;
    LARGE_INTEGER zero = { .QuadPart = 0 }, ms30 = { .QuadPart = -30 * 10000 };

    KeInitializeQueue(q, 0);
    CHECK(q->Header.Type == 4 && q->Header.Size == sizeof(KQUEUE) / 4 && q->MaximumCount == 1);
    CHECK(q->CurrentCount == 0 && KeReadStateQueue(q) == 0);
    CHECK(KeInsertQueue(q, &e[1]) == 0 && KeInsertQueue(q, &e[2]) == 1 && KeInsertHeadQueue(q, &e[0]) == 2);
    CHECK(KeReadStateQueue(q) == 3);
    CHECK(KeWaitForSingleObject(q, Executive, KernelMode, FALSE, &zero) == STATUS_SUCCESS); /* takes none */
    CHECK(KeReadStateQueue(q) == 3);
    CHECK(KeRemoveQueue(q, KernelMode, &zero) == &e[0] && q->CurrentCount == 1);
    CHECK(KeRemoveQueue(q, KernelMode, NULL) == &e[1] && KeRemoveQueue(q, KernelMode, NULL) == &e[2]);
    CHECK(q->CurrentCount == 1 && KeReadStateQueue(q) == 0);
    CHECK(KeRemoveQueue(q, KernelMode, &zero) == (PLIST_ENTRY)(ULONG_PTR)STATUS_TIMEOUT);
    ULONGLONG start = KeQueryInterruptTime();
    CHECK(KeRemoveQueue(q, KernelMode, &ms30) == (PLIST_ENTRY)(ULONG_PTR)STATUS_TIMEOUT);
    CHECK(KeQueryInterruptTime() - start >= 30 * 10000);
    CHECK(KeWaitForSingleObject(q, Executive, KernelMode, FALSE, &zero) == STATUS_TIMEOUT);
    CHECK(KeRundownQueue(q) == NULL && q->CurrentCount == 0); /* this thread is no longer the queue's */

    /* two waiters, one may run: the second to wait gets the first entry; the other waits for its end */
    KeInitializeQueue(q, 1);
    PVOID first = StartQueueThread(QueueThread0, w, 1);
    PVOID second = StartQueueThread(QueueThread1, w, 2);
    CHECK(KeInsertQueue(q, &e[0]) == 0);
    CHECK(KeInsertQueue(q, &e[1]) == 0 && KeReadStateQueue(q) == 1); /* kept: one runs already */
    EndQueueThread(second);
    EndQueueThread(first);
    CHECK(w->Got[1] == &e[0] && w->Got[0] == &e[1] && w->Rank[1] == 1 && w->Rank[0] == 2);
    CHECK(KeReadStateQueue(q) == 0 && q->CurrentCount == 0);

    /* run down: the entries come back linked to one another, a waiter and later removes are abandoned */
    KeInitializeQueue(q, 0);
    KeInsertQueue(q, &e[0]);
    KeInsertQueue(q, &e[1]);
    PLIST_ENTRY back = KeRundownQueue(q);
    CHECK(back == &e[0] && e[0].Flink == &e[1] && e[1].Flink == &e[0] && e[0].Blink == &e[1]);
    CHECK(KeReadStateQueue(q) == 0);
    KeInitializeQueue(q, 0);
    w->Got[0] = NULL;
    first = StartQueueThread(QueueThread0, w, 1);
    CHECK(KeRundownQueue(q) == NULL);
    EndQueueThread(first);
    CHECK(w->Got[0] == (PLIST_ENTRY)(ULONG_PTR)STATUS_ABANDONED);
    CHECK(KeRemoveQueue(q, KernelMode, &zero) == (PLIST_ENTRY)(ULONG_PTR)STATUS_ABANDONED);
    ExFreePoolWithTag(w, TAG);
}

/* Time: the calendar both ways, the 1970 and 1980 second counts, local time (UTC here: the test
 * accepts any bias the two conversions agree on), the precise and unbiased clocks against the plain
 * ones, and the timer resolution as it is. */
static VOID TestTime(VOID)
{
    TIME_FIELDS f = { .Year = 2024, .Month = 2, .Day = 29, .Hour = 13, .Minute = 14, .Second = 15, .Milliseconds = 160 };
    LARGE_INTEGER t, back, local;
    CHECK(RtlTimeFieldsToTime(&f, &t) && t.QuadPart == 133536860551600000LL);
    RtlZeroMemory(&f, sizeof f);
    RtlTimeToTimeFields(&t, &f);
    CHECK(f.Year == 2024 && f.Month == 2 && f.Day == 29 && f.Hour == 13 && f.Minute == 14 && f.Second == 15 &&
          f.Milliseconds == 160 && f.Weekday == 4); /* a Thursday */
    t.QuadPart = 0;
    RtlTimeToTimeFields(&t, &f);
    CHECK(f.Year == 1601 && f.Month == 1 && f.Day == 1 && f.Weekday == 1);
    f.Year = 2023, f.Month = 2, f.Day = 29;
    CHECK(!RtlTimeFieldsToTime(&f, &t));
    ULONG seconds = 0;
    RtlSecondsSince1970ToTime(86400, &t);
    CHECK(t.QuadPart == 116444736000000000LL + 86400LL * 10000000);
    CHECK(RtlTimeToSecondsSince1970(&t, &seconds) && seconds == 86400);
    CHECK(!RtlTimeToSecondsSince1980(&t, &seconds));
    RtlSecondsSince1980ToTime(1, &t);
    CHECK(t.QuadPart == 119600064010000000LL && RtlTimeToSecondsSince1980(&t, &seconds) && seconds == 1);
    KeQuerySystemTime(&t);
    ExSystemTimeToLocalTime(&t, &local);
    ExLocalTimeToSystemTime(&local, &back);
    CHECK(back.QuadPart == t.QuadPart);
    LARGE_INTEGER before, precise, after;
    KeQuerySystemTime(&before);
    KeQuerySystemTimePrecise(&precise);
    KeQuerySystemTime(&after);
    CHECK(before.QuadPart <= precise.QuadPart && precise.QuadPart <= after.QuadPart);
    ULONG64 qpc = 0;
    ULONGLONG i0 = KeQueryInterruptTime(), ip = KeQueryInterruptTimePrecise(&qpc), u = KeQueryUnbiasedInterruptTime();
    CHECK(i0 <= ip && ip <= u && u <= KeQueryInterruptTime() && qpc != 0);
    CHECK(qpc <= (ULONG64)KeQueryPerformanceCounter(NULL).QuadPart);
    CHECK(ExSetTimerResolution(10000, TRUE) == KeQueryTimeIncrement());
    CHECK(ExSetTimerResolution(0, FALSE) == KeQueryTimeIncrement());
}

/* Kernel mutexes are recursive for their owner and hold off normal kernel APCs while held; a
 * semaphore's waits take from its count, and a release returns the count before. */
static VOID TestMutexAndSemaphore(VOID)
{
    KMUTEX mutex;
    KSEMAPHORE semaphore;
    LARGE_INTEGER zero = { .QuadPart = 0 };
    KeInitializeMutex(&mutex, 0);
    CHECK(KeReadStateMutex(&mutex) == 1 && !KeAreApcsDisabled());
    CHECK(KeWaitForSingleObject(&mutex, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    CHECK(KeReadStateMutex(&mutex) == 0 && KeAreApcsDisabled());
    CHECK(KeWaitForSingleObject(&mutex, Executive, KernelMode, FALSE, &zero) == STATUS_SUCCESS); /* recursive */
    CHECK(KeReadStateMutex(&mutex) == -1);
    CHECK(KeReleaseMutex(&mutex, FALSE) == -1 && KeAreApcsDisabled());
    CHECK(KeReleaseMutex(&mutex, FALSE) == 0);
    CHECK(KeReadStateMutex(&mutex) == 1 && !KeAreApcsDisabled());
    KeInitializeSemaphore(&semaphore, 2, 3);
    CHECK(KeReadStateSemaphore(&semaphore) == 2);
    CHECK(KeWaitForSingleObject(&semaphore, Executive, KernelMode, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(KeWaitForSingleObject(&semaphore, Executive, KernelMode, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(KeReadStateSemaphore(&semaphore) == 0);
    CHECK(KeWaitForSingleObject(&semaphore, Executive, KernelMode, FALSE, &zero) == STATUS_TIMEOUT);
    CHECK(KeReleaseSemaphore(&semaphore, IO_NO_INCREMENT, 3, FALSE) == 0);
    CHECK(KeReadStateSemaphore(&semaphore) == 3);
    CHECK(KeReleaseSemaphore(&semaphore, IO_NO_INCREMENT, 0, FALSE) == 3);
}

/* An MDL for a nonpaged buffer spanning three pages: its fields, its frames, its system address; the
 * same frames mapped a second time (an MDL of locked pages filled by hand) show the same bytes; MDLs
 * given an IRP chain on its MdlAddress. */
static VOID TestMdls(VOID)
{
    PUCHAR buffer = ExAllocatePoolWithTag(NonPagedPool, 3 * PAGE_SIZE, TAG);
    CHECK(buffer != NULL);
    if (!buffer)
        return;
    PUCHAR start = buffer + 100;
    ULONG length = 2 * PAGE_SIZE;
    RtlFillMemory(buffer, 3 * PAGE_SIZE, 0x11);
    CHECK(MmSizeOfMdl(start, length) == sizeof(MDL) + 3 * sizeof(PFN_NUMBER));
    PMDL mdl = IoAllocateMdl(start, length, FALSE, FALSE, NULL);
    CHECK(mdl != NULL);
    if (mdl) {
        CHECK(MmGetMdlVirtualAddress(mdl) == start && MmGetMdlByteCount(mdl) == length);
        CHECK(MmGetMdlByteOffset(mdl) == 100 && mdl->StartVa == buffer && mdl->Next == NULL);
        CHECK(mdl->Size >= (CSHORT)(sizeof(MDL) + 3 * sizeof(PFN_NUMBER)));
        MmBuildMdlForNonPagedPool(mdl);
        PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
        CHECK(mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL);
        CHECK(pfn[0] == (PFN_NUMBER)(MmGetPhysicalAddress(buffer).QuadPart >> PAGE_SHIFT));
        CHECK(pfn[2] == (PFN_NUMBER)(MmGetPhysicalAddress(buffer + 2 * PAGE_SIZE).QuadPart >> PAGE_SHIFT));
        CHECK(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) == start);
        PMDL copy = IoAllocateMdl(start, length, FALSE, FALSE, NULL);
        CHECK(copy != NULL);
        if (copy) {
            RtlCopyMemory(MmGetMdlPfnArray(copy), pfn, 3 * sizeof(PFN_NUMBER));
            copy->MdlFlags |= MDL_PAGES_LOCKED;
            PUCHAR view = MmMapLockedPagesSpecifyCache(copy, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
            CHECK(view != NULL && view != start && BYTE_OFFSET(view) == 100);
            if (view) {
                CHECK((copy->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA) && copy->MappedSystemVa == view);
                CHECK(view[0] == 0x11 && view[length - 1] == 0x11);
                view[0] = 0x5A;
                view[length - 1] = 0xA5;
                CHECK(start[0] == 0x5A && start[length - 1] == 0xA5);
                MmUnmapLockedPages(view, copy);
                CHECK(!(copy->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA));
            }
            IoFreeMdl(copy);
        }
        IoFreeMdl(mdl);
    }
    PIRP irp = IoAllocateIrp(1, FALSE);
    CHECK(irp != NULL);
    if (irp) {
        PMDL first = IoAllocateMdl(start, 10, FALSE, FALSE, irp);
        PMDL second = IoAllocateMdl(start + 10, 10, TRUE, FALSE, irp);
        CHECK(first && second && irp->MdlAddress == first && first->Next == second && second->Next == NULL);
        if (first)
            IoFreeMdl(first);
        if (second)
            IoFreeMdl(second);
        IoFreeIrp(irp);
    }
    ExFreePoolWithTag(buffer, TAG);
}

/* The frame behind an address, as MmGetPhysicalAddress gives it. */
static PFN_NUMBER FrameOf(PVOID p)
{
    return (PFN_NUMBER)(MmGetPhysicalAddress(p).QuadPart >> PAGE_SHIFT);
}

/* MmProbeAndLockPages on paged pool: the pages come in and stay (nonpaged in the obsolete routine's
 * sense), the MDL's frames are theirs, a second view shows the same bytes and goes with
 * MmUnlockPages; read access to read-only data; a partial MDL of the locked one; MmMapLockedPages. */
static VOID TestProbeAndLock(VOID)
{
    static const UCHAR ReadOnly[64] = { 0x42 };
    PUCHAR buffer = ExAllocatePoolWithTag(PagedPool, 3 * PAGE_SIZE, TAG);
    CHECK(buffer != NULL);
    if (!buffer)
        return;
    PUCHAR start = buffer + 100;
    ULONG length = 2 * PAGE_SIZE;
    PMDL mdl = IoAllocateMdl(start, length, FALSE, FALSE, NULL);
    CHECK(mdl != NULL);
    if (mdl) {
        MmProbeAndLockPages(mdl, KernelMode, IoWriteAccess);
        PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
        CHECK((mdl->MdlFlags & MDL_PAGES_LOCKED) && !(mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL));
        CHECK((mdl->MdlFlags & MDL_WRITE_OPERATION) && mdl->Process == NULL);
        CHECK(MmIsAddressValid(buffer) && MmIsAddressValid(buffer + 2 * PAGE_SIZE));
        CHECK(MmIsNonPagedSystemAddressValid(start) && MmIsNonPagedSystemAddressValid(buffer + 2 * PAGE_SIZE));
        CHECK(pfn[0] == FrameOf(buffer) && pfn[1] == FrameOf(buffer + PAGE_SIZE) && pfn[2] == FrameOf(buffer + 2 * PAGE_SIZE));
        RtlFillMemory(buffer, 3 * PAGE_SIZE, 0x33);
        PUCHAR view = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
        CHECK(view != NULL && view != start && BYTE_OFFSET(view) == 100);
        if (view) {
            CHECK((mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA) && view[0] == 0x33 && view[length - 1] == 0x33);
            view[1] = 0x77;
            CHECK(start[1] == 0x77);
        }
        PMDL part = IoAllocateMdl(start + PAGE_SIZE, 200, FALSE, FALSE, NULL);
        CHECK(part != NULL);
        if (part) {
            IoBuildPartialMdl(mdl, part, start + PAGE_SIZE, 200);
            CHECK((part->MdlFlags & MDL_PARTIAL) && MmGetMdlVirtualAddress(part) == start + PAGE_SIZE);
            CHECK(MmGetMdlByteCount(part) == 200 && MmGetMdlPfnArray(part)[0] == pfn[1]);
            PUCHAR pview = MmGetSystemAddressForMdlSafe(part, NormalPagePriority);
            CHECK(pview != NULL && pview[0] == 0x33 && (part->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED));
            MmPrepareMdlForReuse(part);
            CHECK(!(part->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL_HAS_BEEN_MAPPED)));
            IoBuildPartialMdl(mdl, part, start + PAGE_SIZE + 10, 0); /* 0: to the end of the buffer */
            CHECK(MmGetMdlByteCount(part) == length - PAGE_SIZE - 10 && MmGetMdlByteOffset(part) == 110);
            IoFreeMdl(part);
        }
        MmUnlockPages(mdl);
        CHECK(!(mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA)));
        CHECK(!MmIsNonPagedSystemAddressValid(start) && MmIsAddressValid(start)); /* pageable again, still in */
        IoFreeMdl(mdl);
    }
    PMDL ro = IoAllocateMdl((PVOID)ReadOnly, sizeof ReadOnly, FALSE, FALSE, NULL);
    CHECK(ro != NULL);
    if (ro) {
        MmProbeAndLockPages(ro, KernelMode, IoReadAccess);
        CHECK((ro->MdlFlags & MDL_PAGES_LOCKED) && !(ro->MdlFlags & MDL_WRITE_OPERATION));
        PUCHAR v = MmMapLockedPages(ro, KernelMode);
        CHECK(v != NULL && v != ReadOnly && v[0] == 0x42);
        if (v)
            MmUnmapLockedPages(v, ro);
        MmUnlockPages(ro);
        IoFreeMdl(ro);
    }
    ExFreePoolWithTag(buffer, TAG);
}

/* Contiguous and uncached memory: physically consecutive frames inside the range asked for, not
 * crossing the boundary asked for; a range that cannot be met gives NULL. */
static VOID TestContiguous(VOID)
{
    PHYSICAL_ADDRESS low = { .QuadPart = 0 }, high = { .QuadPart = 0xFFFFFF }, none = { .QuadPart = 0 };
    PUCHAR c = MmAllocateContiguousMemory(3 * PAGE_SIZE, high);
    CHECK(c != NULL && Aligned(c, PAGE_SIZE));
    if (c) {
        PHYSICAL_ADDRESS p = MmGetPhysicalAddress(c);
        CHECK(p.QuadPart != 0 && p.QuadPart + 3 * PAGE_SIZE - 1 <= high.QuadPart);
        CHECK(FrameOf(c + PAGE_SIZE) == FrameOf(c) + 1 && FrameOf(c + 2 * PAGE_SIZE) == FrameOf(c) + 2);
        CHECK(MmIsNonPagedSystemAddressValid(c + 2 * PAGE_SIZE));
        RtlFillMemory(c, 3 * PAGE_SIZE, 0x5C);
        CHECK(c[3 * PAGE_SIZE - 1] == 0x5C);
        MmFreeContiguousMemory(c);
    }
    PHYSICAL_ADDRESS boundary = { .QuadPart = 4 * PAGE_SIZE }, from = { .QuadPart = 0x200000 };
    for (int i = 0; i < 4; i++) {
        PUCHAR b = MmAllocateContiguousMemorySpecifyCache(3 * PAGE_SIZE, from, high, boundary, MmCached);
        CHECK(b != NULL);
        if (!b)
            continue;
        ULONGLONG first = MmGetPhysicalAddress(b).QuadPart, last = MmGetPhysicalAddress(b + 3 * PAGE_SIZE - 1).QuadPart;
        CHECK(first >= (ULONGLONG)from.QuadPart && first / (4 * PAGE_SIZE) == last / (4 * PAGE_SIZE));
        MmFreeContiguousMemorySpecifyCache(b, 3 * PAGE_SIZE, MmCached);
    }
    CHECK(MmAllocateContiguousMemorySpecifyCache(PAGE_SIZE, high, low, none, MmCached) == NULL); /* empty range */
    boundary.QuadPart = 2 * PAGE_SIZE;
    CHECK(MmAllocateContiguousMemorySpecifyCache(3 * PAGE_SIZE, low, high, boundary, MmCached) == NULL); /* over it */
    PUCHAR u = MmAllocateNonCachedMemory(2 * PAGE_SIZE + 1);
    CHECK(u != NULL && Aligned(u, PAGE_SIZE));
    if (u) {
        u[0] = 1;
        u[2 * PAGE_SIZE] = 2;
        CHECK(u[0] == 1 && u[2 * PAGE_SIZE] == 2 && MmIsNonPagedSystemAddressValid(u));
        MmFreeNonCachedMemory(u, 2 * PAGE_SIZE + 1);
    }
    PHYSICAL_ADDRESS skip = { .QuadPart = 0 }, top = { .QuadPart = -1 };
    PMDL pages = MmAllocatePagesForMdl(low, top, skip, 5 * PAGE_SIZE);
    CHECK(pages != NULL);
    if (pages) {
        CHECK(MmGetMdlByteCount(pages) == 5 * PAGE_SIZE && (pages->MdlFlags & MDL_PAGES_LOCKED));
        PULONG view = MmMapLockedPagesSpecifyCache(pages, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
        CHECK(view != NULL);
        if (view) {
            CHECK(view[0] == 0 && view[5 * PAGE_SIZE / sizeof(ULONG) - 1] == 0); /* zeroed */
            CHECK(FrameOf((PUCHAR)view + 4 * PAGE_SIZE) == MmGetMdlPfnArray(pages)[4]);
            MmUnmapLockedPages(view, pages);
        }
        MmFreePagesFromMdl(pages);
        ExFreePool(pages);
    }
    PMDL below = MmAllocatePagesForMdlEx(low, high, skip, 2 * PAGE_SIZE, MmCached, MM_DONT_ZERO_ALLOCATION);
    CHECK(below != NULL);
    if (below) {
        CHECK(MmGetMdlPfnArray(below)[1] <= (PFN_NUMBER)(high.QuadPart >> PAGE_SHIFT));
        MmFreePagesFromMdl(below);
        ExFreePool(below);
    }
    CHECK(MmAllocatePagesForMdlEx(low, high, skip, 0x1000000, MmCached, MM_ALLOCATE_FULLY_REQUIRED) == NULL);
    PMDL most = MmAllocatePagesForMdlEx(low, top, skip, 0x40000000, MmCached, MM_DONT_ZERO_ALLOCATION);
    CHECK(most != NULL && MmGetMdlByteCount(most) < 0x40000000 && MmGetMdlByteCount(most) >= PAGE_SIZE);
    if (most) {
        MmFreePagesFromMdl(most);
        ExFreePool(most);
    }
    CHECK(MmQuerySystemSize() == MmLargeSystem); /* the test's machine has 96 MiB; smaller ones: test_mdl */
    CHECK(!MmIsThisAnNtAsSystem());
}

/* An ERESOURCE in nonpaged memory, used in a critical region as the WDK asks: exclusive acquires
 * nest, a shared acquire by the exclusive owner is granted, shared ones count, and exclusive without
 * waiting fails while it is held shared. */
static VOID TestResources(VOID)
{
    PERESOURCE r = ExAllocatePoolWithTag(NonPagedPool, sizeof(ERESOURCE), TAG);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(ExInitializeResourceLite(r) == STATUS_SUCCESS);
    KeEnterCriticalRegion();
    CHECK(!ExIsResourceAcquiredExclusiveLite(r) && ExIsResourceAcquiredSharedLite(r) == 0);
    CHECK(ExAcquireResourceExclusiveLite(r, TRUE));
    CHECK(ExIsResourceAcquiredExclusiveLite(r) && ExIsResourceAcquiredSharedLite(r) == 1);
    CHECK(ExAcquireResourceExclusiveLite(r, FALSE));
    CHECK(ExAcquireResourceSharedLite(r, FALSE));
    CHECK(ExIsResourceAcquiredSharedLite(r) == 3);
    ExReleaseResourceLite(r);
    ExReleaseResourceForThreadLite(r, ExGetCurrentResourceThread());
    CHECK(ExIsResourceAcquiredExclusiveLite(r));
    ExReleaseResourceLite(r);
    CHECK(!ExIsResourceAcquiredExclusiveLite(r) && ExIsResourceAcquiredSharedLite(r) == 0);
    CHECK(ExAcquireResourceSharedLite(r, TRUE) && ExAcquireResourceSharedLite(r, TRUE));
    CHECK(!ExIsResourceAcquiredExclusiveLite(r) && ExIsResourceAcquiredSharedLite(r) == 2);
    CHECK(!ExAcquireResourceExclusiveLite(r, FALSE));
    ExReleaseResourceLite(r);
    ExReleaseResourceLite(r);
    CHECK(ExIsResourceAcquiredSharedLite(r) == 0);
    /* converted: the exclusive owner's two acquires become two shared ones */
    CHECK(ExAcquireResourceExclusiveLite(r, TRUE) && ExAcquireResourceExclusiveLite(r, TRUE));
    ExConvertExclusiveToSharedLite(r);
    CHECK(!ExIsResourceAcquiredExclusiveLite(r) && ExIsResourceAcquiredSharedLite(r) == 2);
    CHECK(!ExAcquireResourceExclusiveLite(r, FALSE));
    CHECK(ExAcquireSharedStarveExclusive(r, FALSE) && ExAcquireSharedWaitForExclusive(r, FALSE));
    CHECK(ExIsResourceAcquiredLite(r) == 4);
    for (int i = 0; i < 4; i++)
        ExReleaseResourceLite(r);
    CHECK(ExGetExclusiveWaiterCount(r) == 0 && ExGetSharedWaiterCount(r) == 0);
    KeLeaveCriticalRegion();
    CHECK(ExEnterCriticalRegionAndAcquireResourceExclusive(r) == NULL);
    CHECK(KeAreApcsDisabled() && ExIsResourceAcquiredExclusiveLite(r));
    ExReleaseResourceAndLeaveCriticalRegion(r);
    CHECK(!KeAreApcsDisabled() && !ExIsResourceAcquiredExclusiveLite(r));
    CHECK(ExEnterCriticalRegionAndAcquireResourceShared(r) == NULL);
    CHECK(KeAreApcsDisabled() && ExIsResourceAcquiredSharedLite(r) == 1);
    ExReleaseResourceAndLeaveCriticalRegion(r);
    CHECK(!KeAreApcsDisabled() && ExIsResourceAcquiredSharedLite(r) == 0);
    KeEnterCriticalRegion();
    CHECK(ExAcquireResourceExclusiveLite(r, TRUE));
    CHECK(ExReinitializeResourceLite(r) == STATUS_SUCCESS); /* forgets its owner */
    CHECK(!ExIsResourceAcquiredExclusiveLite(r) && ExAcquireResourceSharedLite(r, FALSE));
    ExReleaseResourceLite(r);
    KeLeaveCriticalRegion();
    CHECK(ExDeleteResourceLite(r) == STATUS_SUCCESS);
    ExFreePoolWithTag(r, TAG);
}

static VOID TestRtl(VOID)
{
    UNICODE_STRING u, v, w;
    ANSI_STRING a;
    WCHAR buffer[8];
    UCHAR x[16], y[16];

    RtlInitUnicodeString(&u, L"Hello");
    CHECK(u.Length == 10 && u.MaximumLength == 12 && u.Buffer && u.Buffer[0] == L'H');
    RtlInitUnicodeString(&v, NULL);
    CHECK(v.Length == 0 && v.MaximumLength == 0 && v.Buffer == NULL);
    RtlInitAnsiString(&a, "abc");
    CHECK(a.Length == 3 && a.MaximumLength == 4);
    RtlInitAnsiString(&a, NULL);
    CHECK(a.Length == 0 && a.MaximumLength == 0 && a.Buffer == NULL);

    RtlInitUnicodeString(&v, L"hELLO");
    CHECK(RtlEqualUnicodeString(&u, &v, TRUE) && !RtlEqualUnicodeString(&u, &v, FALSE));
    CHECK(RtlCompareUnicodeString(&u, &v, TRUE) == 0 && RtlCompareUnicodeString(&u, &v, FALSE) < 0);
    RtlInitUnicodeString(&w, L"Hell");
    CHECK(RtlCompareUnicodeString(&w, &u, FALSE) < 0 && RtlCompareUnicodeString(&u, &w, FALSE) > 0);

    /* copies no more than the destination holds; terminated when there is room */
    w.Buffer = buffer;
    w.MaximumLength = sizeof buffer;
    RtlFillMemory(buffer, sizeof buffer, 0xFF);
    RtlCopyUnicodeString(&w, &u);
    CHECK(w.Length == 10 && RtlEqualUnicodeString(&w, &u, FALSE) && buffer[5] == 0);
    w.MaximumLength = 6;
    RtlCopyUnicodeString(&w, &u);
    CHECK(w.Length == 6 && buffer[0] == L'H' && buffer[2] == L'l');
    RtlCopyUnicodeString(&w, NULL);
    CHECK(w.Length == 0);
    w.MaximumLength = sizeof buffer;
    RtlCopyUnicodeString(&w, &u);
    RtlInitUnicodeString(&v, L"!!");
    CHECK(RtlAppendUnicodeStringToString(&w, &v) == STATUS_SUCCESS && w.Length == 14 && buffer[6] == L'!');
    CHECK(RtlAppendUnicodeStringToString(&w, &v) == STATUS_BUFFER_TOO_SMALL && w.Length == 14);

    for (int i = 0; i < 16; i++)
        x[i] = y[i] = (UCHAR)i;
    CHECK(RtlCompareMemory(x, y, 16) == 16);
    y[5] = 0xEE;
    CHECK(RtlCompareMemory(x, y, 16) == 5);
    CHECK(!RtlEqualMemory(x, y, 16) && RtlEqualMemory(x, y, 5));
    RtlCopyMemory(y, x, 16);
    CHECK(RtlEqualMemory(x, y, 16));
    RtlMoveMemory(x + 1, x, 8); /* overlapping */
    CHECK(x[1] == 0 && x[8] == 7 && x[9] == 9);
    RtlZeroMemory(x, 16);
    CHECK(AllBytes(x, 16, 0));
    RtlFillMemory(x, 16, 0x3C);
    CHECK(AllBytes(x, 16, 0x3C));
    RtlSecureZeroMemory(y, 16);
    CHECK(AllBytes(y, 16, 0));

    ULONG words[4];
    RtlFillMemoryUlong(words, sizeof words, 0xA5A5F00D);
    CHECK(words[0] == 0xA5A5F00D && words[3] == 0xA5A5F00D);
    CHECK(RtlCompareMemoryUlong(words, sizeof words, 0xA5A5F00D) == sizeof words);
    words[2] = 0;
    CHECK(RtlCompareMemoryUlong(words, sizeof words, 0xA5A5F00D) == 2 * sizeof(ULONG)); /* up to the first */
    CHECK(DbgPrint("wdkconform: DbgPrint returns STATUS_SUCCESS\n") == STATUS_SUCCESS);

    /* RtlRandomEx: numbers in [0, MAXLONG - 1], the same sequence from the same seed, not all alike */
    ULONG seed = 12345, again = 12345, first = 0;
    BOOLEAN inRange = TRUE, repeats = TRUE, varies = FALSE;
    for (int i = 0; i < 64; i++) {
        ULONG r = RtlRandomEx(&seed);
        inRange = inRange && r < MAXLONG;
        repeats = repeats && RtlRandomEx(&again) == r;
        varies = varies || (i > 0 && r != first);
        first = i == 0 ? r : first;
    }
    CHECK(inRange && repeats && varies);
    CHECK(RtlRandom(&seed) < MAXLONG);
}

/* ntstrsafe.h's routines (over ntoskrnl.exe's _vsnprintf) and the C runtime's formatting. */
static VOID TestStrings(VOID)
{
    char buf[16], small[8];
    size_t length;
    UNICODE_STRING name;

    RtlInitUnicodeString(&name, L"Pool");
    CHECK(RtlStringCbPrintfA(buf, sizeof buf, "%d-%s-%wZ", 42, "ab", &name) == STATUS_SUCCESS);
    CHECK(strcmp(buf, "42-ab-Pool") == 0);
    CHECK(RtlStringCbPrintfA(small, sizeof small, "%s", "truncated") == STATUS_BUFFER_OVERFLOW);
    CHECK(strcmp(small, "truncat") == 0); /* cut and terminated */
    CHECK(NT_SUCCESS(RtlStringCchLengthA(buf, sizeof buf, &length)) && length == 10);
    CHECK(RtlStringCbCopyA(small, sizeof small, "abc") == STATUS_SUCCESS && strcmp(small, "abc") == 0);
    CHECK(RtlStringCbCatA(small, sizeof small, "def") == STATUS_SUCCESS && strcmp(small, "abcdef") == 0);
    CHECK(RtlStringCbCatA(small, sizeof small, "gh") == STATUS_BUFFER_OVERFLOW && strcmp(small, "abcdefg") == 0);

    /* the wide forms: %s and %c are wide, %S narrow, %wZ a UNICODE_STRING */
    WCHAR wide[24];
    UNICODE_STRING expected, got;
    CHECK(RtlStringCbPrintfW(wide, sizeof wide, L"%s=%d %S %c %wZ", L"w", 5, "n", L'c', &name) == STATUS_SUCCESS);
    RtlInitUnicodeString(&expected, L"w=5 n c Pool");
    RtlInitUnicodeString(&got, wide);
    CHECK(RtlEqualUnicodeString(&expected, &got, FALSE));
    CHECK(RtlStringCchPrintfW(wide, 4, L"%d", 123456) == STATUS_BUFFER_OVERFLOW && wide[3] == 0 && wide[2] == L'3');

    /* Microsoft's _snprintf: the terminator only when there is room, -1 when the text does not fit */
    RtlFillMemory(buf, sizeof buf, 'X');
    CHECK(_snprintf(buf, sizeof buf, "%05x", 0xbeef) == 5 && strcmp(buf, "0beef") == 0);
    RtlFillMemory(buf, sizeof buf, 'X');
    CHECK(_snprintf(buf, 4, "abcd") == 4 && buf[3] == 'd' && buf[4] == 'X');
    RtlFillMemory(buf, sizeof buf, 'X');
    CHECK(_snprintf(buf, 4, "abcdef") == -1 && buf[3] == 'd' && buf[4] == 'X');
    CHECK(sprintf(buf, "%llx|%c", 0x123456789ULL, 'z') == 11 && strcmp(buf, "123456789|z") == 0);
}

/* The counted-string routines beyond the Unicode basics: ANSI strings, conversions (allocating from
 * paged pool, freed by RtlFree*String), case, prefixes and integers. */
static VOID TestRtlStrings(VOID)
{
    STRING s, t;
    CHAR abuf[8];
    STRING d = { 0, sizeof abuf, abuf };
    RtlInitString(&s, "abc");
    CHECK(s.Length == 3 && s.MaximumLength == 4 && s.Buffer[0] == 'a');
    RtlCopyString(&d, &s);
    CHECK(d.Length == 3 && abuf[3] == 0);
    CHECK(RtlAppendStringToString(&d, &s) == STATUS_SUCCESS && d.Length == 6 && abuf[5] == 'c');
    CHECK(RtlAppendStringToString(&d, &s) == STATUS_BUFFER_TOO_SMALL && d.Length == 6);
    RtlInitString(&t, "ABCABC");
    CHECK(RtlCompareString(&d, &t, TRUE) == 0 && RtlCompareString(&d, &t, FALSE) > 0);
    CHECK(RtlEqualString(&d, &t, TRUE) && !RtlEqualString(&d, &t, FALSE));
    RtlUpperString(&d, &d);
    CHECK(RtlEqualString(&d, &t, FALSE));

    /* ANSI to Unicode and back, into the caller's buffer and allocated */
    WCHAR wbuf[8];
    UNICODE_STRING u = { 0, sizeof wbuf, wbuf }, v, w;
    CHECK(RtlAnsiStringToUnicodeSize(&s) == 8 && RtlxAnsiStringToUnicodeSize(&s) == 8);
    CHECK(RtlAnsiStringToUnicodeString(&u, &s, FALSE) == STATUS_SUCCESS && u.Length == 6 && wbuf[3] == 0);
    RtlInitUnicodeString(&v, L"abc");
    CHECK(RtlEqualUnicodeString(&u, &v, FALSE));
    u.MaximumLength = 6; /* no room for the terminator */
    CHECK(RtlAnsiStringToUnicodeString(&u, &s, FALSE) == STATUS_BUFFER_OVERFLOW);
    CHECK(RtlAnsiStringToUnicodeString(&w, &t, TRUE) == STATUS_SUCCESS && w.Length == 12 && w.Buffer);
    CHECK(w.MaximumLength >= 14 && w.Buffer[6] == 0 && w.Buffer[5] == L'C');
    ANSI_STRING a;
    CHECK(RtlUnicodeStringToAnsiSize(&w) == 7 && RtlxUnicodeStringToAnsiSize(&w) == 7);
    CHECK(RtlUnicodeStringToAnsiString(&a, &w, TRUE) == STATUS_SUCCESS && RtlEqualString(&a, &t, FALSE));
    CHECK(a.Buffer[6] == 0);
    RtlFreeAnsiString(&a);
    CHECK(a.Buffer == NULL);
    CHAR small[4];
    ANSI_STRING sa = { 0, sizeof small, small };
    CHECK(RtlUnicodeStringToAnsiString(&sa, &w, FALSE) == STATUS_BUFFER_OVERFLOW && sa.Length == 3 && small[3] == 0);

    /* case */
    UNICODE_STRING lower, upper;
    CHECK(RtlDowncaseUnicodeString(&lower, &w, TRUE) == STATUS_SUCCESS && lower.Length == 12 && lower.Buffer[0] == L'a');
    CHECK(RtlUpcaseUnicodeString(&upper, &lower, TRUE) == STATUS_SUCCESS && RtlEqualUnicodeString(&upper, &w, FALSE));
    CHECK(RtlUpcaseUnicodeString(&lower, &lower, FALSE) == STATUS_SUCCESS && RtlEqualUnicodeString(&lower, &w, FALSE));
    u.MaximumLength = 4;
    CHECK(RtlUpcaseUnicodeString(&u, &w, FALSE) == STATUS_BUFFER_OVERFLOW);
    CHECK(RtlUpcaseUnicodeChar(L'z') == L'Z' && RtlUpcaseUnicodeChar(0xE9) == 0xC9 && RtlUpcaseUnicodeChar(L'5') == L'5');
    CHECK(RtlDowncaseUnicodeChar(L'Q') == L'q' && RtlDowncaseUnicodeChar(0xC9) == 0xE9);
    RtlFreeUnicodeString(&lower);
    RtlFreeUnicodeString(&upper);
    RtlFreeUnicodeString(&w);
    CHECK(w.Buffer == NULL && w.Length == 0);

    UNICODE_STRING created, prefix;
    CHECK(RtlCreateUnicodeString(&created, L"\\Device\\Thing") && created.Length == 26 && created.Buffer[13] == 0);
    RtlInitUnicodeString(&prefix, L"\\DEVICE\\");
    CHECK(RtlPrefixUnicodeString(&prefix, &created, TRUE) && !RtlPrefixUnicodeString(&prefix, &created, FALSE));
    CHECK(!RtlPrefixUnicodeString(&created, &prefix, TRUE));
    RtlFreeUnicodeString(&created);

    u.Length = 0;
    u.MaximumLength = sizeof wbuf;
    CHECK(RtlAppendUnicodeToString(&u, L"ab") == STATUS_SUCCESS && RtlAppendUnicodeToString(&u, L"cd") == STATUS_SUCCESS);
    CHECK(u.Length == 8 && wbuf[3] == L'd' && wbuf[4] == 0);
    CHECK(RtlAppendUnicodeToString(&u, L"efghij") == STATUS_BUFFER_TOO_SMALL && u.Length == 8);

    /* integers */
    ULONG value = 0;
    CHECK(RtlCharToInteger("  0x1F", 0, &value) == STATUS_SUCCESS && value == 31);
    CHECK(RtlCharToInteger("-17", 10, &value) == STATUS_SUCCESS && value == (ULONG)-17);
    CHECK(RtlCharToInteger("0b110", 0, &value) == STATUS_SUCCESS && value == 6);
    CHECK(RtlCharToInteger("0o17", 0, &value) == STATUS_SUCCESS && value == 15);
    CHECK(RtlCharToInteger("12", 5, &value) == STATUS_INVALID_PARAMETER);
    u.Length = 0;
    CHECK(RtlIntegerToUnicodeString(0xCAFE, 16, &u) == STATUS_SUCCESS && u.Length == 8 && wbuf[0] == L'C' && wbuf[4] == 0);
    CHECK(RtlUnicodeStringToInteger(&u, 16, &value) == STATUS_SUCCESS && value == 0xCAFE);
    CHECK(RtlIntegerToUnicodeString(4096, 10, &u) == STATUS_SUCCESS && RtlUnicodeStringToInteger(&u, 0, &value) == STATUS_SUCCESS && value == 4096);
    CHECK(RtlIntegerToUnicodeString(5, 2, &u) == STATUS_SUCCESS && u.Length == 6 && wbuf[0] == L'1' && wbuf[1] == L'0');
    CHECK(RtlIntegerToUnicodeString(1, 7, &u) == STATUS_INVALID_PARAMETER);
    CHECK(RtlUnicodeStringToInteger(&u, 9, &value) == STATUS_INVALID_PARAMETER);
    u.MaximumLength = 6;
    CHECK(RtlIntegerToUnicodeString(123, 10, &u) == STATUS_BUFFER_OVERFLOW);
}

/* The code pages of an English Windows: ANSI 1252, OEM 437, single-byte both; '?' for what a page lacks. */
static VOID TestRtlCodePages(VOID)
{
    WCHAR w[8];
    CHAR b[8];
    ULONG n = 0;
    CHECK(RtlMultiByteToUnicodeN(w, sizeof w, &n, "a\x80\xe9\x9f", 4) == STATUS_SUCCESS && n == 8);
    CHECK(w[0] == L'a' && w[1] == 0x20AC && w[2] == 0xE9 && w[3] == 0x178);
    CHECK(RtlUnicodeToMultiByteN(b, sizeof b, &n, w, 8) == STATUS_SUCCESS && n == 4);
    CHECK((UCHAR)b[1] == 0x80 && (UCHAR)b[2] == 0xE9 && (UCHAR)b[3] == 0x9F);
    CHECK(RtlUpcaseUnicodeToMultiByteN(b, sizeof b, &n, L"az\xe9", 6) == STATUS_SUCCESS && n == 3);
    CHECK(b[0] == 'A' && b[1] == 'Z' && (UCHAR)b[2] == 0xC9);
    CHECK(RtlUnicodeToMultiByteN(b, 2, &n, L"xyz", 6) == STATUS_SUCCESS && n == 2); /* what fits */
    CHECK(RtlUnicodeToMultiByteN(b, sizeof b, &n, L"\x3a9", 2) == STATUS_SUCCESS && b[0] == '?');
    CHECK(RtlMultiByteToUnicodeSize(&n, "abc", 3) == STATUS_SUCCESS && n == 6);
    CHECK(RtlUnicodeToMultiByteSize(&n, L"abc", 6) == STATUS_SUCCESS && n == 3);

    CHECK(RtlOemToUnicodeN(w, sizeof w, &n, "\x82\xb3\xe1", 3) == STATUS_SUCCESS && n == 6);
    CHECK(w[0] == 0xE9 && w[1] == 0x2502 && w[2] == 0xDF);
    CHECK(RtlUnicodeToOemN(b, sizeof b, &n, w, 6) == STATUS_SUCCESS && n == 3 && (UCHAR)b[0] == 0x82 && (UCHAR)b[1] == 0xB3);
    CHECK(RtlUpcaseUnicodeToOemN(b, sizeof b, &n, L"\xe9q", 4) == STATUS_SUCCESS && n == 2 && (UCHAR)b[0] == 0x90 && b[1] == 'Q');

    OEM_STRING oem, back;
    UNICODE_STRING u;
    RtlInitString(&oem, "\x8e\x84");
    CHECK(RtlOemStringToUnicodeSize(&oem) == 6 && RtlxOemStringToUnicodeSize(&oem) == 6);
    CHECK(RtlOemStringToUnicodeString(&u, &oem, TRUE) == STATUS_SUCCESS && u.Length == 4);
    CHECK(u.Buffer[0] == 0xC4 && u.Buffer[1] == 0xE4 && u.Buffer[2] == 0);
    CHECK(RtlUnicodeStringToOemSize(&u) == 3 && RtlxUnicodeStringToOemSize(&u) == 3);
    CHECK(RtlUnicodeStringToOemString(&back, &u, TRUE) == STATUS_SUCCESS && RtlEqualString(&back, &oem, FALSE));
    RtlFreeOemString(&back);
    CHECK(back.Buffer == NULL);
    CHECK(RtlUpcaseUnicodeStringToOemString(&back, &u, TRUE) == STATUS_SUCCESS && back.Length == 2);
    CHECK((UCHAR)back.Buffer[0] == 0x8E && (UCHAR)back.Buffer[1] == 0x8E && back.Buffer[2] == 0);
    RtlFreeOemString(&back);
    CHAR small[2] = { 'x', 'x' };
    OEM_STRING tight = { 0, sizeof small, small }; /* no room for the terminator */
    CHECK(RtlUnicodeStringToOemString(&tight, &u, FALSE) == STATUS_BUFFER_OVERFLOW);
    RtlFreeUnicodeString(&u);

    ANSI_STRING a; /* the ANSI string routines use 1252 too */
    RtlInitString(&a, "\x80");
    CHECK(RtlAnsiStringToUnicodeString(&u, &a, TRUE) == STATUS_SUCCESS && u.Buffer[0] == 0x20AC);
    RtlFreeUnicodeString(&u);
}

/* UTF-8 as Windows 7 and later convert it. */
static VOID TestRtlUtf8(VOID)
{
    static const WCHAR wide[] = { L'A', 0xE9, 0x20AC, 0xD83D, 0xDE00 };
    static const CHAR utf8[] = "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    CHAR out[16];
    WCHAR back[8];
    ULONG n = 0;
    CHECK(RtlUnicodeToUTF8N(out, sizeof out, &n, wide, sizeof wide) == STATUS_SUCCESS && n == 10);
    CHECK(RtlCompareMemory(out, utf8, 10) == 10);
    CHECK(RtlUnicodeToUTF8N(NULL, 0, &n, wide, sizeof wide) == STATUS_SUCCESS && n == 10);
    CHECK(RtlUTF8ToUnicodeN(back, sizeof back, &n, utf8, 10) == STATUS_SUCCESS && n == sizeof wide);
    CHECK(RtlCompareMemory(back, wide, sizeof wide) == sizeof wide);
    CHECK(RtlUTF8ToUnicodeN(NULL, 0, &n, utf8, 10) == STATUS_SUCCESS && n == sizeof wide);
    CHECK(RtlUTF8ToUnicodeN(back, sizeof back, &n, "a\xff" "b", 3) == STATUS_SOME_NOT_MAPPED && n == 6 && back[1] == 0xFFFD);
    static const WCHAR lone[] = { L'x', 0xD800 };
    CHECK(RtlUnicodeToUTF8N(out, sizeof out, &n, lone, sizeof lone) == STATUS_SOME_NOT_MAPPED && n == 4);
    CHECK((UCHAR)out[1] == 0xEF && (UCHAR)out[2] == 0xBF && (UCHAR)out[3] == 0xBD);
    CHECK(RtlUnicodeToUTF8N(out, 3, &n, wide, sizeof wide) == STATUS_BUFFER_TOO_SMALL && n == 3);
    CHECK(RtlUTF8ToUnicodeN(back, 4, &n, "abc", 3) == STATUS_BUFFER_TOO_SMALL && n == 4);
    CHECK(RtlUnicodeToUTF8N(out, sizeof out, &n, NULL, 2) == STATUS_INVALID_PARAMETER_4);
    CHECK(RtlUnicodeToUTF8N(out, sizeof out, NULL, wide, 2) == STATUS_INVALID_PARAMETER);
    CHECK(RtlUnicodeToUTF8N(out, sizeof out, &n, wide, 3) == STATUS_INVALID_PARAMETER_5);
    CHECK(RtlUTF8ToUnicodeN(back, sizeof back, &n, NULL, 1) == STATUS_INVALID_PARAMETER_4);
}

/* ntoskrnl.exe exports it; mingw-w64's headers leave it out (the WDK's ntifs.h has it). */
NTSYSAPI BOOLEAN NTAPI RtlPrefixString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive);

/* The later string routines: 64-bit integers, counted comparisons, prefixes, validation, duplicates. */
static VOID TestRtlStringsMore(VOID)
{
    STRING p, t;
    RtlInitString(&p, "DEV");
    RtlInitString(&t, "device");
    CHECK(RtlPrefixString(&p, &t, TRUE) && !RtlPrefixString(&p, &t, FALSE) && !RtlPrefixString(&t, &p, TRUE));
    WCHAR buf[24];
    UNICODE_STRING s = { 0, sizeof buf, buf }, e;
    CHECK(RtlInt64ToUnicodeString(0x123456789ULL, 16, &s) == STATUS_SUCCESS && s.Length == 18 && buf[9] == 0);
    RtlInitUnicodeString(&e, L"123456789");
    CHECK(RtlEqualUnicodeString(&s, &e, FALSE));
    CHECK(RtlInt64ToUnicodeString(10000000000ULL, 10, &s) == STATUS_SUCCESS && s.Length == 22 && buf[0] == L'1');
    s.MaximumLength = 6;
    CHECK(RtlInt64ToUnicodeString(999, 10, &s) == STATUS_BUFFER_OVERFLOW);
    CHECK(RtlCompareUnicodeStrings(L"Alpha", 5, L"ALPHA", 5, TRUE) == 0);
    CHECK(RtlCompareUnicodeStrings(L"Alpha", 5, L"ALPHA", 5, FALSE) > 0 && RtlCompareUnicodeStrings(L"ab", 1, L"ab", 2, FALSE) < 0);

    UNICODE_STRING v = { 2, 4, buf }, odd = { 3, 4, buf }, none = { 0, 2, NULL };
    CHECK(RtlValidateUnicodeString(0, &v) == STATUS_SUCCESS && RtlValidateUnicodeString(0, NULL) == STATUS_SUCCESS);
    CHECK(RtlValidateUnicodeString(0, &odd) == STATUS_INVALID_PARAMETER && RtlValidateUnicodeString(0, &none) == STATUS_INVALID_PARAMETER);
    CHECK(RtlValidateUnicodeString(2, &v) == STATUS_INVALID_PARAMETER);

    UNICODE_STRING src, dup, empty = { 0, 0, NULL };
    RtlInitUnicodeString(&src, L"\\Device\\X");
    CHECK(RtlDuplicateUnicodeString(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE, &src, &dup) == STATUS_SUCCESS);
    CHECK(dup.Buffer != src.Buffer && RtlEqualUnicodeString(&dup, &src, FALSE) && dup.MaximumLength == src.Length + 2 && dup.Buffer[9] == 0);
    RtlFreeUnicodeString(&dup);
    CHECK(RtlDuplicateUnicodeString(0, &src, &dup) == STATUS_SUCCESS && dup.MaximumLength == src.Length);
    RtlFreeUnicodeString(&dup);
    CHECK(RtlDuplicateUnicodeString(0, &empty, &dup) == STATUS_SUCCESS && dup.Buffer == NULL && dup.MaximumLength == 0);
    CHECK(RtlDuplicateUnicodeString(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE | RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING,
                                    &empty, &dup) == STATUS_SUCCESS);
    CHECK(dup.Buffer != NULL && dup.Length == 0 && dup.MaximumLength == 2 && dup.Buffer[0] == 0);
    RtlFreeUnicodeString(&dup);
    CHECK(RtlDuplicateUnicodeString(RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING, &src, &dup) == STATUS_INVALID_PARAMETER);
}

/* GUIDs as text, and UUIDs the kernel makes. */
static VOID TestGuids(VOID)
{
    static const GUID known = { 0x6B29FC40, 0xCA47, 0x1067, { 0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06, 0x62, 0xDA } };
    UNICODE_STRING text, expected;
    GUID g;
    CHECK(RtlStringFromGUID(&known, &text) == STATUS_SUCCESS);
    RtlInitUnicodeString(&expected, L"{6B29FC40-CA47-1067-B31D-00DD010662DA}");
    CHECK(RtlEqualUnicodeString(&text, &expected, FALSE) && text.Length == 76 && text.Buffer[38] == 0);
    CHECK(RtlGUIDFromString(&text, &g) == STATUS_SUCCESS && RtlCompareMemory(&g, &known, sizeof g) == sizeof g);
    RtlFreeUnicodeString(&text);
    RtlInitUnicodeString(&text, L"{6b29fc40-ca47-1067-b31d-00dd010662da}");
    CHECK(RtlGUIDFromString(&text, &g) == STATUS_SUCCESS && IsEqualGUID(&g, &known));
    RtlInitUnicodeString(&text, L"6B29FC40-CA47-1067-B31D-00DD010662DA");
    CHECK(RtlGUIDFromString(&text, &g) == STATUS_INVALID_PARAMETER);
    RtlInitUnicodeString(&text, L"{6B29FC40-CA47-1067-B31D-00DD010662DX}");
    CHECK(RtlGUIDFromString(&text, &g) == STATUS_INVALID_PARAMETER);

    UUID a, b;
    CHECK(ExUuidCreate(&a) == STATUS_SUCCESS && ExUuidCreate(&b) == STATUS_SUCCESS);
    CHECK(!IsEqualGUID(&a, &b));
    CHECK((a.Data3 >> 12) == 1 && (b.Data3 >> 12) == 1); /* time-based */
    CHECK((a.Data4[0] & 0xC0) == 0x80);                  /* RFC 4122's variant */
}

/* Keeps the compiler from evaluating a C runtime call itself (GCC knows strlen, strchr...): the check
 * must reach ntoskrnl.exe's routine. */
static volatile ULONG_PTR g_Launder;

static PVOID Opaque(const VOID *p)
{
    g_Launder = (ULONG_PTR)p;
    return (PVOID)g_Launder;
}

typedef int(__cdecl *SWPRINTF_MS)(wchar_t *buffer, const wchar_t *format, ...);

/* The C runtime's string routines ntoskrnl.exe exports (cdecl). */
static VOID TestCrtStrings(VOID)
{
    char buf[16];
    char *b = Opaque(buf);
    const char *path = Opaque("a/b/c");
    CHECK(strcpy(b, Opaque("abc")) == b && strcmp(buf, "abc") == 0);
    CHECK(strcat(b, Opaque("de")) == b && strcmp(buf, "abcde") == 0);
    CHECK(strncat(b, Opaque("fghij"), 2) == b && strcmp(buf, "abcdefg") == 0);
    RtlFillMemory(buf, sizeof buf, 'X');
    CHECK(strncpy(b, Opaque("ab"), 4) == b && buf[1] == 'b' && buf[2] == 0 && buf[3] == 0 && buf[4] == 'X');
    CHECK(strchr(path, '/') == path + 1 && strrchr(path, '/') == path + 3 && strchr(path, 'z') == NULL);
    CHECK(strstr(path, Opaque("b/")) == path + 2 && strstr(path, Opaque("zz")) == NULL);
    CHECK(_stricmp(path, Opaque("A/B/C")) == 0 && _stricmp(Opaque("_"), Opaque("A")) < 0);
    CHECK(_strnicmp(path, Opaque("A/B/x"), 4) == 0 && _strnicmp(path, Opaque("A/C"), 3) < 0);
    strcpy(b, Opaque("MiXeD"));
    CHECK(_strupr(b) == b && strcmp(buf, "MIXED") == 0 && _strlwr(b) == b && strcmp(buf, "mixed") == 0);
    CHECK(toupper(*(volatile char *)b) == 'M' && tolower((int)(ULONG_PTR)Opaque((PVOID)'Q')) == 'q');
    CHECK(atoi(Opaque(" -314")) == -314 && atol(Opaque("+2718x")) == 2718);

    wchar_t wide[16];
    wchar_t *w = Opaque(wide);
    const wchar_t *name = Opaque(L"\\??\\C:\\Dir");
    CHECK(wcslen(name) == 10 && wcscpy(w, Opaque(L"ab")) == w && wcscat(w, Opaque(L"cd")) == w);
    CHECK(wcscmp(wide, Opaque(L"abcd")) == 0 && wcscmp(wide, Opaque(L"abce")) < 0 && wcsncmp(wide, Opaque(L"abX"), 2) == 0);
    CHECK(wcsncat(w, Opaque(L"efgh"), 1) == w && wcscmp(wide, Opaque(L"abcde")) == 0);
    CHECK(wcsncpy(w, Opaque(L"z"), 3) == w && wide[0] == L'z' && wide[2] == 0 && wide[3] == L'd');
    CHECK(_wcsicmp(name, Opaque(L"\\??\\c:\\dIR")) == 0 && _wcsnicmp(name, Opaque(L"\\??\\D"), 5) < 0);
    CHECK(wcschr(name, L'\\') == name && wcsrchr(name, L'\\') == name + 6 && wcschr(name, L'q') == NULL);
    CHECK(wcsstr(name, Opaque(L"C:")) == name + 4 && wcsstr(name, Opaque(L"Dirt")) == NULL);
    CHECK(towupper(*(volatile wchar_t *)Opaque(L"\xe9")) == 0xC9 && towlower(*(volatile wchar_t *)Opaque(L"A")) == L'a');

    /* _snwprintf: Microsoft's (-1 when cut, no terminator then); swprintf: the C99 form mingw-w64's header
     * gives (over _vsnwprintf), and ntoskrnl.exe's own, Microsoft's older form without a count */
    RtlFillMemory(wide, sizeof wide, 0xFF);
    CHECK(_snwprintf(w, 16, L"%d-%s", 42, L"w") == 4 && wcscmp(wide, L"42-w") == 0);
    CHECK(_snwprintf(w, 2, L"%d", 123) == -1 && wide[1] == L'2' && wide[2] == L'-');
    CHECK(swprintf(w, 16, L"%x", 0xbeef) == 4 && wcscmp(wide, L"beef") == 0);
    UNICODE_STRING routine;
    RtlInitUnicodeString(&routine, L"swprintf");
    SWPRINTF_MS msSwprintf = (SWPRINTF_MS)MmGetSystemRoutineAddress(&routine);
    CHECK(msSwprintf != NULL);
    if (msSwprintf)
        CHECK(msSwprintf(w, L"%S=%u", "n", 7u) == 3 && wcscmp(wide, L"n=7") == 0);
}

static VOID TestMm(VOID)
{
    PUCHAR n = ExAllocatePoolWithTag(NonPagedPool, 2 * PAGE_SIZE, TAG);
    CHECK(n != NULL);
    if (n) {
        PHYSICAL_ADDRESS p0 = MmGetPhysicalAddress(n), p1 = MmGetPhysicalAddress(n + 0x123);
        CHECK(MmIsAddressValid(n) && MmIsAddressValid(n + PAGE_SIZE + 5));
        CHECK(p0.QuadPart != 0 && (p0.LowPart & (PAGE_SIZE - 1)) == 0 && p1.QuadPart == p0.QuadPart + 0x123);
        ExFreePoolWithTag(n, TAG);
    }
    PVOID p = ExAllocatePoolWithTag(NonPagedPool, 40, TAG);
    if (p) {
        PHYSICAL_ADDRESS pa = MmGetPhysicalAddress(p);
        CHECK((pa.LowPart & (PAGE_SIZE - 1)) == ((ULONG_PTR)p & (PAGE_SIZE - 1)));
        ExFreePoolWithTag(p, TAG);
    }
    /* DriverEntry runs in the System process, on a system thread */
    CHECK(PsGetCurrentProcessId() != NULL && PsGetCurrentThreadId() != NULL);
    CHECK(PsGetCurrentProcess() != NULL && PsGetCurrentProcess() == IoGetCurrentProcess());
    CHECK((PVOID)PsGetCurrentThread() == (PVOID)KeGetCurrentThread());
    CHECK(!MmIsAddressValid(NULL));
    CHECK(MmIsAddressValid((PVOID)TestMm)); /* the driver's own nonpaged code */
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, L"ExAllocatePoolWithTag");
    CHECK(MmGetSystemRoutineAddress(&name) != NULL);
    RtlInitUnicodeString(&name, L"KeGetCurrentIrql"); /* HAL.dll's: the search covers it too */
    CHECK(MmGetSystemRoutineAddress(&name) != NULL);
    RtlInitUnicodeString(&name, L"NoSuchRoutineAnywhere");
    CHECK(MmGetSystemRoutineAddress(&name) == NULL);
}

VOID NTAPI PulseDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc); UNREFERENCED_PARAMETER(Arg1); UNREFERENCED_PARAMETER(Arg2);
    KePulseEvent((PRKEVENT)Context, IO_NO_INCREMENT, FALSE);
}

/* KeWaitForMultipleObjects: WaitAny returns STATUS_WAIT_0 + the index and takes only that object,
 * WaitAll takes all or none; a DPC's signal or pulse ends a wait in progress; KePulseEvent leaves the
 * event not signaled. */
static VOID TestMultipleWaits(VOID)
{
    KEVENT notification, synchronization;
    KSEMAPHORE semaphore;
    KMUTEX mutex;
    KTIMER timer;
    KDPC dpc;
    KWAIT_BLOCK blocks[5];
    LARGE_INTEGER zero = { .QuadPart = 0 }, due = { .QuadPart = -10 * 1000 * 20 };
    LARGE_INTEGER timeout = { .QuadPart = -10 * 1000 * 2000 };
    KeInitializeEvent(&notification, NotificationEvent, FALSE);
    KeInitializeEvent(&synchronization, SynchronizationEvent, TRUE);
    KeInitializeSemaphore(&semaphore, 1, 5);
    KeInitializeMutex(&mutex, 0);
    PVOID any[3] = { &notification, &synchronization, &semaphore };
    CHECK(KeWaitForMultipleObjects(3, any, WaitAny, Executive, KernelMode, FALSE, &zero, NULL) == STATUS_WAIT_1);
    CHECK(KeReadStateEvent(&synchronization) == 0 && KeReadStateSemaphore(&semaphore) == 1);
    CHECK(KeWaitForMultipleObjects(3, any, WaitAny, Executive, KernelMode, FALSE, &zero, NULL) == STATUS_WAIT_2);
    CHECK(KeReadStateSemaphore(&semaphore) == 0);
    CHECK(KeWaitForMultipleObjects(3, any, WaitAny, Executive, KernelMode, FALSE, &zero, NULL) == STATUS_TIMEOUT);
    /* WaitAll: nothing is taken until everything is signaled */
    PVOID all[3] = { &notification, &semaphore, &mutex };
    KeSetEvent(&notification, IO_NO_INCREMENT, FALSE);
    CHECK(KeWaitForMultipleObjects(3, all, WaitAll, Executive, KernelMode, FALSE, &zero, NULL) == STATUS_TIMEOUT);
    CHECK(KeReadStateMutex(&mutex) == 1 && KeReadStateEvent(&notification) != 0);
    KeReleaseSemaphore(&semaphore, IO_NO_INCREMENT, 1, FALSE);
    CHECK(KeWaitForMultipleObjects(3, all, WaitAll, Executive, KernelMode, FALSE, &zero, NULL) == STATUS_SUCCESS);
    CHECK(KeReadStateMutex(&mutex) == 0 && KeReadStateSemaphore(&semaphore) == 0 && KeReadStateEvent(&notification) != 0);
    CHECK(KeReleaseMutex(&mutex, FALSE) == 0);
    /* more than THREAD_WAIT_OBJECTS with the caller's wait blocks; a timer's expiry ends it */
    KeClearEvent(&notification);
    KeInitializeTimer(&timer);
    PVOID five[5] = { &notification, &synchronization, &semaphore, &notification, &timer };
    KeSetTimer(&timer, due, NULL);
    CHECK(KeWaitForMultipleObjects(5, five, WaitAny, Executive, KernelMode, FALSE, &timeout, blocks) == STATUS_WAIT_0 + 4);
    CHECK(blocks[4].Object == &timer && blocks[0].Object == &notification && blocks[2].Thread == KeGetCurrentThread());
    /* a timer's DPC sets one of two events */
    KeInitializeDpc(&dpc, SignalDpc, &notification);
    KeSetTimer(&timer, due, &dpc);
    PVOID two[2] = { &synchronization, &notification };
    CHECK(KeWaitForMultipleObjects(2, two, WaitAny, Executive, KernelMode, FALSE, &timeout, NULL) == STATUS_WAIT_1);
    /* KePulseEvent: the state before, then not signaled; a pulse from a DPC ends the wait in progress */
    CHECK(KePulseEvent(&notification, IO_NO_INCREMENT, FALSE) != 0 && KeReadStateEvent(&notification) == 0);
    CHECK(KePulseEvent(&notification, IO_NO_INCREMENT, FALSE) == 0 && KeReadStateEvent(&notification) == 0);
    KeInitializeDpc(&dpc, PulseDpc, &notification);
    KeSetTimer(&timer, due, &dpc);
    CHECK(KeWaitForSingleObject(&notification, Executive, KernelMode, FALSE, &timeout) == STATUS_SUCCESS);
    CHECK(KeReadStateEvent(&notification) == 0);
    KeSetTimer(&timer, due, &dpc);
    CHECK(KeWaitForMultipleObjects(2, two, WaitAny, Executive, KernelMode, FALSE, &timeout, NULL) == STATUS_WAIT_1);
}

/* The thread, the mode, the version, spinlock tests and tries, floating point. */
static VOID TestThreadAndSystem(VOID)
{
    PKTHREAD thread = KeGetCurrentThread();
    CHECK(KeGetPreviousMode() == KernelMode && ExGetPreviousMode() == KernelMode);
    CHECK(PsIsSystemThread(PsGetCurrentThread()));
    KPRIORITY priority = KeQueryPriorityThread(thread);
    CHECK(priority > LOW_PRIORITY && priority <= HIGH_PRIORITY);
    CHECK(KeSetPriorityThread(thread, LOW_REALTIME_PRIORITY) == priority);
    CHECK(KeQueryPriorityThread(thread) == LOW_REALTIME_PRIORITY);
    KeSetPriorityThread(thread, priority);

    ULONG major = 0, minor = 7, build = 0;
    UNICODE_STRING csd = { 0, 0, NULL };
    PsGetVersion(&major, &minor, &build, &csd);
    CHECK(major >= 6 && build > 0 && csd.Buffer != NULL);
    RTL_OSVERSIONINFOEXW info;
    RtlZeroMemory(&info, sizeof info);
    info.dwOSVersionInfoSize = sizeof info;
    CHECK(RtlGetVersion((PRTL_OSVERSIONINFOW)&info) == STATUS_SUCCESS);
    CHECK(info.dwMajorVersion == major && info.dwMinorVersion == minor && info.dwBuildNumber == build);
    CHECK(info.dwPlatformId == VER_PLATFORM_WIN32_NT && info.wProductType == VER_NT_WORKSTATION);
    CHECK(IoIsWdmVersionAvailable(1, 0x30) && IoIsWdmVersionAvailable(WDM_MAJORVERSION, WDM_MINORVERSION));
    CHECK(!IoIsWdmVersionAvailable(WDM_MAJORVERSION + 1, 0));

    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    CHECK(KeTestSpinLock(&lock));
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK(KeTryToAcquireSpinLockAtDpcLevel(&lock) && !KeTestSpinLock(&lock));
    CHECK(!KeTryToAcquireSpinLockAtDpcLevel(&lock));
    KeReleaseSpinLockFromDpcLevel(&lock);
    CHECK(KeTestSpinLock(&lock));
    KeLowerIrql(old);

    /* floating point: a fresh state inside, the caller's own back after, nested saves too */
    USHORT mine = 0x0F7F, seen = 0, inner = 0, back = 0, original;
    __asm__ volatile("fnstcw %0" : "=m"(original));
    __asm__ volatile("fldcw %0" : : "m"(mine));
    KFLOATING_SAVE save, nested;
    CHECK(KeSaveFloatingPointState(&save) == STATUS_SUCCESS);
    __asm__ volatile("fnstcw %0" : "=m"(seen));
    volatile double third = 1.0 / 3.0;
    CHECK(seen != mine && third * 3.0 > 0.99 && third * 3.0 < 1.01);
    CHECK(KeSaveFloatingPointState(&nested) == STATUS_SUCCESS);
    USHORT other = 0x0C7F;
    __asm__ volatile("fldcw %0" : : "m"(other));
    CHECK(KeRestoreFloatingPointState(&nested) == STATUS_SUCCESS);
    __asm__ volatile("fnstcw %0" : "=m"(inner));
    CHECK(inner == seen);
    CHECK(KeRestoreFloatingPointState(&save) == STATUS_SUCCESS);
    __asm__ volatile("fnstcw %0" : "=m"(back));
    CHECK(back == mine);
    __asm__ volatile("fldcw %0" : : "m"(original));
}

static volatile LONG g_WorkRuns;
static volatile KIRQL g_WorkIrql;
static PDEVICE_OBJECT g_WorkDevice;
static PVOID g_WorkContext;

VOID NTAPI ConformWorker(PVOID Parameter)
{
    g_WorkIrql = KeGetCurrentIrql();
    InterlockedIncrement(&g_WorkRuns);
    KeSetEvent((PRKEVENT)Parameter, IO_NO_INCREMENT, FALSE);
}

VOID NTAPI ConformIoWorker(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    g_WorkDevice = DeviceObject;
    g_WorkContext = Context;
    ConformWorker(Context);
}

/* Work items run later, at PASSIVE_LEVEL, on a system thread: a wait for what they do ends. An I/O work
 * item's routine gets its device and context; the device's references keep it while the item waits. */
static VOID TestWorkItems(PDEVICE_OBJECT device)
{
    KEVENT done;
    WORK_QUEUE_ITEM item;
    LARGE_INTEGER timeout = { .QuadPart = -10 * 1000 * 2000 };
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    g_WorkRuns = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    ExInitializeWorkItem(&item, ConformWorker, &done);
    ExQueueWorkItem(&item, DelayedWorkQueue);
#pragma GCC diagnostic pop
    CHECK(g_WorkRuns == 0); /* queued, not called */
    CHECK(KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, &timeout) == STATUS_SUCCESS);
    CHECK(g_WorkRuns == 1 && g_WorkIrql == PASSIVE_LEVEL);

    PIO_WORKITEM io = IoAllocateWorkItem(device);
    CHECK(io != NULL);
    if (!io)
        return;
    KeClearEvent(&done);
    IoQueueWorkItem(io, ConformIoWorker, DelayedWorkQueue, &done);
    CHECK(g_WorkRuns == 1);
    PVOID both[2] = { &done, &done };
    CHECK(KeWaitForMultipleObjects(2, both, WaitAny, Executive, KernelMode, FALSE, &timeout, NULL) == STATUS_WAIT_0);
    CHECK(g_WorkRuns == 2 && g_WorkDevice == device && g_WorkContext == &done && g_WorkIrql == PASSIVE_LEVEL);
    /* queued again from outside its routine, once it has run */
    KeClearEvent(&done);
    IoQueueWorkItem(io, ConformIoWorker, CriticalWorkQueue, &done);
    CHECK(KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, &timeout) == STATUS_SUCCESS && g_WorkRuns == 3);
    IoFreeWorkItem(io);
}

/* Object references on what a driver holds: its device, its driver object, the process and thread. */
static VOID TestReferences(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT device)
{
    ObReferenceObject(device);
    ObDereferenceObject(device);
    ObReferenceObject(DriverObject);
    ObDereferenceObject(DriverObject);
    CHECK(ObReferenceObjectByPointer(PsGetCurrentProcess(), 0, *PsProcessType, KernelMode) == STATUS_SUCCESS);
    ObDereferenceObject(PsGetCurrentProcess());
    CHECK(ObReferenceObjectByPointer(KeGetCurrentThread(), 0, *PsThreadType, KernelMode) == STATUS_SUCCESS);
    ObDereferenceObject(KeGetCurrentThread());
    CHECK(ObReferenceObjectByPointer(KeGetCurrentThread(), 0, *PsProcessType, KernelMode) == STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByPointer(device, 0, NULL, KernelMode) == STATUS_SUCCESS);
    ObDereferenceObject(device);
    /* a referenced device deleted: gone from the driver's list, its memory there until the last reference */
    PDEVICE_OBJECT extra = NULL;
    CHECK(IoCreateDevice(DriverObject, 16, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &extra) == STATUS_SUCCESS);
    if (!extra)
        return;
    ObReferenceObject(extra);
    IoDeleteDevice(extra);
    CHECK(DriverObject->DeviceObject == device);
    CHECK(extra->Type == IO_TYPE_DEVICE && extra->DriverObject == DriverObject);
    ObDereferenceObject(extra);
}

/* DriverEntry's usual set-up: a named device with an extension, a link to it, both gone at unload. */
typedef struct _CONFORM_EXTENSION {
    ULONG Words[37];
} CONFORM_EXTENSION;

static PDEVICE_OBJECT g_DispatchDevice;
static UCHAR g_DispatchMajor;

static NTSTATUS IoDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp);
static PDEVICE_OBJECT g_Buffered, g_Direct, g_Filter;
static NTSTATUS CsqDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp);
static PDEVICE_OBJECT g_CsqDevice;

static NTSTATUS ConformDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    if (DeviceObject && DeviceObject == g_CsqDevice)
        return CsqDispatch(DeviceObject, Irp);
    if (DeviceObject && (DeviceObject == g_Buffered || DeviceObject == g_Direct || DeviceObject == g_Filter))
        return IoDispatch(DeviceObject, Irp);
    g_DispatchDevice = stack->DeviceObject == DeviceObject ? DeviceObject : NULL;
    g_DispatchMajor = stack->MajorFunction;
    if (stack->MajorFunction == IRP_MJ_SHUTDOWN)
        DbgPrint("wdkconform: IRP_MJ_SHUTDOWN\n");
    Irp->IoStatus.Status = stack->MajorFunction == IRP_MJ_DEVICE_CONTROL ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
    Irp->IoStatus.Information = 42;
    NTSTATUS status = Irp->IoStatus.Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

typedef struct _COMPLETION_SEEN {
    ULONG Calls;
    PDEVICE_OBJECT DeviceObject;
    NTSTATUS Status;
} COMPLETION_SEEN;

static NTSTATUS ConformCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    COMPLETION_SEEN *seen = Context;
    seen->Calls++;
    seen->DeviceObject = DeviceObject;
    seen->Status = Irp->IoStatus.Status;
    return STATUS_MORE_PROCESSING_REQUIRED; /* the IRP is ours: IoFreeIrp */
}

/* An IRP of our own, sent to our device: the dispatch routine sees its stack location, the completion
 * routine runs with a NULL device (no stack location is ours), and stops the completion. */
static VOID TestIrp(PDEVICE_OBJECT device, UCHAR major, NTSTATUS expected)
{
    COMPLETION_SEEN seen = { 0, NULL, 0 };
    PIRP irp = IoAllocateIrp(device->StackSize, FALSE);
    CHECK(irp != NULL);
    if (!irp)
        return;
    CHECK(irp->Type == IO_TYPE_IRP && irp->StackCount == 1 && irp->CurrentLocation == 2);
    CHECK(irp->Size == IoSizeOfIrp(1));
    PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(irp);
    next->MajorFunction = major;
    IoSetCompletionRoutine(irp, ConformCompletion, &seen, TRUE, TRUE, TRUE);
    g_DispatchDevice = NULL;
    CHECK(IoCallDriver(device, irp) == expected);
    CHECK(g_DispatchDevice == device && g_DispatchMajor == major);
    CHECK(irp->IoStatus.Status == expected && irp->IoStatus.Information == 42);
    CHECK(seen.Calls == 1 && seen.DeviceObject == NULL && seen.Status == expected);
    IoFreeIrp(irp);
}

/* The devices TestIoBuild sends the I/O manager's IRPs to: one buffered, one direct, a filter over
 * the buffered one. IoDispatch answers for them (ConformDispatch hands their IRPs over). */
#define IOCTL_CONFORM(function, method) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800 + (function), method, FILE_ANY_ACCESS)
#define IOCTL_PEND IOCTL_CONFORM(9, METHOD_BUFFERED)
static PIRP g_Pending;
static LARGE_INTEGER g_Offset;
static ULONG g_Written, g_Opens, g_Cleanups, g_Closes;

static VOID IoCancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    g_Pending = NULL;
    Irp->IoStatus.Status = STATUS_CANCELLED;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

/* Control codes: the output is each input byte plus one (the input repeated), whatever the method.
 * Reads fill the buffer with 'R'; writes add their bytes up. */
static NTSTATUS IoDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(Irp);
    if (DeviceObject == g_Filter) {
        IoSkipCurrentIrpStackLocation(Irp);
        return IoCallDriver(g_Buffered, Irp);
    }
    PUCHAR in = NULL, out = NULL;
    ULONG inLength = 0, outLength = 0;
    if (s->MajorFunction == IRP_MJ_DEVICE_CONTROL || s->MajorFunction == IRP_MJ_INTERNAL_DEVICE_CONTROL) {
        ULONG code = s->Parameters.DeviceIoControl.IoControlCode;
        inLength = s->Parameters.DeviceIoControl.InputBufferLength;
        outLength = s->Parameters.DeviceIoControl.OutputBufferLength;
        if (code == IOCTL_PEND) {
            IoSetCancelRoutine(Irp, IoCancel);
            IoMarkIrpPending(Irp);
            g_Pending = Irp;
            return STATUS_PENDING;
        }
        switch (METHOD_FROM_CTL_CODE(code)) {
        case METHOD_BUFFERED:
            in = out = Irp->AssociatedIrp.SystemBuffer;
            break;
        case METHOD_IN_DIRECT:
        case METHOD_OUT_DIRECT:
            in = Irp->AssociatedIrp.SystemBuffer;
            out = Irp->MdlAddress ? MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority) : NULL;
            break;
        default:
            in = s->Parameters.DeviceIoControl.Type3InputBuffer;
            out = Irp->UserBuffer;
        }
        UCHAR first = inLength ? in[0] : 0;
        for (ULONG i = 0; out && i < outLength; i++)
            out[i] = (UCHAR)((inLength ? (i < inLength ? in[i] : first) : 0) + 1);
        Irp->IoStatus.Information = outLength;
    } else if (s->MajorFunction == IRP_MJ_CREATE) {
        g_Opens += s->FileObject && s->Parameters.Create.SecurityContext &&
                   s->Parameters.Create.SecurityContext->DesiredAccess == FILE_READ_DATA;
    } else if (s->MajorFunction == IRP_MJ_CLEANUP || s->MajorFunction == IRP_MJ_CLOSE) {
        *(s->MajorFunction == IRP_MJ_CLOSE ? &g_Closes : &g_Cleanups) += s->FileObject != NULL;
    } else if (s->MajorFunction == IRP_MJ_READ || s->MajorFunction == IRP_MJ_WRITE) {
        PUCHAR b = DeviceObject->Flags & DO_BUFFERED_IO ? Irp->AssociatedIrp.SystemBuffer
                   : DeviceObject->Flags & DO_DIRECT_IO ? MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority)
                                                        : Irp->UserBuffer;
        g_Offset = s->Parameters.Read.ByteOffset;
        for (ULONG i = 0; b && i < s->Parameters.Read.Length; i++) {
            if (s->MajorFunction == IRP_MJ_READ)
                b[i] = 'R';
            else
                g_Written += b[i];
        }
        Irp->IoStatus.Information = s->Parameters.Read.Length;
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS FreeingCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    *(NTSTATUS *)Context = Irp->IoStatus.Status;
    if (Irp->MdlAddress) { /* an asynchronous request's MDL and IRP are ours to free */
        MmUnlockPages(Irp->MdlAddress);
        IoFreeMdl(Irp->MdlAddress);
    }
    IoFreeIrp(Irp);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* One control code through IoBuildDeviceIoControlRequest: 16 bytes in, out bytes back, each plus one. */
static VOID TestIoctl(PDEVICE_OBJECT device, ULONG code, BOOLEAN internal, PUCHAR outBuffer, ULONG out)
{
    UCHAR in[16];
    KEVENT event;
    IO_STATUS_BLOCK iosb = { .Status = STATUS_PENDING, .Information = 0 };
    for (ULONG i = 0; i < sizeof in; i++)
        in[i] = (UCHAR)(0x40 + i);
    RtlZeroMemory(outBuffer, out);
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    PIRP irp = IoBuildDeviceIoControlRequest(code, device, in, sizeof in, outBuffer, out, internal, &event, &iosb);
    CHECK(irp != NULL);
    if (!irp)
        return;
    PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(irp);
    CHECK(next->MajorFunction == (internal ? IRP_MJ_INTERNAL_DEVICE_CONTROL : IRP_MJ_DEVICE_CONTROL));
    CHECK(next->Parameters.DeviceIoControl.IoControlCode == code && next->Parameters.DeviceIoControl.InputBufferLength == 16);
    CHECK(irp->UserIosb == &iosb && irp->UserEvent == &event && irp->RequestorMode == KernelMode);
    CHECK(IoCallDriver(device, irp) == STATUS_SUCCESS);
    CHECK(KeReadStateEvent(&event) && iosb.Status == STATUS_SUCCESS && iosb.Information == out);
    CHECK(outBuffer[0] == 0x41 && outBuffer[15] == 0x50 && outBuffer[out - 1] == (out > 16 ? 0x41 : 0x40 + out));
}

/* A device opened by name as a client driver opens another's: IRP_MJ_CREATE with the file object, the
 * top of the stack to send to, IRP_MJ_CLEANUP and IRP_MJ_CLOSE at the file object's last dereference. */
static VOID TestOpenByName(PDEVICE_OBJECT top)
{
    UNICODE_STRING name, link, missing, invalid, refusing;
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT device = NULL;
    RtlInitUnicodeString(&name, L"\\Device\\ConformBuffered");
    RtlInitUnicodeString(&link, L"\\??\\ConformBuf");
    RtlInitUnicodeString(&missing, L"\\Device\\NoSuchDevice");
    RtlInitUnicodeString(&invalid, L"NoBackslash");
    RtlInitUnicodeString(&refusing, L"\\DosDevices\\WdkConform"); /* ConformDispatch refuses IRP_MJ_CREATE */
    g_Opens = g_Cleanups = g_Closes = 0;
    CHECK(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &device) == STATUS_SUCCESS);
    if (!file)
        return;
    CHECK(g_Opens == 1 && file->Type == IO_TYPE_FILE && file->DeviceObject == g_Buffered);
    CHECK(device == top && IoGetRelatedDeviceObject(file) == top);
    ObReferenceObject(file);
    ObDereferenceObject(file);
    CHECK(g_Cleanups == 0 && g_Closes == 0);
    ObDereferenceObject(file);
    CHECK(g_Cleanups == 1 && g_Closes == 1);
    CHECK(IoCreateSymbolicLink(&link, &name) == STATUS_SUCCESS);
    CHECK(IoGetDeviceObjectPointer(&link, FILE_READ_DATA, &file, &device) == STATUS_SUCCESS && g_Opens == 2);
    ObDereferenceObject(file);
    IoDeleteSymbolicLink(&link);
    CHECK(IoGetDeviceObjectPointer(&missing, FILE_READ_DATA, &file, &device) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(IoGetDeviceObjectPointer(&invalid, FILE_READ_DATA, &file, &device) == STATUS_OBJECT_NAME_INVALID);
    CHECK(IoGetDeviceObjectPointer(&refusing, FILE_READ_DATA, &file, &device) == STATUS_INVALID_DEVICE_REQUEST);
}

/* StartIo: the first packet starts at once, the next two wait (the keyed one in key order) until
 * IoStartNextPacket; each StartIo completes its IRP. */
static PIRP g_Started[4];
static ULONG g_StartedCount;

static VOID ConformStartIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    if (g_StartedCount < 4)
        g_Started[g_StartedCount++] = Irp;
}

static VOID TestStartIo(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT device)
{
    PIRP irps[3];
    ULONG keys[3] = { 0, 9, 5 };
    DriverObject->DriverStartIo = ConformStartIo;
    g_StartedCount = 0;
    for (ULONG i = 0; i < 3; i++)
        irps[i] = IoAllocateIrp(1, FALSE);
    if (!irps[0] || !irps[1] || !irps[2])
        return;
    KIRQL irql;
    IoStartPacket(device, irps[0], &keys[0], NULL);
    CHECK(g_StartedCount == 1 && g_Started[0] == irps[0] && device->CurrentIrp == irps[0]);
    IoStartPacket(device, irps[1], &keys[1], NULL);
    IoStartPacket(device, irps[2], &keys[2], NULL);
    CHECK(g_StartedCount == 1 && device->DeviceQueue.Busy);
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    IoStartNextPacket(device, FALSE);
    CHECK(g_StartedCount == 2 && g_Started[1] == irps[2]); /* key 5 before key 9 */
    IoStartNextPacketByKey(device, FALSE, 7);
    CHECK(g_StartedCount == 3 && g_Started[2] == irps[1]);
    IoStartNextPacket(device, FALSE);
    CHECK(g_StartedCount == 3 && device->CurrentIrp == NULL && !device->DeviceQueue.Busy);
    KeLowerIrql(irql);
    KDEVICE_QUEUE queue;
    KDEVICE_QUEUE_ENTRY a, b;
    KeInitializeDeviceQueue(&queue);
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    CHECK(!KeInsertDeviceQueue(&queue, &a) && queue.Busy); /* idle: the caller starts it */
    CHECK(KeInsertDeviceQueue(&queue, &b) && b.Inserted);
    CHECK(KeRemoveEntryDeviceQueue(&queue, &b) && !b.Inserted && !KeRemoveEntryDeviceQueue(&queue, &b));
    CHECK(KeRemoveDeviceQueue(&queue) == NULL && !queue.Busy);
    KeLowerIrql(irql);
    for (ULONG i = 0; i < 3; i++)
        IoFreeIrp(irps[i]);
    DriverObject->DriverStartIo = NULL;
}

/* A remove lock: acquisitions count until IoReleaseRemoveLockAndWait, then are refused. */
static VOID TestRemoveLock(VOID)
{
    IO_REMOVE_LOCK lock;
    IoInitializeRemoveLock(&lock, TAG, 0, 0);
    CHECK(IoAcquireRemoveLock(&lock, NULL) == STATUS_SUCCESS);
    CHECK(IoAcquireRemoveLock(&lock, &lock) == STATUS_SUCCESS);
    IoReleaseRemoveLock(&lock, &lock);
    IoReleaseRemoveLockAndWait(&lock, NULL); /* every acquisition released: no wait */
    CHECK(IoAcquireRemoveLock(&lock, NULL) == STATUS_DELETE_PENDING);
}

static volatile LONG g_TimerCalls;
static PDEVICE_OBJECT g_TimerDevice;

static VOID ConformIoTimer(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    if (DeviceObject == g_TimerDevice && Context == &g_TimerCalls && KeGetCurrentIrql() == DISPATCH_LEVEL)
        InterlockedIncrement(&g_TimerCalls);
}

/* The device timer ticks once a second while started; an error log entry is bounded and printed. */
static VOID TestTimerAndErrorLog(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT device)
{
    LARGE_INTEGER wait = { .QuadPart = -13000000LL }; /* 1.3 s */
    g_TimerDevice = device;
    CHECK(IoInitializeTimer(device, ConformIoTimer, (PVOID)&g_TimerCalls) == STATUS_SUCCESS);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    CHECK(g_TimerCalls == 0); /* not started */
    IoStartTimer(device);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    IoStopTimer(device);
    LONG calls = g_TimerCalls;
    CHECK(calls >= 1 && calls <= 2); /* one at 1 s; a second only if the guest fell behind */
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    CHECK(g_TimerCalls == calls);
    CHECK(IoAllocateErrorLogEntry(device, ERROR_LOG_MAXIMUM_SIZE + 1) == NULL);
    PIO_ERROR_LOG_PACKET entry = IoAllocateErrorLogEntry(DriverObject, sizeof(IO_ERROR_LOG_PACKET) + sizeof(ULONG));
    CHECK(entry != NULL && entry->DumpDataSize == 0 && entry->ErrorCode == 0);
    if (entry) {
        entry->ErrorCode = (NTSTATUS)0xC0040001L;
        entry->UniqueErrorValue = 0x2A;
        entry->FinalStatus = STATUS_DEVICE_NOT_READY;
        entry->MajorFunctionCode = IRP_MJ_READ;
        entry->DumpDataSize = 2 * sizeof(ULONG);
        entry->DumpData[0] = 0xD00D;
        entry->DumpData[1] = 0xF00D;
        IoWriteErrorLogEntry(entry);
    }
    PVOID unused = IoAllocateErrorLogEntry(device, sizeof(IO_ERROR_LOG_PACKET));
    CHECK(unused != NULL);
    if (unused)
        IoFreeErrorLogEntry(unused);
    CHECK(IoRegisterShutdownNotification(device) == STATUS_SUCCESS); /* test_drivers powers off */
}

static VOID TestIoBuild(PDRIVER_OBJECT DriverObject, PDRIVER_DISPATCH unset)
{
    UNICODE_STRING bufferedName;
    RtlInitUnicodeString(&bufferedName, L"\\Device\\ConformBuffered");
    CHECK(IoCreateDevice(DriverObject, 0, &bufferedName, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Buffered) == STATUS_SUCCESS);
    CHECK(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Direct) == STATUS_SUCCESS);
    CHECK(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Filter) == STATUS_SUCCESS);
    if (!g_Buffered || !g_Direct || !g_Filter)
        return;
    g_Buffered->Flags |= DO_BUFFERED_IO;
    g_Direct->Flags |= DO_DIRECT_IO;
    UCHAR small[24];
    PUCHAR paged = ExAllocatePoolWithTag(PagedPool, 2 * PAGE_SIZE, TAG);
    CHECK(paged != NULL);
    if (!paged)
        return;
    TestIoctl(g_Buffered, IOCTL_CONFORM(1, METHOD_BUFFERED), FALSE, small, sizeof small);
    TestIoctl(g_Buffered, IOCTL_CONFORM(2, METHOD_BUFFERED), TRUE, small, 8);
    TestIoctl(g_Buffered, IOCTL_CONFORM(3, METHOD_OUT_DIRECT), FALSE, paged + 100, PAGE_SIZE);
    CHECK(!MmIsNonPagedSystemAddressValid(paged + 100)); /* the MDL was unlocked at completion */
    TestIoctl(g_Buffered, IOCTL_CONFORM(4, METHOD_IN_DIRECT), FALSE, paged + 8, 40);
    TestIoctl(g_Buffered, IOCTL_CONFORM(5, METHOD_NEITHER), FALSE, small, sizeof small);

    /* reads and writes: buffered, direct, and a flush with no buffer */
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    LARGE_INTEGER offset = { .QuadPart = 0x123456789LL };
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    RtlFillMemory(paged, 64, 1);
    PIRP irp = IoBuildSynchronousFsdRequest(IRP_MJ_READ, g_Buffered, paged, 64, &offset, &event, &iosb);
    CHECK(irp != NULL && IoCallDriver(g_Buffered, irp) == STATUS_SUCCESS);
    CHECK(KeReadStateEvent(&event) && iosb.Information == 64 && paged[0] == 'R' && paged[63] == 'R' && paged[64] != 'R');
    CHECK(g_Offset.QuadPart == offset.QuadPart);
    KeClearEvent(&event);
    g_Written = 0;
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_WRITE, g_Direct, paged + PAGE_SIZE - 10, 20, NULL, &event, &iosb);
    CHECK(irp != NULL && irp->MdlAddress != NULL && IoCallDriver(g_Direct, irp) == STATUS_SUCCESS);
    CHECK(KeReadStateEvent(&event) && iosb.Status == STATUS_SUCCESS && g_Written == 20 * paged[PAGE_SIZE]);
    NTSTATUS seen = STATUS_PENDING;
    irp = IoBuildAsynchronousFsdRequest(IRP_MJ_READ, g_Direct, paged, 16, &offset, NULL);
    CHECK(irp != NULL);
    if (irp) {
        IoSetCompletionRoutine(irp, FreeingCompletion, &seen, TRUE, TRUE, TRUE);
        CHECK(IoCallDriver(g_Direct, irp) == STATUS_SUCCESS && seen == STATUS_SUCCESS && paged[15] == 'R');
    }
    KeClearEvent(&event);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_FLUSH_BUFFERS, g_Buffered, NULL, 0, NULL, &event, &iosb);
    CHECK(irp != NULL && IoCallDriver(g_Buffered, irp) == STATUS_SUCCESS && KeReadStateEvent(&event));

    /* a pending request, cancelled: the cancel routine completes it, the waiter's event is set */
    KeClearEvent(&event);
    irp = IoBuildDeviceIoControlRequest(IOCTL_PEND, g_Buffered, NULL, 0, NULL, 0, FALSE, &event, &iosb);
    CHECK(irp != NULL && IoCallDriver(g_Buffered, irp) == STATUS_PENDING && g_Pending == irp);
    CHECK(!KeReadStateEvent(&event));
    CHECK(IoCancelIrp(irp) && g_Pending == NULL);
    CHECK(KeReadStateEvent(&event) && iosb.Status == STATUS_CANCELLED);
    PIRP idle = IoAllocateIrp(1, FALSE);
    CHECK(idle != NULL);
    if (idle) {
        CHECK(!IoCancelIrp(idle) && idle->Cancel); /* no cancel routine: marked, nothing called */
        IoReuseIrp(idle, STATUS_NOT_SUPPORTED);
        CHECK(!idle->Cancel && idle->IoStatus.Status == STATUS_NOT_SUPPORTED && idle->CurrentLocation == 2);
        IoFreeIrp(idle);
    }

    /* a filter over the buffered device: a deeper stack, IRPs passed down */
    CHECK(IoAttachDeviceToDeviceStack(g_Filter, g_Buffered) == g_Buffered);
    CHECK(g_Buffered->AttachedDevice == g_Filter && g_Filter->StackSize == 2);
    CHECK(IoGetAttachedDevice(g_Buffered) == g_Filter);
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(g_Buffered);
    CHECK(top == g_Filter);
    ObDereferenceObject(top);
    TestIoctl(g_Filter, IOCTL_CONFORM(6, METHOD_BUFFERED), FALSE, small, 4);
    TestOpenByName(g_Filter);
    IoDetachDevice(g_Buffered);
    TestOpenByName(g_Buffered);
    PDEVICE_OBJECT attached = NULL;
    UNICODE_STRING nowhere;
    RtlInitUnicodeString(&nowhere, L"\\Device\\NoSuchDevice");
    CHECK(IoAttachDevice(g_Filter, &bufferedName, &attached) == STATUS_SUCCESS && attached == g_Buffered);
    CHECK(g_Buffered->AttachedDevice == g_Filter && g_Filter->StackSize == 2);
    IoDetachDevice(g_Buffered);
    CHECK(IoAttachDevice(g_Filter, &nowhere, &attached) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(g_Buffered->AttachedDevice == NULL && IoGetAttachedDevice(g_Buffered) == g_Buffered);

    /* a function left unset completes with STATUS_INVALID_DEVICE_REQUEST */
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = unset;
    KeClearEvent(&event);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_QUERY_INFORMATION, g_Buffered, NULL, 0, NULL, &event, &iosb);
    CHECK(irp != NULL && IoCallDriver(g_Buffered, irp) == STATUS_INVALID_DEVICE_REQUEST);
    CHECK(KeReadStateEvent(&event) && iosb.Status == STATUS_INVALID_DEVICE_REQUEST);
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = ConformDispatch;
    ExFreePoolWithTag(paged, TAG);
    IoDeleteDevice(g_Filter);
    IoDeleteDevice(g_Direct);
    IoDeleteDevice(g_Buffered);
    g_Buffered = g_Direct = g_Filter = NULL;
}

/* Objects by name, and a thread's and the process's information through a handle: ObReferenceObjectByName
 * on this driver's object and device (through its link too, in any case, with the type checked), and
 * ZwQueryInformationThread / ZwSetInformationThread / ZwQueryInformationProcess with their length rules.
 * THREAD_BASIC_INFORMATION as Windows lays it out; the WDK documents the class but declares no type. */
typedef struct {
    NTSTATUS ExitStatus;
    PVOID TebBaseAddress;
    CLIENT_ID ClientId;
    KAFFINITY AffinityMask;
    KPRIORITY Priority;
    KPRIORITY BasePriority;
} CONFORM_THREAD_BASIC_INFORMATION;

extern POBJECT_TYPE NTSYSAPI *IoDriverObjectType, *IoDeviceObjectType; /* exported; the headers lack them */
/* Documented, exported, and declared by the WDK's ntddk.h but not by mingw-w64's. */
NTSYSAPI NTSTATUS NTAPI ZwQueryInformationThread(HANDLE ThreadHandle, THREADINFOCLASS ThreadInformationClass,
                                                 PVOID ThreadInformation, ULONG ThreadInformationLength,
                                                 PULONG ReturnLength);

KSTART_ROUTINE ShortThread;

VOID ShortThread(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
}

static VOID TestByNameAndInformation(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT device)
{
    UNICODE_STRING driverName, deviceName, linkName, missing, relative;
    RtlInitUnicodeString(&driverName, L"\\DRIVER\\WDKCONFORM");
    RtlInitUnicodeString(&deviceName, L"\\Device\\WdkConform");
    RtlInitUnicodeString(&linkName, L"\\DosDevices\\WdkConform");
    RtlInitUnicodeString(&missing, L"\\Device\\NoSuchDevice");
    RtlInitUnicodeString(&relative, L"Device\\WdkConform");
    PVOID object = NULL;
    CHECK(ObReferenceObjectByName(&driverName, OBJ_CASE_INSENSITIVE, NULL, 0, *IoDriverObjectType, KernelMode, NULL,
                                  &object) == STATUS_SUCCESS && object == DriverObject);
    if (object == DriverObject)
        ObDereferenceObject(object);
    object = NULL;
    CHECK(ObReferenceObjectByName(&deviceName, OBJ_CASE_INSENSITIVE, NULL, 0, *IoDeviceObjectType, KernelMode, NULL,
                                  &object) == STATUS_SUCCESS && object == device);
    if (object == device)
        ObDereferenceObject(object);
    object = NULL;
    CHECK(ObReferenceObjectByName(&linkName, OBJ_CASE_INSENSITIVE, NULL, 0, NULL, KernelMode, NULL, &object) ==
              STATUS_SUCCESS && object == device);
    if (object == device)
        ObDereferenceObject(object);
    CHECK(ObReferenceObjectByName(&deviceName, OBJ_CASE_INSENSITIVE, NULL, 0, *IoDriverObjectType, KernelMode, NULL,
                                  &object) == STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByName(&missing, OBJ_CASE_INSENSITIVE, NULL, 0, NULL, KernelMode, NULL, &object) ==
          STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(ObReferenceObjectByName(&relative, OBJ_CASE_INSENSITIVE, NULL, 0, NULL, KernelMode, NULL, &object) ==
          STATUS_OBJECT_PATH_SYNTAX_BAD);

    /* this thread */
    CONFORM_THREAD_BASIC_INFORMATION tbi;
    ULONG got = 0, terminated = 7;
    CHECK(ZwQueryInformationThread(NtCurrentThread(), ThreadBasicInformation, &tbi, sizeof tbi, &got) ==
          STATUS_SUCCESS && got == sizeof tbi && sizeof tbi == 28);
    CHECK(tbi.ExitStatus == STATUS_PENDING && tbi.ClientId.UniqueThread == PsGetCurrentThreadId() &&
          tbi.ClientId.UniqueProcess == PsGetCurrentProcessId() && tbi.AffinityMask == 1 &&
          tbi.Priority == KeQueryPriorityThread(KeGetCurrentThread()));
    CHECK(ZwQueryInformationThread(NtCurrentThread(), ThreadBasicInformation, &tbi, sizeof tbi - 1, &got) ==
          STATUS_INFO_LENGTH_MISMATCH && got == sizeof tbi);
    CHECK(ZwQueryInformationThread(NtCurrentThread(), ThreadIsTerminated, &terminated, sizeof terminated, NULL) ==
          STATUS_SUCCESS && terminated == 0);
    CHECK(ZwQueryInformationThread(NtCurrentThread(), ThreadHideFromDebugger, &tbi, 0, NULL) ==
          STATUS_INVALID_INFO_CLASS);
    CHECK(ZwQueryInformationThread(NtCurrentProcess(), ThreadBasicInformation, &tbi, sizeof tbi, NULL) ==
          STATUS_OBJECT_TYPE_MISMATCH);

    /* a thread of its own: its priority set through its handle, its end seen through it */
    HANDLE thread = NULL;
    CHECK(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, ShortThread, NULL) == STATUS_SUCCESS);
    if (thread) {
        KPRIORITY priority = 12, bad = 32;
        KAFFINITY none = 2, one = 1;
        CHECK(ZwSetInformationThread(thread, ThreadPriority, &priority, sizeof priority) == STATUS_SUCCESS);
        CHECK(ZwQueryInformationThread(thread, ThreadBasicInformation, &tbi, sizeof tbi, NULL) == STATUS_SUCCESS &&
              tbi.Priority == 12);
        CHECK(ZwSetInformationThread(thread, ThreadPriority, &bad, sizeof bad) == STATUS_INVALID_PARAMETER);
        CHECK(ZwSetInformationThread(thread, ThreadPriority, &priority, 2) == STATUS_INFO_LENGTH_MISMATCH);
        CHECK(ZwSetInformationThread(thread, ThreadAffinityMask, &none, sizeof none) == STATUS_INVALID_PARAMETER);
        CHECK(ZwSetInformationThread(thread, ThreadAffinityMask, &one, sizeof one) == STATUS_SUCCESS);
        CHECK(ZwWaitForSingleObject(thread, FALSE, NULL) == STATUS_SUCCESS);
        CHECK(ZwQueryInformationThread(thread, ThreadIsTerminated, &terminated, sizeof terminated, NULL) ==
                  STATUS_SUCCESS && terminated == 1);
        CHECK(ZwQueryInformationThread(thread, ThreadBasicInformation, &tbi, sizeof tbi, NULL) == STATUS_SUCCESS &&
              tbi.ExitStatus == STATUS_SUCCESS);
        ZwClose(thread);
    }

    /* the process */
    PROCESS_BASIC_INFORMATION pbi;
    CHECK(ZwQueryInformationProcess(NtCurrentProcess(), ProcessBasicInformation, &pbi, sizeof pbi, &got) ==
          STATUS_SUCCESS && got == sizeof pbi && sizeof pbi == 24);
    CHECK(pbi.UniqueProcessId == (ULONG_PTR)PsGetCurrentProcessId() && pbi.ExitStatus == STATUS_PENDING &&
          pbi.AffinityMask == 1 && pbi.PebBaseAddress == NULL);
    CHECK(ZwQueryInformationProcess(NtCurrentProcess(), ProcessBasicInformation, &pbi, 8, NULL) ==
          STATUS_INFO_LENGTH_MISMATCH);
    UCHAR image[sizeof(UNICODE_STRING) + 16];
    CHECK(ZwQueryInformationProcess(NtCurrentProcess(), ProcessImageFileName, image, sizeof image, &got) ==
              STATUS_SUCCESS && ((PUNICODE_STRING)image)->Length == 0);
    CHECK(ZwQueryInformationProcess(NtCurrentProcess(), ProcessImageFileName, image, 4, &got) ==
          STATUS_INFO_LENGTH_MISMATCH);
    CHECK(ZwQueryInformationProcess(NtCurrentProcess(), ProcessIoCounters, image, sizeof image, NULL) ==
          STATUS_INVALID_INFO_CLASS);
    CHECK(ZwQueryInformationProcess(NtCurrentThread(), ProcessBasicInformation, &pbi, sizeof pbi, NULL) ==
          STATUS_OBJECT_TYPE_MISMATCH);
}

static VOID TestDevices(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING name, link, dosLink, other, autoName;
    PDEVICE_OBJECT device = NULL, second = NULL, unnamed = NULL, automatic = NULL;
    RtlInitUnicodeString(&name, L"\\Device\\WdkConform");
    RtlInitUnicodeString(&link, L"\\DosDevices\\WdkConform");
    RtlInitUnicodeString(&dosLink, L"\\??\\WDKCONFORM");
    RtlInitUnicodeString(&other, L"\\Device\\wdkconform");
    PDRIVER_DISPATCH unset = DriverObject->MajorFunction[IRP_MJ_CREATE];
    ULONG same = 0;
    for (ULONG i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        same += unset && DriverObject->MajorFunction[i] == unset;
    CHECK(same == IRP_MJ_MAXIMUM_FUNCTION + 1); /* the I/O manager's own routine in every entry */
    for (ULONG i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = ConformDispatch;
    CHECK(DriverObject->DeviceObject == NULL);
    CHECK(IoCreateDevice(DriverObject, sizeof(CONFORM_EXTENSION), &name, FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN,
                         FALSE, &device) == STATUS_SUCCESS);
    if (!device)
        return;
    CHECK(device->Type == IO_TYPE_DEVICE && device->Size == sizeof(DEVICE_OBJECT) + sizeof(CONFORM_EXTENSION));
    CHECK(device->DriverObject == DriverObject && DriverObject->DeviceObject == device && device->NextDevice == NULL);
    CHECK(device->StackSize == 1 && device->DeviceType == FILE_DEVICE_UNKNOWN);
    CHECK(device->Flags & DO_DEVICE_INITIALIZING);
    CHECK(!(device->Flags & DO_EXCLUSIVE) && (device->Characteristics & FILE_DEVICE_SECURE_OPEN));
    CHECK(device->DeviceExtension != NULL && Aligned(device->DeviceExtension, 8));
    CHECK(device->DeviceExtension && AllBytes(device->DeviceExtension, sizeof(CONFORM_EXTENSION), 0));
    CHECK(device->AttachedDevice == NULL && device->CurrentIrp == NULL);
    CHECK(device->DeviceObjectExtension != NULL && device->DeviceObjectExtension->DeviceObject == device);
    /* the name is taken, whatever its case */
    CHECK(IoCreateDevice(DriverObject, 0, &other, FILE_DEVICE_UNKNOWN, 0, FALSE, &second) ==
          STATUS_OBJECT_NAME_COLLISION);
    CHECK(DriverObject->DeviceObject == device);
    /* an unnamed one goes to the head of the driver's list */
    CHECK(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, TRUE, &unnamed) == STATUS_SUCCESS);
    if (unnamed) {
        CHECK(DriverObject->DeviceObject == unnamed && unnamed->NextDevice == device);
        CHECK((unnamed->Flags & DO_EXCLUSIVE) && unnamed->DeviceExtension == NULL);
        IoDeleteDevice(unnamed);
        CHECK(DriverObject->DeviceObject == device && device->NextDevice == NULL);
    }
    CHECK(IoCreateDevice(DriverObject, 8, NULL, FILE_DEVICE_UNKNOWN, FILE_AUTOGENERATED_DEVICE_NAME, FALSE,
                         &automatic) == STATUS_SUCCESS);
    if (automatic) {
        CHECK(automatic->Flags & DO_DEVICE_HAS_NAME);
        IoDeleteDevice(automatic);
    }
    /* links: \DosDevices\ is \??\; a second link of that name collides; a device name is no link */
    CHECK(IoCreateSymbolicLink(&link, &name) == STATUS_SUCCESS);
    CHECK(IoCreateSymbolicLink(&dosLink, &name) == STATUS_OBJECT_NAME_COLLISION);
    CHECK(IoCreateDevice(DriverObject, 0, &link, FILE_DEVICE_UNKNOWN, 0, FALSE, &second) ==
          STATUS_OBJECT_NAME_COLLISION);
    CHECK(IoDeleteSymbolicLink(&name) != STATUS_SUCCESS);
    CHECK(IoDeleteSymbolicLink(&dosLink) == STATUS_SUCCESS);
    CHECK(IoDeleteSymbolicLink(&link) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(IoCreateSymbolicLink(&link, &name) == STATUS_SUCCESS); /* deleted in ConformUnload */
    RtlInitUnicodeString(&autoName, L"NoBackslash");
    CHECK(IoCreateDevice(DriverObject, 0, &autoName, FILE_DEVICE_UNKNOWN, 0, FALSE, &second) != STATUS_SUCCESS);
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    TestIrp(device, IRP_MJ_DEVICE_CONTROL, STATUS_SUCCESS);
    TestIrp(device, IRP_MJ_CREATE, STATUS_INVALID_DEVICE_REQUEST);
    TestWorkItems(device);
    TestReferences(DriverObject, device);
    TestByNameAndInformation(DriverObject, device);
    TestIoBuild(DriverObject, unset);
    TestStartIo(DriverObject, device);
    TestRemoveLock();
    TestTimerAndErrorLog(DriverObject, device);
}

/* System threads: created in DriverEntry, run at PASSIVE_LEVEL on their own thread, signal their thread
 * object when they end (returning from the start routine or PsTerminateSystemThread); the handle gives a
 * referenced object, ZwClose and ObDereferenceObject let it go. */
typedef struct _THREAD_WORK {
    KEVENT Started, Go;
    KSEMAPHORE Items;
    KMUTEX Mutex;
    KSPIN_LOCK Lock;
    WORK_QUEUE_ITEM WorkItem;
    KEVENT WorkDone;
    volatile LONG Counter;
    PETHREAD Self;
    HANDLE Id;
    KIRQL Irql;
    BOOLEAN System, OwnedMutex;
} THREAD_WORK, *PTHREAD_WORK;

static VOID NTAPI ThreadWorkItem(PVOID Context)
{
    KeSetEvent(&((PTHREAD_WORK)Context)->WorkDone, IO_NO_INCREMENT, FALSE);
}

KSTART_ROUTINE ProducerThread;

VOID ProducerThread(PVOID Context)
{
    PTHREAD_WORK w = Context;
    LARGE_INTEGER ms = { .QuadPart = -10 * 1000 };
    w->Self = PsGetCurrentThread();
    w->Id = PsGetCurrentThreadId();
    w->Irql = KeGetCurrentIrql();
    w->System = PsIsSystemThread(w->Self);
    KeSetEvent(&w->Started, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(&w->Go, Executive, KernelMode, FALSE, NULL);
    for (int i = 0; i < 5; i++) {
        KeDelayExecutionThread(KernelMode, FALSE, &ms);
        KeReleaseSemaphore(&w->Items, IO_NO_INCREMENT, 1, FALSE);
    }
    KeWaitForSingleObject(&w->Mutex, Executive, KernelMode, FALSE, NULL);
    w->OwnedMutex = w->Mutex.OwnerThread == KeGetCurrentThread();
    KeReleaseMutex(&w->Mutex, FALSE);
    ExInitializeWorkItem(&w->WorkItem, ThreadWorkItem, w);
    ExQueueWorkItem(&w->WorkItem, DelayedWorkQueue);
    KeWaitForSingleObject(&w->WorkDone, Executive, KernelMode, FALSE, NULL);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

KSTART_ROUTINE CountingThread;

VOID CountingThread(PVOID Context)
{
    PTHREAD_WORK w = Context;
    LARGE_INTEGER now = { .QuadPart = 0 };
    for (int i = 0; i < 1000; i++) {
        KIRQL old;
        KeAcquireSpinLock(&w->Lock, &old);
        LONG seen = w->Counter;
        w->Counter = seen + 1;
        KeReleaseSpinLock(&w->Lock, old);
        if (i % 100 == 0)
            KeDelayExecutionThread(KernelMode, FALSE, &now); /* a turn for the other */
    }
}

static VOID TestSystemThreads(VOID)
{
    PTHREAD_WORK w = ExAllocatePoolWithTag(NonPagedPool, sizeof(THREAD_WORK), TAG);
    CHECK(w != NULL);
    if (!w)
        return;
    RtlZeroMemory(w, sizeof *w);
    KeInitializeEvent(&w->Started, NotificationEvent, FALSE);
    KeInitializeEvent(&w->Go, NotificationEvent, FALSE);
    KeInitializeEvent(&w->WorkDone, NotificationEvent, FALSE);
    KeInitializeSemaphore(&w->Items, 0, 5);
    KeInitializeMutex(&w->Mutex, 0);
    KeInitializeSpinLock(&w->Lock);

    HANDLE producer = NULL, counters[2] = { NULL, NULL };
    CLIENT_ID client;
    OBJECT_ATTRIBUTES attributes;
    InitializeObjectAttributes(&attributes, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
    CHECK(PsCreateSystemThread(&producer, THREAD_ALL_ACCESS, &attributes, NULL, &client, ProducerThread, w) ==
          STATUS_SUCCESS);
    PVOID thread = NULL, wrong = NULL;
    CHECK(ObReferenceObjectByHandle(producer, THREAD_ALL_ACCESS, *PsProcessType, KernelMode, &wrong, NULL) ==
          STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByHandle(producer, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &thread, NULL) ==
          STATUS_SUCCESS);
    CHECK(ZwClose(producer) == STATUS_SUCCESS); /* the reference keeps the object */
    if (!thread)
        return;
    CHECK(KeWaitForSingleObject(&w->Started, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    CHECK(w->Self == thread && w->Self != PsGetCurrentThread() && w->System);
    CHECK(w->Id == client.UniqueThread && w->Id != PsGetCurrentThreadId() && w->Irql == PASSIVE_LEVEL);
    LARGE_INTEGER now = { .QuadPart = 0 };
    CHECK(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &now) == STATUS_TIMEOUT);
    /* the mutex is this thread's: the producer's wait for it ends at the release */
    CHECK(KeWaitForSingleObject(&w->Mutex, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    KeSetEvent(&w->Go, IO_NO_INCREMENT, FALSE);
    for (int i = 0; i < 5; i++)
        CHECK(KeWaitForSingleObject(&w->Items, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    CHECK(KeReadStateSemaphore(&w->Items) == 0);
    KeReleaseMutex(&w->Mutex, FALSE);
    CHECK(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    CHECK(w->OwnedMutex && KeReadStateEvent(&w->WorkDone));
    ObDereferenceObject(thread);

    /* two threads counting under one spinlock, each returning from its routine; waited for together */
    PVOID both[2] = { NULL, NULL };
    for (int i = 0; i < 2; i++) {
        CHECK(PsCreateSystemThread(&counters[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, CountingThread, w) ==
              STATUS_SUCCESS);
        CHECK(ObReferenceObjectByHandle(counters[i], SYNCHRONIZE, *PsThreadType, KernelMode, &both[i], NULL) ==
              STATUS_SUCCESS);
        ZwClose(counters[i]);
    }
    if (both[0] && both[1]) {
        LARGE_INTEGER seconds = { .QuadPart = -30LL * 10 * 1000 * 1000 };
        CHECK(KeWaitForMultipleObjects(2, both, WaitAll, Executive, KernelMode, FALSE, &seconds, NULL) ==
              STATUS_SUCCESS);
        CHECK(w->Counter == 2000);
        ObDereferenceObject(both[0]);
        ObDereferenceObject(both[1]);
    }
    /* a thread waited for through its handle, as drivers do before the ZwClose; it is ready at this
     * thread's priority, so a yield runs it */
    HANDLE third = NULL;
    LONG before = w->Counter;
    CHECK(PsCreateSystemThread(&third, THREAD_ALL_ACCESS, NULL, NULL, NULL, CountingThread, w) == STATUS_SUCCESS);
    if (third) {
        LARGE_INTEGER seconds = { .QuadPart = -30LL * 10 * 1000 * 1000 };
        CHECK(ZwYieldExecution() == STATUS_SUCCESS || w->Counter == before + 1000); /* unless its quantum came first */
        CHECK(ZwWaitForSingleObject(third, FALSE, &seconds) == STATUS_SUCCESS && w->Counter == before + 1000);
        CHECK(ZwClose(third) == STATUS_SUCCESS);
        CHECK(ZwYieldExecution() == STATUS_NO_YIELD_PERFORMED);
    }
    ExFreePoolWithTag(w, TAG);
}

/* A cancel-safe queue as the WDK's "cancel" sample keeps one: a list under a spinlock, the IRP's
 * ListEntry its link, DriverContext[0] a key CsqPeekNextIrp matches. Its dispatch routine queues every
 * IRP (with IoCsqInsertIrpEx and an insert context on the Ex queue) and returns STATUS_PENDING. */
static IO_CSQ g_Csq, g_CsqEx;
static LIST_ENTRY g_CsqList;
static KSPIN_LOCK g_CsqLock;
static PIO_CSQ g_CsqUse;
static PIO_CSQ_IRP_CONTEXT g_CsqContext;
static PVOID g_CsqKey, g_CsqInsertContext;
static ULONG g_CsqCanceled, g_CsqInLock;

static VOID NTAPI CsqInsert(PIO_CSQ Csq, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Csq);
    InsertTailList(&g_CsqList, &Irp->Tail.Overlay.ListEntry);
}

/* Refuses an insert context of 1, as a driver whose queue is full would. */
static NTSTATUS NTAPI CsqInsertEx(PIO_CSQ Csq, PIRP Irp, PVOID InsertContext)
{
    if (InsertContext == (PVOID)1)
        return STATUS_DEVICE_BUSY;
    CsqInsert(Csq, Irp);
    return STATUS_PENDING;
}

static VOID NTAPI CsqRemove(PIO_CSQ Csq, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Csq);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
}

static PIRP NTAPI CsqPeek(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext)
{
    UNREFERENCED_PARAMETER(Csq);
    for (PLIST_ENTRY e = Irp ? Irp->Tail.Overlay.ListEntry.Flink : g_CsqList.Flink; e != &g_CsqList; e = e->Flink) {
        PIRP next = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        if (!PeekContext || next->Tail.Overlay.DriverContext[0] == PeekContext)
            return next;
    }
    return NULL;
}

static VOID NTAPI CsqAcquire(PIO_CSQ Csq, PKIRQL Irql)
{
    UNREFERENCED_PARAMETER(Csq);
    KeAcquireSpinLock(&g_CsqLock, Irql);
    g_CsqInLock++;
}

static VOID NTAPI CsqRelease(PIO_CSQ Csq, KIRQL Irql)
{
    UNREFERENCED_PARAMETER(Csq);
    g_CsqInLock--;
    KeReleaseSpinLock(&g_CsqLock, Irql);
}

static VOID NTAPI CsqCompleteCanceled(PIO_CSQ Csq, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Csq);
    g_CsqCanceled += g_CsqInLock == 0; /* never under the queue's lock */
    Irp->IoStatus.Status = STATUS_CANCELLED;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

static NTSTATUS CsqDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->Tail.Overlay.DriverContext[0] = g_CsqKey;
    NTSTATUS status = IoCsqInsertIrpEx(g_CsqUse, Irp, g_CsqContext, g_CsqInsertContext);
    if (NT_SUCCESS(status))
        return STATUS_PENDING;
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static ULONG CsqQueued(VOID)
{
    ULONG n = 0;
    for (PLIST_ENTRY e = g_CsqList.Flink; e != &g_CsqList; e = e->Flink)
        n++;
    return n;
}

/* An IRP of ours sent to the queue's device with a completion routine set by IoSetCompletionRoutineEx;
 * NULL if it could not be had. */
static PIRP CsqSend(PIO_CSQ csq, PVOID key, PIO_CSQ_IRP_CONTEXT context, COMPLETION_SEEN *seen, NTSTATUS *status)
{
    PIRP irp = IoAllocateIrp(g_CsqDevice->StackSize, FALSE);
    if (!irp)
        return NULL;
    IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_READ;
    RtlZeroMemory(seen, sizeof *seen);
    CHECK(IoSetCompletionRoutineEx(g_CsqDevice, irp, ConformCompletion, seen, TRUE, TRUE, TRUE) == STATUS_SUCCESS);
    g_CsqUse = csq;
    g_CsqKey = key;
    g_CsqContext = context;
    *status = IoCallDriver(g_CsqDevice, irp);
    return irp;
}

static VOID CsqCompleteOurs(PIRP irp, COMPLETION_SEEN *seen)
{
    irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    CHECK(seen->Calls == 1 && seen->Status == STATUS_SUCCESS);
}

static VOID TestCsq(PDRIVER_OBJECT DriverObject)
{
    InitializeListHead(&g_CsqList);
    KeInitializeSpinLock(&g_CsqLock);
    CHECK(IoCsqInitialize(&g_Csq, CsqInsert, CsqRemove, CsqPeek, CsqAcquire, CsqRelease, CsqCompleteCanceled) ==
          STATUS_SUCCESS);
    CHECK(IoCsqInitializeEx(&g_CsqEx, CsqInsertEx, CsqRemove, CsqPeek, CsqAcquire, CsqRelease, CsqCompleteCanceled) ==
          STATUS_SUCCESS);
    CHECK(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_CsqDevice) == STATUS_SUCCESS);
    if (!g_CsqDevice)
        return;
    g_CsqDevice->Flags &= ~DO_DEVICE_INITIALIZING;
    IO_CSQ_IRP_CONTEXT context[4];
    COMPLETION_SEEN seen[4];
    NTSTATUS status[4];
    PIRP irp[4];
    for (int i = 0; i < 3; i++) /* keys 1, 2, 1 */
        irp[i] = CsqSend(&g_Csq, (PVOID)(ULONG_PTR)(i % 2 + 1), &context[i], &seen[i], &status[i]);
    if (!irp[0] || !irp[1] || !irp[2])
        return;
    for (int i = 0; i < 3; i++) {
        CHECK(status[i] == STATUS_PENDING && seen[i].Calls == 0);
        CHECK(IoGetCurrentIrpStackLocation(irp[i])->Control & SL_PENDING_RETURNED); /* marked pending */
        CHECK(context[i].Irp == irp[i] && context[i].Csq == &g_Csq && irp[i]->CancelRoutine != NULL);
    }
    CHECK(CsqQueued() == 3);
    /* IoCancelIrp runs the queue's cancel routine: out of the queue, the context cleared, completed once
     * through CsqCompleteCanceledIrp, outside the queue's lock */
    CHECK(IoCancelIrp(irp[1]));
    CHECK(g_CsqCanceled == 1 && seen[1].Calls == 1 && seen[1].Status == STATUS_CANCELLED);
    CHECK(context[1].Irp == NULL && CsqQueued() == 2 && irp[1]->CancelRoutine == NULL);
    CHECK(IoCsqRemoveIrp(&g_Csq, &context[1]) == NULL);
    IoFreeIrp(irp[1]);
    /* by key, in order; then none; a removed IRP is no longer cancelable */
    CHECK(IoCsqRemoveNextIrp(&g_Csq, (PVOID)1) == irp[0]);
    CHECK(IoCsqRemoveNextIrp(&g_Csq, (PVOID)2) == NULL);
    CHECK(IoCsqRemoveNextIrp(&g_Csq, NULL) == irp[2]);
    CHECK(IoCsqRemoveNextIrp(&g_Csq, NULL) == NULL && CsqQueued() == 0);
    CHECK(context[0].Irp == NULL && context[2].Irp == NULL && irp[0]->CancelRoutine == NULL);
    CHECK(!IoCancelIrp(irp[2]) && seen[2].Calls == 0 && g_CsqCanceled == 1);
    for (int i = 0; i < 3; i += 2) {
        CsqCompleteOurs(irp[i], &seen[i]);
        IoFreeIrp(irp[i]);
    }
    /* by context: once */
    irp[3] = CsqSend(&g_Csq, NULL, &context[3], &seen[3], &status[3]);
    if (irp[3]) {
        CHECK(IoCsqRemoveIrp(&g_Csq, &context[3]) == irp[3] && context[3].Irp == NULL);
        CHECK(IoCsqRemoveIrp(&g_Csq, &context[3]) == NULL && CsqQueued() == 0);
        CsqCompleteOurs(irp[3], &seen[3]);
        IoFreeIrp(irp[3]);
    }
    /* cancelled before it reached the queue (IoCancelIrp found no routine): completed as cancelled at once */
    PIRP early = IoAllocateIrp(g_CsqDevice->StackSize, FALSE);
    if (early) {
        CHECK(!IoCancelIrp(early) && early->Cancel);
        IoGetNextIrpStackLocation(early)->MajorFunction = IRP_MJ_READ;
        IoSetCompletionRoutine(early, ConformCompletion, &seen[0], TRUE, TRUE, TRUE);
        RtlZeroMemory(&seen[0], sizeof seen[0]);
        g_CsqUse = &g_Csq;
        g_CsqContext = &context[0];
        CHECK(IoCallDriver(g_CsqDevice, early) == STATUS_PENDING);
        CHECK(seen[0].Calls == 1 && seen[0].Status == STATUS_CANCELLED && g_CsqCanceled == 2);
        CHECK(CsqQueued() == 0 && context[0].Irp == NULL && early->CancelRoutine == NULL);
        IoFreeIrp(early);
    }
    /* the Ex queue: CsqInsertIrpEx's status comes back; a refused IRP is not queued nor cancelable */
    g_CsqInsertContext = (PVOID)1;
    irp[0] = CsqSend(&g_CsqEx, NULL, NULL, &seen[0], &status[0]);
    if (irp[0]) {
        CHECK(status[0] == STATUS_DEVICE_BUSY && seen[0].Calls == 1 && seen[0].Status == STATUS_DEVICE_BUSY);
        CHECK(CsqQueued() == 0 && irp[0]->CancelRoutine == NULL);
        IoFreeIrp(irp[0]);
    }
    g_CsqInsertContext = NULL;
    irp[0] = CsqSend(&g_CsqEx, NULL, NULL, &seen[0], &status[0]);
    if (irp[0]) {
        CHECK(status[0] == STATUS_PENDING && CsqQueued() == 1 && irp[0]->CancelRoutine != NULL);
        CHECK(IoCancelIrp(irp[0]) && seen[0].Calls == 1 && seen[0].Status == STATUS_CANCELLED && CsqQueued() == 0);
        IoFreeIrp(irp[0]);
    }
    IoDeleteDevice(g_CsqDevice);
    g_CsqDevice = NULL;
}

/* Notify routines: a thread notify sees the thread this driver creates, at its creation in the creating
 * thread and at its end in its own; removed, it sees no more. 64 of a kind at most. */
typedef struct _THREAD_NOTE {
    HANDLE Process, Thread, Caller;
    BOOLEAN Create;
    KIRQL Irql;
} THREAD_NOTE;
static THREAD_NOTE g_Notes[8];
static volatile LONG g_NoteCount;
static ULONG_PTR g_ThreadLow, g_ThreadHigh, g_ThreadLocal, g_ThreadInitial;

static VOID NTAPI ThreadNotify(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create)
{
    LONG n = InterlockedIncrement(&g_NoteCount) - 1;
    if (n < (LONG)(sizeof g_Notes / sizeof g_Notes[0]))
        g_Notes[n] = (THREAD_NOTE){ ProcessId, ThreadId, PsGetCurrentThreadId(), Create, KeGetCurrentIrql() };
}

static VOID NTAPI ImageNotify(PUNICODE_STRING FullImageName, HANDLE ProcessId, PIMAGE_INFO ImageInfo)
{
    UNREFERENCED_PARAMETER(FullImageName);
    UNREFERENCED_PARAMETER(ProcessId);
    UNREFERENCED_PARAMETER(ImageInfo);
}

static VOID NTAPI ProcessNotify(HANDLE ParentId, HANDLE ProcessId, BOOLEAN Create)
{
    UNREFERENCED_PARAMETER(ParentId);
    UNREFERENCED_PARAMETER(ProcessId);
    UNREFERENCED_PARAMETER(Create);
}

KSTART_ROUTINE StackThread;

VOID StackThread(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    ULONG_PTR local = 0;
    IoGetStackLimits(&g_ThreadLow, &g_ThreadHigh);
    g_ThreadLocal = (ULONG_PTR)&local;
    g_ThreadInitial = (ULONG_PTR)IoGetInitialStack();
}

/* Creates a StackThread and waits for its end; its id. */
static HANDLE RunThread(VOID)
{
    HANDLE handle = NULL;
    CLIENT_ID client = { NULL, NULL };
    PVOID thread = NULL;
    CHECK(PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, &client, StackThread, NULL) == STATUS_SUCCESS);
    if (!handle)
        return NULL;
    CHECK(ObReferenceObjectByHandle(handle, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL) == STATUS_SUCCESS);
    ZwClose(handle);
    if (thread) {
        CHECK(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
        ObDereferenceObject(thread);
    }
    return client.UniqueThread;
}

static VOID TestNotifyRoutines(VOID)
{
    CHECK(PsSetCreateThreadNotifyRoutine(ThreadNotify) == STATUS_SUCCESS);
    HANDLE id = RunThread();
    CHECK(g_NoteCount == 2);
    CHECK(g_Notes[0].Create && g_Notes[0].Thread == id && g_Notes[0].Process == PsGetCurrentProcessId());
    CHECK(g_Notes[0].Caller == PsGetCurrentThreadId() && g_Notes[0].Irql <= APC_LEVEL); /* the creator's */
    CHECK(!g_Notes[1].Create && g_Notes[1].Thread == id && g_Notes[1].Process == PsGetCurrentProcessId());
    CHECK(g_Notes[1].Caller == id && g_Notes[1].Irql <= APC_LEVEL); /* the ending thread's own */
    /* the thread's own stack: 12 KiB at least, as x86 Windows' kernel stacks */
    CHECK(g_ThreadLow < g_ThreadLocal && g_ThreadLocal < g_ThreadHigh && g_ThreadHigh - g_ThreadLow >= 12 * 1024);
    CHECK(g_ThreadLow < g_ThreadInitial && g_ThreadInitial <= g_ThreadHigh);
    CHECK(PsRemoveCreateThreadNotifyRoutine(ThreadNotify) == STATUS_SUCCESS);
    CHECK(PsRemoveCreateThreadNotifyRoutine(ThreadNotify) == STATUS_PROCEDURE_NOT_FOUND);
    RunThread();
    CHECK(g_NoteCount == 2);
    /* 64 thread and image routines each (the same one may be registered more than once), then no more */
    ULONG threads = 0, images = 0;
    while (threads <= 64 && PsSetCreateThreadNotifyRoutine(ThreadNotify) == STATUS_SUCCESS)
        threads++;
    CHECK(threads == 64 && PsSetCreateThreadNotifyRoutine(ThreadNotify) == STATUS_INSUFFICIENT_RESOURCES);
    while (threads && PsRemoveCreateThreadNotifyRoutine(ThreadNotify) == STATUS_SUCCESS)
        threads--;
    CHECK(threads == 0 && PsRemoveCreateThreadNotifyRoutine(ThreadNotify) == STATUS_PROCEDURE_NOT_FOUND);
    PLOAD_IMAGE_NOTIFY_ROUTINE image = ImageNotify; /* never called: nothing loads meanwhile */
    while (images <= 64 && PsSetLoadImageNotifyRoutine(image) == STATUS_SUCCESS)
        images++;
    CHECK(images == 64 && PsSetLoadImageNotifyRoutine(image) == STATUS_INSUFFICIENT_RESOURCES);
    while (images && PsRemoveLoadImageNotifyRoutine(image) == STATUS_SUCCESS)
        images--;
    CHECK(images == 0 && PsRemoveLoadImageNotifyRoutine(image) == STATUS_PROCEDURE_NOT_FOUND);
    /* process routines: once each; removing one not registered is refused */
    CHECK(PsSetCreateProcessNotifyRoutine(ProcessNotify, FALSE) == STATUS_SUCCESS);
    CHECK(PsSetCreateProcessNotifyRoutine(ProcessNotify, FALSE) == STATUS_INVALID_PARAMETER);
    CHECK(PsSetCreateProcessNotifyRoutine(ProcessNotify, TRUE) == STATUS_SUCCESS);
    CHECK(PsSetCreateProcessNotifyRoutine(ProcessNotify, TRUE) != STATUS_SUCCESS);
}

/* Driver object extensions, by the address that names their client; the boot thread's stack. */
static ULONG g_ClientA, g_ClientB;

static VOID TestDriverExtensions(PDRIVER_OBJECT DriverObject)
{
    PVOID a = NULL, again = (PVOID)1;
    CHECK(IoAllocateDriverObjectExtension(DriverObject, &g_ClientA, 40, &a) == STATUS_SUCCESS);
    CHECK(a != NULL && Aligned(a, 8) && AllBytes(a, 40, 0));
    CHECK(IoGetDriverObjectExtension(DriverObject, &g_ClientA) == a);
    CHECK(IoGetDriverObjectExtension(DriverObject, &g_ClientB) == NULL);
    CHECK(IoAllocateDriverObjectExtension(DriverObject, &g_ClientA, 8, &again) == STATUS_OBJECT_NAME_COLLISION);
    CHECK(again == NULL);
    if (a)
        RtlFillMemory(a, 40, 0xEE); /* kept until the unload frees it */
    ULONG_PTR low = 0, high = 0, local = 0;
    IoGetStackLimits(&low, &high);
    CHECK(low < (ULONG_PTR)&local && (ULONG_PTR)&local < high);
    ULONG_PTR left = IoGetRemainingStackSize();
    CHECK(left > 0 && left < high - low && left <= (ULONG_PTR)&local - low + 256);
    ULONG_PTR initial = (ULONG_PTR)IoGetInitialStack();
    CHECK(initial > (ULONG_PTR)&local && initial <= high);
}

/* After DriverEntry has returned: once, then once more because it registers itself again. */
static BOOLEAN g_EntryReturned;

static VOID NTAPI ConformReinitialize(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count)
{
    BOOLEAN ok = g_EntryReturned && Context == &g_EntryReturned && KeGetCurrentIrql() == PASSIVE_LEVEL;
    DbgPrint("wdkconform: reinitialize %lu %s\n", Count, ok ? "ok" : "wrong");
    if (Count == 1)
        IoRegisterDriverReinitialization(DriverObject, ConformReinitialize, Context);
}

/* Event objects through handles and names, and waits through handles: ZwCreateEvent unnamed and named
 * (a collision, OBJ_OPENIF, ZwOpenEvent in any case, a relative name), the Zw signal routines and their
 * previous states, *ExEventObjectType, IoCreateNotificationEvent / IoCreateSynchronizationEvent (created
 * signaled, or the one there), ZwWaitForSingleObject / ZwWaitForMultipleObjects and their statuses. */
static HANDLE NewEvent(EVENT_TYPE type, BOOLEAN state)
{
    HANDLE h = NULL;
    CHECK(ZwCreateEvent(&h, EVENT_ALL_ACCESS, NULL, type, state) == STATUS_SUCCESS);
    return h;
}

/* Callback objects: the system's open by name, a driver's own is created, opened again by name (in any
 * case), takes one routine or several, and calls each registered one in order with its context and the
 * two arguments, at the notifier's IRQL; its last reference takes its name away. */
extern POBJECT_TYPE NTSYSAPI *ExCallbackObjectType; /* exported by ntoskrnl.exe; the headers lack it */

#define CALLBACK_CALLS_MAX 8
static struct {
    PVOID context, argument1, argument2;
    KIRQL irql;
} g_CallbackCalls[CALLBACK_CALLS_MAX];
static ULONG g_CallbackCount;

static VOID NTAPI RecordCallback(PVOID CallbackContext, PVOID Argument1, PVOID Argument2)
{
    if (g_CallbackCount < CALLBACK_CALLS_MAX)
        g_CallbackCalls[g_CallbackCount] =
            (typeof(g_CallbackCalls[0])){ CallbackContext, Argument1, Argument2, KeGetCurrentIrql() };
    g_CallbackCount++;
}

static NTSTATUS OpenCallback(PCWSTR text, BOOLEAN create, BOOLEAN multiple, PCALLBACK_OBJECT *object)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    RtlInitUnicodeString(&name, text);
    InitializeObjectAttributes(&oa, text ? &name : NULL, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    *object = NULL;
    return ExCreateCallback(object, &oa, create, multiple);
}

static VOID TestCallbackObjects(VOID)
{
    static const PCWSTR system[] = { L"\\Callback\\SetSystemTime", L"\\Callback\\PowerState",
                                     L"\\Callback\\ProcessorAdd" };
    PCALLBACK_OBJECT object = NULL, again = NULL, other = NULL;
    for (int i = 0; i < 3; i++) {
        CHECK(OpenCallback(system[i], FALSE, FALSE, &object) == STATUS_SUCCESS && object);
        if (!object)
            continue;
        CHECK(ObReferenceObjectByPointer(object, 0, *ExCallbackObjectType, KernelMode) == STATUS_SUCCESS);
        ObDereferenceObject(object);
        CHECK(ObReferenceObjectByPointer(object, 0, *PsThreadType, KernelMode) == STATUS_OBJECT_TYPE_MISMATCH);
        PVOID r = ExRegisterCallback(object, RecordCallback, NULL); /* the system's take several */
        PVOID r2 = ExRegisterCallback(object, RecordCallback, NULL);
        CHECK(r && r2 && r != r2);
        if (r)
            ExUnregisterCallback(r);
        if (r2)
            ExUnregisterCallback(r2);
        ObDereferenceObject(object);
    }
    CHECK(g_CallbackCount == 0);
    CHECK(OpenCallback(L"\\Callback\\WdkConformNone", FALSE, TRUE, &object) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(OpenCallback(L"Callback\\WdkConformNone", TRUE, TRUE, &object) == STATUS_OBJECT_PATH_SYNTAX_BAD);
    CHECK(OpenCallback(NULL, FALSE, TRUE, &object) == STATUS_UNSUCCESSFUL && object == NULL);

    /* one routine only: a second registration is refused until the first goes */
    CHECK(OpenCallback(L"\\Callback\\WdkConformSingle", TRUE, FALSE, &object) == STATUS_SUCCESS && object);
    if (!object)
        return;
    CHECK(OpenCallback(L"\\CALLBACK\\wdkconformsingle", FALSE, FALSE, &again) == STATUS_SUCCESS && again == object);
    CHECK(OpenCallback(L"\\Callback\\WdkConformSingle", TRUE, TRUE, &other) == STATUS_SUCCESS && other == object);
    PVOID first = ExRegisterCallback(object, RecordCallback, (PVOID)1);
    CHECK(first != NULL);
    CHECK(ExRegisterCallback(object, RecordCallback, (PVOID)2) == NULL); /* AllowMultipleCallbacks is the creator's */
    ExNotifyCallback(object, (PVOID)0x11, (PVOID)0x22);
    CHECK(g_CallbackCount == 1 && g_CallbackCalls[0].context == (PVOID)1 && g_CallbackCalls[0].argument1 == (PVOID)0x11 &&
          g_CallbackCalls[0].argument2 == (PVOID)0x22 && g_CallbackCalls[0].irql == PASSIVE_LEVEL);
    if (first)
        ExUnregisterCallback(first);
    PVOID second = ExRegisterCallback(object, RecordCallback, (PVOID)2);
    CHECK(second != NULL);
    ExNotifyCallback(object, NULL, NULL);
    CHECK(g_CallbackCount == 2 && g_CallbackCalls[1].context == (PVOID)2);
    ObDereferenceObject(again);
    ObDereferenceObject(other);
    ObDereferenceObject(object); /* the registration's reference keeps it, and its name */
    CHECK(OpenCallback(L"\\Callback\\WdkConformSingle", FALSE, FALSE, &again) == STATUS_SUCCESS && again == object);
    if (again)
        ObDereferenceObject(again);
    if (second)
        ExUnregisterCallback(second); /* the last reference: the object and its name go */
    CHECK(OpenCallback(L"\\Callback\\WdkConformSingle", FALSE, FALSE, &again) == STATUS_OBJECT_NAME_NOT_FOUND);

    /* several routines, called in the order registered, at the notifier's IRQL; the same one twice */
    CHECK(OpenCallback(L"\\Callback\\WdkConformMulti", TRUE, TRUE, &object) == STATUS_SUCCESS && object);
    if (!object)
        return;
    PVOID regs[3];
    for (ULONG_PTR i = 0; i < 3; i++)
        regs[i] = ExRegisterCallback(object, RecordCallback, (PVOID)(10 + i));
    CHECK(regs[0] && regs[1] && regs[2]);
    g_CallbackCount = 0;
    KIRQL irql;
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    ExNotifyCallback(object, (PVOID)3, (PVOID)4);
    KeLowerIrql(irql);
    CHECK(g_CallbackCount == 3);
    for (ULONG i = 0; i < 3 && i < g_CallbackCount; i++)
        CHECK(g_CallbackCalls[i].context == (PVOID)(ULONG_PTR)(10 + i) && g_CallbackCalls[i].argument1 == (PVOID)3 &&
              g_CallbackCalls[i].argument2 == (PVOID)4 && g_CallbackCalls[i].irql == DISPATCH_LEVEL);
    if (regs[1])
        ExUnregisterCallback(regs[1]);
    g_CallbackCount = 0;
    ExNotifyCallback(object, NULL, NULL);
    CHECK(g_CallbackCount == 2 && g_CallbackCalls[0].context == (PVOID)10 && g_CallbackCalls[1].context == (PVOID)12);
    if (regs[0])
        ExUnregisterCallback(regs[0]);
    if (regs[2])
        ExUnregisterCallback(regs[2]);
    g_CallbackCount = 0;
    ExNotifyCallback(object, NULL, NULL);
    CHECK(g_CallbackCount == 0);
    ObDereferenceObject(object);
    CHECK(OpenCallback(L"\\Callback\\WdkConformMulti", FALSE, TRUE, &object) == STATUS_OBJECT_NAME_NOT_FOUND);

    /* an unnamed one: only its pointer reaches it */
    CHECK(OpenCallback(NULL, TRUE, FALSE, &object) == STATUS_SUCCESS && object);
    if (object) {
        PVOID r = ExRegisterCallback(object, RecordCallback, (PVOID)5);
        ExNotifyCallback(object, NULL, (PVOID)6);
        CHECK(r && g_CallbackCount == 1 && g_CallbackCalls[0].context == (PVOID)5 &&
              g_CallbackCalls[0].argument2 == (PVOID)6);
        if (r)
            ExUnregisterCallback(r);
        ObDereferenceObject(object);
    }
}

/* ZwQuerySystemInformation as drivers declare it: the WDK documents the routine but declares neither it
 * nor the classes' layouts, so a driver writes them out as x86 Windows lays them out. */
typedef enum { SysBasic = 0, SysProcessor = 1, SysTimeOfDay = 3, SysModules = 11 } SYSINFO_CLASS;
NTSYSAPI NTSTATUS NTAPI ZwQuerySystemInformation(SYSINFO_CLASS Class, PVOID Buffer, ULONG Length, PULONG ReturnLength);
typedef struct {
    ULONG Reserved, TimerResolution, PageSize, NumberOfPhysicalPages, LowestPhysicalPageNumber,
        HighestPhysicalPageNumber, AllocationGranularity;
    ULONG_PTR MinimumUserModeAddress, MaximumUserModeAddress, ActiveProcessorsAffinityMask;
    CCHAR NumberOfProcessors;
} SYSINFO_BASIC;
typedef struct {
    USHORT ProcessorArchitecture, ProcessorLevel, ProcessorRevision, MaximumProcessors;
    ULONG ProcessorFeatureBits;
} SYSINFO_PROCESSOR;
typedef struct {
    LARGE_INTEGER BootTime, CurrentTime, TimeZoneBias;
    ULONG TimeZoneId, Reserved;
    ULONGLONG BootTimeBias, SleepTimeBias;
} SYSINFO_TIMEOFDAY;
typedef struct {
    HANDLE Section;
    PVOID MappedBase, ImageBase;
    ULONG ImageSize, Flags;
    USHORT LoadOrderIndex, InitOrderIndex, LoadCount, OffsetToFileName;
    UCHAR FullPathName[256];
} SYSINFO_MODULE;
typedef struct {
    ULONG NumberOfModules;
    SYSINFO_MODULE Modules[1];
} SYSINFO_MODULES;

static BOOLEAN InModule(const SYSINFO_MODULE *m, PVOID address)
{
    return (ULONG_PTR)address - (ULONG_PTR)m->ImageBase < m->ImageSize;
}

static VOID TestSystemInformation(PDRIVER_OBJECT DriverObject)
{
    C_ASSERT(sizeof(SYSINFO_BASIC) == 44 && sizeof(SYSINFO_PROCESSOR) == 12 && sizeof(SYSINFO_TIMEOFDAY) == 48);
    C_ASSERT(sizeof(SYSINFO_MODULE) == 284 && FIELD_OFFSET(SYSINFO_MODULES, Modules) == 4);
    ULONG needed = 0;
    SYSINFO_BASIC basic;
    CHECK(ZwQuerySystemInformation(SysBasic, &basic, 0, &needed) == STATUS_INFO_LENGTH_MISMATCH &&
          needed == sizeof(basic));
    CHECK(ZwQuerySystemInformation(SysBasic, &basic, sizeof(basic) + 4, NULL) == STATUS_INFO_LENGTH_MISMATCH);
    CHECK(ZwQuerySystemInformation(SysBasic, &basic, sizeof(basic), &needed) == STATUS_SUCCESS &&
          needed == sizeof(basic));
    CHECK(basic.PageSize == PAGE_SIZE && basic.NumberOfProcessors == 1 && basic.ActiveProcessorsAffinityMask == 1 &&
          basic.TimerResolution == KeQueryTimeIncrement() && basic.AllocationGranularity == 0x10000);
    CHECK(basic.NumberOfPhysicalPages > 0 && basic.LowestPhysicalPageNumber <= basic.HighestPhysicalPageNumber &&
          basic.NumberOfPhysicalPages <= basic.HighestPhysicalPageNumber - basic.LowestPhysicalPageNumber + 1);
    CHECK(basic.MinimumUserModeAddress == 0x10000 && basic.MaximumUserModeAddress == 0x7FFEFFFF);

    SYSINFO_PROCESSOR cpu;
    CHECK(ZwQuerySystemInformation(SysProcessor, &cpu, sizeof(cpu) - 1, &needed) == STATUS_INFO_LENGTH_MISMATCH &&
          needed == sizeof(cpu));
    CHECK(ZwQuerySystemInformation(SysProcessor, &cpu, sizeof(cpu), NULL) == STATUS_SUCCESS);
    CHECK(cpu.ProcessorArchitecture == 0 /* PROCESSOR_ARCHITECTURE_INTEL */ && cpu.ProcessorLevel >= 5 &&
          cpu.MaximumProcessors == 1);

    SYSINFO_TIMEOFDAY day;
    LARGE_INTEGER before, after;
    KeQuerySystemTime(&before);
    LONGLONG boot = before.QuadPart - (LONGLONG)KeQueryInterruptTime(); /* the system time at interrupt time 0 */
    CHECK(ZwQuerySystemInformation(SysTimeOfDay, &day, sizeof(day), &needed) == STATUS_SUCCESS &&
          needed == sizeof(day));
    KeQuerySystemTime(&after);
    CHECK(day.CurrentTime.QuadPart >= before.QuadPart && day.CurrentTime.QuadPart <= after.QuadPart);
    CHECK(day.BootTime.QuadPart <= day.CurrentTime.QuadPart && day.BootTime.QuadPart - boot < 10 * 1000 * 1000 &&
          boot - day.BootTime.QuadPart < 10 * 1000 * 1000); /* within a second */
    CHECK(day.TimeZoneBias.QuadPart == 0 && day.SleepTimeBias == 0);
    CHECK(ZwQuerySystemInformation(SysTimeOfDay, &day, sizeof(day) + 1, &needed) == STATUS_INFO_LENGTH_MISMATCH);
    CHECK(ZwQuerySystemInformation(SysTimeOfDay, &day, 16, &needed) == STATUS_SUCCESS && needed == 16);

    CHECK(ZwQuerySystemInformation((SYSINFO_CLASS)0x7FFF, &day, sizeof(day), &needed) == STATUS_INVALID_INFO_CLASS);

    /* the modules: ntoskrnl.exe, hal.dll, and this driver among the rest */
    needed = 0;
    ULONG one = FIELD_OFFSET(SYSINFO_MODULES, Modules) + sizeof(SYSINFO_MODULE);
    CHECK(ZwQuerySystemInformation(SysModules, NULL, 0, &needed) == STATUS_INFO_LENGTH_MISMATCH &&
          needed >= one + 2 * sizeof(SYSINFO_MODULE) && (needed - 4) % sizeof(SYSINFO_MODULE) == 0);
    SYSINFO_MODULES *list = ExAllocatePoolWithTag(PagedPool, needed, TAG);
    if (!list)
        return;
    ULONG again = 0;
    CHECK(ZwQuerySystemInformation(SysModules, list, one, &again) == STATUS_INFO_LENGTH_MISMATCH && again == needed);
    CHECK(ZwQuerySystemInformation(SysModules, list, needed, &again) == STATUS_SUCCESS && again == needed);
    CHECK(list->NumberOfModules == (needed - 4) / sizeof(SYSINFO_MODULE));
    const SYSINFO_MODULE *kernel = &list->Modules[0], *hal = &list->Modules[1], *self = NULL;
    CHECK(strcmp((const char *)kernel->FullPathName, "\\SystemRoot\\system32\\ntoskrnl.exe") == 0 &&
          strcmp((const char *)kernel->FullPathName + kernel->OffsetToFileName, "ntoskrnl.exe") == 0);
    CHECK(strcmp((const char *)hal->FullPathName + hal->OffsetToFileName, "hal.dll") == 0);
    CHECK(InModule(kernel, (PVOID)ExAllocatePoolWithTag) && InModule(hal, (PVOID)KeGetCurrentIrql));
    for (ULONG i = 0; i < list->NumberOfModules; i++) {
        const SYSINFO_MODULE *m = &list->Modules[i];
        CHECK(m->LoadOrderIndex == i && m->OffsetToFileName < strlen((const char *)m->FullPathName));
        if (_stricmp((const char *)m->FullPathName + m->OffsetToFileName, "wdkconform.sys") == 0)
            self = m;
    }
    CHECK(self && strcmp((const char *)self->FullPathName, "\\SystemRoot\\System32\\drivers\\wdkconform.sys") == 0 &&
          self->ImageBase == DriverObject->DriverStart && self->ImageSize == DriverObject->DriverSize &&
          InModule(self, (PVOID)TestSystemInformation));
    ExFreePoolWithTag(list, TAG);
}

/* Threads and the process by id, and the I/O manager's object types. */

static VOID TestIdsAndTypes(PDRIVER_OBJECT DriverObject)
{
    PETHREAD thread = NULL;
    CHECK(PsLookupThreadByThreadId(PsGetCurrentThreadId(), &thread) == STATUS_SUCCESS &&
          thread == PsGetCurrentThread());
    if (thread)
        ObDereferenceObject(thread);
    CHECK(PsGetThreadId(PsGetCurrentThread()) == PsGetCurrentThreadId());
    CHECK(PsGetThreadProcessId(PsGetCurrentThread()) == PsGetCurrentProcessId());
    CHECK(PsLookupThreadByThreadId((HANDLE)0x7FFFFFFC, &thread) == STATUS_INVALID_PARAMETER);
    PEPROCESS process = NULL;
    CHECK(PsLookupProcessByProcessId((HANDLE)4, &process) == STATUS_SUCCESS && process == PsGetCurrentProcess());
    if (process)
        ObDereferenceObject(process);
    CHECK(PsGetProcessId(PsGetCurrentProcess()) == (HANDLE)4 && PsGetCurrentProcessId() == (HANDLE)4);
    CHECK(PsLookupProcessByProcessId((HANDLE)8, &process) == STATUS_INVALID_PARAMETER);

    CHECK(*IoDriverObjectType && *IoDeviceObjectType && *IoFileObjectType && *IoDriverObjectType != *IoDeviceObjectType &&
          *IoDeviceObjectType != *IoFileObjectType);
    CHECK(ObReferenceObjectByPointer(DriverObject, 0, *IoDriverObjectType, KernelMode) == STATUS_SUCCESS);
    ObDereferenceObject(DriverObject);
    CHECK(ObReferenceObjectByPointer(DriverObject, 0, *IoDeviceObjectType, KernelMode) == STATUS_OBJECT_TYPE_MISMATCH);
    PDEVICE_OBJECT device = NULL;
    CHECK(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device) == STATUS_SUCCESS);
    if (device) {
        CHECK(ObReferenceObjectByPointer(device, 0, *IoDeviceObjectType, KernelMode) == STATUS_SUCCESS);
        ObDereferenceObject(device);
        CHECK(ObReferenceObjectByPointer(device, 0, *IoDriverObjectType, KernelMode) == STATUS_OBJECT_TYPE_MISMATCH);
        CHECK(ObReferenceObjectByPointer(device, 0, *IoFileObjectType, KernelMode) == STATUS_OBJECT_TYPE_MISMATCH);
        IoDeleteDevice(device);
    }
}

static VOID TestEventObjects(VOID)
{
    LARGE_INTEGER zero = { .QuadPart = 0 };
    LONG state = -1;
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
    HANDLE h = NULL;
    CHECK(ZwCreateEvent(&h, EVENT_ALL_ACCESS, &oa, NotificationEvent, FALSE) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(h, FALSE, &zero) == STATUS_TIMEOUT);
    CHECK(ZwSetEvent(h, &state) == STATUS_SUCCESS && state == 0);
    CHECK(ZwWaitForSingleObject(h, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(h, FALSE, &zero) == STATUS_SUCCESS); /* a notification event stays signaled */
    CHECK(ZwResetEvent(h, &state) == STATUS_SUCCESS && state == 1);
    CHECK(ZwPulseEvent(h, &state) == STATUS_SUCCESS && state == 0);
    CHECK(ZwWaitForSingleObject(h, FALSE, &zero) == STATUS_TIMEOUT);
    CHECK(ZwSetEvent(h, NULL) == STATUS_SUCCESS && ZwClearEvent(h) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(h, FALSE, &zero) == STATUS_TIMEOUT);
    PVOID wrong = NULL, event = NULL;
    CHECK(ObReferenceObjectByHandle(h, EVENT_MODIFY_STATE, *PsThreadType, KernelMode, &wrong, NULL) ==
          STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByHandle(h, EVENT_MODIFY_STATE, *ExEventObjectType, KernelMode, &event, NULL) ==
          STATUS_SUCCESS);
    CHECK(ZwClose(h) == STATUS_SUCCESS); /* the reference keeps the event */
    if (event) {
        KeSetEvent(event, IO_NO_INCREMENT, FALSE);
        CHECK(KeReadStateEvent(event) == 1 && ((PKEVENT)event)->Header.Type == NotificationEvent);
        ObDereferenceObject(event);
    }
    CHECK(ZwSetEvent(h, NULL) == STATUS_INVALID_HANDLE);
    CHECK(ZwWaitForSingleObject(h, FALSE, &zero) == STATUS_INVALID_HANDLE);
    CHECK(ZwWaitForSingleObject(NtCurrentProcess(), FALSE, &zero) == STATUS_OBJECT_TYPE_MISMATCH);
    HANDLE bad = NULL;
    CHECK(ZwCreateEvent(&bad, EVENT_ALL_ACCESS, NULL, (EVENT_TYPE)7, FALSE) == STATUS_INVALID_PARAMETER);

    /* a synchronization event: one wait takes the signal */
    HANDLE sync = NewEvent(SynchronizationEvent, TRUE);
    CHECK(ZwWaitForSingleObject(sync, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(sync, FALSE, &zero) == STATUS_TIMEOUT);

    /* names: one object under several handles */
    UNICODE_STRING name, upper, relative;
    RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\WdkConformEvent");
    RtlInitUnicodeString(&upper, L"\\BASENAMEDOBJECTS\\WDKCONFORMEVENT");
    RtlInitUnicodeString(&relative, L"WdkConformEvent");
    HANDLE named = NULL, again = NULL, opened = NULL;
    InitializeObjectAttributes(&oa, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    CHECK(ZwOpenEvent(&opened, EVENT_ALL_ACCESS, &oa) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(ZwCreateEvent(&named, EVENT_ALL_ACCESS, &oa, NotificationEvent, FALSE) == STATUS_SUCCESS);
    CHECK(ZwCreateEvent(&again, EVENT_ALL_ACCESS, &oa, NotificationEvent, FALSE) == STATUS_OBJECT_NAME_COLLISION);
    oa.Attributes |= OBJ_OPENIF;
    CHECK(ZwCreateEvent(&again, EVENT_ALL_ACCESS, &oa, SynchronizationEvent, TRUE) == STATUS_OBJECT_NAME_EXISTS);
    oa.ObjectName = &upper;
    CHECK(ZwOpenEvent(&opened, SYNCHRONIZE, &oa) == STATUS_SUCCESS);
    CHECK(named && again && opened && named != again && again != opened);
    CHECK(ZwWaitForSingleObject(again, FALSE, &zero) == STATUS_TIMEOUT); /* OBJ_OPENIF's state changed nothing */
    CHECK(ZwSetEvent(opened, NULL) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(named, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(again, FALSE, &zero) == STATUS_SUCCESS);
    oa.ObjectName = &relative;
    CHECK(ZwCreateEvent(&bad, EVENT_ALL_ACCESS, &oa, NotificationEvent, FALSE) == STATUS_OBJECT_PATH_SYNTAX_BAD);
    /* one namespace: a name is one object's, whatever its type */
    UNICODE_STRING powerState;
    RtlInitUnicodeString(&powerState, L"\\Callback\\PowerState");
    InitializeObjectAttributes(&oa, &powerState, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    CHECK(ZwCreateEvent(&bad, EVENT_ALL_ACCESS, &oa, NotificationEvent, FALSE) == STATUS_OBJECT_NAME_COLLISION);
    CHECK(ZwOpenEvent(&bad, EVENT_ALL_ACCESS, &oa) == STATUS_OBJECT_TYPE_MISMATCH);
    PCALLBACK_OBJECT callback = NULL;
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    CHECK(ExCreateCallback(&callback, &oa, TRUE, TRUE) == STATUS_OBJECT_TYPE_MISMATCH && callback == NULL);
    InitializeObjectAttributes(&oa, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);

    /* the Io routines: created signaled, or the event of that name as it is */
    HANDLE io = NULL, io2 = NULL, io3 = NULL;
    UNICODE_STRING ioName;
    RtlInitUnicodeString(&ioName, L"\\BaseNamedObjects\\WdkConformIo");
    PKEVENT ioEvent = IoCreateSynchronizationEvent(&ioName, &io);
    CHECK(ioEvent && KeReadStateEvent(ioEvent) == 1 && ioEvent->Header.Type == SynchronizationEvent);
    CHECK(IoCreateNotificationEvent(&ioName, &io2) == ioEvent && io2 != io);
    if (ioEvent)
        CHECK(ioEvent->Header.Type == SynchronizationEvent && ZwWaitForSingleObject(io2, FALSE, &zero) == STATUS_SUCCESS &&
              KeReadStateEvent(ioEvent) == 0);
    PKEVENT namedEvent = IoCreateNotificationEvent(&name, &io3);
    CHECK(namedEvent && KeReadStateEvent(namedEvent) == 1); /* the one ZwSetEvent signaled */

    /* several at once, and more than the thread's own wait blocks */
    HANDLE two[2] = { sync, named }, same[2] = { named, again };
    CHECK(ZwWaitForMultipleObjects(2, two, WaitAny, FALSE, &zero) == STATUS_WAIT_0 + 1);
    CHECK(ZwWaitForMultipleObjects(2, two, WaitAll, FALSE, &zero) == STATUS_TIMEOUT);
    CHECK(ZwSetEvent(sync, NULL) == STATUS_SUCCESS);
    CHECK(ZwWaitForMultipleObjects(2, two, WaitAll, FALSE, &zero) == STATUS_SUCCESS);
    CHECK(ZwWaitForSingleObject(sync, FALSE, &zero) == STATUS_TIMEOUT); /* WaitAll took its signal */
    CHECK(ZwWaitForMultipleObjects(2, same, WaitAll, FALSE, &zero) == STATUS_INVALID_PARAMETER_MIX);
    CHECK(ZwWaitForMultipleObjects(2, same, WaitAny, FALSE, &zero) == STATUS_WAIT_0);
    CHECK(ZwWaitForMultipleObjects(0, two, WaitAny, FALSE, &zero) == STATUS_INVALID_PARAMETER_1);
    CHECK(ZwWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, two, WaitAny, FALSE, &zero) ==
          STATUS_INVALID_PARAMETER_1);
    CHECK(ZwWaitForMultipleObjects(2, two, (WAIT_TYPE)5, FALSE, &zero) == STATUS_INVALID_PARAMETER_3);
    HANDLE many[5];
    for (int i = 0; i < 5; i++)
        many[i] = NewEvent(NotificationEvent, i == 4);
    CHECK(ZwWaitForMultipleObjects(5, many, WaitAny, FALSE, &zero) == STATUS_WAIT_0 + 4);
    CHECK(ZwWaitForMultipleObjects(5, many, WaitAll, FALSE, &zero) == STATUS_TIMEOUT);
    for (int i = 0; i < 5; i++)
        ZwSetEvent(many[i], NULL);
    CHECK(ZwWaitForMultipleObjects(5, many, WaitAll, FALSE, &zero) == STATUS_SUCCESS);
    for (int i = 0; i < 5; i++)
        ZwClose(many[i]);

    HANDLE all[] = { sync, named, again, opened, io, io2, io3 };
    for (ULONG i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i])
            CHECK(ZwClose(all[i]) == STATUS_SUCCESS);
    oa.ObjectName = &name; /* the name went with the last handle */
    CHECK(ZwOpenEvent(&opened, EVENT_ALL_ACCESS, &oa) == STATUS_OBJECT_NAME_NOT_FOUND);
}

/* Return addresses up the stack, from functions that keep their frame pointers and their calls (mingw-w64's
 * -O2 omits the one and turns a last call into a jump; a walk ends at the first frame without one, as
 * on Windows), and RtlIntegerToChar. */
NTSYSAPI NTSTATUS NTAPI RtlIntegerToChar(ULONG Value, ULONG Base, LONG Length, PCHAR String); /* not in mingw's */

#define KEEPS_FRAME __attribute__((noinline, optimize("no-omit-frame-pointer", "no-optimize-sibling-calls")))

static KEEPS_FRAME ULONG WalkHere(PVOID *callers, ULONG count, PVOID *returnTo)
{
    *returnTo = __builtin_return_address(0);
    return RtlWalkFrameChain(callers, count, 0);
}

static KEEPS_FRAME USHORT CaptureHere(ULONG skip, PVOID *trace, PULONG hash, PVOID *returnTo)
{
    *returnTo = __builtin_return_address(0);
    return RtlCaptureStackBackTrace(skip, 2, trace, hash);
}

static KEEPS_FRAME VOID CallersHere(PVOID *callers, PVOID *callersCaller, PVOID *returnTo)
{
    *returnTo = __builtin_return_address(0);
    RtlGetCallersAddress(callers, callersCaller);
}

static BOOLEAN Within(PVOID address, PVOID function)
{
    return (ULONG_PTR)address - (ULONG_PTR)function < 0x100;
}

static KEEPS_FRAME VOID TestBackTraces(VOID)
{
    PVOID callers[4] = { NULL }, trace[2] = { NULL }, returnTo = NULL, caller = NULL, callersCaller = NULL;
    ULONG n = WalkHere(callers, 4, &returnTo);
    CHECK(n >= 2 && Within(callers[0], (PVOID)WalkHere) && callers[1] == returnTo);
    CHECK(Within(returnTo, (PVOID)TestBackTraces));
    CHECK(WalkHere(callers, 1, &returnTo) == 1);
    CHECK(RtlWalkFrameChain(callers, 4, 1) == 0); /* no user-mode stack */
    ULONG hash = 0;
    CHECK(CaptureHere(0, trace, &hash, &returnTo) == 2 && Within(trace[0], (PVOID)CaptureHere) &&
          trace[1] == returnTo && hash == (ULONG)(ULONG_PTR)trace[0] + (ULONG)(ULONG_PTR)trace[1]);
    CHECK(CaptureHere(1, trace, NULL, &returnTo) >= 1 && trace[0] == returnTo);
    CallersHere(&caller, &callersCaller, &returnTo);
    CHECK(caller == returnTo && callersCaller != NULL); /* into TestBackTraces, and into its caller */

    char text[8];
    RtlFillMemory(text, sizeof text, 'x');
    CHECK(RtlIntegerToChar(255, 16, sizeof text, text) == STATUS_SUCCESS && strcmp(text, "FF") == 0);
    CHECK(RtlIntegerToChar(1234, 0, 4, text) == STATUS_SUCCESS && memcmp(text, "1234", 4) == 0 && text[4] == 'x');
    CHECK(RtlIntegerToChar(12345, 10, 4, text) == STATUS_BUFFER_OVERFLOW && text[0] == '1');
    CHECK(RtlIntegerToChar(5, 7, sizeof text, text) == STATUS_INVALID_PARAMETER);
    CHECK(RtlIntegerToChar(5, 2, sizeof text, text) == STATUS_SUCCESS && strcmp(text, "101") == 0);
}

DRIVER_UNLOAD ConformUnload;

VOID ConformUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link;
    RtlInitUnicodeString(&link, L"\\DosDevices\\WdkConform");
    IoDeleteSymbolicLink(&link);
    while (DriverObject->DeviceObject)
        IoDeleteDevice(DriverObject->DeviceObject);
    DbgPrint("wdkconform: unloaded\n");
}

/* The registry, as a driver reads and writes its parameters: its own service key, a Parameters subkey
 * created and filled with a value of each type, the buffer-size statuses, enumeration,
 * RtlQueryRegistryValues, the Rtl write, check and delete routines; everything it made is deleted. */
static ULONG g_RegCalls;
static ULONG g_RegSeenType;
static WCHAR g_RegSeenName[16];

static NTSTATUS NTAPI CountValue(PWSTR ValueName, ULONG ValueType, PVOID ValueData, ULONG ValueLength, PVOID Context,
                                 PVOID EntryContext)
{
    UNREFERENCED_PARAMETER(ValueData);
    UNREFERENCED_PARAMETER(ValueLength);
    g_RegCalls++;
    g_RegSeenType = ValueType;
    if (ValueName)
        wcsncpy(g_RegSeenName, ValueName, 15);
    CHECK(Context == (PVOID)&g_RegCalls && EntryContext == (PVOID)&g_RegSeenType);
    return STATUS_SUCCESS;
}

static HANDLE OpenKey(HANDLE root, PCWSTR name, NTSTATUS *status)
{
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    HANDLE h = NULL;
    RtlInitUnicodeString(&u, name);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    *status = ZwOpenKey(&h, KEY_READ, &oa);
    return h;
}

static NTSTATUS SetValue(HANDLE key, PCWSTR name, ULONG type, const VOID *data, ULONG size)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, name);
    return ZwSetValueKey(key, &u, 0, type, (PVOID)data, size);
}

static VOID TestRegistryValues(HANDLE params)
{
    static const WCHAR sz[] = L"hello", expand[] = L"%SystemRoot%\\x", multi[] = L"one\0two\0";
    static const UCHAR binary[5] = { 1, 2, 3, 4, 5 };
    ULONG dword = 0x12345678;
    ULONGLONG qword = 0x1122334455667788ULL;
    CHECK(SetValue(params, L"Sz", REG_SZ, sz, sizeof sz) == STATUS_SUCCESS);
    CHECK(SetValue(params, L"Expand", REG_EXPAND_SZ, expand, sizeof expand) == STATUS_SUCCESS);
    CHECK(SetValue(params, L"Multi", REG_MULTI_SZ, multi, sizeof multi) == STATUS_SUCCESS);
    CHECK(SetValue(params, L"Dword", REG_DWORD, &dword, sizeof dword) == STATUS_SUCCESS);
    CHECK(SetValue(params, L"Binary", REG_BINARY, binary, sizeof binary) == STATUS_SUCCESS);
    CHECK(SetValue(params, L"Qword", REG_QWORD, &qword, sizeof qword) == STATUS_SUCCESS);
    CHECK(SetValue(params, L"None", REG_NONE, NULL, 0) == STATUS_SUCCESS);

    UNICODE_STRING name;
    ULONG result = 0;
    UCHAR buffer[128];
    PKEY_VALUE_PARTIAL_INFORMATION partial = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    RtlInitUnicodeString(&name, L"DWORD"); /* names are case-insensitive */
    CHECK(ZwQueryValueKey(params, &name, KeyValuePartialInformation, partial, sizeof buffer, &result) ==
              STATUS_SUCCESS &&
          partial->Type == REG_DWORD && partial->DataLength == 4 && *(PULONG)partial->Data == dword &&
          result == FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data) + 4);
    RtlInitUnicodeString(&name, L"Qword");
    CHECK(ZwQueryValueKey(params, &name, KeyValuePartialInformation, partial, sizeof buffer, &result) ==
              STATUS_SUCCESS &&
          partial->Type == REG_QWORD && *(ULONGLONG UNALIGNED *)partial->Data == qword);
    /* below the fixed part: STATUS_BUFFER_TOO_SMALL; inside the data: STATUS_BUFFER_OVERFLOW, both with
     * the whole size */
    RtlInitUnicodeString(&name, L"Sz");
    CHECK(ZwQueryValueKey(params, &name, KeyValuePartialInformation, partial, 8, &result) ==
              STATUS_BUFFER_TOO_SMALL &&
          result == FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data) + sizeof sz);
    RtlFillMemory(buffer, sizeof buffer, 0xEE);
    CHECK(ZwQueryValueKey(params, &name, KeyValuePartialInformation, partial,
                          FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data) + 4, &result) == STATUS_BUFFER_OVERFLOW &&
          result == FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data) + sizeof sz && partial->Type == REG_SZ &&
          partial->DataLength == sizeof sz && partial->Data[0] == 'h' && partial->Data[4] == 0xEE);
    PKEY_VALUE_BASIC_INFORMATION basic = (PKEY_VALUE_BASIC_INFORMATION)buffer;
    CHECK(ZwQueryValueKey(params, &name, KeyValueBasicInformation, basic, sizeof buffer, &result) ==
              STATUS_SUCCESS &&
          basic->Type == REG_SZ && basic->NameLength == 4 && basic->Name[0] == 'S' && basic->Name[1] == 'z');
    PKEY_VALUE_FULL_INFORMATION full = (PKEY_VALUE_FULL_INFORMATION)buffer;
    CHECK(ZwQueryValueKey(params, &name, KeyValueFullInformation, full, sizeof buffer, &result) == STATUS_SUCCESS &&
          full->DataLength == sizeof sz && full->DataOffset >= FIELD_OFFSET(KEY_VALUE_FULL_INFORMATION, Name) + 4 &&
          RtlCompareMemory(buffer + full->DataOffset, sz, sizeof sz) == sizeof sz &&
          result == full->DataOffset + sizeof sz);
    CHECK(ZwQueryValueKey(params, &name, KeyValueFullInformation, full, 4, &result) == STATUS_BUFFER_TOO_SMALL);
    RtlInitUnicodeString(&name, L"Missing");
    CHECK(ZwQueryValueKey(params, &name, KeyValuePartialInformation, partial, sizeof buffer, &result) ==
          STATUS_OBJECT_NAME_NOT_FOUND);

    /* values in the order set, then STATUS_NO_MORE_ENTRIES; a value set again keeps its place */
    CHECK(SetValue(params, L"sz", REG_SZ, sz, sizeof sz) == STATUS_SUCCESS);
    ULONG count = 0;
    while (ZwEnumerateValueKey(params, count, KeyValueBasicInformation, basic, sizeof buffer, &result) ==
           STATUS_SUCCESS)
        count++;
    CHECK(count == 7);
    CHECK(ZwEnumerateValueKey(params, 0, KeyValueBasicInformation, basic, sizeof buffer, &result) == STATUS_SUCCESS &&
          basic->NameLength == 4 && basic->Name[0] == 'S');
    CHECK(ZwEnumerateValueKey(params, 7, KeyValueBasicInformation, basic, sizeof buffer, &result) ==
          STATUS_NO_MORE_ENTRIES);
    KEY_FULL_INFORMATION keyfull;
    CHECK(ZwQueryKey(params, KeyFullInformation, &keyfull, sizeof keyfull, &result) == STATUS_SUCCESS &&
          keyfull.Values == 7 && keyfull.SubKeys == 0 && keyfull.MaxValueDataLen == sizeof expand);

    /* RtlQueryRegistryValues: DIRECT into a ULONG and a UNICODE_STRING it allocates, a default for a value
     * that is missing, REQUIRED, a REG_MULTI_SZ string by string, a QueryRoutine for every value */
    ULONG gotDword = 0, gotMissing = 0, fallback = 77;
    UNICODE_STRING gotSz = { 0, 0, NULL }, strings[2] = { { 0, 0, NULL }, { 0, 0, NULL } };
    RTL_QUERY_REGISTRY_TABLE table[5];
    RtlZeroMemory(table, sizeof table);
    table[0].Flags = RTL_QUERY_REGISTRY_DIRECT;
    table[0].Name = L"Dword";
    table[0].EntryContext = &gotDword;
    table[1].Flags = RTL_QUERY_REGISTRY_DIRECT;
    table[1].Name = L"Sz";
    table[1].EntryContext = &gotSz;
    table[2] = (RTL_QUERY_REGISTRY_TABLE){ NULL,     RTL_QUERY_REGISTRY_DIRECT, L"NotThere", &gotMissing,
                                           REG_DWORD, &fallback,                 sizeof fallback };
    table[3].Flags = RTL_QUERY_REGISTRY_DIRECT;
    table[3].Name = L"Multi";
    table[3].EntryContext = strings;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)params, table, NULL, NULL) == STATUS_SUCCESS);
    CHECK(gotDword == dword && gotMissing == 77);
    CHECK(gotSz.Buffer && gotSz.Length == sizeof sz - sizeof(WCHAR) && RtlCompareMemory(gotSz.Buffer, sz, 10) == 10);
    CHECK(strings[0].Length == 6 && strings[1].Length == 6 && strings[1].Buffer && strings[1].Buffer[0] == 't');
    RtlFreeUnicodeString(&gotSz);
    RtlFreeUnicodeString(&strings[0]);
    RtlFreeUnicodeString(&strings[1]);
    table[2].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_REQUIRED;
    table[2].DefaultType = REG_NONE;
    table[3].Name = NULL;
    table[3].Flags = 0;
    table[3].EntryContext = NULL;
    table[1].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_NOEXPAND;
    table[1].Name = L"Dword";
    table[1].EntryContext = &gotMissing;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)params, table, NULL, NULL) ==
          STATUS_OBJECT_NAME_NOT_FOUND);
    RtlZeroMemory(table, sizeof table);
    table[0].QueryRoutine = CountValue;
    table[0].EntryContext = &g_RegSeenType;
    g_RegCalls = 0;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)params, table, &g_RegCalls, NULL) == STATUS_SUCCESS);
    CHECK(g_RegCalls == 7 + 1 - 1); /* Multi's two strings as two calls, REG_NONE with no default skipped */
    table[0].Name = L"Expand"; /* a REG_EXPAND_SZ with a '%' comes as REG_SZ, unless NOEXPAND */
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)params, table, &g_RegCalls, NULL) == STATUS_SUCCESS &&
          g_RegSeenType == REG_SZ && wcscmp(g_RegSeenName, L"Expand") == 0);
    table[0].Flags = RTL_QUERY_REGISTRY_NOEXPAND;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)params, table, &g_RegCalls, NULL) == STATUS_SUCCESS &&
          g_RegSeenType == REG_EXPAND_SZ);

    RtlInitUnicodeString(&name, L"None");
    CHECK(ZwDeleteValueKey(params, &name) == STATUS_SUCCESS);
    CHECK(ZwDeleteValueKey(params, &name) == STATUS_OBJECT_NAME_NOT_FOUND);
}

static VOID TestRegistry(PUNICODE_STRING RegistryPath)
{
    OBJECT_ATTRIBUTES oa;
    NTSTATUS status;
    HANDLE service = NULL, params = NULL;
    InitializeObjectAttributes(&oa, RegistryPath, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    CHECK(ZwOpenKey(&service, KEY_READ, &oa) == STATUS_SUCCESS && service != NULL);
    if (!service)
        return;
    /* the service key's usual values; no Parameters until someone makes it */
    UCHAR buffer[64];
    ULONG result;
    UNICODE_STRING name;
    PKEY_VALUE_PARTIAL_INFORMATION partial = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    RtlInitUnicodeString(&name, L"Start");
    CHECK(ZwQueryValueKey(service, &name, KeyValuePartialInformation, partial, sizeof buffer, &result) ==
              STATUS_SUCCESS &&
          partial->Type == REG_DWORD && *(PULONG)partial->Data == SERVICE_DEMAND_START);
    RtlInitUnicodeString(&name, L"Type");
    CHECK(ZwQueryValueKey(service, &name, KeyValuePartialInformation, partial, sizeof buffer, &result) ==
              STATUS_SUCCESS &&
          *(PULONG)partial->Data == SERVICE_KERNEL_DRIVER);
    RtlInitUnicodeString(&name, L"ImagePath");
    CHECK(ZwQueryValueKey(service, &name, KeyValuePartialInformation, partial, 12, &result) ==
              STATUS_BUFFER_OVERFLOW &&
          partial->Type == REG_EXPAND_SZ && result > 12);
    RtlInitUnicodeString(&name, L"NoSuchValue");
    CHECK(ZwQueryValueKey(service, &name, KeyValuePartialInformation, partial, sizeof buffer, &result) ==
          STATUS_OBJECT_NAME_NOT_FOUND);
    OpenKey(service, L"Parameters", &status);
    CHECK(status == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters") == STATUS_OBJECT_NAME_NOT_FOUND);
    OpenKey(NULL, L"Registry\\Machine", &status);
    CHECK(status == STATUS_OBJECT_PATH_SYNTAX_BAD);

    /* ZwCreateKey: created, then opened; relative to the service key's handle */
    UNICODE_STRING sub;
    ULONG disposition = 0;
    RtlInitUnicodeString(&sub, L"Parameters");
    InitializeObjectAttributes(&oa, &sub, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, service, NULL);
    CHECK(ZwCreateKey(&params, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, &disposition) ==
              STATUS_SUCCESS &&
          disposition == REG_CREATED_NEW_KEY);
    HANDLE again = NULL;
    CHECK(ZwCreateKey(&again, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, &disposition) ==
              STATUS_SUCCESS &&
          disposition == REG_OPENED_EXISTING_KEY && again != params);
    if (again)
        ZwClose(again);
    RtlInitUnicodeString(&sub, L"Deep\\Er");
    CHECK(ZwCreateKey(&again, KEY_ALL_ACCESS, &oa, 0, NULL, 0, &disposition) == STATUS_OBJECT_NAME_NOT_FOUND);
    if (!params) {
        ZwClose(service);
        return;
    }
    TestRegistryValues(params);

    /* subkeys: enumerated by name, case-insensitively; a key with subkeys cannot go */
    HANDLE b = NULL, a = NULL;
    RtlInitUnicodeString(&sub, L"beta");
    InitializeObjectAttributes(&oa, &sub, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, params, NULL);
    CHECK(ZwCreateKey(&b, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL) == STATUS_SUCCESS);
    RtlInitUnicodeString(&sub, L"Alpha");
    CHECK(ZwCreateKey(&a, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL) == STATUS_SUCCESS);
    PKEY_BASIC_INFORMATION basic = (PKEY_BASIC_INFORMATION)buffer;
    CHECK(ZwEnumerateKey(params, 0, KeyBasicInformation, basic, sizeof buffer, &result) == STATUS_SUCCESS &&
          basic->NameLength == 10 && basic->Name[0] == 'A');
    CHECK(ZwEnumerateKey(params, 1, KeyBasicInformation, basic, sizeof buffer, &result) == STATUS_SUCCESS &&
          basic->NameLength == 8 && basic->Name[0] == 'b');
    CHECK(ZwEnumerateKey(params, 2, KeyBasicInformation, basic, sizeof buffer, &result) == STATUS_NO_MORE_ENTRIES);
    CHECK(ZwEnumerateKey(params, 0, KeyBasicInformation, basic, 8, &result) == STATUS_BUFFER_TOO_SMALL &&
          result == FIELD_OFFSET(KEY_BASIC_INFORMATION, Name) + 10);
    CHECK(ZwDeleteKey(params) == STATUS_CANNOT_DELETE);
    CHECK(ZwFlushKey(params) == STATUS_SUCCESS);
    /* a deleted key's handle still closes; everything else on it is STATUS_KEY_DELETED */
    CHECK(a && ZwDeleteKey(a) == STATUS_SUCCESS);
    CHECK(ZwDeleteKey(a) == STATUS_KEY_DELETED);
    CHECK(SetValue(a, L"x", REG_DWORD, &result, 4) == STATUS_KEY_DELETED);
    CHECK(ZwQueryKey(a, KeyBasicInformation, basic, sizeof buffer, &result) == STATUS_KEY_DELETED);
    CHECK(ZwClose(a) == STATUS_SUCCESS);
    CHECK(b && ZwDeleteKey(b) == STATUS_SUCCESS && ZwClose(b) == STATUS_SUCCESS);

    /* the Rtl routines by path */
    ULONG seven = 7, got = 0;
    CHECK(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters") == STATUS_SUCCESS);
    CHECK(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters", L"Seven", REG_DWORD, &seven,
                                sizeof seven) == STATUS_SUCCESS);
    RTL_QUERY_REGISTRY_TABLE table[3];
    RtlZeroMemory(table, sizeof table);
    table[0].Flags = RTL_QUERY_REGISTRY_SUBKEY;
    table[0].Name = L"Parameters";
    table[1].Flags = RTL_QUERY_REGISTRY_DIRECT;
    table[1].Name = L"seven";
    table[1].EntryContext = &got;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_ABSOLUTE, RegistryPath->Buffer, table, NULL, NULL) == STATUS_SUCCESS &&
          got == 7);
    CHECK(RtlCreateRegistryKey(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters\\Made") == STATUS_SUCCESS);
    CHECK(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters\\Made") == STATUS_SUCCESS);
    HANDLE made = OpenKey(params, L"MADE", &status);
    CHECK(status == STATUS_SUCCESS && made && ZwDeleteKey(made) == STATUS_SUCCESS);
    if (made)
        ZwClose(made);
    CHECK(RtlDeleteRegistryValue(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters", L"Seven") == STATUS_SUCCESS);
    CHECK(RtlDeleteRegistryValue(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters", L"Seven") ==
          STATUS_OBJECT_NAME_NOT_FOUND);
    ULONG major = 0;
    RtlZeroMemory(table, sizeof table);
    table[0].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_REQUIRED;
    table[0].Name = L"CurrentMajorVersionNumber";
    table[0].EntryContext = &major;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_WINDOWS_NT, NULL, table, NULL, NULL) == STATUS_SUCCESS && major == 10);

    /* nothing left behind: Parameters goes, the service key stays */
    CHECK(ZwDeleteKey(params) == STATUS_SUCCESS);
    CHECK(ZwClose(params) == STATUS_SUCCESS);
    CHECK(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, L"wdkconform\\Parameters") == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(ZwClose(service) == STATUS_SUCCESS);
}

static VOID TestRtlBitmaps(VOID)
{
    ULONG bits[4] = { 0, 0, 0, 0xFFFFFFF0 }; /* 100 bits: the last word's top 28 are not the bitmap's */
    RTL_BITMAP bm;
    RTL_BITMAP_RUN runs[3];
    ULONG start;

    RtlInitializeBitMap(&bm, bits, 100);
    CHECK(bm.SizeOfBitMap == 100 && bm.Buffer == bits);
    CHECK(RtlNumberOfSetBits(&bm) == 0 && RtlNumberOfClearBits(&bm) == 100 && RtlAreBitsClear(&bm, 0, 100));
    CHECK(RtlFindSetBits(&bm, 1, 0) == 0xFFFFFFFF && RtlFindClearBits(&bm, 101, 0) == 0xFFFFFFFF);
    RtlSetBits(&bm, 30, 4); /* across a ULONG */
    CHECK(bits[0] == 0xC0000000 && bits[1] == 3 && RtlCheckBit(&bm, 31) && !RtlCheckBit(&bm, 34));
    CHECK(RtlAreBitsSet(&bm, 30, 4) && !RtlAreBitsSet(&bm, 29, 2) && RtlTestBit(&bm, 33) && !RtlTestBit(&bm, 34));
    RtlSetBit(&bm, 99);
    RtlClearBit(&bm, 31);
    CHECK(RtlNumberOfSetBits(&bm) == 4 && !RtlAreBitsClear(&bm, 99, 2) && !RtlAreBitsClear(&bm, 0, 0));
    /* the search starts at the hint and wraps around to the start */
    CHECK(RtlFindClearBits(&bm, 30, 0) == 0 && RtlFindClearBits(&bm, 30, 5) == 34);
    CHECK(RtlFindClearBits(&bm, 40, 50) == 50 && RtlFindClearBits(&bm, 60, 50) == 34);
    CHECK(RtlFindClearBits(&bm, 66, 0) == 0xFFFFFFFF);
    CHECK(RtlFindSetBits(&bm, 2, 40) == 32 && RtlFindSetBits(&bm, 1, 40) == 99 && RtlFindSetBits(&bm, 1, 100) == 30);
    CHECK(RtlFindClearBitsAndSet(&bm, 10, 0) == 0 && RtlAreBitsSet(&bm, 0, 10));
    CHECK(RtlFindSetBitsAndClear(&bm, 10, 50) == 0 && RtlAreBitsClear(&bm, 0, 30));
    CHECK(RtlFindFirstRunClear(&bm, &start) == 30 && start == 0);
    CHECK(RtlFindNextForwardRunClear(&bm, 30, &start) == 1 && start == 31);
    CHECK(RtlFindLongestRunClear(&bm, &start) == 65 && start == 34);
    CHECK(RtlFindLastBackwardRunClear(&bm, 99, &start) == 65 && start == 34);
    CHECK(RtlFindLastBackwardRunClear(&bm, 33, &start) == 1 && start == 31);
    CHECK(RtlFindLastBackwardRunClear(&bm, 29, &start) == 30 && start == 0);
    CHECK(RtlFindClearRuns(&bm, runs, 3, FALSE) == 3 && runs[0].StartingIndex == 0 && runs[1].NumberOfBits == 1);
    CHECK(runs[2].StartingIndex == 34 && runs[2].NumberOfBits == 65);
    CHECK(RtlFindClearRuns(&bm, runs, 2, TRUE) == 2 && runs[0].StartingIndex == 34 && runs[1].NumberOfBits == 30);
    RtlSetAllBits(&bm);
    CHECK(RtlNumberOfClearBits(&bm) == 0 && RtlFindLongestRunClear(&bm, &start) == 0);
    RtlClearAllBits(&bm);
    CHECK(bits[0] == 0 && bits[3] == 0);
    CHECK(RtlFindMostSignificantBit(0x0000000100000010ULL) == 32 && RtlFindLeastSignificantBit(0x0000000100000010ULL) == 4);
    CHECK(RtlFindMostSignificantBit(0) == -1 && RtlFindLeastSignificantBit(0) == -1);
}

/* Generic tables as drivers use them: the element is a key and a value, the routines are the driver's
 * own stdcall ones, and every node comes from and goes back to paged pool. */
typedef struct _ELEMENT {
    ULONG Key;
    ULONG Value;
} ELEMENT, *PELEMENT;
static ULONG g_TableCompares, g_TableNodes, g_TableLastSize;
static PVOID g_TableLastNode;

static RTL_GENERIC_COMPARE_RESULTS CompareKeys(PVOID First, PVOID Second)
{
    ULONG a = ((PELEMENT)First)->Key, b = ((PELEMENT)Second)->Key;
    g_TableCompares++;
    return a < b ? GenericLessThan : a > b ? GenericGreaterThan : GenericEqual;
}

static PVOID TakeNode(CLONG ByteSize)
{
    g_TableLastSize = ByteSize;
    g_TableLastNode = ExAllocatePoolWithTag(PagedPool, ByteSize, TAG);
    if (g_TableLastNode)
        g_TableNodes++;
    return g_TableLastNode;
}

static RTL_GENERIC_COMPARE_RESULTS NTAPI AvlCompare(PRTL_AVL_TABLE Table, PVOID First, PVOID Second)
{
    return Table->TableContext == (PVOID)TAG ? CompareKeys(First, Second) : GenericEqual;
}

static PVOID NTAPI AvlAllocate(PRTL_AVL_TABLE Table, CLONG ByteSize)
{
    UNREFERENCED_PARAMETER(Table);
    return TakeNode(ByteSize);
}

static VOID NTAPI AvlFree(PRTL_AVL_TABLE Table, PVOID Buffer)
{
    UNREFERENCED_PARAMETER(Table);
    g_TableNodes--;
    ExFreePoolWithTag(Buffer, TAG);
}

static RTL_GENERIC_COMPARE_RESULTS NTAPI SplayCompare(PRTL_GENERIC_TABLE Table, PVOID First, PVOID Second)
{
    UNREFERENCED_PARAMETER(Table);
    return CompareKeys(First, Second);
}

static PVOID NTAPI SplayAllocate(PRTL_GENERIC_TABLE Table, CLONG ByteSize)
{
    UNREFERENCED_PARAMETER(Table);
    return TakeNode(ByteSize);
}

static VOID NTAPI SplayFree(PRTL_GENERIC_TABLE Table, PVOID Buffer)
{
    UNREFERENCED_PARAMETER(Table);
    g_TableNodes--;
    ExFreePoolWithTag(Buffer, TAG);
}

static VOID TestAvlTable(VOID)
{
    RTL_AVL_TABLE t;
    ELEMENT e = { 0, 0 };
    PELEMENT p;
    BOOLEAN isNew;
    PVOID restart = NULL, where;
    TABLE_SEARCH_RESULT result;
    ULONG i, n;

    RtlInitializeGenericTableAvl(&t, AvlCompare, AvlAllocate, AvlFree, (PVOID)TAG);
    CHECK(RtlIsGenericTableEmptyAvl(&t) && t.BalancedRoot.Parent == &t.BalancedRoot && t.DepthOfTree == 0);
    for (i = 0; i < 64; i++) {
        e.Key = i * 37 % 64; /* every key once, out of order */
        e.Value = e.Key * 2;
        p = RtlInsertElementGenericTableAvl(&t, &e, sizeof e, &isNew);
        CHECK(p && isNew && p->Key == e.Key && p->Value == e.Value);
        /* the node holds RTL_BALANCED_LINKS, then the element */
        CHECK(g_TableLastSize == sizeof(RTL_BALANCED_LINKS) + sizeof e);
        CHECK((PUCHAR)p == (PUCHAR)g_TableLastNode + sizeof(RTL_BALANCED_LINKS));
    }
    CHECK(RtlNumberGenericTableElementsAvl(&t) == 64 && g_TableNodes == 64);
    CHECK(t.DepthOfTree >= 7 && t.DepthOfTree <= 8 && t.BalancedRoot.RightChild->Parent == &t.BalancedRoot);
    e.Key = 5;
    e.Value = 99;
    p = RtlInsertElementGenericTableAvl(&t, &e, sizeof e, &isNew);
    CHECK(p && !isNew && p->Value == 10 && g_TableNodes == 64);
    CHECK(RtlLookupElementGenericTableAvl(&t, &e) == p);
    CHECK(((PELEMENT)RtlGetElementGenericTableAvl(&t, 5))->Key == 5 && RtlGetElementGenericTableAvl(&t, 64) == NULL);
    for (e.Key = 0; e.Key < 64; e.Key += 2)
        CHECK(RtlDeleteElementGenericTableAvl(&t, &e));
    CHECK(!RtlDeleteElementGenericTableAvl(&t, &e) && t.DeleteCount == 32 && g_TableNodes == 32);
    e.Key = 64;
    CHECK(RtlLookupElementGenericTableFullAvl(&t, &e, &where, &result) == NULL && result == TableInsertAsRight);
    p = RtlInsertElementGenericTableFullAvl(&t, &e, sizeof e, &isNew, where, result);
    CHECK(p && isNew && p->Key == 64 && RtlLookupElementGenericTableAvl(&t, &e) == p);
    for (n = 0, p = RtlEnumerateGenericTableAvl(&t, TRUE); p; p = RtlEnumerateGenericTableAvl(&t, FALSE), n++)
        CHECK(p->Key == (n < 32 ? 2 * n + 1 : 64));
    CHECK(n == 33);
    n = 0;
    while ((p = RtlEnumerateGenericTableWithoutSplayingAvl(&t, &restart)) != NULL)
        n++;
    CHECK(n == 33);
    e.Key = 7;
    p = RtlLookupFirstMatchingElementGenericTableAvl(&t, &e, &restart);
    CHECK(p && p->Key == 7 && ((PELEMENT)RtlEnumerateGenericTableWithoutSplayingAvl(&t, &restart))->Key == 9);
    while ((p = RtlEnumerateGenericTableAvl(&t, TRUE)) != NULL)
        RtlDeleteElementGenericTableAvl(&t, p);
    CHECK(RtlIsGenericTableEmptyAvl(&t) && g_TableNodes == 0 && t.DepthOfTree == 0 && g_TableCompares > 0);
}

static VOID TestSplayTable(VOID)
{
    RTL_GENERIC_TABLE t;
    ELEMENT e = { 0, 0 };
    PELEMENT p;
    BOOLEAN isNew;
    PVOID restart = NULL;
    ULONG i, n;
    static const ULONG keys[] = { 40, 10, 70, 20, 60, 30, 50 };

    RtlInitializeGenericTable(&t, SplayCompare, SplayAllocate, SplayFree, NULL);
    CHECK(RtlIsGenericTableEmpty(&t) && RtlNumberGenericTableElements(&t) == 0 && t.TableRoot == NULL);
    for (i = 0; i < 7; i++) {
        e.Key = keys[i];
        e.Value = i;
        p = RtlInsertElementGenericTable(&t, &e, sizeof e, &isNew);
        CHECK(p && isNew && p->Key == keys[i] && RtlIsRoot(t.TableRoot));
        /* the first sizeof(RTL_SPLAY_LINKS) + sizeof(LIST_ENTRY) bytes are the table's */
        CHECK((PUCHAR)p >= (PUCHAR)g_TableLastNode + sizeof(RTL_SPLAY_LINKS) + sizeof(LIST_ENTRY));
        CHECK((PUCHAR)(p + 1) <= (PUCHAR)g_TableLastNode + g_TableLastSize);
    }
    e.Key = 20;
    p = RtlInsertElementGenericTable(&t, &e, sizeof e, &isNew);
    CHECK(p && !isNew && p->Value == 3 && g_TableNodes == 7);
    CHECK(RtlLookupElementGenericTable(&t, &e) == p);
    e.Key = 25;
    CHECK(RtlLookupElementGenericTable(&t, &e) == NULL);
    for (i = 0; i < 7; i++) /* the order of insertion */
        CHECK(((PELEMENT)RtlGetElementGenericTable(&t, i))->Key == keys[i]);
    CHECK(RtlGetElementGenericTable(&t, 7) == NULL);
    for (n = 0, p = RtlEnumerateGenericTable(&t, TRUE); p; p = RtlEnumerateGenericTable(&t, FALSE), n++)
        CHECK(p->Key == 10 * (n + 1));
    CHECK(n == 7);
    for (n = 0; (p = RtlEnumerateGenericTableWithoutSplaying(&t, &restart)) != NULL; n++)
        CHECK(p->Key == 10 * (n + 1));
    CHECK(n == 7);
    e.Key = 40;
    CHECK(RtlDeleteElementGenericTable(&t, &e) && !RtlDeleteElementGenericTable(&t, &e) && g_TableNodes == 6);
    CHECK(((PELEMENT)RtlGetElementGenericTable(&t, 0))->Key == 10);
    while ((p = RtlGetElementGenericTable(&t, 0)) != NULL)
        RtlDeleteElementGenericTable(&t, p);
    CHECK(RtlIsGenericTableEmpty(&t) && g_TableNodes == 0);
}

static VOID TestRtlHash(VOID)
{
    UNICODE_STRING lower = RTL_CONSTANT_STRING(L"abc"), upper = RTL_CONSTANT_STRING(L"ABC");
    ULONG a = 0, b = 1;

    /* x65599: each character added to the hash times 65599 */
    CHECK(RtlHashUnicodeString(&lower, FALSE, HASH_STRING_ALGORITHM_X65599, &a) == STATUS_SUCCESS);
    CHECK(a == ((97u * 65599 + 98) * 65599 + 99) && a == 0x3025F862);
    CHECK(RtlHashUnicodeString(&lower, TRUE, HASH_STRING_ALGORITHM_DEFAULT, &a) == STATUS_SUCCESS);
    CHECK(RtlHashUnicodeString(&upper, FALSE, HASH_STRING_ALGORITHM_X65599, &b) == STATUS_SUCCESS && a == b);
    CHECK(RtlHashUnicodeString(&lower, FALSE, HASH_STRING_ALGORITHM_INVALID, &a) == STATUS_INVALID_PARAMETER);
}

static VOID TestSplayLinks(VOID)
{
    RTL_SPLAY_LINKS n[4]; /* n[2] the root, n[1] left, n[3] right */
    PRTL_SPLAY_LINKS root;

    for (int i = 1; i < 4; i++)
        RtlInitializeSplayLinks(&n[i]);
    RtlInsertAsLeftChild(&n[2], &n[1]);
    RtlInsertAsRightChild(&n[2], &n[3]);
    CHECK(RtlSubtreeSuccessor(&n[2]) == &n[3] && RtlSubtreePredecessor(&n[2]) == &n[1]);
    CHECK(RtlRealSuccessor(&n[1]) == &n[2] && RtlRealPredecessor(&n[3]) == &n[2] && RtlRealSuccessor(&n[3]) == NULL);
    CHECK(RtlSplay(&n[3]) == &n[3] && RtlIsRoot(&n[3]) && n[3].LeftChild == &n[2] && RtlIsLeftChild(&n[2]));
    root = RtlDelete(&n[2]);
    CHECK(RtlIsRoot(root) && RtlRealSuccessor(&n[1]) == &n[3]);
    RtlDeleteNoSplay(&n[1], &root);
    CHECK(root == &n[3] && n[3].LeftChild == NULL && RtlIsRoot(&n[3]));
}

static VOID NTAPI NeverCalled(PVOID Buffer, ULONG Length)
{
    UNREFERENCED_PARAMETER(Buffer);
    UNREFERENCED_PARAMETER(Length);
}

static VOID NTAPI NeverCalledReason(KBUGCHECK_CALLBACK_REASON Reason, PKBUGCHECK_REASON_CALLBACK_RECORD Record,
                                    PVOID Data, ULONG DataLength)
{
    UNREFERENCED_PARAMETER(Reason);
    UNREFERENCED_PARAMETER(Record);
    UNREFERENCED_PARAMETER(Data);
    UNREFERENCED_PARAMETER(DataLength);
}

/* The records as the DDK lays them out, their State and Checksum through registration and removal. */
static VOID TestBugCheckCallbacks(VOID)
{
    static KBUGCHECK_CALLBACK_RECORD record;
    static KBUGCHECK_REASON_CALLBACK_RECORD reason;
    static UCHAR buffer[16];
    CHECK(FIELD_OFFSET(KBUGCHECK_CALLBACK_RECORD, CallbackRoutine) == 8 &&
          FIELD_OFFSET(KBUGCHECK_CALLBACK_RECORD, Checksum) == 24 && FIELD_OFFSET(KBUGCHECK_CALLBACK_RECORD, State) == 28);
    CHECK(FIELD_OFFSET(KBUGCHECK_REASON_CALLBACK_RECORD, Reason) == 20 &&
          FIELD_OFFSET(KBUGCHECK_REASON_CALLBACK_RECORD, State) == 24);
    KeInitializeCallbackRecord((&record));
    CHECK(record.State == BufferEmpty && !KeDeregisterBugCheckCallback(&record));
    CHECK(KeRegisterBugCheckCallback(&record, NeverCalled, buffer, sizeof buffer, (PUCHAR) "wdkconform"));
    CHECK(record.State == BufferInserted && record.Buffer == buffer && record.Length == sizeof buffer &&
          record.CallbackRoutine == NeverCalled && !strcmp((char *)record.Component, "wdkconform"));
    CHECK(record.Checksum == (ULONG_PTR)NeverCalled + (ULONG_PTR)buffer + sizeof buffer + (ULONG_PTR)record.Component);
    CHECK(!KeRegisterBugCheckCallback(&record, NeverCalled, buffer, sizeof buffer, (PUCHAR) "again"));
    CHECK(KeDeregisterBugCheckCallback(&record) && record.State == BufferEmpty);
    CHECK(!KeDeregisterBugCheckCallback(&record));
    KeInitializeCallbackRecord((&reason));
    CHECK(KeRegisterBugCheckReasonCallback(&reason, NeverCalledReason, KbCallbackSecondaryDumpData, (PUCHAR) "conform"));
    CHECK(reason.State == BufferInserted && reason.Reason == KbCallbackSecondaryDumpData &&
          reason.CallbackRoutine == NeverCalledReason);
    CHECK(reason.Checksum == (ULONG_PTR)NeverCalledReason + KbCallbackSecondaryDumpData + (ULONG_PTR)reason.Component);
    CHECK(!KeRegisterBugCheckReasonCallback(&reason, NeverCalledReason, KbCallbackDumpIo, (PUCHAR) "again"));
    CHECK(KeDeregisterBugCheckReasonCallback(&reason) && reason.State == BufferEmpty);
    CHECK(!KeDeregisterBugCheckReasonCallback(&reason));
}

static volatile LONG g_GenericCalls;
static KIRQL g_GenericIrql;
static LOGICAL g_GenericLast;
static PVOID g_GenericContext;

static VOID NTAPI GenericDpc(PKDPC Dpc, PVOID Context, PVOID SystemArgument1, PVOID SystemArgument2)
{
    g_GenericIrql = KeGetCurrentIrql();
    g_GenericContext = Dpc->DeferredContext == Context ? Context : NULL;
    InterlockedIncrement(&g_GenericCalls);
    g_GenericLast = KeSignalCallDpcSynchronize(SystemArgument2);
    g_GenericLast = g_GenericLast && KeSignalCallDpcSynchronize(SystemArgument2); /* the barrier again */
    KeSignalCallDpcDone(SystemArgument1);
}

static KIRQL g_IpiIrql;
static ULONG g_IpiInterrupts;

static ULONG_PTR NTAPI IpiWorker(ULONG_PTR Argument)
{
    ULONG flags;
    __asm__ volatile("pushf; pop %0" : "=r"(flags));
    g_IpiIrql = KeGetCurrentIrql();
    g_IpiInterrupts = (flags >> 9) & 1;
    return Argument * 3;
}

static ULONG_PTR g_ExpandRemaining;
static ULONG g_ExpandCalls;

static VOID NTAPI ExpandCallout(PVOID Parameter)
{
    g_ExpandRemaining = IoGetRemainingStackSize();
    g_ExpandCalls += (ULONG)(ULONG_PTR)Parameter;
}

/* One processor: the affinity routines, processor numbers and indexes, the broadcasts, stack expansion. */
static VOID TestProcessorRoutines(VOID)
{
    PROCESSOR_NUMBER number = { 1, 1, 0 };
    CHECK(KeGetProcessorNumberFromIndex(0, &number) == STATUS_SUCCESS && number.Group == 0 && number.Number == 0);
    CHECK(KeGetProcessorNumberFromIndex(KeQueryActiveProcessorCountEx(ALL_PROCESSOR_GROUPS), &number) ==
          STATUS_INVALID_PARAMETER);
    number.Group = 0, number.Number = 0;
    CHECK(KeGetProcessorIndexFromNumber(&number) == 0);
    number.Number = (UCHAR)KeQueryActiveProcessorCountEx(0);
    CHECK(KeGetProcessorIndexFromNumber(&number) == INVALID_PROCESSOR_INDEX);
    GROUP_AFFINITY node = { 0 }, previous;
    USHORT count = 0;
    KeQueryNodeActiveAffinity(0, &node, &count);
    CHECK(node.Group == 0 && node.Mask == KeQueryActiveProcessors() && count == KeQueryActiveProcessorCount(NULL));

    KAFFINITY active = KeQueryActiveProcessors();
    CHECK(KeSetSystemAffinityThreadEx(active) == 0);            /* from the user affinity */
    CHECK(KeSetSystemAffinityThreadEx(active) == active);       /* nested */
    CHECK(KeSetSystemAffinityThreadEx(~active) == active);      /* no active processor: no change */
    CHECK(KeSetSystemAffinityThreadEx(active) == active);
    KeRevertToUserAffinityThreadEx(0);
    CHECK(KeSetSystemAffinityThreadEx(active) == 0);
    KeRevertToUserAffinityThread();
    KeSetSystemAffinityThread(active);
    CHECK(KeSetSystemAffinityThreadEx(active) == active);
    KeRevertToUserAffinityThread();
    GROUP_AFFINITY wanted = { active, 0, { 0 } };
    KeSetSystemGroupAffinityThread(&wanted, &previous);
    CHECK(previous.Mask == 0 && previous.Group == 0);
    KeSetSystemGroupAffinityThread(&wanted, &previous);
    CHECK(previous.Mask == active && previous.Group == 0);
    KeRevertToUserGroupAffinityThread(&previous);
    CHECK(KeSetSystemAffinityThreadEx(active) == active);
    previous.Mask = 0;
    KeRevertToUserGroupAffinityThread(&previous);
    CHECK(KeSetSystemAffinityThreadEx(0) == 0);

    int context;
    KeGenericCallDpc(GenericDpc, &context);
    CHECK(g_GenericCalls == (LONG)KeQueryActiveProcessorCount(NULL) && g_GenericIrql == DISPATCH_LEVEL &&
          g_GenericContext == &context && g_GenericLast);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);
    CHECK(KeIpiGenericCall(IpiWorker, 14) == 42 && g_IpiIrql == IPI_LEVEL && g_IpiInterrupts == 0);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);

    CHECK(KeExpandKernelStackAndCallout(ExpandCallout, (PVOID)1, 0x8000) == STATUS_SUCCESS && g_ExpandCalls == 1 &&
          g_ExpandRemaining >= 0x8000 - 0x100);
    CHECK(KeExpandKernelStackAndCallout(ExpandCallout, (PVOID)1, MAXIMUM_EXPANSION_SIZE) == STATUS_SUCCESS &&
          g_ExpandCalls == 2 && g_ExpandRemaining >= MAXIMUM_EXPANSION_SIZE - 0x100);
    CHECK(KeExpandKernelStackAndCallout(ExpandCallout, (PVOID)1, MAXIMUM_EXPANSION_SIZE + 1) ==
          STATUS_INVALID_PARAMETER_2 && g_ExpandCalls == 2);
    CHECK(KeExpandKernelStackAndCalloutEx(ExpandCallout, (PVOID)2, 0x100, TRUE, NULL) == STATUS_SUCCESS &&
          g_ExpandCalls == 4);
    CHECK(KeExpandKernelStackAndCalloutEx(ExpandCallout, (PVOID)2, MAXIMUM_EXPANSION_SIZE + 1, FALSE, NULL) ==
          STATUS_INVALID_PARAMETER_2 && g_ExpandCalls == 4);
}

/* A coalescable timer fires no earlier than its due time, and no later than the delay it tolerates. */
static VOID TestCoalescableTimer(VOID)
{
    KTIMER timer;
    LARGE_INTEGER due = { .QuadPart = -20 * 10000LL }, wait = { .QuadPart = -500 * 10000LL };
    KeInitializeTimer(&timer);
    CHECK(!KeSetCoalescableTimer(&timer, due, 0, 50, NULL));
    CHECK(KeSetCoalescableTimer(&timer, due, 0, 50, NULL)); /* set again while set */
    ULONGLONG start = KeQueryInterruptTime();
    CHECK(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, &wait) == STATUS_SUCCESS);
    ULONGLONG waited = KeQueryInterruptTime() - start;
    CHECK(waited >= 19 * 10000ULL && waited < 500 * 10000ULL && KeReadStateTimer(&timer));
    CHECK(KeSetCoalescableTimer(&timer, due, 10, 5, NULL) == FALSE && KeCancelTimer(&timer));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    TestPoolWithTag();
    TestPoolPriorityAndQuota();
    TestPool2();
    TestLookasides();
    TestInterlockedLists();
    TestSLists();
    TestIrqlAndSpinLocks();
    TestDpcs();
    TestTimers();
    TestWaits();
    TestFastMutex();
    TestGuardedMutex();
    TestQueues();
    TestMutexAndSemaphore();
    TestMultipleWaits();
    TestThreadAndSystem();
    TestSystemThreads();
    TestEventObjects();
    TestBackTraces();
    TestCallbackObjects();
    TestSystemInformation(DriverObject);
    TestIdsAndTypes(DriverObject);
    TestResources();
    TestRtl();
    TestTime();
    TestStrings();
    TestRtlStrings();
    TestRtlCodePages();
    TestRtlUtf8();
    TestGuids();
    TestRtlStringsMore();
    TestCrtStrings();
    TestRtlBitmaps();
    TestAvlTable();
    TestSplayTable();
    TestSplayLinks();
    TestRtlHash();
    TestMm();
    TestMdls();
    TestProbeAndLock();
    TestContiguous();
    TestDevices(DriverObject);
    TestCsq(DriverObject);
    TestNotifyRoutines();
    TestDriverExtensions(DriverObject);
    TestRegistry(RegistryPath);
    TestBugCheckCallbacks();
    TestProcessorRoutines();
    TestCoalescableTimer();
    IoRegisterDriverReinitialization(DriverObject, ConformReinitialize, &g_EntryReturned);
    if (g_Failures)
        DbgPrint("wdkconform: FAIL %lu of %lu\n", g_Failures, g_Checks);
    else
        DbgPrint("wdkconform: PASS %lu\n", g_Checks);
    DriverObject->DriverUnload = ConformUnload;
    g_EntryReturned = TRUE;
    return STATUS_SUCCESS;
}
