/* A driver written as for Windows, from the WDK documentation and nothing of Pagoda's: a LIST_ENTRY list
 * under a spinlock, a nonpaged lookaside list, a periodic KTIMER whose DPC fills the list, counted
 * strings, DbgPrint with the WDK's conversions. */
#include <ntddk.h>

#define TAG 'ykdW'
typedef struct _ITEM { LIST_ENTRY Link; ULONG Value; } ITEM, *PITEM;

static LIST_ENTRY g_List;
static KSPIN_LOCK g_Lock;
static NPAGED_LOOKASIDE_LIST g_Lookaside;
static KTIMER g_Timer;
static KDPC g_Dpc;
static volatile LONG g_Ticks;
static UNICODE_STRING g_Name;

KDEFERRED_ROUTINE TimerDpc;
DRIVER_UNLOAD ThirdUnload;

VOID TimerDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    UNREFERENCED_PARAMETER(Dpc); UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(A1); UNREFERENCED_PARAMETER(A2);
    PITEM it = ExAllocateFromNPagedLookasideList(&g_Lookaside);
    if (it) {
        it->Value = (ULONG)InterlockedIncrement(&g_Ticks);
        if (it->Value == 20)
            DbgPrint("wdkstyle: tick %lu at IRQL %d\n", it->Value, KeGetCurrentIrql());
        KeAcquireSpinLockAtDpcLevel(&g_Lock);
        InsertTailList(&g_List, &it->Link);
        KeReleaseSpinLockFromDpcLevel(&g_Lock);
    }
}

VOID ThirdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    KIRQL old;
    ULONG n = 0;
    KeCancelTimer(&g_Timer);
    KeFlushQueuedDpcs();
    KeAcquireSpinLock(&g_Lock, &old);
    while (!IsListEmpty(&g_List)) {
        PITEM it = CONTAINING_RECORD(RemoveHeadList(&g_List), ITEM, Link);
        ExFreeToNPagedLookasideList(&g_Lookaside, it);
        n++;
    }
    KeReleaseSpinLock(&g_Lock, old);
    ExDeleteNPagedLookasideList(&g_Lookaside);
    DbgPrint("wdkstyle: unloading %wZ after %lu items\n", &g_Name, n);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PVOID paged, nonpaged;
    LARGE_INTEGER due;
    DbgPrint("wdkstyle: DriverEntry %wZ at IRQL %d\n", RegistryPath, KeGetCurrentIrql());
    RtlInitUnicodeString(&g_Name, L"WdkStyle");
    InitializeListHead(&g_List);
    KeInitializeSpinLock(&g_Lock);
    ExInitializeNPagedLookasideList(&g_Lookaside, NULL, NULL, 0, sizeof(ITEM), TAG, 0);
    paged = ExAllocatePoolWithTag(PagedPool, 3000, TAG);
    nonpaged = ExAllocatePoolWithTag(NonPagedPool, 64, TAG);
    if (!paged || !nonpaged) {
        if (paged) ExFreePoolWithTag(paged, TAG);
        if (nonpaged) ExFreePoolWithTag(nonpaged, TAG);
        ExDeleteNPagedLookasideList(&g_Lookaside);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlFillMemory(paged, 3000, 0x5A);
    RtlZeroMemory(nonpaged, 64);
    DbgPrint("wdkstyle: %s %I64x %p\n", RtlCompareMemory(paged, paged, 3000) == 3000 ? "same" : "differ",
             (ULONGLONG)0x123456789ULL, nonpaged);
    ExFreePoolWithTag(paged, TAG);
    ExFreePoolWithTag(nonpaged, TAG);
    KeInitializeDpc(&g_Dpc, TimerDpc, NULL);
    KeInitializeTimerEx(&g_Timer, NotificationTimer);
    due.QuadPart = -10 * 1000 * 10; /* 10 ms */
    KeSetTimerEx(&g_Timer, due, 10, &g_Dpc);
    DriverObject->DriverUnload = ThirdUnload;
    return STATUS_SUCCESS;
}
