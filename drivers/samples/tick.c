/* "tick": a periodic KTIMER whose DPC, at DISPATCH_LEVEL, takes a sample block from a nonpaged
 * lookaside list and links it in under a spinlock (only nonpaged memory may be touched there).
 * DriverUnload cancels the timer, flushes queued DPCs, and gives the samples back. */
#include <ntddk.h>

#define TICK_TAG 'kciT' /* "Tick": the samples */
#define TICK_PERIOD_MS 10
#define TICK_SAMPLES_MAX 64

typedef struct _TICK_SAMPLE {
    LIST_ENTRY Link;
    ULONG Sequence;
    LARGE_INTEGER Time;
} TICK_SAMPLE, *PTICK_SAMPLE;

static KTIMER Timer;
static KDPC Dpc;
static KSPIN_LOCK SamplesLock;
static LIST_ENTRY Samples;
static NPAGED_LOOKASIDE_LIST SampleLookaside;
static volatile LONG Ticks;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD TickUnload;
KDEFERRED_ROUTINE TickDpc;

VOID TickDpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    LONG tick = InterlockedIncrement(&Ticks);
    if (tick > TICK_SAMPLES_MAX)
        return;
    PTICK_SAMPLE sample = ExAllocateFromNPagedLookasideList(&SampleLookaside);
    if (!sample)
        return;
    sample->Sequence = (ULONG)tick;
    KeQuerySystemTime(&sample->Time);
    KeAcquireSpinLockAtDpcLevel(&SamplesLock);
    InsertTailList(&Samples, &sample->Link);
    KeReleaseSpinLockFromDpcLevel(&SamplesLock);
    if (tick == 1)
        DbgPrint("tick: first sample at DISPATCH_LEVEL (IRQL %u)\n", (unsigned)KeGetCurrentIrql());
}

VOID TickUnload(PDRIVER_OBJECT DriverObject)
{
    KIRQL irql;
    ULONG freed = 0;
    UNREFERENCED_PARAMETER(DriverObject);
    KeCancelTimer(&Timer);
    KeFlushQueuedDpcs();
    KeAcquireSpinLock(&SamplesLock, &irql);
    while (!IsListEmpty(&Samples)) {
        ExFreeToNPagedLookasideList(&SampleLookaside, CONTAINING_RECORD(RemoveHeadList(&Samples), TICK_SAMPLE, Link));
        freed++;
    }
    KeReleaseSpinLock(&SamplesLock, irql);
    ExDeleteNPagedLookasideList(&SampleLookaside);
    DbgPrint("tick: unloaded after %ld ticks, %lu samples freed\n", Ticks, freed);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LARGE_INTEGER due;
    UNREFERENCED_PARAMETER(RegistryPath);
    InitializeListHead(&Samples);
    KeInitializeSpinLock(&SamplesLock);
    ExInitializeNPagedLookasideList(&SampleLookaside, NULL, NULL, 0, sizeof(TICK_SAMPLE), TICK_TAG, 0);
    KeInitializeDpc(&Dpc, TickDpc, NULL);
    KeInitializeTimerEx(&Timer, NotificationTimer);
    due.QuadPart = -10000LL * TICK_PERIOD_MS; /* relative, in 100 ns units */
    KeSetTimerEx(&Timer, due, TICK_PERIOD_MS, &Dpc);
    DriverObject->DriverUnload = TickUnload;
    DbgPrint("tick: loaded, a sample every %u ms\n", TICK_PERIOD_MS);
    return STATUS_SUCCESS;
}
