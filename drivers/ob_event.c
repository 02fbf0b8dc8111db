/* Event objects with handles and names: ZwCreateEvent / ZwOpenEvent, the Zw routines that signal one
 * through its handle, and IoCreateNotificationEvent / IoCreateSynchronizationEvent. An event object is
 * a KEVENT at the start of a nonpaged block ('Even') that counts its references: each handle holds one,
 * as does each ObReferenceObject; the last one frees it, and its name with it (a temporary object, as
 * Windows makes every event a driver names). There are no object directories: a name is any absolute
 * path ("\BaseNamedObjects\X", "\KernelObjects\X"), compared without regard to case (Windows'
 * ObCaseInsensitive default), and names only events. The Zw routines are for PASSIVE_LEVEL: above it 0xC4
 * (0x2001F, IrqlZwPassive); the Io routines likewise (0x2000D, IrqlIoPassive4). */
#include "drivers/ob_event.h"

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "kernel/spinlock.h"
#include "drivers/ob_handle.h"

#define RULE_IRQL_IO_PASSIVE4 0x0002000D
#define CALLER __builtin_return_address(0)

struct ob_event {
    KEVENT event; /* first: the object's address is the KEVENT drivers wait on */
    LONG references;
    LIST_ENTRY link; /* on the list of live events */
    UNICODE_STRING name; /* Length 0: unnamed */
    WCHAR name_buffer[];
};

struct _OBJECT_TYPE ob_event_type = { "Event" };
static POBJECT_TYPE event_type_pointer = &ob_event_type;
POBJECT_TYPE *ExEventObjectType = &event_type_pointer;

static LIST_ENTRY live = { &live, &live };
static KSPIN_LOCK live_lock;

/* Under live_lock. */
static struct ob_event *find(PVOID object, PCUNICODE_STRING name)
{
    for (PLIST_ENTRY l = live.Flink; l != &live; l = l->Flink) {
        struct ob_event *e = CONTAINING_RECORD(l, struct ob_event, link);
        if (name ? e->name.Length && RtlEqualUnicodeString(&e->name, name, TRUE) : (PVOID)e == object)
            return e;
    }
    return 0;
}

bool ob_event_at(PVOID object)
{
    KIRQL irql = spinlock_acquire(&live_lock);
    bool found = find(object, 0) != 0;
    spinlock_release(&live_lock, irql);
    return found;
}

LONG ob_event_reference(PVOID event)
{
    KIRQL irql = spinlock_acquire(&live_lock);
    LONG after = ++((struct ob_event *)event)->references;
    spinlock_release(&live_lock, irql);
    return after;
}

LONG ob_event_dereference(PVOID event)
{
    struct ob_event *e = event;
    KIRQL irql = spinlock_acquire(&live_lock);
    LONG after = --e->references;
    if (after == 0)
        RemoveEntryList(&e->link);
    spinlock_release(&live_lock, irql);
    if (after < 0)
        KeBugCheckEx(BUGCHECK_REFERENCE_BY_POINTER, (ULONG_PTR)&ob_event_type, (ULONG_PTR)e, 1, 0);
    if (after == 0)
        ExFreePoolWithTag(e, OB_EVENT_TAG);
    return after;
}

static void reference(PVOID event)
{
    ob_event_reference(event);
}

static void dereference(PVOID event)
{
    ob_event_dereference(event);
}

static const struct ob_handle_type event_handles = {
    .type = &ob_event_type, .reference = reference, .dereference = dereference
};

static struct ob_event *new_event(PCUNICODE_STRING name, EVENT_TYPE type, BOOLEAN state)
{
    USHORT bytes = name ? name->Length : 0;
    struct ob_event *e = ExAllocatePoolWithTag(NonPagedPool, sizeof(*e) + bytes, OB_EVENT_TAG);
    if (!e)
        return 0;
    KeInitializeEvent(&e->event, type, state);
    e->references = 1;
    e->name = (UNICODE_STRING){ .Length = bytes, .MaximumLength = bytes, .Buffer = e->name_buffer };
    if (bytes)
        RtlMoveMemory(e->name_buffer, name->Buffer, bytes);
    return e;
}

/* A handle for owner to the event ObjectAttributes names: created (none named: a new unnamed one), or
 * with OBJ_OPENIF the one of that name if there is one (STATUS_OBJECT_NAME_EXISTS); opened (!create).
 * The event's address in *opened, if asked. */
static NTSTATUS event_handle(PHANDLE EventHandle, POBJECT_ATTRIBUTES oa, bool create, EVENT_TYPE type, BOOLEAN state,
                             unsigned owner, PKEVENT *opened)
{
    if (!EventHandle)
        return STATUS_INVALID_PARAMETER;
    *EventHandle = 0;
    if (oa && oa->Length != sizeof(*oa))
        return STATUS_INVALID_PARAMETER;
    if (oa && oa->RootDirectory)
        return STATUS_INVALID_HANDLE; /* no directory objects, so no handle of one */
    PCUNICODE_STRING name = oa && oa->ObjectName && oa->ObjectName->Length ? oa->ObjectName : 0;
    NTSTATUS status = name ? ob_name_check(name) : create ? STATUS_SUCCESS : STATUS_OBJECT_NAME_INVALID;
    if (!NT_SUCCESS(status))
        return status;
    if (create && type != NotificationEvent && type != SynchronizationEvent)
        return STATUS_INVALID_PARAMETER;
    struct ob_event *fresh = create ? new_event(name, type, state) : 0;
    if (create && !fresh)
        return STATUS_INSUFFICIENT_RESOURCES;

    KIRQL irql = spinlock_acquire(&live_lock);
    struct ob_event *e = name ? find(0, name) : 0;
    if (e) {
        status = !create                          ? STATUS_SUCCESS
                 : oa->Attributes & OBJ_OPENIF ? STATUS_OBJECT_NAME_EXISTS
                                                 : STATUS_OBJECT_NAME_COLLISION;
        if (NT_SUCCESS(status))
            e->references++; /* held until the handle has its own */
    } else if (create) {
        e = fresh, fresh = 0; /* with its first reference */
        InsertTailList(&live, &e->link);
    } else {
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    }
    spinlock_release(&live_lock, irql);
    if (fresh)
        ExFreePoolWithTag(fresh, OB_EVENT_TAG);
    if (!NT_SUCCESS(status))
        return status;

    /* The handle takes its reference; the one taken above goes (a fresh event's last if the table is full). */
    HANDLE handle = ob_handle_create(e, &event_handles, owner);
    ob_event_dereference(e);
    if (!handle)
        return STATUS_INSUFFICIENT_RESOURCES;
    *EventHandle = handle;
    if (opened)
        *opened = &e->event;
    return status;
}

NTSTATUS NTAPI ZwCreateEvent(PHANDLE EventHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                             EVENT_TYPE EventType, BOOLEAN InitialState)
{
    (void)DesiredAccess; /* kernel mode has every access */
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwCreateEvent above PASSIVE_LEVEL");
    return event_handle(EventHandle, ObjectAttributes, true, EventType, InitialState, driver_code_owner(CALLER), 0);
}

NTSTATUS NTAPI ZwOpenEvent(PHANDLE EventHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes)
{
    (void)DesiredAccess;
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwOpenEvent above PASSIVE_LEVEL");
    return event_handle(EventHandle, ObjectAttributes, false, NotificationEvent, FALSE, driver_code_owner(CALLER), 0);
}

/* The Io routines create the event signaled, or open the one of that name: its address (valid while
 * the handle is open), or NULL. */
static PKEVENT io_named_event(PUNICODE_STRING EventName, PHANDLE EventHandle, EVENT_TYPE type, const char *violation,
                              void *caller)
{
    ob_require_passive(RULE_IRQL_IO_PASSIVE4, violation);
    if (!EventName || !EventName->Length)
        return 0;
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, EventName, OBJ_OPENIF | OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, 0, 0);
    PKEVENT event = 0;
    return NT_SUCCESS(event_handle(EventHandle, &oa, true, type, TRUE, driver_code_owner(caller), &event)) ? event : 0;
}

PKEVENT NTAPI IoCreateNotificationEvent(PUNICODE_STRING EventName, PHANDLE EventHandle)
{
    return io_named_event(EventName, EventHandle, NotificationEvent,
                          "IrqlIoPassive4: IoCreateNotificationEvent above PASSIVE_LEVEL", CALLER);
}

PKEVENT NTAPI IoCreateSynchronizationEvent(PUNICODE_STRING EventName, PHANDLE EventHandle)
{
    return io_named_event(EventName, EventHandle, SynchronizationEvent,
                          "IrqlIoPassive4: IoCreateSynchronizationEvent above PASSIVE_LEVEL", CALLER);
}

/* What a Zw routine does to an event through its handle. */
enum event_change { EVENT_SET, EVENT_RESET, EVENT_PULSE, EVENT_CLEAR };

static NTSTATUS change_event(HANDLE EventHandle, enum event_change change, PLONG PreviousState, const char *violation)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, violation);
    PVOID object;
    NTSTATUS status = ob_handle_reference(EventHandle, &ob_event_type, &object);
    if (!NT_SUCCESS(status))
        return status;
    PKEVENT event = object;
    LONG before = change == EVENT_SET     ? KeSetEvent(event, IO_NO_INCREMENT, FALSE)
                  : change == EVENT_PULSE ? KePulseEvent(event, IO_NO_INCREMENT, FALSE)
                                          : KeResetEvent(event);
    if (PreviousState)
        *PreviousState = before;
    ob_event_dereference(object);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI ZwSetEvent(HANDLE EventHandle, PLONG PreviousState)
{
    return change_event(EventHandle, EVENT_SET, PreviousState, "IrqlZwPassive: ZwSetEvent above PASSIVE_LEVEL");
}

NTSTATUS NTAPI ZwResetEvent(HANDLE EventHandle, PLONG PreviousState)
{
    return change_event(EventHandle, EVENT_RESET, PreviousState, "IrqlZwPassive: ZwResetEvent above PASSIVE_LEVEL");
}

NTSTATUS NTAPI ZwPulseEvent(HANDLE EventHandle, PLONG PreviousState)
{
    return change_event(EventHandle, EVENT_PULSE, PreviousState, "IrqlZwPassive: ZwPulseEvent above PASSIVE_LEVEL");
}

NTSTATUS NTAPI ZwClearEvent(HANDLE EventHandle)
{
    return change_event(EventHandle, EVENT_CLEAR, 0, "IrqlZwPassive: ZwClearEvent above PASSIVE_LEVEL");
}
