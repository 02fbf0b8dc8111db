/* Callback objects. An object (nonpaged, 'Call') holds its registrations in the order made, each a
 * nonpaged record ('CReg') with the routine, its context and a count of the calls in it; every
 * registration holds a reference on its object, as does the pointer ExCreateCallback returns
 * (drivers/ob_named.h: the one namespace of named objects; names are absolute paths, compared without
 * regard to case). ExNotifyCallback
 * calls each routine with the object's lock released, at the caller's IRQL (<= DISPATCH_LEVEL), as the
 * WDK documents; ExUnregisterCallback waits until no call is in the routine, so that the driver may
 * unload after it. The system's callback objects are static: they take no pool at boot. */
#include "drivers/ex_callback.h"

#include "kernel/callout.h"
#include "kernel/spinlock.h"
#include "drivers/ob_handle.h"
#include "drivers/ob_named.h"

struct _CALLBACK_OBJECT {
    struct ob_named named;
    LIST_ENTRY registrations; /* in the order made, under ob_named_lock */
    BOOLEAN allow_multiple;
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

/* The system's callback objects, which drivers open with Create FALSE (u"": UTF-16, as WCHAR is); static
 * (tag 0), their own reference never goes. Pagoda never sets the system time, has no power states and
 * adds no processors: none is ever notified. */
#define SYSTEM_OBJECT(text)                                                                                  \
    {                                                                                                         \
        .named = { .type = &ex_callback_type, .references = 1,                                                \
                   .name = { sizeof(text) - sizeof(WCHAR), sizeof(text) - sizeof(WCHAR), (PWSTR)(text) } },   \
        .allow_multiple = TRUE                                                                                \
    }
static struct _CALLBACK_OBJECT system_objects[] = {
    SYSTEM_OBJECT(u"\\Callback\\SetSystemTime"),
    SYSTEM_OBJECT(u"\\Callback\\PowerState"),
    SYSTEM_OBJECT(u"\\Callback\\ProcessorAdd"),
};

void ex_callback_init(void)
{
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    for (unsigned i = 0; i < sizeof system_objects / sizeof system_objects[0]; i++) {
        system_objects[i].named.object = &system_objects[i];
        InitializeListHead(&system_objects[i].registrations);
        ob_named_insert(&system_objects[i].named);
    }
    spinlock_release(&ob_named_lock, irql);
}

bool ex_callback_at(PVOID object)
{
    struct ob_named *n = ob_named_of(object);
    return n && n->type == &ex_callback_type;
}

/* Opens the object ObjectAttributes names, or with Create makes it when there is none (an unnamed one
 * always: nothing can open it). AllowMultipleCallbacks counts only for an object made here. Not found:
 * STATUS_OBJECT_NAME_NOT_FOUND, or STATUS_UNSUCCESSFUL with no name to look for; another type's name
 * STATUS_OBJECT_TYPE_MISMATCH. */
NTSTATUS NTAPI ExCreateCallback(PCALLBACK_OBJECT *CallbackObject, POBJECT_ATTRIBUTES ObjectAttributes, BOOLEAN Create,
                                BOOLEAN AllowMultipleCallbacks)
{
    PCUNICODE_STRING name;
    NTSTATUS status = ob_named_attributes(ObjectAttributes, &name);
    if (!NT_SUCCESS(status))
        return status;
    if (!name && !Create)
        return STATUS_UNSUCCESSFUL;
    PCALLBACK_OBJECT fresh = 0;
    if (Create) {
        fresh = ob_named_new(sizeof(*fresh), offsetof(struct _CALLBACK_OBJECT, named), &ex_callback_type,
                             EX_CALLBACK_TAG, name);
        if (!fresh)
            return STATUS_INSUFFICIENT_RESOURCES;
        InitializeListHead(&fresh->registrations);
        fresh->allow_multiple = AllowMultipleCallbacks != FALSE;
    }
    PVOID object;
    status = ob_named_open(name, fresh ? &fresh->named : 0, &ex_callback_type, false, &object);
    if (!NT_SUCCESS(status))
        return status;
    *CallbackObject = object;
    return STATUS_SUCCESS; /* also when Create found the object there */
}

/* NULL when the object takes one routine and has it, or without pool. */
PVOID NTAPI ExRegisterCallback(PCALLBACK_OBJECT CallbackObject, PCALLBACK_FUNCTION CallbackFunction,
                               PVOID CallbackContext)
{
    struct registration *r = ExAllocatePoolWithTag(NonPagedPool, sizeof(*r), EX_CALLBACK_REGISTRATION_TAG);
    if (!r)
        return 0;
    *r = (struct registration){ .object = CallbackObject, .function = CallbackFunction, .context = CallbackContext };
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    bool refused = !CallbackObject->allow_multiple && !IsListEmpty(&CallbackObject->registrations);
    if (!refused) {
        InsertTailList(&CallbackObject->registrations, &r->link);
        CallbackObject->named.references++;
    }
    spinlock_release(&ob_named_lock, irql);
    if (refused) {
        ExFreePoolWithTag(r, EX_CALLBACK_REGISTRATION_TAG);
        return 0;
    }
    return r;
}

VOID NTAPI ExUnregisterCallback(PVOID CbRegistration)
{
    struct registration *r = CbRegistration;
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    r->unregistering = true;
    LARGE_INTEGER tick = { .QuadPart = -10 * 1000 }; /* 1 ms */
    while (r->busy) {
        spinlock_release(&ob_named_lock, irql);
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
        irql = spinlock_acquire(&ob_named_lock);
    }
    RemoveEntryList(&r->link);
    spinlock_release(&ob_named_lock, irql);
    ob_named_dereference(&r->object->named);
    ExFreePoolWithTag(r, EX_CALLBACK_REGISTRATION_TAG);
}

/* In the order registered; a registration cannot leave while a call is in it, so its link holds. */
VOID NTAPI ExNotifyCallback(PVOID CallbackObject, PVOID Argument1, PVOID Argument2)
{
    PCALLBACK_OBJECT c = CallbackObject;
    KIRQL irql = spinlock_acquire(&ob_named_lock);
    for (PLIST_ENTRY l = c->registrations.Flink; l != &c->registrations; l = l->Flink) {
        struct registration *r = CONTAINING_RECORD(l, struct registration, link);
        if (r->unregistering)
            continue;
        r->busy++;
        spinlock_release(&ob_named_lock, irql);
        uintptr_t args[] = { (uintptr_t)r->context, (uintptr_t)Argument1, (uintptr_t)Argument2 };
        callout_stdcall((const void *)r->function, 3, args);
        irql = spinlock_acquire(&ob_named_lock);
        r->busy--;
    }
    spinlock_release(&ob_named_lock, irql);
}

/* Under ob_named_lock: a registration whose routine lies in [lo, hi), not already going. */
static struct registration *find_left(uintptr_t lo, uintptr_t hi)
{
    for (struct ob_named *n = 0; (n = ob_named_next(n, &ex_callback_type));) {
        PCALLBACK_OBJECT c = n->object;
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
        KIRQL irql = spinlock_acquire(&ob_named_lock);
        struct registration *r = find_left(lo, hi);
        if (r)
            r->object->named.references++; /* its name stays for the report */
        spinlock_release(&ob_named_lock, irql);
        if (!r)
            return removed;
        PCALLBACK_OBJECT c = r->object;
        if (c->named.name.Length)
            DbgPrint("%s: callback %p registered on %wZ left at unload; removed\n", driver, r->function,
                     &c->named.name);
        else
            DbgPrint("%s: callback %p registered on an unnamed callback object left at unload; removed\n", driver,
                     r->function);
        ExUnregisterCallback(r);
        ob_named_dereference(&c->named);
        removed++;
    }
}
