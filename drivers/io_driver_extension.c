/* Driver object extensions: nonpaged blocks on one list, each named by its driver and the caller's
 * ClientIdentificationAddress (a class or port driver's key in the driver objects of its miniports).
 * Reinitialization routines: one list for all drivers, drained after each successful DriverEntry, as
 * Windows drains its own after a driver's initialization. */
#include "drivers/io_driver_extension.h"

#include <stdbool.h>

#include "kernel/callout.h"
#include "kernel/lib/kstring.h"
#include "drivers/driver_extension.h"

#define TAG_EXTENSION 'xdoI'  /* "Iodx" */
#define TAG_REINIT 'idoI'     /* "Iodi" */
#define DRVO_REINIT_REGISTERED 0x08

struct extension {
    LIST_ENTRY link;
    PDRIVER_OBJECT driver;
    PVOID id;
    LONGLONG data[]; /* 8-aligned, as pool blocks are */
};

struct reinit {
    LIST_ENTRY link;
    PDRIVER_OBJECT driver;
    PDRIVER_REINITIALIZE routine;
    PVOID context;
};

static LIST_ENTRY extensions = { &extensions, &extensions };
static LIST_ENTRY reinits = { &reinits, &reinits };
static KSPIN_LOCK lists_lock;

/* Under lists_lock. */
static struct extension *find(PDRIVER_OBJECT driver, PVOID id)
{
    for (PLIST_ENTRY e = extensions.Flink; e != &extensions; e = e->Flink) {
        struct extension *x = CONTAINING_RECORD(e, struct extension, link);
        if (x->driver == driver && x->id == id)
            return x;
    }
    return 0;
}

NTSTATUS NTAPI IoAllocateDriverObjectExtension(PDRIVER_OBJECT DriverObject, PVOID ClientIdentificationAddress,
                                               ULONG DriverObjectExtensionSize, PVOID *DriverObjectExtension)
{
    *DriverObjectExtension = 0;
    struct extension *x = ExAllocatePoolWithTag(NonPagedPool, sizeof *x + DriverObjectExtensionSize, TAG_EXTENSION);
    if (!x)
        return STATUS_INSUFFICIENT_RESOURCES;
    memset(x, 0, sizeof *x + DriverObjectExtensionSize);
    x->driver = DriverObject;
    x->id = ClientIdentificationAddress;
    KIRQL irql;
    KeAcquireSpinLock(&lists_lock, &irql);
    bool taken = find(DriverObject, ClientIdentificationAddress) != 0;
    if (!taken)
        InsertTailList(&extensions, &x->link);
    KeReleaseSpinLock(&lists_lock, irql);
    if (taken) {
        ExFreePoolWithTag(x, TAG_EXTENSION);
        return STATUS_OBJECT_NAME_COLLISION;
    }
    *DriverObjectExtension = x->data;
    return STATUS_SUCCESS;
}

PVOID NTAPI IoGetDriverObjectExtension(PDRIVER_OBJECT DriverObject, PVOID ClientIdentificationAddress)
{
    KIRQL irql;
    KeAcquireSpinLock(&lists_lock, &irql);
    struct extension *x = find(DriverObject, ClientIdentificationAddress);
    KeReleaseSpinLock(&lists_lock, irql);
    return x ? x->data : 0;
}

/* Nothing to report on failure (the routine returns nothing): the routine is simply not called. */
VOID NTAPI IoRegisterDriverReinitialization(PDRIVER_OBJECT DriverObject,
                                            PDRIVER_REINITIALIZE DriverReinitializationRoutine, PVOID Context)
{
    struct reinit *r = ExAllocatePoolWithTag(NonPagedPool, sizeof *r, TAG_REINIT);
    if (!r)
        return;
    *r = (struct reinit){ .driver = DriverObject, .routine = DriverReinitializationRoutine, .context = Context };
    DriverObject->Flags |= DRVO_REINIT_REGISTERED;
    KIRQL irql;
    KeAcquireSpinLock(&lists_lock, &irql);
    InsertTailList(&reinits, &r->link);
    KeReleaseSpinLock(&lists_lock, irql);
}

static struct reinit *take_reinit(void)
{
    KIRQL irql;
    KeAcquireSpinLock(&lists_lock, &irql);
    struct reinit *r = IsListEmpty(&reinits) ? 0 : CONTAINING_RECORD(RemoveHeadList(&reinits), struct reinit, link);
    KeReleaseSpinLock(&lists_lock, irql);
    return r;
}

void io_driver_reinitialize(void)
{
    for (struct reinit *r; (r = take_reinit());) {
        struct driver_extension *extension = (struct driver_extension *)r->driver->DriverExtension;
        uintptr_t args[] = { (uintptr_t)r->driver, (uintptr_t)r->context, ++extension->Count };
        const void *routine = (const void *)r->routine;
        ExFreePoolWithTag(r, TAG_REINIT);
        callout_stdcall(routine, 3, args);
    }
}

/* Nonpaged blocks: freed under the lock, at DISPATCH_LEVEL. */
void io_driver_extension_release(PDRIVER_OBJECT driver)
{
    KIRQL irql;
    KeAcquireSpinLock(&lists_lock, &irql);
    for (PLIST_ENTRY e = extensions.Flink, next; e != &extensions; e = next) {
        next = e->Flink;
        if (CONTAINING_RECORD(e, struct extension, link)->driver == driver) {
            RemoveEntryList(e);
            ExFreePoolWithTag(e, TAG_EXTENSION);
        }
    }
    for (PLIST_ENTRY e = reinits.Flink, next; e != &reinits; e = next) {
        next = e->Flink;
        if (CONTAINING_RECORD(e, struct reinit, link)->driver == driver) {
            RemoveEntryList(e);
            ExFreePoolWithTag(e, TAG_REINIT);
        }
    }
    KeReleaseSpinLock(&lists_lock, irql);
}
