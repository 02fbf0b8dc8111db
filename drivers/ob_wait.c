/* Waits through handles: ZwWaitForSingleObject and ZwWaitForMultipleObjects on the handles of threads
 * and event objects (or NtCurrentThread()), each object referenced for the wait so that a close meanwhile
 * cannot free it; and ZwYieldExecution. A handle of anything else (a registry key, the process, which
 * is no dispatcher object here) is STATUS_OBJECT_TYPE_MISMATCH. At PASSIVE_LEVEL: above it 0xC4
 * (0x2001F, IrqlZwPassive). */
#include "kernel/thread.h"
#include "drivers/ob_event.h"
#include "drivers/ob_handle.h"

#define WAIT_BLOCKS_TAG 0x74696157u /* 'Wait' */

/* The object of a handle one can wait on, referenced. */
static NTSTATUS waitable(HANDLE handle, PVOID *object)
{
    NTSTATUS status = ObReferenceObjectByHandle(handle, SYNCHRONIZE, 0, KernelMode, object, 0);
    if (NT_SUCCESS(status) && !ob_event_at(*object) && !thread_at(*object)) {
        ObfDereferenceObject(*object);
        status = STATUS_OBJECT_TYPE_MISMATCH;
    }
    return status;
}

NTSTATUS NTAPI ZwWaitForSingleObject(HANDLE Handle, BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwWaitForSingleObject above PASSIVE_LEVEL");
    PVOID object;
    NTSTATUS status = waitable(Handle, &object);
    if (!NT_SUCCESS(status))
        return status;
    status = KeWaitForSingleObject(object, Executive, KernelMode, Alertable, Timeout);
    ObfDereferenceObject(object);
    return status;
}

static bool repeats(PVOID objects[], ULONG count)
{
    for (ULONG i = 1; i < count; i++)
        for (ULONG j = 0; j < i; j++)
            if (objects[i] == objects[j])
                return true;
    return false;
}

/* Up to MAXIMUM_WAIT_OBJECTS handles (else STATUS_INVALID_PARAMETER_1), WaitAll or WaitAny (else
 * STATUS_INVALID_PARAMETER_3); WaitAll on one object twice is STATUS_INVALID_PARAMETER_MIX, as NT has it.
 * The first handle that cannot be waited on ends it with its status. */
NTSTATUS NTAPI ZwWaitForMultipleObjects(ULONG HandleCount, PHANDLE Handles, WAIT_TYPE WaitType, BOOLEAN Alertable,
                                        PLARGE_INTEGER Timeout)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwWaitForMultipleObjects above PASSIVE_LEVEL");
    if (!HandleCount || HandleCount > MAXIMUM_WAIT_OBJECTS)
        return STATUS_INVALID_PARAMETER_1;
    if (WaitType != WaitAll && WaitType != WaitAny)
        return STATUS_INVALID_PARAMETER_3;
    PVOID objects[MAXIMUM_WAIT_OBJECTS];
    ULONG taken = 0;
    NTSTATUS status = STATUS_SUCCESS;
    while (taken < HandleCount && NT_SUCCESS(status = waitable(Handles[taken], &objects[taken])))
        taken++;
    if (NT_SUCCESS(status) && WaitType == WaitAll && repeats(objects, HandleCount))
        status = STATUS_INVALID_PARAMETER_MIX;
    PKWAIT_BLOCK blocks = 0; /* the thread's own serve up to THREAD_WAIT_OBJECTS */
    if (NT_SUCCESS(status) && HandleCount > THREAD_WAIT_OBJECTS &&
        !(blocks = ExAllocatePoolWithTag(NonPagedPool, HandleCount * sizeof(*blocks), WAIT_BLOCKS_TAG)))
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(status))
        status = KeWaitForMultipleObjects(HandleCount, objects, WaitType, Executive, KernelMode, Alertable, Timeout,
                                          blocks);
    if (blocks)
        ExFreePoolWithTag(blocks, WAIT_BLOCKS_TAG);
    while (taken--)
        ObfDereferenceObject(objects[taken]);
    return status;
}

/* The rest of the quantum to a ready thread of the caller's priority or higher: STATUS_SUCCESS if one
 * ran, else STATUS_NO_YIELD_PERFORMED. */
NTSTATUS NTAPI ZwYieldExecution(VOID)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwYieldExecution above PASSIVE_LEVEL");
    return thread_yield() ? STATUS_SUCCESS : STATUS_NO_YIELD_PERFORMED;
}
