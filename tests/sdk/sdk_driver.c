/* A driver as written for today's WDK, for tests/scenarios/test_sdk.py: it only has to compile with
 * mingw-w64 plus drivers/sdk/pagoda_wdk.h and link against Pagoda's import libraries. It uses the
 * supplement (ExAllocatePool2, POOL_FLAG_*, ExAllocatePoolZero, ExFreePool2, ExInitializeDriverRuntime)
 * and the routines drivers import most, so a missing export fails the link with its name. */
#include <ntddk.h>

#define TAG 'kdsP'

typedef struct _ITEM {
    LIST_ENTRY Link;
    ULONG Value;
} ITEM, *PITEM;

static NPAGED_LOOKASIDE_LIST Lookaside;
static LIST_ENTRY Items;
static KSPIN_LOCK ItemsLock;
static KTIMER Timer;
static KDPC Dpc;
static SLIST_HEADER Free;
static volatile LONG Ticks;

DRIVER_UNLOAD SdkUnload;
KDEFERRED_ROUTINE SdkDpc;

VOID SdkDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    KeAcquireSpinLockAtDpcLevel(&ItemsLock);
    PITEM item = ExAllocateFromNPagedLookasideList(&Lookaside);
    if (item) {
        item->Value = (ULONG)InterlockedIncrement(&Ticks);
        InsertTailList(&Items, &item->Link);
    }
    KeReleaseSpinLockFromDpcLevel(&ItemsLock);
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "sdk: tick %ld\n", Ticks);
}

VOID SdkUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    KIRQL old;
    KeCancelTimer(&Timer);
    KeFlushQueuedDpcs();
    KeAcquireSpinLock(&ItemsLock, &old);
    while (!IsListEmpty(&Items))
        ExFreeToNPagedLookasideList(&Lookaside, CONTAINING_RECORD(RemoveHeadList(&Items), ITEM, Link));
    KeReleaseSpinLock(&ItemsLock, old);
    ExDeleteNPagedLookasideList(&Lookaside);
    PSLIST_ENTRY e;
    while ((e = InterlockedPopEntrySList(&Free)) != NULL)
        ExFreePool2(e, TAG, NULL, 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name;
    LARGE_INTEGER due, ticks;
    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
    RtlInitUnicodeString(&name, L"sdk");
    DbgPrint("sdk: %wZ from %wZ, tick %I64u\n", &name, RegistryPath, (KeQueryTickCount(&ticks), ticks.QuadPart));
    PVOID zeroed = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG);
    PVOID raw = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_UNINITIALIZED, 4096, TAG);
    PVOID old_style = ExAllocatePoolZero(NonPagedPoolNx, 32, TAG);
    if (!zeroed || !raw || !old_style)
        return STATUS_INSUFFICIENT_RESOURCES;
    ExFreePoolWithTag(raw, TAG);
    ExFreePool(old_style);
    InterlockedPushEntrySList(&Free, (PSLIST_ENTRY)zeroed);
    InitializeListHead(&Items);
    KeInitializeSpinLock(&ItemsLock);
    ExInitializeNPagedLookasideList(&Lookaside, NULL, NULL, 0, sizeof(ITEM), TAG, 0);
    KeInitializeDpc(&Dpc, SdkDpc, NULL);
    KeInitializeTimerEx(&Timer, NotificationTimer);
    due.QuadPart = -10 * 1000 * 10;
    KeSetTimerEx(&Timer, due, 10, &Dpc);
    DriverObject->DriverUnload = SdkUnload;
    return STATUS_SUCCESS;
}
