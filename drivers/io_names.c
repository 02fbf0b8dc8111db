#include "drivers/io_names.h"

#include <stdbool.h>

#include "kernel/lib/kstring.h"
#include "kernel/rtl_string.h"
#include "kernel/spinlock.h"

#define TAG_NAME 'mNoI' /* "IoNm" */

static LIST_ENTRY names = { &names, &names };
static KSPIN_LOCK names_lock; /* system threads may name and unname devices at once */

/* The directories that are one: each prefix here names the \??\ directory. */
static const char *const dos_prefixes[] = { "\\??\\", "\\DosDevices\\", "\\GLOBAL??\\" };

static bool starts_with(PCUNICODE_STRING s, const char *prefix, USHORT *chars)
{
    USHORT n = (USHORT)strlen(prefix);
    if (s->Length / sizeof(WCHAR) < n)
        return false;
    for (USHORT i = 0; i < n; i++)
        if (rtl_upcase(s->Buffer[i]) != rtl_upcase((WCHAR)prefix[i]))
            return false;
    *chars = n;
    return true;
}

/* The name without its \??\ prefix in any spelling (*dos set), or the whole name. */
static UNICODE_STRING canonical(PCUNICODE_STRING s, bool *dos)
{
    USHORT chars = 0;
    *dos = false;
    for (unsigned i = 0; i < sizeof dos_prefixes / sizeof dos_prefixes[0] && !*dos; i++)
        *dos = starts_with(s, dos_prefixes[i], &chars);
    USHORT bytes = (USHORT)(chars * sizeof(WCHAR));
    return (UNICODE_STRING){ (USHORT)(s->Length - bytes), (USHORT)(s->Length - bytes), s->Buffer + chars };
}

static bool same_name(PCUNICODE_STRING a, PCUNICODE_STRING b)
{
    bool dos_a, dos_b;
    UNICODE_STRING ca = canonical(a, &dos_a), cb = canonical(b, &dos_b);
    return dos_a == dos_b && RtlEqualUnicodeString(&ca, &cb, TRUE);
}

/* The first entry that matches, under the lock. */
static struct io_name *first(bool (*matches)(const struct io_name *n, const void *what), const void *what)
{
    KIRQL irql = spinlock_acquire(&names_lock);
    struct io_name *found = 0;
    for (LIST_ENTRY *e = names.Flink; e != &names && !found; e = e->Flink) {
        struct io_name *n = CONTAINING_RECORD(e, struct io_name, link);
        if (matches(n, what))
            found = n;
    }
    spinlock_release(&names_lock, irql);
    return found;
}

static bool named(const struct io_name *n, const void *name)
{
    return same_name(&n->name, name);
}

struct io_name *io_name_find(PCUNICODE_STRING name)
{
    return first(named, name);
}

static UNICODE_STRING copy_to(WCHAR *buffer, PCUNICODE_STRING s)
{
    memcpy(buffer, s->Buffer, s->Length);
    buffer[s->Length / sizeof(WCHAR)] = 0;
    return (UNICODE_STRING){ s->Length, (USHORT)(s->Length + sizeof(WCHAR)), buffer };
}

NTSTATUS io_name_insert(PCUNICODE_STRING name, enum io_name_kind kind, PCUNICODE_STRING target, unsigned owner,
                        struct io_name **entry)
{
    if (!name || !name->Buffer || name->Length < sizeof(WCHAR) || name->Buffer[0] != '\\')
        return STATUS_OBJECT_NAME_INVALID;
    USHORT target_length = target ? target->Length : 0;
    struct io_name *n = ExAllocatePoolWithTag(NonPagedPool, sizeof *n + name->Length + target_length + 2 * sizeof(WCHAR),
                                              TAG_NAME);
    if (!n)
        return STATUS_INSUFFICIENT_RESOURCES;
    WCHAR *text = (WCHAR *)(n + 1);
    *n = (struct io_name){ .kind = kind, .owner = owner, .name = copy_to(text, name) };
    UNICODE_STRING none = { 0, 0, 0 };
    n->target = copy_to(text + name->Length / sizeof(WCHAR) + 1, target ? target : &none);
    KIRQL irql = spinlock_acquire(&names_lock); /* the check and the insert as one */
    bool taken = false;
    for (LIST_ENTRY *e = names.Flink; e != &names && !taken; e = e->Flink)
        taken = same_name(&CONTAINING_RECORD(e, struct io_name, link)->name, name);
    if (!taken)
        InsertTailList(&names, &n->link);
    spinlock_release(&names_lock, irql);
    if (taken) {
        ExFreePoolWithTag(n, TAG_NAME);
        return STATUS_OBJECT_NAME_COLLISION;
    }
    *entry = n;
    return STATUS_SUCCESS;
}

void io_name_remove(struct io_name *entry)
{
    KIRQL irql = spinlock_acquire(&names_lock);
    RemoveEntryList(&entry->link);
    spinlock_release(&names_lock, irql);
    ExFreePoolWithTag(entry, TAG_NAME);
}

static bool link_owned_by(const struct io_name *n, const void *owner)
{
    return n->kind == IO_NAME_LINK && n->owner == *(const unsigned *)owner;
}

struct io_name *io_name_link_of(unsigned owner)
{
    return first(link_owned_by, &owner);
}
