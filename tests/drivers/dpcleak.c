/* "dpcleak": a driver with a bug on purpose. Its periodic timer's DPC allocates a block (tag DpcL) on
 * each of its first DPCLEAK_BLOCKS ticks and keeps it; DriverUnload stops the timer and frees none.
 * The DPC runs whenever the clock says, over whatever code is running (another driver's DriverEntry,
 * say): the blocks are charged to dpcleak all the same, since its own code allocates them. With pool
 * tracking on, unloading it is 0xC4/0x62, its DPC's blocks in the leak list. */
#include <ntddk.h>

#define DPCLEAK_TAG 'LcpD' /* "DpcL" */
#define DPCLEAK_BLOCKS 5
#define DPCLEAK_FIRST_MS 100
#define DPCLEAK_PERIOD_MS 10

static KTIMER Timer;
static KDPC Dpc;
static PVOID Blocks[DPCLEAK_BLOCKS];
static LONG Allocated;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DpcLeakUnload;
KDEFERRED_ROUTINE DpcLeakDpc;

VOID DpcLeakDpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    if (Allocated == DPCLEAK_BLOCKS)
        return;
    Blocks[Allocated] = ExAllocatePoolWithTag(NonPagedPool, 48, DPCLEAK_TAG);
    if (++Allocated == DPCLEAK_BLOCKS)
        DbgPrint("dpcleak: %d blocks allocated in its DPC\n", DPCLEAK_BLOCKS);
}

VOID DpcLeakUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    KeCancelTimer(&Timer);
    KeFlushQueuedDpcs();
    DbgPrint("dpcleak: unloading, %ld blocks kept\n", Allocated); /* the bug: none freed */
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LARGE_INTEGER due = { .QuadPart = -10000LL * DPCLEAK_FIRST_MS };
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeDpc(&Dpc, DpcLeakDpc, NULL);
    KeInitializeTimer(&Timer);
    KeSetTimerEx(&Timer, due, DPCLEAK_PERIOD_MS, &Dpc);
    DriverObject->DriverUnload = DpcLeakUnload;
    return STATUS_SUCCESS;
}
