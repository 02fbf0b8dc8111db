/* Threads and the process by id, and the ids of objects: PsLookupThreadByThreadId,
 * PsLookupProcessByProcessId (only the System process, 4, exists), PsGetThreadId, PsGetProcessId,
 * PsGetThreadProcessId. A lookup gives a referenced object, which the caller drops with
 * ObDereferenceObject; an id that names none is STATUS_INVALID_PARAMETER, as documented. A thread that
 * has ended is found while its object lives (its last reference not gone), as on Windows, where a
 * driver asks PsIsThreadTerminating. */
#include "hal/cpu.h"
#include "kernel/thread.h"
#include "kernel/wdm.h"
#include "drivers/ps_thread.h"

NTSTATUS NTAPI PsLookupThreadByThreadId(HANDLE ThreadId, PETHREAD *Thread)
{
    PKTHREAD found = 0;
    uint32_t flags = cpu_save_and_disable_interrupts(); /* no thread is freed meanwhile */
    for (PKTHREAD t = thread_next(0); t && !found; t = thread_next(t))
        if ((HANDLE)(uintptr_t)t->id == ThreadId && (t == &ke_boot_thread || t->references > 0))
            found = t;
    if (found)
        ps_thread_reference(found);
    cpu_restore_interrupts(flags);
    if (!found)
        return STATUS_INVALID_PARAMETER;
    *Thread = found;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI PsLookupProcessByProcessId(HANDLE ProcessId, PEPROCESS *Process)
{
    if (ProcessId != PsGetCurrentProcessId())
        return STATUS_INVALID_PARAMETER;
    *Process = PsGetCurrentProcess(); /* it lives as long as the kernel: its references are not counted */
    return STATUS_SUCCESS;
}

HANDLE NTAPI PsGetThreadId(PETHREAD Thread)
{
    return (HANDLE)(uintptr_t)Thread->id;
}

HANDLE NTAPI PsGetProcessId(PEPROCESS Process)
{
    (void)Process; /* the System process: there is no other */
    return PsGetCurrentProcessId();
}

HANDLE NTAPI PsGetThreadProcessId(PETHREAD Thread)
{
    (void)Thread; /* every thread is the System process's */
    return PsGetCurrentProcessId();
}
