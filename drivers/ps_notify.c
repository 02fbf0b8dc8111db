/* Notify routines: a table of PS_NOTIFY_MAX slots per kind. A call takes a slot's routine and counts
 * itself in the slot under the lock, then runs it at PASSIVE_LEVEL with no lock held (the routine may
 * wait, and a thread may be preempted in it); a removal clears the slot, then waits until no call is in
 * the routine, as Windows' does, so that the driver may unload right after. */
#include "drivers/ps_notify.h"

#include "kernel/bugcheck.h"
#include "kernel/callout.h"
#include "kernel/spinlock.h"

struct notify_table {
    const void *routines[PS_NOTIFY_MAX];
    LONG running[PS_NOTIFY_MAX];
};

static struct notify_table thread_routines, image_routines, process_routines;
static KSPIN_LOCK notify_lock; /* over every table */

/* full: the status past the last slot. unique: a routine registered already is refused with it too
 * (the process routines'; a thread or image routine may be registered twice, and is then called twice). */
static NTSTATUS add(struct notify_table *table, const void *routine, NTSTATUS full, bool unique)
{
    KIRQL irql;
    KeAcquireSpinLock(&notify_lock, &irql);
    int slot = -1;
    bool taken = false;
    for (int i = PS_NOTIFY_MAX - 1; i >= 0; i--) {
        taken |= table->routines[i] == routine;
        if (!table->routines[i] && !table->running[i])
            slot = i;
    }
    NTSTATUS status = slot < 0 || (unique && taken) ? full : STATUS_SUCCESS;
    if (status == STATUS_SUCCESS)
        table->routines[slot] = routine;
    KeReleaseSpinLock(&notify_lock, irql);
    return status;
}

static NTSTATUS removal(struct notify_table *table, const void *routine)
{
    KIRQL irql;
    KeAcquireSpinLock(&notify_lock, &irql);
    unsigned i = 0;
    while (i < PS_NOTIFY_MAX && table->routines[i] != routine)
        i++;
    if (i < PS_NOTIFY_MAX)
        table->routines[i] = 0;
    KeReleaseSpinLock(&notify_lock, irql);
    if (i == PS_NOTIFY_MAX)
        return STATUS_PROCEDURE_NOT_FOUND;
    LARGE_INTEGER tick = { .QuadPart = -10 * 1000 }; /* 1 ms */
    while (__atomic_load_n(&table->running[i], __ATOMIC_ACQUIRE))
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
    return STATUS_SUCCESS;
}

static void call_each(struct notify_table *table, uintptr_t a, uintptr_t b, uintptr_t c)
{
    for (unsigned i = 0; i < PS_NOTIFY_MAX; i++) {
        KIRQL irql;
        KeAcquireSpinLock(&notify_lock, &irql);
        const void *routine = table->routines[i];
        if (routine)
            table->running[i]++;
        KeReleaseSpinLock(&notify_lock, irql);
        if (!routine)
            continue;
        uintptr_t args[] = { a, b, c };
        callout_stdcall(routine, 3, args);
        __atomic_sub_fetch(&table->running[i], 1, __ATOMIC_RELEASE);
    }
}

void ps_notify_thread(PKTHREAD thread, bool create)
{
    call_each(&thread_routines, (uintptr_t)PsGetCurrentProcessId(), thread->id, create);
}

void ps_notify_thread_ended(PKTHREAD thread)
{
    ps_notify_thread(thread, false);
}

void ps_notify_image(PUNICODE_STRING full_name, PIMAGE_INFO info)
{
    call_each(&image_routines, (uintptr_t)full_name, 0, (uintptr_t)info);
}

void ps_notify_check_unload(uintptr_t lo, uintptr_t hi)
{
    struct notify_table *tables[] = { &thread_routines, &image_routines, &process_routines };
    for (unsigned t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (unsigned i = 0; i < PS_NOTIFY_MAX; i++) {
            uintptr_t routine = (uintptr_t)tables[t]->routines[i];
            if (routine && routine - lo < hi - lo)
                KeBugCheckEx(BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS, routine, 8, routine, 0);
        }
}

NTSTATUS NTAPI PsSetCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine)
{
    return add(&thread_routines, (const void *)NotifyRoutine, STATUS_INSUFFICIENT_RESOURCES, false);
}

NTSTATUS NTAPI PsRemoveCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine)
{
    return removal(&thread_routines, (const void *)NotifyRoutine);
}

NTSTATUS NTAPI PsSetLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine)
{
    return add(&image_routines, (const void *)NotifyRoutine, STATUS_INSUFFICIENT_RESOURCES, false);
}

NTSTATUS NTAPI PsRemoveLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine)
{
    return removal(&image_routines, (const void *)NotifyRoutine);
}

/* Registered and removed like the others (STATUS_INVALID_PARAMETER for one registered already or past
 * the last slot, as documented); no process is ever created or deleted here, so it is never called. */
NTSTATUS NTAPI PsSetCreateProcessNotifyRoutine(PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine, BOOLEAN Remove)
{
    return Remove ? removal(&process_routines, (const void *)NotifyRoutine)
                  : add(&process_routines, (const void *)NotifyRoutine, STATUS_INVALID_PARAMETER, true);
}
