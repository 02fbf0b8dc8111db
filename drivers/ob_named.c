/* The namespace of named objects (drivers/ob_named.h): a list of headers under one spinlock. */
#include "drivers/ob_named.h"

#include "kernel/bugcheck.h"
#include "kernel/lib/kstring.h"
#include "kernel/spinlock.h"
#include "drivers/ob_handle.h"

KSPIN_LOCK ob_named_lock;
static LIST_ENTRY live = { &live, &live };

PVOID ob_named_new(size_t size, size_t header_offset, POBJECT_TYPE type, ULONG tag, PCUNICODE_STRING name)
{
    USHORT bytes = name ? name->Length : 0;
    char *object = ExAllocatePoolWithTag(NonPagedPool, size + bytes, tag);
    if (!object)
        return 0;
    memset(object, 0, size);
    struct ob_named *n = (struct ob_named *)(object + header_offset);
    *n = (struct ob_named){ .object = object, .type = type, .references = 1, .tag = tag,
                            .name = { .Length = bytes, .MaximumLength = bytes, .Buffer = (PWCH)(object + size) } };
    if (bytes)
        memcpy(object + size, name->Buffer, bytes);
    return object;
}

NTSTATUS ob_named_attributes(POBJECT_ATTRIBUTES oa, PCUNICODE_STRING *name)
{
    *name = 0;
    if (oa && oa->Length != sizeof(*oa))
        return STATUS_INVALID_PARAMETER;
    if (oa && oa->RootDirectory)
        return STATUS_INVALID_HANDLE;
    if (oa && oa->ObjectName && oa->ObjectName->Length)
        *name = oa->ObjectName;
    return *name ? ob_name_check(*name) : STATUS_SUCCESS;
}

/* Under ob_named_lock. */
static struct ob_named *find(PCUNICODE_STRING name)
{
    for (PLIST_ENTRY l = live.Flink; l != &live; l = l->Flink) {
        struct ob_named *n = CONTAINING_RECORD(l, struct ob_named, link);
        if (n->name.Length && RtlEqualUnicodeString(&n->name, name, TRUE))
            return n;
    }
    return 0;
}

void ob_named_insert(struct ob_named *n)
{
    InsertTailList(&live, &n->link);
}

NTSTATUS ob_named_open(PCUNICODE_STRING name, struct ob_named *fresh, POBJECT_TYPE type, bool collide, PVOID *object)
{
    NTSTATUS status;
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    struct ob_named *n = name ? find(name) : 0;
    if (n) {
        status = fresh && collide ? STATUS_OBJECT_NAME_COLLISION
                 : n->type != type ? STATUS_OBJECT_TYPE_MISMATCH
                 : fresh           ? STATUS_OBJECT_NAME_EXISTS
                                   : STATUS_SUCCESS;
        if (NT_SUCCESS(status))
            n->references++;
    } else if (fresh) {
        n = fresh, fresh = 0; /* with its first reference */
        ob_named_insert(n);
        status = STATUS_SUCCESS;
    } else {
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    }
    spinlock_release(&ob_named_lock, irql);
    if (fresh)
        ExFreePoolWithTag(fresh->object, fresh->tag);
    if (NT_SUCCESS(status))
        *object = n->object;
    return status;
}

struct ob_named *ob_named_next(struct ob_named *after, POBJECT_TYPE type)
{
    for (PLIST_ENTRY l = after ? after->link.Flink : live.Flink; l != &live; l = l->Flink) {
        struct ob_named *n = CONTAINING_RECORD(l, struct ob_named, link);
        if (n->type == type)
            return n;
    }
    return 0;
}

struct ob_named *ob_named_of(PVOID object)
{
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    struct ob_named *found = 0;
    for (PLIST_ENTRY l = live.Flink; l != &live && !found; l = l->Flink)
        if (CONTAINING_RECORD(l, struct ob_named, link)->object == object)
            found = CONTAINING_RECORD(l, struct ob_named, link);
    spinlock_release(&ob_named_lock, irql);
    return found;
}

LONG ob_named_reference(struct ob_named *n)
{
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    LONG after = ++n->references;
    spinlock_release(&ob_named_lock, irql);
    return after;
}

LONG ob_named_dereference(struct ob_named *n)
{
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    LONG after = --n->references;
    bool last = after == 0 && n->tag;
    if (last)
        RemoveEntryList(&n->link);
    spinlock_release(&ob_named_lock, irql);
    if (after < (n->tag ? 0 : 1))
        KeBugCheckEx(BUGCHECK_REFERENCE_BY_POINTER, (ULONG_PTR)n->type, (ULONG_PTR)n->object, 1, 0);
    if (last)
        ExFreePoolWithTag(n->object, n->tag);
    return after;
}
