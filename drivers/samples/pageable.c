/* "pageable": the rule that code running at DISPATCH_LEVEL (a DPC, StartIo, an ISR) may touch only
 * nonpaged memory, broken on purpose. A periodic 10 ms timer's DPC calls PageableWork, which lies in
 * the PAGE section: pageable code. While its page happens to be in memory all seems well; `trim`
 * takes it out, and the next tick executes paged-out code at DISPATCH_LEVEL: STOP 0xD1
 * DRIVER_IRQL_NOT_LESS_OR_EQUAL with p1 = p4 = PageableWork, p2 = 2, p3 = 8 (execute), the screen
 * naming pageable.sys.
 *
 * The same source makes two twins (mk/drivers.mk): "pagefixed" (-DPAGEABLE_FIXED) has the bug fixed,
 * PageableWork in nonpaged code, and ticks for ever whatever is trimmed; "pagedbg" (-DDBG=1) is the
 * checked build, whose PAGED_CODE() in PageableWork stops at the first tick, before paging can hide
 * the bug: "Pageable code called at IRQL > APC_LEVEL (2)", then NT_ASSERT's STOP 0x1E. */
#include <ntddk.h>

#if defined(PAGEABLE_FIXED)
#define DRIVER "pagefixed"
#define WORK_SECTION ".text"
#define WORK_CODE /* the fix: nonpaged, like the DPC that calls it */
#else
#if DBG
#define DRIVER "pagedbg"
#else
#define DRIVER "pageable"
#endif
#define WORK_SECTION "PAGE"
/* What #pragma alloc_text(PAGE, ...) says to MSVC; GCC ignores that pragma. noinline: GCC would copy
 * the routine into its callers, whose section is then the one that counts. */
#define WORK_CODE __attribute__((section("PAGE"), noinline))
#endif
#define PERIOD_MS 10

static KTIMER Timer;
static KDPC Dpc;
static volatile LONG Ticks;
static volatile ULONG Checksum;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PageableUnload;
KDEFERRED_ROUTINE PageableDpc;
ULONG PageableWork(ULONG Tick);

/* Some work on the tick: pageable in "pageable" and "pagedbg", so callable only below DISPATCH_LEVEL. */
WORK_CODE ULONG PageableWork(ULONG Tick)
{
    PAGED_CODE();
    return Tick * 2654435761u ^ Checksum;
}

VOID PageableDpc(PKDPC TimerDpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(TimerDpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    Checksum = PageableWork((ULONG)InterlockedIncrement(&Ticks)); /* at DISPATCH_LEVEL: the bug */
}

__attribute__((section("PAGE"))) VOID PageableUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    PAGED_CODE();
    KeCancelTimer(&Timer);
    KeFlushQueuedDpcs();
    DbgPrint(DRIVER ": unloaded after %ld ticks\n", Ticks);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LARGE_INTEGER due;
    UNREFERENCED_PARAMETER(RegistryPath);
    Checksum = PageableWork(0); /* at PASSIVE_LEVEL: fine, paged in if need be */
    DbgPrint(DRIVER ": PageableWork at %p (" WORK_SECTION "), called every %u ms by a DPC at DISPATCH_LEVEL\n",
             (PVOID)PageableWork, PERIOD_MS);
    KeInitializeDpc(&Dpc, PageableDpc, NULL);
    KeInitializeTimerEx(&Timer, NotificationTimer);
    due.QuadPart = -10000LL * PERIOD_MS;
    KeSetTimerEx(&Timer, due, PERIOD_MS, &Dpc);
    DriverObject->DriverUnload = PageableUnload;
    return STATUS_SUCCESS;
}
