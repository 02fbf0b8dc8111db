/* "mdllock": MmProbeAndLockPages on paged pool, for tests/scenarios/test_mdl.py. DriverEntry takes
 * three pages of paged pool (their own pages: a big block), locks two pages and a bit of them with an
 * MDL, and starts a 10 ms timer whose DPC reads and writes all three pages at DISPATCH_LEVEL, as a DMA
 * completion would: only the lock keeps a `trim` from ending in 0xD1. Built with -DNO_LOCK (the twin
 * mdlnolock) it never locks, and the first tick after a trim stops. The routines whose addresses
 * DriverEntry prints are the test's to `call`: Unlock (MmUnlockPages, again and again if asked),
 * Stop (the timer), Free (the buffer, locked or not). */
#include <ntddk.h>

#define MDLLOCK_TAG 'kLdM' /* "MdLk" */
#define PERIOD_MS 10
#define PAGES 3

typedef struct _MDLLOCK_CONTEXT {
    KTIMER Timer;
    KDPC Dpc;
    volatile LONG Ticks;
    PUCHAR Buffer;
    PMDL Mdl;
    BOOLEAN Locked;
} MDLLOCK_CONTEXT, *PMDLLOCK_CONTEXT;

static PMDLLOCK_CONTEXT Context;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MdlLockUnload;
KDEFERRED_ROUTINE MdlLockDpc;
ULONG Unlock(ULONG Unused);
ULONG Stop(ULONG Unused);
ULONG Free(ULONG Unused);

VOID MdlLockDpc(PKDPC Dpc, PVOID DeferredContext, PVOID Argument1, PVOID Argument2)
{
    PMDLLOCK_CONTEXT ctx = DeferredContext;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    for (ULONG p = 0; p < PAGES; p++)
        ctx->Buffer[p * PAGE_SIZE + 200]++; /* paged pool at DISPATCH_LEVEL: fine only while locked */
    InterlockedIncrement(&ctx->Ticks);
}

/* The MDL's flags after MmUnlockPages. */
ULONG Unlock(ULONG Unused)
{
    UNREFERENCED_PARAMETER(Unused);
    MmUnlockPages(Context->Mdl);
    Context->Locked = FALSE;
    return (USHORT)Context->Mdl->MdlFlags;
}

ULONG Stop(ULONG Unused)
{
    UNREFERENCED_PARAMETER(Unused);
    KeCancelTimer(&Context->Timer);
    KeFlushQueuedDpcs();
    return (ULONG)Context->Ticks;
}

ULONG Free(ULONG Unused)
{
    UNREFERENCED_PARAMETER(Unused);
    ExFreePoolWithTag(Context->Buffer, MDLLOCK_TAG);
    Context->Buffer = NULL;
    return 0;
}

VOID MdlLockUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    Stop(0);
    if (Context->Locked)
        MmUnlockPages(Context->Mdl);
    IoFreeMdl(Context->Mdl);
    if (Context->Buffer)
        ExFreePoolWithTag(Context->Buffer, MDLLOCK_TAG);
    DbgPrint("mdllock: unloaded after %ld ticks\n", Context->Ticks);
    ExFreePoolWithTag(Context, MDLLOCK_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LARGE_INTEGER due;
    UNREFERENCED_PARAMETER(RegistryPath);
    Context = ExAllocatePoolWithTag(NonPagedPool, sizeof(*Context), MDLLOCK_TAG);
    if (!Context)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(Context, sizeof(*Context));
    Context->Buffer = ExAllocatePoolWithTag(PagedPool, PAGES * PAGE_SIZE, MDLLOCK_TAG);
    Context->Mdl = Context->Buffer ? IoAllocateMdl(Context->Buffer + 100, (PAGES - 1) * PAGE_SIZE + 200, FALSE,
                                                   FALSE, NULL) : NULL;
    if (!Context->Mdl) {
        if (Context->Buffer)
            ExFreePoolWithTag(Context->Buffer, MDLLOCK_TAG);
        ExFreePoolWithTag(Context, MDLLOCK_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlFillMemory(Context->Buffer, PAGES * PAGE_SIZE, 0x6D); /* in now: the first ticks find it resident */
#ifndef NO_LOCK
    MmProbeAndLockPages(Context->Mdl, KernelMode, IoModifyAccess);
    Context->Locked = TRUE;
#endif
    KeInitializeDpc(&Context->Dpc, MdlLockDpc, Context);
    KeInitializeTimerEx(&Context->Timer, NotificationTimer);
    due.QuadPart = -10000LL * PERIOD_MS;
    KeSetTimerEx(&Context->Timer, due, PERIOD_MS, &Context->Dpc);
    DriverObject->DriverUnload = MdlLockUnload;
    DbgPrint("mdllock: Buffer %p Mdl %p Unlock %p Stop %p Free %p frame %lx\n", Context->Buffer, Context->Mdl,
             (PVOID)Unlock, (PVOID)Stop, (PVOID)Free, (ULONG)MmGetMdlPfnArray(Context->Mdl)[0]);
    return STATUS_SUCCESS;
}
