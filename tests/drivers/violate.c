/* "violate": breaks one rule of the pool, lookaside, spinlock or IRQL calls when it unloads, the one
 * its command word names (set from the console: DriverEntry prints the word's address, `poke` writes
 * it). Verified (any Verifier switch on it) or not, the bugcheck shows which checks apply to whom. */
#include <ntddk.h>

#define VIOLATE_TAG 'loiV' /* "Viol" */

enum violation {
    DO_NOTHING, /* the commands, in the order the tests number them */
    DO_ZERO_BYTES,               /* 0xC4/0x00 verified, else 0xC2/0x00 */
    DO_PAGED_AT_DISPATCH,        /* 0xC4/0x01 verified, else 0xC2/0x08 */
    DO_ZERO_TAG,                 /* 0xC2/0x9B verified */
    DO_FREE_PAGED_AT_DISPATCH,   /* 0xC4/0x11 verified, else 0xC2/0x09 */
    DO_ACQUIRE_AT_DPC_BELOW,     /* 0xC4/0x40 verified */
    DO_RELEASE_FROM_DPC_BELOW,   /* 0xC4/0x41 verified */
    DO_RELEASE_AT_PASSIVE,       /* 0xC4/0x32 verified */
    DO_ACQUIRE_ABOVE_DISPATCH,   /* 0xC4/0x42 verified */
    DO_RAISE_TO_LOWER,           /* 0xC4/0x30 verified, else 0x09 */
    DO_LOWER_TO_HIGHER,          /* 0xC4/0x31 (p4 0) verified, else 0x0A */
    DO_LOWER_IN_DPC,             /* 0xC4/0x31 (p4 1) verified */
    DO_FREE_SET_TIMER,           /* 0xC4/0x15 verified, else 0xC7/0 */
    DO_FREE_QUEUED_DPC,          /* 0xC7/1 */
    DO_FREE_LIVE_LOOKASIDE,      /* 0xC4/0xCC */
    DO_KEEP_LOOKASIDE,           /* 0xCE at unload */
    DO_KEEP_TIMER_IN_POOL,       /* 0xC7/2 at unload: the routine lies in the image */
    DO_LOOKASIDE_TWICE,          /* 0xC4/0xCA verified */
    DO_DELETE_UNINITIALIZED,     /* 0xC4/0xCB verified */
    DO_LOOKASIDE_TOO_SMALL,      /* 0xC4/0xCD verified */
    DO_KEEP_DPC_QUEUED,          /* 0xC7/2 at unload: a queued DPC in pool, its routine in the image */
};

typedef struct _TIMED {
    ULONG Before[2]; /* so the timer is not the block's first byte */
    KTIMER Timer;
    KDPC Dpc;
} TIMED, *PTIMED;

static volatile ULONG Command;
static KSPIN_LOCK Lock;
static NPAGED_LOOKASIDE_LIST List;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ViolateUnload;
KDEFERRED_ROUTINE QuietDpc, LoweringDpc;

VOID QuietDpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
}

VOID LoweringDpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    KeLowerIrql(PASSIVE_LEVEL);
}

static PTIMED new_timed(void)
{
    PTIMED t = ExAllocatePoolWithTag(NonPagedPool, sizeof(TIMED), VIOLATE_TAG);
    if (t) {
        KeInitializeTimer(&t->Timer);
        KeInitializeDpc(&t->Dpc, QuietDpc, NULL);
    }
    return t;
}

static void spinlock_and_irql(ULONG what)
{
    KIRQL irql, ignored;
    switch (what) {
    case DO_ACQUIRE_AT_DPC_BELOW:
        KeAcquireSpinLockAtDpcLevel(&Lock);
        break;
    case DO_RELEASE_FROM_DPC_BELOW:
        KeRaiseIrql(DISPATCH_LEVEL, &irql);
        KeAcquireSpinLockAtDpcLevel(&Lock);
        KeLowerIrql(irql);
        KeReleaseSpinLockFromDpcLevel(&Lock);
        break;
    case DO_RELEASE_AT_PASSIVE:
        KeAcquireSpinLock(&Lock, &irql);
        KeLowerIrql(PASSIVE_LEVEL);
        KeReleaseSpinLock(&Lock, irql);
        break;
    case DO_ACQUIRE_ABOVE_DISPATCH:
        KeRaiseIrql(DISPATCH_LEVEL + 2, &irql);
        KeAcquireSpinLock(&Lock, &ignored);
        break;
    case DO_RAISE_TO_LOWER:
        KeRaiseIrql(DISPATCH_LEVEL, &irql);
        KeRaiseIrql(PASSIVE_LEVEL, &ignored);
        break;
    case DO_LOWER_TO_HIGHER:
        KeLowerIrql(DISPATCH_LEVEL);
        break;
    }
}

static void pool_and_objects(ULONG what)
{
    KIRQL irql;
    LARGE_INTEGER second = { .QuadPart = -10000000LL };
    PVOID p;
    PTIMED t;
    switch (what) {
    case DO_ZERO_BYTES:
        ExAllocatePoolWithTag(NonPagedPool, 0, VIOLATE_TAG);
        break;
    case DO_PAGED_AT_DISPATCH:
        KeRaiseIrql(DISPATCH_LEVEL, &irql);
        ExAllocatePoolWithTag(PagedPool, 64, VIOLATE_TAG);
        break;
    case DO_ZERO_TAG:
        ExAllocatePoolWithTag(NonPagedPool, 48, 0);
        break;
    case DO_FREE_PAGED_AT_DISPATCH:
        p = ExAllocatePoolWithTag(PagedPool, 64, VIOLATE_TAG);
        KeRaiseIrql(DISPATCH_LEVEL, &irql);
        ExFreePoolWithTag(p, VIOLATE_TAG);
        break;
    case DO_LOWER_IN_DPC:
        if ((t = new_timed())) {
            KeInitializeDpc(&t->Dpc, LoweringDpc, NULL);
            KeInsertQueueDpc(&t->Dpc, NULL, NULL);
        }
        break;
    case DO_FREE_SET_TIMER:
        if ((t = new_timed())) {
            KeSetTimer(&t->Timer, second, NULL);
            ExFreePoolWithTag(t, VIOLATE_TAG);
        }
        break;
    case DO_FREE_QUEUED_DPC:
        if ((t = new_timed())) {
            KeRaiseIrql(DISPATCH_LEVEL, &irql); /* so the DPC stays queued */
            KeInsertQueueDpc(&t->Dpc, NULL, NULL);
            ExFreePoolWithTag(t, VIOLATE_TAG);
        }
        break;
    case DO_FREE_LIVE_LOOKASIDE:
        if ((p = ExAllocatePoolWithTag(NonPagedPool, sizeof(NPAGED_LOOKASIDE_LIST), VIOLATE_TAG))) {
            ExInitializeNPagedLookasideList(p, NULL, NULL, 0, 32, VIOLATE_TAG, 0);
            ExFreePoolWithTag(p, VIOLATE_TAG);
        }
        break;
    case DO_KEEP_LOOKASIDE:
        ExInitializeNPagedLookasideList(&List, NULL, NULL, 0, 32, VIOLATE_TAG, 0);
        break;
    case DO_KEEP_TIMER_IN_POOL:
        if ((t = new_timed()))
            KeSetTimerEx(&t->Timer, second, 1000, &t->Dpc);
        break;
    case DO_LOOKASIDE_TWICE:
        ExInitializeNPagedLookasideList(&List, NULL, NULL, 0, 32, VIOLATE_TAG, 0);
        ExInitializeNPagedLookasideList(&List, NULL, NULL, 0, 32, VIOLATE_TAG, 0);
        break;
    case DO_DELETE_UNINITIALIZED:
        ExDeleteNPagedLookasideList(&List);
        break;
    case DO_LOOKASIDE_TOO_SMALL:
        ExInitializeNPagedLookasideList(&List, NULL, NULL, 0, 2, VIOLATE_TAG, 0);
        break;
    case DO_KEEP_DPC_QUEUED:
        if ((t = new_timed())) {
            KeRaiseIrql(DISPATCH_LEVEL, &irql); /* returns raised: the unload checks find it queued */
            KeInsertQueueDpc(&t->Dpc, NULL, NULL);
        }
        break;
    }
}

VOID ViolateUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ULONG what = Command;
    DbgPrint("violate: command %lu\n", what);
    spinlock_and_irql(what);
    pool_and_objects(what);
    if (what == DO_LOWER_IN_DPC)
        KeFlushQueuedDpcs();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeSpinLock(&Lock);
    DriverObject->DriverUnload = ViolateUnload;
    DbgPrint("violate: command word at 0x%08lx\n", (ULONG)(ULONG_PTR)&Command);
    return STATUS_SUCCESS;
}
