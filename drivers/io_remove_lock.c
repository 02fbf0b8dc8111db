/* Remove locks: a count of the I/O in progress on a device that a PnP remove waits out. The count
 * starts at one (the lock's own); each acquire adds one, refused with STATUS_DELETE_PENDING once
 * removal has begun; IoReleaseRemoveLockAndWait drops the caller's and the lock's own and waits for the
 * rest. Only the common block the free build's macros declare is used; a checked-build driver's lock
 * (RemlockSize larger) carries a tracking block Pagoda does not fill. */
#include "kernel/wdm.h"

VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag, ULONG MaxLockedMinutes,
                                    ULONG HighWatermark, ULONG RemlockSize)
{
    (void)AllocateTag, (void)MaxLockedMinutes, (void)HighWatermark, (void)RemlockSize;
    Lock->Common.Removed = FALSE;
    Lock->Common.IoCount = 1;
    KeInitializeEvent(&Lock->Common.RemoveEvent, NotificationEvent, FALSE);
}

static void release(PIO_REMOVE_LOCK lock)
{
    if (InterlockedDecrement(&lock->Common.IoCount) == 0)
        KeSetEvent(&lock->Common.RemoveEvent, IO_NO_INCREMENT, FALSE);
}

NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, const char *File, ULONG Line,
                                     ULONG RemlockSize)
{
    (void)Tag, (void)File, (void)Line, (void)RemlockSize;
    InterlockedIncrement(&RemoveLock->Common.IoCount);
    if (!RemoveLock->Common.Removed)
        return STATUS_SUCCESS;
    release(RemoveLock);
    return STATUS_DELETE_PENDING;
}

VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, ULONG RemlockSize)
{
    (void)Tag, (void)RemlockSize;
    release(RemoveLock);
}

VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, ULONG RemlockSize)
{
    (void)Tag, (void)RemlockSize;
    RemoveLock->Common.Removed = TRUE;
    release(RemoveLock); /* the caller's acquisition */
    release(RemoveLock); /* the lock's own */
    KeWaitForSingleObject(&RemoveLock->Common.RemoveEvent, Executive, KernelMode, FALSE, 0);
}
