/* In-stack queued spinlocks: on one CPU the queue is never longer than its holder, so they are the
 * ordinary lock with the old IRQL kept in the caller's handle; same bugchecks (0x0F, 0x10). */
#include "kernel/spinlock.h"

VOID FASTCALL KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    LockHandle->LockQueue.Next = NULL;
    LockHandle->LockQueue.Lock = SpinLock;
    LockHandle->OldIrql = KeRaiseIrqlToDpcLevel();
    spinlock_take(SpinLock);
}

VOID FASTCALL KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
    spinlock_release(LockHandle->LockQueue.Lock, LockHandle->OldIrql);
}

VOID FASTCALL KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    LockHandle->LockQueue.Next = NULL;
    LockHandle->LockQueue.Lock = SpinLock;
    spinlock_take(SpinLock);
}

VOID FASTCALL KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
{
    spinlock_give(LockHandle->LockQueue.Lock);
}
