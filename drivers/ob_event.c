/* Event objects with handles and names: ZwCreateEvent / ZwOpenEvent, the Zw routines that signal one
 * through its handle, and IoCreateNotificationEvent / IoCreateSynchronizationEvent. An event object is
 * a KEVENT at the start of a nonpaged block ('Even') that counts its references (drivers/ob_named.h):
 * each handle holds one, as does each ObReferenceObject; the last one frees it, and its name with it
 * (a temporary object, as Windows makes every event a driver names). A name is any absolute path
 * ("\BaseNamedObjects\X", "\KernelObjects\X"), compared without regard to case (Windows'
 * ObCaseInsensitive default), in the one namespace of named objects. The Zw routines are for
 * PASSIVE_LEVEL: above it 0xC4 (0x2001F, IrqlZwPassive); the Io routines likewise (0x2000D,
 * IrqlIoPassive4). */
#include "drivers/ob_event.h"

#include "kernel/driver_code.h"
#include "drivers/ob_handle.h"
#include "drivers/ob_named.h"

#define RULE_IRQL_IO_PASSIVE4 0x0002000D
#define CALLER __builtin_return_address(0)

struct ob_event {
    KEVENT event; /* first: the object's address is the KEVENT drivers wait on */
    struct ob_named named;
};

struct _OBJECT_TYPE ob_event_type = { "Event" };
static POBJECT_TYPE event_type_pointer = &ob_event_type;
POBJECT_TYPE *ExEventObjectType = &event_type_pointer;

bool ob_event_at(PVOID object)
{
    struct ob_named *n = ob_named_of(object);
    return n && n->type == &ob_event_type;
}

static void reference(PVOID event)
{
    ob_named_reference(&((struct ob_event *)event)->named);
}

static void dereference(PVOID event)
{
    ob_named_dereference(&((struct ob_event *)event)->named);
}

static const struct ob_handle_type event_handles = {
    .type = &ob_event_type, .reference = reference, .dereference = dereference
};

/* A handle for owner to the event ObjectAttributes names: created (none named: a new unnamed one), or
 * with OBJ_OPENIF the one of that name if there is one (STATUS_OBJECT_NAME_EXISTS); opened (!create).
 * The event's address in *opened, if asked. */
static NTSTATUS event_handle(PHANDLE EventHandle, POBJECT_ATTRIBUTES oa, bool create, EVENT_TYPE type, BOOLEAN state,
                             unsigned owner, PKEVENT *opened)
{
    if (!EventHandle)
        return STATUS_INVALID_PARAMETER;
    *EventHandle = 0;
    PCUNICODE_STRING name;
    NTSTATUS status = ob_named_attributes(oa, &name);
    if (NT_SUCCESS(status) && !name && !create)
        status = STATUS_OBJECT_NAME_INVALID;
    if (NT_SUCCESS(status) && create && type != NotificationEvent && type != SynchronizationEvent)
        status = STATUS_INVALID_PARAMETER;
    if (!NT_SUCCESS(status))
        return status;
    struct ob_event *fresh = 0;
    if (create) {
        fresh = ob_named_new(sizeof(*fresh), offsetof(struct ob_event, named), &ob_event_type, OB_EVENT_TAG, name);
        if (!fresh)
            return STATUS_INSUFFICIENT_RESOURCES;
        KeInitializeEvent(&fresh->event, type, state);
    }
    PVOID object;
    status = ob_named_open(name, fresh ? &fresh->named : 0, &ob_event_type, !(oa && oa->Attributes & OBJ_OPENIF),
                           &object);
    if (!NT_SUCCESS(status))
        return status;

    /* The handle takes its reference; the one taken above goes (a fresh event's last if the table is full). */
    struct ob_event *e = object;
    HANDLE handle = ob_handle_create(e, &event_handles, owner);
    dereference(e);
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
    dereference(object);
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
