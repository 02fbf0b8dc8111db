/* Device queues (KDEVICE_QUEUE): the busy flag and the waiting entries behind the I/O manager's StartIo
 * model (drivers/io_startio.c) and drivers' own queues. Callers are at DISPATCH_LEVEL; the queue's
 * spinlock keeps them apart all the same, as NT's does. */
#include "kernel/wdm.h"

VOID NTAPI KeInitializeDeviceQueue(PKDEVICE_QUEUE DeviceQueue)
{
    *DeviceQueue = (KDEVICE_QUEUE){ .Type = IO_TYPE_DEVICE_QUEUE, .Size = sizeof(KDEVICE_QUEUE) };
    InitializeListHead(&DeviceQueue->DeviceListHead);
}

/* Entry goes in before the first entry at or after which it belongs; the queue's lock is held. */
static BOOLEAN insert(PKDEVICE_QUEUE q, PKDEVICE_QUEUE_ENTRY entry, BOOLEAN by_key)
{
    entry->Inserted = q->Busy;
    if (!q->Busy) {
        q->Busy = TRUE;
        return FALSE;
    }
    PLIST_ENTRY at = &q->DeviceListHead;
    if (by_key)
        for (at = q->DeviceListHead.Flink; at != &q->DeviceListHead; at = at->Flink)
            if (CONTAINING_RECORD(at, KDEVICE_QUEUE_ENTRY, DeviceListEntry)->SortKey > entry->SortKey)
                break;
    InsertTailList(at, &entry->DeviceListEntry); /* before at */
    return TRUE;
}

static BOOLEAN locked_insert(PKDEVICE_QUEUE q, PKDEVICE_QUEUE_ENTRY entry, BOOLEAN by_key)
{
    KeAcquireSpinLockAtDpcLevel(&q->Lock);
    BOOLEAN queued = insert(q, entry, by_key);
    KeReleaseSpinLockFromDpcLevel(&q->Lock);
    return queued;
}

BOOLEAN NTAPI KeInsertDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry)
{
    return locked_insert(DeviceQueue, DeviceQueueEntry, FALSE);
}

BOOLEAN NTAPI KeInsertByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry, ULONG SortKey)
{
    DeviceQueueEntry->SortKey = SortKey;
    return locked_insert(DeviceQueue, DeviceQueueEntry, TRUE);
}

/* The first entry at or after key (by_key), else the head; NULL, and the queue idle, when empty. */
static PKDEVICE_QUEUE_ENTRY take(PKDEVICE_QUEUE q, BOOLEAN by_key, ULONG key)
{
    KeAcquireSpinLockAtDpcLevel(&q->Lock);
    PKDEVICE_QUEUE_ENTRY found = 0;
    if (IsListEmpty(&q->DeviceListHead)) {
        q->Busy = FALSE;
    } else {
        PLIST_ENTRY at = q->DeviceListHead.Flink;
        for (PLIST_ENTRY e = at; by_key && e != &q->DeviceListHead; e = e->Flink)
            if (CONTAINING_RECORD(e, KDEVICE_QUEUE_ENTRY, DeviceListEntry)->SortKey >= key) {
                at = e;
                break;
            }
        RemoveEntryList(at);
        found = CONTAINING_RECORD(at, KDEVICE_QUEUE_ENTRY, DeviceListEntry);
        found->Inserted = FALSE;
    }
    KeReleaseSpinLockFromDpcLevel(&q->Lock);
    return found;
}

PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveDeviceQueue(PKDEVICE_QUEUE DeviceQueue)
{
    return take(DeviceQueue, FALSE, 0);
}

PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue, ULONG SortKey)
{
    return take(DeviceQueue, TRUE, SortKey);
}

BOOLEAN NTAPI KeRemoveEntryDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry)
{
    KIRQL irql;
    KeAcquireSpinLock(&DeviceQueue->Lock, &irql);
    BOOLEAN was = DeviceQueueEntry->Inserted;
    if (was) {
        RemoveEntryList(&DeviceQueueEntry->DeviceListEntry);
        DeviceQueueEntry->Inserted = FALSE;
    }
    KeReleaseSpinLock(&DeviceQueue->Lock, irql);
    return was;
}
