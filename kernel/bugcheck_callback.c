#include "kernel/bugcheck_callback.h"

#include "hal/cpu.h"
#include "kernel/callout.h"
#include "kernel/console.h"
#include "kernel/wdm.h"

static LIST_ENTRY plain = { &plain, &plain }, reasons = { &reasons, &reasons };

#define SECONDARY_DUMP_MAX 256 /* bytes a secondary dump callback may give: printed in hex */

static ULONG_PTR plain_checksum(const KBUGCHECK_CALLBACK_RECORD *r)
{
    return (ULONG_PTR)r->CallbackRoutine + (ULONG_PTR)r->Buffer + r->Length + (ULONG_PTR)r->Component;
}

static ULONG_PTR reason_checksum(const KBUGCHECK_REASON_CALLBACK_RECORD *r)
{
    return (ULONG_PTR)r->CallbackRoutine + (ULONG_PTR)r->Reason + (ULONG_PTR)r->Component;
}

/* Inserted at the head: the STOP walks from it, so the newest record runs first, as on Windows. A record
 * not BufferEmpty (registered already, or never initialized with KeInitializeCallbackRecord) is refused. */
static BOOLEAN insert(LIST_ENTRY *list, LIST_ENTRY *entry, UCHAR *state)
{
    uint32_t flags = cpu_save_and_disable_interrupts(); /* any IRQL: a DPC or ISR may register too */
    BOOLEAN done = *state == BufferEmpty;
    if (done) {
        *state = BufferInserted;
        InsertHeadList(list, entry);
    }
    cpu_restore_interrupts(flags);
    return done;
}

static BOOLEAN removal(LIST_ENTRY *entry, UCHAR *state)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    BOOLEAN done = *state == BufferInserted;
    if (done) {
        *state = BufferEmpty;
        RemoveEntryList(entry);
    }
    cpu_restore_interrupts(flags);
    return done;
}

BOOLEAN NTAPI KeRegisterBugCheckCallback(PKBUGCHECK_CALLBACK_RECORD CallbackRecord,
                                         PKBUGCHECK_CALLBACK_ROUTINE CallbackRoutine, PVOID Buffer, ULONG Length,
                                         PUCHAR Component)
{
    if (CallbackRecord->State != BufferEmpty)
        return FALSE;
    CallbackRecord->CallbackRoutine = CallbackRoutine;
    CallbackRecord->Buffer = Buffer;
    CallbackRecord->Length = Length;
    CallbackRecord->Component = Component;
    CallbackRecord->Checksum = plain_checksum(CallbackRecord);
    return insert(&plain, &CallbackRecord->Entry, &CallbackRecord->State);
}

BOOLEAN NTAPI KeDeregisterBugCheckCallback(PKBUGCHECK_CALLBACK_RECORD CallbackRecord)
{
    return removal(&CallbackRecord->Entry, &CallbackRecord->State);
}

BOOLEAN NTAPI KeRegisterBugCheckReasonCallback(PKBUGCHECK_REASON_CALLBACK_RECORD CallbackRecord,
                                               PKBUGCHECK_REASON_CALLBACK_ROUTINE CallbackRoutine,
                                               KBUGCHECK_CALLBACK_REASON Reason, PUCHAR Component)
{
    if (CallbackRecord->State != BufferEmpty)
        return FALSE;
    CallbackRecord->CallbackRoutine = CallbackRoutine;
    CallbackRecord->Reason = Reason;
    CallbackRecord->Component = Component;
    CallbackRecord->Checksum = reason_checksum(CallbackRecord);
    return insert(&reasons, &CallbackRecord->Entry, &CallbackRecord->State);
}

BOOLEAN NTAPI KeDeregisterBugCheckReasonCallback(PKBUGCHECK_REASON_CALLBACK_RECORD CallbackRecord)
{
    return removal(&CallbackRecord->Entry, &CallbackRecord->State);
}

/* The callback running now, so that a bugcheck inside it comes back here (bugcheck_callback_fault). */
static struct {
    void *resume[5]; /* __builtin_setjmp's buffer */
    UCHAR *state;    /* NULL while none runs */
    const char *component;
    const void *routine;
} running;

static const char *component_name(PUCHAR component)
{
    return component ? (const char *)component : "(no component)";
}

/* Calls the routine with its arguments, its record's State BufferStarted meanwhile and BufferFinished
 * after, or BufferIncomplete when it stopped the machine again. */
static __attribute__((noinline)) void call_guarded(UCHAR *state, PUCHAR component, const void *routine,
                                                   unsigned nargs, const uintptr_t *args)
{
    if (__builtin_setjmp(running.resume) == 0) {
        running.state = state;
        running.component = component_name(component);
        running.routine = routine;
        *state = BufferStarted;
        callout_stdcall(routine, nargs, args);
        *state = BufferFinished;
    }
    running.state = 0;
}

void bugcheck_callback_fault(uint32_t code, uint32_t p1, uint32_t p2, uint32_t p3, uint32_t p4)
{
    if (!running.state)
        return;
    *running.state = BufferIncomplete;
    console_flush_deferred();
    kprintf("bugcheck callback of %s at %08X stopped with 0x%08X (0x%08X,0x%08X,0x%08X,0x%08X); passed over\n",
            running.component, (unsigned)(uintptr_t)running.routine, code, p1, p2, p3, p4);
    __builtin_longjmp(running.resume, 1);
}

/* A list whose links do not hold together (a record freed or overwritten while registered) is walked no
 * further, as Windows checks each entry's back link. */
#define WALK(list, type, r)                                                                                          \
    for (LIST_ENTRY *prev_ = (list), *e_ = (list)->Flink; e_ != (list) && e_->Blink == prev_;                   \
         prev_ = e_, e_ = e_->Flink)                                                                                 \
        for (type *r = CONTAINING_RECORD(e_, type, Entry); r; r = 0)

/* What KbCallbackSecondaryDumpData callbacks give, on the console: the component, the GUID, the bytes. */
static void print_secondary(PUCHAR component, const KBUGCHECK_SECONDARY_DUMP_DATA *d)
{
    if (!d->OutBuffer || !d->OutBufferLength || d->OutBufferLength > d->MaximumAllowed)
        return;
    const GUID *g = &d->Guid;
    kprintf("secondary dump data of %s {%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}, %u bytes:",
            component_name(component), (unsigned)g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1],
            g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7],
            (unsigned)d->OutBufferLength);
    for (ULONG i = 0; i < d->OutBufferLength; i++)
        kprintf("%s%02x", i % 16 ? " " : "\n  ", ((const UCHAR *)d->OutBuffer)[i]);
    kprintf("\n");
}

void bugcheck_callbacks_run(void)
{
    WALK(&plain, KBUGCHECK_CALLBACK_RECORD, r)
    {
        if (r->State != BufferInserted || r->Checksum != plain_checksum(r))
            continue;
        uintptr_t args[] = { (uintptr_t)r->Buffer, r->Length };
        call_guarded(&r->State, r->Component, (const void *)r->CallbackRoutine, 2, args);
    }
    static UCHAR scratch[SECONDARY_DUMP_MAX];
    WALK(&reasons, KBUGCHECK_REASON_CALLBACK_RECORD, r)
    {
        if (r->State != BufferInserted || r->Checksum != reason_checksum(r) || r->Reason != KbCallbackSecondaryDumpData)
            continue;
        KBUGCHECK_SECONDARY_DUMP_DATA data = { .InBuffer = scratch, .InBufferLength = sizeof scratch,
                                               .MaximumAllowed = sizeof scratch };
        uintptr_t args[] = { r->Reason, (uintptr_t)r, (uintptr_t)&data, sizeof data };
        call_guarded(&r->State, r->Component, (const void *)r->CallbackRoutine, 4, args);
        if (r->State == BufferFinished)
            print_secondary(r->Component, &data);
    }
    console_flush_deferred();
}

/* The routine when it lies in [lo, hi) (*is_routine 1), else the record when it does (0), else 0. */
static uintptr_t in_range(const void *record, const void *routine, uintptr_t lo, uintptr_t hi, int *is_routine)
{
    *is_routine = (uintptr_t)routine - lo < hi - lo;
    if (*is_routine)
        return (uintptr_t)routine;
    return (uintptr_t)record - lo < hi - lo ? (uintptr_t)record : 0;
}

uintptr_t bugcheck_callback_in_range(uintptr_t lo, uintptr_t hi, int *routine)
{
    uintptr_t found = 0;
    uint32_t flags = cpu_save_and_disable_interrupts();
    WALK(&plain, KBUGCHECK_CALLBACK_RECORD, r)
    {
        if (!found)
            found = in_range(r, (const void *)r->CallbackRoutine, lo, hi, routine);
    }
    WALK(&reasons, KBUGCHECK_REASON_CALLBACK_RECORD, r)
    {
        if (!found)
            found = in_range(r, (const void *)r->CallbackRoutine, lo, hi, routine);
    }
    cpu_restore_interrupts(flags);
    return found;
}
