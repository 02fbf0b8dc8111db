/* "paging": the Mm routines for pageable driver sections, for tests/scenarios/test_pageable.py.
 * PagedWork lies in PAGE (pageable, nothing locks it) and PagedTable in PAGEDATA (pageable, writable);
 * LockedWork in PAGELK, which DriverEntry locks twice (MmLockPagableCodeSection, then
 * MmLockPagableSectionByHandle) and unlocks once: still locked. A 10 ms timer (in nonpaged pool, as a
 * device extension would hold it) has its DPC call LockedWork every tick, so that only the lock
 * keeps a trim from ending in 0xD1. DriverEntry (INIT, gone after it) prints the addresses and the
 * handle; the test drives the rest from the console (call, trim, pte, peek). */
#include <ntddk.h>

#define PAGING_TAG 'gaPT' /* "TPag" */
#define PERIOD_MS 10
#define PAGED_ROUTINE(name) __attribute__((section(name), noinline)) /* GCC would inline it otherwise */

typedef struct _PAGING_CONTEXT {
    KTIMER Timer;
    KDPC Dpc;
    volatile LONG Ticks;
    PVOID LockHandle;
} PAGING_CONTEXT, *PPAGING_CONTEXT;

static PPAGING_CONTEXT Context;
ULONG PagedTable[256] __attribute__((section("PAGEDATA"))) = { 0x7AB1E };

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PagingUnload;
KDEFERRED_ROUTINE PagingDpc;
ULONG PagedWork(ULONG Value);
ULONG LockedWork(ULONG Value);

PAGED_ROUTINE("PAGE") ULONG PagedWork(ULONG Value)
{
    return Value + 0x1000;
}

PAGED_ROUTINE("PAGELK") ULONG LockedWork(ULONG Value)
{
    return Value * 3;
}

VOID PagingDpc(PKDPC Dpc, PVOID DeferredContext, PVOID Argument1, PVOID Argument2)
{
    PPAGING_CONTEXT ctx = DeferredContext;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    InterlockedExchange(&ctx->Ticks, (LONG)LockedWork((ULONG)ctx->Ticks) / 3 + 1); /* PAGELK at DISPATCH_LEVEL */
}

VOID PagingUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    KeCancelTimer(&Context->Timer);
    KeFlushQueuedDpcs();
    MmUnlockPagableImageSection(Context->LockHandle);
    DbgPrint("paging: unloaded after %ld ticks\n", Context->Ticks);
    ExFreePoolWithTag(Context, PAGING_TAG);
}

__attribute__((section("INIT"))) NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LARGE_INTEGER due;
    UNREFERENCED_PARAMETER(RegistryPath);
    Context = ExAllocatePoolWithTag(NonPagedPool, sizeof(*Context), PAGING_TAG);
    if (!Context)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(Context, sizeof(*Context));
    Context->LockHandle = MmLockPagableCodeSection((PVOID)LockedWork);
    MmLockPagableSectionByHandle(Context->LockHandle);
    MmUnlockPagableImageSection(Context->LockHandle); /* nested: one lock left */
    KeInitializeDpc(&Context->Dpc, PagingDpc, Context);
    KeInitializeTimerEx(&Context->Timer, NotificationTimer);
    due.QuadPart = -10000LL * PERIOD_MS;
    KeSetTimerEx(&Context->Timer, due, PERIOD_MS, &Context->Dpc);
    DriverObject->DriverUnload = PagingUnload;
    DbgPrint("paging: PagedWork %p LockedWork %p PagedTable %p PagingDpc %p DriverEntry %p handle %p\n",
             (PVOID)PagedWork, (PVOID)LockedWork, (PVOID)PagedTable, (PVOID)PagingDpc, (PVOID)DriverEntry,
             Context->LockHandle);
    return STATUS_SUCCESS;
}
