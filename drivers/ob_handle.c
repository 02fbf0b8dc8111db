/* The kernel handle table (drivers/ob_handle.h) and ZwClose. Closing a handle that is not open is
 * Windows' 0x93 INVALID_KERNEL_HANDLE (the handle, 1: not a valid handle), what it reports for a
 * kernel-mode close of a bad kernel handle; ZwClose above PASSIVE_LEVEL is 0xC4 (0x2001F, the rule's
 * text), the DDI compliance rule IrqlZwPassive, as for every Zw routine (drivers/registry_zw.c). The
 * table's lock keeps a close from coming between a lookup and its reference. */
#include "drivers/ob_handle.h"

#include "kernel/bugcheck.h"
#include "kernel/spinlock.h"

#define KERNEL_HANDLE_BIT 0x80000000u
#define INVALID_HANDLE_CLOSED 1

static struct {
    PVOID object;
    const struct ob_handle_type *type;
    unsigned owner;
} table[OB_HANDLES_MAX];

static unsigned open_count;
static KSPIN_LOCK table_lock;

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
    uintptr_t index = ((h & ~(uintptr_t)KERNEL_HANDLE_BIT) >> 2) - 1;
    return index < OB_HANDLES_MAX && table[index].object ? (int)index : -1;
}

HANDLE ob_handle_create(PVOID object, const struct ob_handle_type *type, unsigned owner)
{
    KIRQL irql = spinlock_acquire(&table_lock);
    unsigned i = 0;
    while (i < OB_HANDLES_MAX && table[i].object)
        i++;
    if (i < OB_HANDLES_MAX) {
        table[i].object = object;
        table[i].type = type;
        table[i].owner = owner;
        open_count++;
    }
    spinlock_release(&table_lock, irql);
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

PVOID ob_handle_object(HANDLE handle, const struct ob_handle_type *type)
{
    KIRQL irql = spinlock_acquire(&table_lock);
    int i = slot_of(handle);
    PVOID object = i >= 0 && table[i].type == type ? table[i].object : 0;
    spinlock_release(&table_lock, irql);
    return object;
}

/* The handle's slot emptied; its object and type, for the dereference. False if it was not open. */
static bool take(HANDLE handle, PVOID *object, const struct ob_handle_type **type)
{
    KIRQL irql = spinlock_acquire(&table_lock);
    int i = slot_of(handle);
    if (i >= 0) {
        *object = table[i].object;
        *type = table[i].type;
        table[i].object = 0;
        open_count--;
    }
    spinlock_release(&table_lock, irql);
    return i >= 0;
}

void ob_require_passive(ULONG rule, const char *violation)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, rule, (ULONG_PTR)violation, 0, 0);
}

NTSTATUS ob_name_check(PCUNICODE_STRING name)
{
    USHORT chars = name->Length / sizeof(WCHAR);
    if (name->Length % sizeof(WCHAR) || !name->Buffer)
        return STATUS_OBJECT_NAME_INVALID;
    if (name->Buffer[0] != L'\\')
        return STATUS_OBJECT_PATH_SYNTAX_BAD;
    for (USHORT i = 0; i < chars; i++)
        if (name->Buffer[i] == L'\\' && (i + 1 == chars || name->Buffer[i + 1] == L'\\'))
            return STATUS_OBJECT_NAME_INVALID;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwClose above PASSIVE_LEVEL");
    PVOID object;
    const struct ob_handle_type *type;
    if (!take(Handle, &object, &type))
        KeBugCheckEx(BUGCHECK_INVALID_KERNEL_HANDLE, (ULONG_PTR)Handle, INVALID_HANDLE_CLOSED, 0, 0);
    if (type->dereference)
        type->dereference(object);
    return STATUS_SUCCESS;
}

unsigned ob_handle_close_left(unsigned owner, ob_handle_left_report *report, void *ctx)
{
    unsigned closed = 0;
    for (unsigned i = 0; i < OB_HANDLES_MAX; i++) {
        PVOID object;
        const struct ob_handle_type *type;
        if (!table[i].object || table[i].owner != owner || !take(handle_of(i), &object, &type))
            continue;
        if (report)
            report(ctx, handle_of(i), object, type);
        if (type->dereference)
            type->dereference(object);
        closed++;
    }
    return closed;
}

NTSTATUS ob_handle_reference(HANDLE handle, POBJECT_TYPE wanted, PVOID *object)
{
    KIRQL irql = spinlock_acquire(&table_lock);
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
    spinlock_release(&table_lock, irql);
    return status;
}
