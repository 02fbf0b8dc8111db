/* ERESOURCE for the one thread there is. The owner's acquires are counted in OwnerEntry; a shared
 * acquire while the caller holds it exclusively is one more exclusive acquire, as on Windows. An
 * exclusive acquire while it is held shared would wait for the shared owners to leave, and they never
 * can (the one thread is waiting): that wait never ends, the deadlock it is on Windows; without Wait
 * it is FALSE. */
#include "kernel/bugcheck.h"
#include "kernel/wdm.h"

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

NTSTATUS NTAPI ExInitializeResourceLite(PERESOURCE Resource)
{
    *Resource = (ERESOURCE){ .ActiveCount = 0 };
    InitializeListHead(&Resource->SystemResourcesList);
    return STATUS_SUCCESS;
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

BOOLEAN NTAPI ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait)
{
    check_irql(Resource, __builtin_return_address(0));
    if (Resource->ActiveCount && (Resource->Flag & ResourceOwnedExclusive)) {
        Resource->OwnerEntry.OwnerCount++;
        return TRUE;
    }
    if (Resource->ActiveCount) {
        Resource->ContentionCount++;
        while (Wait) /* for the shared owner, who is this thread */
            __asm__ volatile("pause");
        return FALSE;
    }
    take(Resource, ResourceOwnedExclusive);
    return TRUE;
}

BOOLEAN NTAPI ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait)
{
    (void)Wait; /* the one thread always owns what is held */
    check_irql(Resource, __builtin_return_address(0));
    if (Resource->ActiveCount)
        Resource->OwnerEntry.OwnerCount++;
    else
        take(Resource, 0);
    return TRUE;
}

static void release(PERESOURCE r, ERESOURCE_THREAD thread, const void *caller)
{
    check_irql(r, caller);
    if (!r->ActiveCount || r->OwnerEntry.OwnerThread != thread)
        KeBugCheckEx(BUGCHECK_RESOURCE_NOT_OWNED, (ULONG_PTR)r, thread, (ULONG_PTR)r->OwnerTable, 0);
    if (--r->OwnerEntry.OwnerCount == 0) {
        r->ActiveCount = 0;
        r->ActiveEntries = 0;
        r->Flag &= ~ResourceOwnedExclusive;
        r->OwnerEntry.OwnerThread = 0;
    }
}

VOID FASTCALL ExReleaseResourceLite(PERESOURCE Resource)
{
    release(Resource, current(), __builtin_return_address(0));
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

/* The caller's count of acquires, shared or exclusive. */
ULONG NTAPI ExIsResourceAcquiredSharedLite(PERESOURCE Resource)
{
    return Resource->ActiveCount && Resource->OwnerEntry.OwnerThread == current() ? Resource->OwnerEntry.OwnerCount : 0;
}
