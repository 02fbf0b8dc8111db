/* Callback objects. An object (nonpaged, 'Call') holds its registrations in the order made, each a
 * nonpaged record ('CReg') with the routine, its context and a count of the calls in it; every
 * registration holds a reference on its object, as does the pointer ExCreateCallback returns. Names are
 * absolute paths (drivers/ob_handle.h's ob_name_check), compared without regard to case. ExNotifyCallback
 * calls each routine with the object's lock released, at the caller's IRQL (<= DISPATCH_LEVEL), as the
 * WDK documents; ExUnregisterCallback waits until no call is in the routine, so that the driver may
 * unload after it. The system's callback objects are static: they take no pool at boot. */
#include "drivers/ex_callback.h"

#include "kernel/bugcheck.h"
#include "kernel/callout.h"
#include "kernel/spinlock.h"
#include "drivers/ob_handle.h"

struct _CALLBACK_OBJECT {
    LIST_ENTRY link;          /* on the list of live objects */
    LIST_ENTRY registrations; /* in the order made */
    LONG references;
    BOOLEAN allow_multiple;
    BOOLEAN permanent; /* the system's: never freed */
    UNICODE_STRING name; /* Length 0: unnamed */
    WCHAR name_buffer[];
};

struct registration {
    LIST_ENTRY link;
    PCALLBACK_OBJECT object;
    PCALLBACK_FUNCTION function;
    PVOID context;
    LONG busy;             /* calls in the routine now */
    bool unregistering;    /* no new call starts */
};

struct _OBJECT_TYPE ex_callback_type = { "Callback" };
static POBJECT_TYPE callback_type_pointer = &ex_callback_type;
POBJECT_TYPE *ExCallbackObjectType = &callback_type_pointer;

static LIST_ENTRY live = { &live, &live };
static KSPIN_LOCK live_lock; /* the list, references, and every object's registrations */

/* The system's callback objects, which drivers open with Create FALSE (u"": UTF-16, as WCHAR is).
 * Pagoda never sets the system time, has no power states and adds no processors: none is ever notified. */
#define SYSTEM_OBJECT(text)                                                                                  \
    {                                                                                                         \
        .references = 1, .allow_multiple = TRUE, .permanent = TRUE,                                           \
        .name = { sizeof(text) - sizeof(WCHAR), sizeof(text) - sizeof(WCHAR), (PWSTR)(text) }                \
    }
static struct _CALLBACK_OBJECT system_objects[] = {
    SYSTEM_OBJECT(u"\\Callback\\SetSystemTime"),
    SYSTEM_OBJECT(u"\\Callback\\PowerState"),
    SYSTEM_OBJECT(u"\\Callback\\ProcessorAdd"),
};

/* Under live_lock: the system's objects join the list at the first use. */
static void add_system_objects(void)
{
    static bool added;
    if (added)
        return;
    added = true;
    for (unsigned i = 0; i < sizeof system_objects / sizeof system_objects[0]; i++) {
        InitializeListHead(&system_objects[i].registrations);
        InsertTailList(&live, &system_objects[i].link);
    }
}

/* Under live_lock: the object of that name, or the object at that address. */
static PCALLBACK_OBJECT find(PVOID object, PCUNICODE_STRING name)
{
    add_system_objects();
    for (PLIST_ENTRY l = live.Flink; l != &live; l = l->Flink) {
        PCALLBACK_OBJECT c = CONTAINING_RECORD(l, struct _CALLBACK_OBJECT, link);
        if (name ? c->name.Length && RtlEqualUnicodeString(&c->name, name, TRUE) : (PVOID)c == object)
            return c;
    }
    return 0;
}

bool ex_callback_at(PVOID object)
{
    KIRQL irql = spinlock_acquire(&live_lock);
    bool found = find(object, 0) != 0;
    spinlock_release(&live_lock, irql);
    return found;
}

LONG ex_callback_reference(PVOID object)
{
    KIRQL irql = spinlock_acquire(&live_lock);
    LONG after = ++((PCALLBACK_OBJECT)object)->references;
    spinlock_release(&live_lock, irql);
    return after;
}

/* A system object's own reference never goes: dropping it is dropping one more than were taken. */
LONG ex_callback_dereference(PVOID object)
{
    PCALLBACK_OBJECT c = object;
    KIRQL irql = spinlock_acquire(&live_lock);
    LONG after = --c->references;
    bool last = after == 0 && !c->permanent;
    if (last)
        RemoveEntryList(&c->link);
    spinlock_release(&live_lock, irql);
    if (after < (c->permanent ? 1 : 0))
        KeBugCheckEx(BUGCHECK_REFERENCE_BY_POINTER, (ULONG_PTR)&ex_callback_type, (ULONG_PTR)c, 1, 0);
    if (last)
        ExFreePoolWithTag(c, EX_CALLBACK_TAG);
    return after;
}

static PCALLBACK_OBJECT new_object(PCUNICODE_STRING name, BOOLEAN allow_multiple)
{
    USHORT bytes = name ? name->Length : 0;
    PCALLBACK_OBJECT c = ExAllocatePoolWithTag(NonPagedPool, sizeof(*c) + bytes, EX_CALLBACK_TAG);
    if (!c)
        return 0;
    *c = (struct _CALLBACK_OBJECT){ .references = 1, .allow_multiple = allow_multiple != FALSE };
    InitializeListHead(&c->registrations);
    c->name = (UNICODE_STRING){ .Length = bytes, .MaximumLength = bytes, .Buffer = c->name_buffer };
    if (bytes)
        RtlMoveMemory(c->name_buffer, name->Buffer, bytes);
    return c;
}

/* Opens the object ObjectAttributes names, or with Create makes it when there is none (an unnamed one
 * always: nothing can open it). AllowMultipleCallbacks counts only for an object made here. Not found:
 * STATUS_OBJECT_NAME_NOT_FOUND, or STATUS_UNSUCCESSFUL with no name to look for. */
NTSTATUS NTAPI ExCreateCallback(PCALLBACK_OBJECT *CallbackObject, POBJECT_ATTRIBUTES ObjectAttributes, BOOLEAN Create,
                                BOOLEAN AllowMultipleCallbacks)
{
    POBJECT_ATTRIBUTES oa = ObjectAttributes;
    if (oa && oa->Length != sizeof(*oa))
        return STATUS_INVALID_PARAMETER;
    if (oa && oa->RootDirectory)
        return STATUS_INVALID_HANDLE; /* no directory objects, so no handle of one */
    PCUNICODE_STRING name = oa && oa->ObjectName && oa->ObjectName->Length ? oa->ObjectName : 0;
    NTSTATUS status = name ? ob_name_check(name) : STATUS_SUCCESS;
    if (!NT_SUCCESS(status))
        return status;
    PCALLBACK_OBJECT fresh = Create ? new_object(name, AllowMultipleCallbacks) : 0;
    if (Create && !fresh)
        return STATUS_INSUFFICIENT_RESOURCES;

    KIRQL irql = spinlock_acquire(&live_lock);
    PCALLBACK_OBJECT c = name ? find(0, name) : 0;
    if (c) {
        c->references++;
    } else if (Create) {
        c = fresh, fresh = 0; /* with its first reference, the caller's */
        add_system_objects();
        InsertTailList(&live, &c->link);
    } else {
        status = name ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_UNSUCCESSFUL;
    }
    spinlock_release(&live_lock, irql);
    if (fresh)
        ExFreePoolWithTag(fresh, EX_CALLBACK_TAG);
    if (NT_SUCCESS(status))
        *CallbackObject = c;
    return status;
}

/* NULL when the object takes one routine and has it, or without pool. */
PVOID NTAPI ExRegisterCallback(PCALLBACK_OBJECT CallbackObject, PCALLBACK_FUNCTION CallbackFunction,
                               PVOID CallbackContext)
{
    struct registration *r = ExAllocatePoolWithTag(NonPagedPool, sizeof(*r), EX_CALLBACK_REGISTRATION_TAG);
    if (!r)
        return 0;
    *r = (struct registration){ .object = CallbackObject, .function = CallbackFunction, .context = CallbackContext };
    KIRQL irql = spinlock_acquire(&live_lock);
    bool refused = !CallbackObject->allow_multiple && !IsListEmpty(&CallbackObject->registrations);
    if (!refused) {
        InsertTailList(&CallbackObject->registrations, &r->link);
        CallbackObject->references++;
    }
    spinlock_release(&live_lock, irql);
    if (refused) {
        ExFreePoolWithTag(r, EX_CALLBACK_REGISTRATION_TAG);
        return 0;
    }
    return r;
}

VOID NTAPI ExUnregisterCallback(PVOID CbRegistration)
{
    struct registration *r = CbRegistration;
    KIRQL irql = spinlock_acquire(&live_lock);
    r->unregistering = true;
    LARGE_INTEGER tick = { .QuadPart = -10 * 1000 }; /* 1 ms */
    while (r->busy) {
        spinlock_release(&live_lock, irql);
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
        irql = spinlock_acquire(&live_lock);
    }
    RemoveEntryList(&r->link);
    spinlock_release(&live_lock, irql);
    ex_callback_dereference(r->object);
    ExFreePoolWithTag(r, EX_CALLBACK_REGISTRATION_TAG);
}

/* In the order registered; a registration cannot leave while a call is in it, so its link holds. */
VOID NTAPI ExNotifyCallback(PVOID CallbackObject, PVOID Argument1, PVOID Argument2)
{
    PCALLBACK_OBJECT c = CallbackObject;
    KIRQL irql = spinlock_acquire(&live_lock);
    for (PLIST_ENTRY l = c->registrations.Flink; l != &c->registrations; l = l->Flink) {
        struct registration *r = CONTAINING_RECORD(l, struct registration, link);
        if (r->unregistering)
            continue;
        r->busy++;
        spinlock_release(&live_lock, irql);
        uintptr_t args[] = { (uintptr_t)r->context, (uintptr_t)Argument1, (uintptr_t)Argument2 };
        callout_stdcall((const void *)r->function, 3, args);
        irql = spinlock_acquire(&live_lock);
        r->busy--;
    }
    spinlock_release(&live_lock, irql);
}

/* Under live_lock: a registration whose routine lies in [lo, hi), not already going. */
static struct registration *find_left(uintptr_t lo, uintptr_t hi)
{
    for (PLIST_ENTRY o = live.Flink; o != &live; o = o->Flink) {
        PCALLBACK_OBJECT c = CONTAINING_RECORD(o, struct _CALLBACK_OBJECT, link);
        for (PLIST_ENTRY l = c->registrations.Flink; l != &c->registrations; l = l->Flink) {
            struct registration *r = CONTAINING_RECORD(l, struct registration, link);
            if ((uintptr_t)r->function - lo < hi - lo && !r->unregistering)
                return r;
        }
    }
    return 0;
}

/* Windows keeps such a registration and calls into the unmapped image at the next notify (0xCE then);
 * Pagoda says so and removes it, as it deletes the devices a driver leaves. */
unsigned ex_callback_remove_left(uintptr_t lo, uintptr_t hi, const char *driver)
{
    unsigned removed = 0;
    for (;;) {
        KIRQL irql = spinlock_acquire(&live_lock);
        add_system_objects();
        struct registration *r = find_left(lo, hi);
        if (r)
            r->object->references++; /* its name stays for the report */
        spinlock_release(&live_lock, irql);
        if (!r)
            return removed;
        PCALLBACK_OBJECT c = r->object;
        if (c->name.Length)
            DbgPrint("%s: callback %p registered on %wZ left at unload; removed\n", driver, r->function, &c->name);
        else
            DbgPrint("%s: callback %p registered on an unnamed callback object left at unload; removed\n", driver,
                     r->function);
        ExUnregisterCallback(r);
        ex_callback_dereference(c);
        removed++;
    }
}
