/* The kernel handle table (drivers/ob_handle.h) and ZwClose. Closing a handle that is not open is
 * Windows' 0x93 INVALID_KERNEL_HANDLE (the handle, 1: not a valid handle), what it reports for a
 * kernel-mode close of a bad kernel handle. */
#include "drivers/ob_handle.h"

#include "hal/cpu.h"
#include "kernel/bugcheck.h"

#define KERNEL_HANDLE_BIT 0x80000000u
#define INVALID_HANDLE_CLOSED 1

static struct {
    PVOID object;
    const struct ob_handle_type *type;
} table[OB_HANDLES_MAX];

static unsigned open_count;

static HANDLE handle_of(unsigned index)
{
    return (HANDLE)(uintptr_t)(KERNEL_HANDLE_BIT | (index + 1) * 4);
}

/* The slot of an open handle, or -1. */
static int slot_of(HANDLE handle)
{
    uintptr_t h = (uintptr_t)handle;
    if (!(h & KERNEL_HANDLE_BIT) || (h & 3))
        return -1;
    uintptr_t index = ((h & ~KERNEL_HANDLE_BIT) >> 2) - 1;
    return index < OB_HANDLES_MAX && table[index].object ? (int)index : -1;
}

HANDLE ob_handle_create(PVOID object, const struct ob_handle_type *type)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    unsigned i = 0;
    while (i < OB_HANDLES_MAX && table[i].object)
        i++;
    if (i < OB_HANDLES_MAX) {
        table[i].object = object;
        table[i].type = type;
        open_count++;
    }
    cpu_restore_interrupts(flags);
    if (i == OB_HANDLES_MAX)
        return 0;
    if (type->reference)
        type->reference(object);
    return handle_of(i);
}

unsigned ob_handle_count(void)
{
    return open_count;
}

NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    int i = slot_of(Handle);
    PVOID object = i < 0 ? 0 : table[i].object;
    const struct ob_handle_type *type = i < 0 ? 0 : table[i].type;
    if (i >= 0) {
        table[i].object = 0;
        open_count--;
    }
    cpu_restore_interrupts(flags);
    if (i < 0)
        KeBugCheckEx(BUGCHECK_INVALID_KERNEL_HANDLE, (ULONG_PTR)Handle, INVALID_HANDLE_CLOSED, 0, 0);
    if (type->dereference)
        type->dereference(object);
    return STATUS_SUCCESS;
}

NTSTATUS ob_handle_reference(HANDLE handle, POBJECT_TYPE wanted, PVOID *object)
{
    uint32_t flags = cpu_save_and_disable_interrupts(); /* no close may come between lookup and reference */
    int i = slot_of(handle);
    const struct ob_handle_type *type = i < 0 ? 0 : table[i].type;
    NTSTATUS status = i < 0                             ? STATUS_INVALID_HANDLE
                      : wanted && wanted != type->type ? STATUS_OBJECT_TYPE_MISMATCH
                                                       : STATUS_SUCCESS;
    if (NT_SUCCESS(status)) {
        *object = table[i].object;
        if (type->reference)
            type->reference(*object);
    }
    cpu_restore_interrupts(flags);
    return status;
}
