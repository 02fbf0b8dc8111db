/* ERESOURCE, per thread. Held exclusively: ResourceOwnedExclusive, OwnerEntry the owner and its count
 * of acquires, ActiveCount 1; a shared acquire by the exclusive owner is one more exclusive acquire, as
 * on Windows. Held shared: ActiveCount counts every owner's acquires, OwnerEntry the first shared owner
 * and its own. A thread that cannot have it waits (with Wait) until a release signals, another thread
 * running meanwhile; an exclusive acquire by a shared owner waits for itself, the deadlock it is on
 * Windows. Without Wait it is FALSE. Limits: shared owners after the first are not told apart (Windows
 * keeps an owner table), so their releases are checked against the count only and
 * ExIsResourceAcquiredSharedLite answers 0 for them; a waiting exclusive acquire does not hold off new
 * shared ones (but for ExAcquireSharedWaitForExclusive's). Waiting acquires are counted as exclusive or
 * shared waiters (ExGetExclusiveWaiterCount, ExGetSharedWaiterCount). */
#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/thread.h"

#define NO_DEADLINE UINT64_MAX

static ERESOURCE_THREAD current(void)
{
    return (ERESOURCE_THREAD)KeGetCurrentThread();
}

/* The WDK's rule for every resource routine: IRQL <= APC_LEVEL. */
static void check_irql(PERESOURCE r, const void *caller)
{
    KIRQL irql = KeGetCurrentIrql();
    if (irql > APC_LEVEL)
        KeBugCheckEx(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)r, irql, 0, (ULONG_PTR)caller);
}

static void not_owned(PERESOURCE r, ERESOURCE_THREAD thread)
{
    KeBugCheckEx(BUGCHECK_RESOURCE_NOT_OWNED, (ULONG_PTR)r, thread, (ULONG_PTR)r->OwnerTable, 0);
}

NTSTATUS NTAPI ExInitializeResourceLite(PERESOURCE Resource)
{
    *Resource = (ERESOURCE){ .ActiveCount = 0 };
    InitializeListHead(&Resource->SystemResourcesList);
    return STATUS_SUCCESS;
}

/* Back to its state at initialization, owners and counts forgotten. */
NTSTATUS NTAPI ExReinitializeResourceLite(PERESOURCE Resource)
{
    check_irql(Resource, __builtin_return_address(0));
    return ExInitializeResourceLite(Resource);
}

NTSTATUS NTAPI ExDeleteResourceLite(PERESOURCE Resource)
{
    check_irql(Resource, __builtin_return_address(0));
    return STATUS_SUCCESS;
}

static void take(PERESOURCE r, USHORT flag)
{
    r->ActiveCount = 1;
    r->ActiveEntries = 1;
    r->Flag = flag;
    r->OwnerEntry.OwnerThread = current();
    r->OwnerEntry.OwnerCount = 1;
}

/* One try with interrupts off: whether the caller has it now. */
static bool try_exclusive(PERESOURCE r)
{
    if (!r->ActiveCount)
        take(r, ResourceOwnedExclusive);
    else if ((r->Flag & ResourceOwnedExclusive) && r->OwnerEntry.OwnerThread == current())
        r->OwnerEntry.OwnerCount++;
    else
        return false;
    return true;
}

static bool try_shared(PERESOURCE r)
{
    if (!r->ActiveCount) {
        take(r, 0);
        return true;
    }
    bool mine = r->OwnerEntry.OwnerThread == current();
    if (r->Flag & ResourceOwnedExclusive) {
        if (mine)
            r->OwnerEntry.OwnerCount++;
        return mine;
    }
    r->ActiveCount++;
    if (mine)
        r->OwnerEntry.OwnerCount++;
    else if (!r->OwnerEntry.OwnerThread)
        r->OwnerEntry = (OWNER_ENTRY){ .OwnerThread = current(), .OwnerCount = 1 };
    else
        r->ActiveEntries++;
    return true;
}

/* Tries until it has it, each failed try counted as contention and followed by a wait for the next
 * signal (a release says so), or only once without Wait. While it waits it is one of the exclusive or
 * shared waiters (*waiters: NumberOfExclusiveWaiters or NumberOfSharedWaiters). */
static BOOLEAN acquire(PERESOURCE r, bool (*try_take)(PERESOURCE), BOOLEAN Wait, ULONG *waiters)
{
    bool waiting = false;
    for (;;) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        bool taken = try_take(r);
        if (!taken)
            r->ContentionCount++;
        if (!taken && Wait && !waiting) {
            ++*waiters;
            waiting = true;
        }
        if (taken && waiting)
            --*waiters;
        if (!taken && Wait && !thread_wait_switch(NO_DEADLINE))
            __asm__ volatile("pause"); /* the boot thread, with nothing else to run: poll */
        cpu_restore_interrupts(flags);
        if (taken || !Wait)
            return taken;
    }
}

BOOLEAN NTAPI ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait)
{
    check_irql(Resource, __builtin_return_address(0));
    return acquire(Resource, try_exclusive, Wait, &Resource->NumberOfExclusiveWaiters);
}

BOOLEAN NTAPI ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait)
{
    check_irql(Resource, __builtin_return_address(0));
    return acquire(Resource, try_shared, Wait, &Resource->NumberOfSharedWaiters);
}

/* Shared acquires already never wait for a waiting exclusive one here. */
BOOLEAN NTAPI ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    check_irql(Resource, __builtin_return_address(0));
    return acquire(Resource, try_shared, Wait, &Resource->NumberOfSharedWaiters);
}

/* As a shared acquire, but a thread that owns none of it waits while an exclusive acquire does. */
static bool try_shared_after_exclusive(PERESOURCE r)
{
    bool owner = r->ActiveCount && r->OwnerEntry.OwnerThread == current();
    return (owner || !r->NumberOfExclusiveWaiters) && try_shared(r);
}

BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    check_irql(Resource, __builtin_return_address(0));
    return acquire(Resource, try_shared_after_exclusive, Wait, &Resource->NumberOfSharedWaiters);
}

/* The Win32 thread of the caller: NULL, system threads having none. */
PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceExclusive(PERESOURCE Resource)
{
    KeEnterCriticalRegion();
    check_irql(Resource, __builtin_return_address(0));
    acquire(Resource, try_exclusive, TRUE, &Resource->NumberOfExclusiveWaiters);
    return NULL;
}

PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceShared(PERESOURCE Resource)
{
    KeEnterCriticalRegion();
    check_irql(Resource, __builtin_return_address(0));
    acquire(Resource, try_shared, TRUE, &Resource->NumberOfSharedWaiters);
    return NULL;
}

/* The exclusive owner's acquires become as many shared ones; shared waiters may come in. */
VOID NTAPI ExConvertExclusiveToSharedLite(PERESOURCE Resource)
{
    check_irql(Resource, __builtin_return_address(0));
    uint32_t flags = cpu_save_and_disable_interrupts();
    if (!ExIsResourceAcquiredExclusiveLite(Resource))
        not_owned(Resource, current());
    Resource->Flag &= ~ResourceOwnedExclusive;
    Resource->ActiveCount = (CSHORT)Resource->OwnerEntry.OwnerCount;
    cpu_restore_interrupts(flags);
    thread_signal();
}

ULONG NTAPI ExGetExclusiveWaiterCount(PERESOURCE Resource)
{
    return Resource->NumberOfExclusiveWaiters;
}

ULONG NTAPI ExGetSharedWaiterCount(PERESOURCE Resource)
{
    return Resource->NumberOfSharedWaiters;
}

static void release(PERESOURCE r, ERESOURCE_THREAD thread, const void *caller)
{
    check_irql(r, caller);
    uint32_t flags = cpu_save_and_disable_interrupts();
    bool first = r->ActiveCount && r->OwnerEntry.OwnerThread == thread;
    if (r->Flag & ResourceOwnedExclusive) {
        if (!first)
            not_owned(r, thread);
        if (--r->OwnerEntry.OwnerCount == 0)
            r->ActiveCount = 0;
    } else {
        if (!r->ActiveCount || (!first && r->ActiveCount <= (CSHORT)r->OwnerEntry.OwnerCount))
            not_owned(r, thread);
        r->ActiveCount--;
        if (first && --r->OwnerEntry.OwnerCount == 0)
            r->OwnerEntry.OwnerThread = 0;
    }
    if (!r->ActiveCount) {
        r->ActiveEntries = 0;
        r->Flag &= ~ResourceOwnedExclusive;
        r->OwnerEntry = (OWNER_ENTRY){ .OwnerThread = 0 };
    }
    cpu_restore_interrupts(flags);
    thread_signal();
}

VOID FASTCALL ExReleaseResourceLite(PERESOURCE Resource)
{
    release(Resource, current(), __builtin_return_address(0));
}

VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(PERESOURCE Resource)
{
    release(Resource, current(), __builtin_return_address(0));
    KeLeaveCriticalRegion();
}

VOID NTAPI ExReleaseResourceForThreadLite(PERESOURCE Resource, ERESOURCE_THREAD ResourceThreadId)
{
    release(Resource, ResourceThreadId, __builtin_return_address(0));
}

BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource)
{
    return Resource->ActiveCount && (Resource->Flag & ResourceOwnedExclusive) &&
           Resource->OwnerEntry.OwnerThread == current();
}

/* The caller's count of acquires, shared or exclusive (0 for a shared owner after the first). */
ULONG NTAPI ExIsResourceAcquiredSharedLite(PERESOURCE Resource)
{
    return Resource->ActiveCount && Resource->OwnerEntry.OwnerThread == current() ? Resource->OwnerEntry.OwnerCount : 0;
}
