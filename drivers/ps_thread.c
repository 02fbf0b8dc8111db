/* PsCreateSystemThread and PsTerminateSystemThread. A thread object ('Thre', nonpaged pool) and its
 * kernel stack (nonpaged pages, a canary in the lowest word: the memory manager has no guard page to
 * give below a run of pool pages) live until the thread has ended and its last reference is gone: the
 * handle PsCreateSystemThread returns holds one, the running thread one on itself. The thread that
 * drops its own last reference is still on its stack, so ended threads are freed by the next
 * PASSIVE_LEVEL caller instead (ps_thread_reap). */
#include "drivers/ps_thread.h"

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "mm/pool_pages.h"
#include "drivers/ob_handle.h"
#include "drivers/ps_notify.h"

struct _OBJECT_TYPE ps_thread_type = { "Thread" };
static POBJECT_TYPE thread_type_pointer = &ps_thread_type;
POBJECT_TYPE *PsThreadType = &thread_type_pointer;

static const struct ob_handle_type thread_handles = {
    .type = &ps_thread_type,
    .reference = (void (*)(PVOID))ps_thread_reference,
    .dereference = (void (*)(PVOID))ps_thread_dereference,
};

void ps_thread_reap(void)
{
    for (PKTHREAD t; (t = thread_take_dead());) {
        pool_pages_free((void *)t->stack_limit, PS_THREAD_STACK_PAGES);
        ExFreePoolWithTag(t, PS_THREAD_TAG);
    }
}

void ps_thread_reference(PKTHREAD thread)
{
    if (thread != &ke_boot_thread)
        __atomic_add_fetch(&thread->references, 1, __ATOMIC_RELAXED);
}

/* 0x18 REFERENCE_BY_POINTER (the type, the object, the count, 0) below zero, as Windows' object manager. */
void ps_thread_dereference(PKTHREAD thread)
{
    if (thread == &ke_boot_thread)
        return;
    LONG after = thread_dereference(thread);
    if (after < 0)
        KeBugCheckEx(BUGCHECK_REFERENCE_BY_POINTER, (ULONG_PTR)&ps_thread_type, (ULONG_PTR)thread, 1, 0);
    if (after == 0 && KeGetCurrentIrql() == PASSIVE_LEVEL)
        ps_thread_reap();
}

/* ProcessHandle NULL or NtCurrentProcess() (there is only the System process), else
 * STATUS_INVALID_HANDLE; STATUS_INSUFFICIENT_RESOURCES without pool, pages or a handle. The thread
 * starts at PASSIVE_LEVEL with priority 8 and calls StartRoutine(StartContext); returning from it ends
 * the thread as PsTerminateSystemThread(STATUS_SUCCESS) does. */
NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                                    HANDLE ProcessHandle, PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
                                    PVOID StartContext)
{
    (void)DesiredAccess, (void)ObjectAttributes; /* kernel mode has every access; no names */
    ps_thread_reap();
    if (ProcessHandle && ProcessHandle != NtCurrentProcess())
        return STATUS_INVALID_HANDLE;
    PKTHREAD t = ExAllocatePoolWithTag(NonPagedPool, sizeof(*t), PS_THREAD_TAG);
    void *stack = t ? pool_pages_alloc(PS_THREAD_STACK_PAGES, false) : 0;
    if (!stack) {
        if (t)
            ExFreePoolWithTag(t, PS_THREAD_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    *t = (struct _KTHREAD){ .references = 0 };
    t->stack_limit = (uintptr_t)stack; /* thread_init sets it too; a failed handle frees by it */
    /* The handle before it runs: it may end at once. */
    HANDLE handle = ob_handle_create(t, &thread_handles, driver_code_owner(__builtin_return_address(0)));
    if (!handle) {
        pool_pages_free(stack, PS_THREAD_STACK_PAGES);
        ExFreePoolWithTag(t, PS_THREAD_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    thread_init(t, stack, PS_THREAD_STACK_PAGES * PAGE_SIZE, (const void *)StartRoutine, StartContext);
    ps_notify_thread(t, true); /* in the creator's context, before the thread can run and end */
    thread_ready(t);
    *ThreadHandle = handle;
    if (ClientId)
        *ClientId = (CLIENT_ID){ .UniqueProcess = PsGetCurrentProcessId(), .UniqueThread = (HANDLE)(uintptr_t)t->id };
    return STATUS_SUCCESS;
}

/* Only the calling thread ends; the boot thread (the console's) cannot: STATUS_INVALID_PARAMETER, what
 * Windows answers a thread that is not a system thread. */
NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus)
{
    if (ke_current_thread == &ke_boot_thread)
        return STATUS_INVALID_PARAMETER;
    thread_exit(ExitStatus);
}

PETHREAD NTAPI PsGetCurrentThread(VOID)
{
    return KeGetCurrentThread();
}
