/* Kernel threads (kernel/sched.c, drivers/ps_thread.c): create, run, end, wait on a thread; two threads
 * taking turns through events; a mutex and a resource owned per thread; a thread that never waits is
 * preempted at its quantum's end, but not while IRQL is raised; a queue's count of running threads. */
#include "hal/cpu.h"
#include "kernel/clock.h"
#include "kernel/ktest.h"
#include "kernel/thread.h"
#include "drivers/ob_handle.h"
#include "drivers/ps_thread.h"

#define TIMEOUT_TICKS 300 /* 3 s: long enough under TCG on a loaded machine */

static PKTHREAD start(struct ktest *t, PKSTART_ROUTINE routine, PVOID context, HANDLE *handle)
{
    NTSTATUS status = PsCreateSystemThread(handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, routine, context);
    KT_EXPECT(t, status == STATUS_SUCCESS);
    PVOID object = 0;
    if (status == STATUS_SUCCESS)
        KT_EXPECT(t, ObReferenceObjectByHandle(*handle, 0, *PsThreadType, KernelMode, &object, NULL) == STATUS_SUCCESS);
    return object;
}

/* Waits for the thread, closes its handle, drops the reference: it is freed. */
static void finish(struct ktest *t, PKTHREAD thread, HANDLE handle)
{
    LARGE_INTEGER timeout = { .QuadPart = -(LONGLONG)TIMEOUT_TICKS * CLOCK_TICK_100NS };
    KT_EXPECT(t, KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &timeout) == STATUS_SUCCESS);
    KT_EXPECT(t, ZwClose(handle) == STATUS_SUCCESS);
    ObfDereferenceObject(thread);
    KT_EXPECT(t, thread_at(thread) == 0);
}

struct first {
    volatile int ran;
    PKTHREAD self;
    HANDLE id;
    KIRQL irql;
};

static VOID NTAPI first_routine(PVOID context)
{
    struct first *f = context;
    f->self = KeGetCurrentThread();
    f->id = PsGetCurrentThreadId();
    f->irql = KeGetCurrentIrql();
    f->ran = 1;
    PsTerminateSystemThread(0x1234);
}

static void a_thread_runs_ends_and_signals_its_object(struct ktest *t)
{
    struct first f = { 0 };
    unsigned handles = ob_handle_count();
    HANDLE handle;
    CLIENT_ID client;
    KT_EXPECT(t, PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, &client, first_routine, &f) ==
                     STATUS_SUCCESS);
    KT_EXPECT(t, ob_handle_count() == handles + 1 && ((uintptr_t)handle & 0x80000000u));
    PVOID object = 0;
    KT_EXPECT(t, ObReferenceObjectByHandle(handle, 0, *PsProcessType, KernelMode, &object, NULL) ==
                     STATUS_OBJECT_TYPE_MISMATCH);
    KT_EXPECT(t, ObReferenceObjectByHandle(handle, 0, *PsThreadType, KernelMode, &object, NULL) == STATUS_SUCCESS);
    PKTHREAD thread = object;
    KT_EXPECT(t, PsIsSystemThread(thread) && thread != KeGetCurrentThread());
    KT_EXPECT(t, client.UniqueProcess == PsGetCurrentProcessId() && (uintptr_t)client.UniqueThread == thread->id);
    finish(t, thread, handle);
    KT_EXPECT(t, f.ran && f.self == thread && f.irql == PASSIVE_LEVEL);
    KT_EXPECT(t, (uintptr_t)f.id == (uintptr_t)client.UniqueThread && f.id != PsGetCurrentThreadId());
    KT_EXPECT(t, ob_handle_count() == handles);
}

static VOID NTAPI returning_routine(PVOID context)
{
    *(volatile int *)context = 1;
}

static void returning_from_the_start_routine_ends_the_thread(struct ktest *t)
{
    volatile int ran = 0;
    HANDLE handle;
    PKTHREAD thread = start(t, returning_routine, (PVOID)&ran, &handle);
    KT_EXPECT(t, thread && thread->Header.Type == THREAD_OBJECT);
    finish(t, thread, handle);
    KT_EXPECT(t, ran == 1);
}

/* A zero delay gives the rest of the quantum to a ready thread of the same priority. */
static void a_zero_delay_yields_to_a_ready_thread(struct ktest *t)
{
    volatile int ran = 0;
    HANDLE handle;
    PKTHREAD thread = start(t, returning_routine, (PVOID)&ran, &handle);
    LARGE_INTEGER zero = { .QuadPart = 0 };
    KT_EXPECT(t, ran == 0); /* ready, not yet run: its creator goes on */
    KeDelayExecutionThread(KernelMode, FALSE, &zero);
    KT_EXPECT(t, ran == 1);
    finish(t, thread, handle);
}

/* A closed handle and a thread that ended on its own: freed by the console's idle loop or the next
 * create (ps_thread_reap). */
static void a_closed_thread_is_freed_when_it_ends(struct ktest *t)
{
    volatile int ran = 0;
    HANDLE handle;
    KT_EXPECT(t, PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, returning_routine, (PVOID)&ran) ==
                     STATUS_SUCCESS);
    ZwClose(handle);
    LARGE_INTEGER tick = { .QuadPart = -(LONGLONG)CLOCK_TICK_100NS };
    for (unsigned i = 0; i < TIMEOUT_TICKS && !ran; i++)
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
    KT_EXPECT(t, ran == 1);
    KeDelayExecutionThread(KernelMode, FALSE, &tick); /* it runs to its end */
    ps_thread_reap();
    unsigned threads = 0;
    for (PKTHREAD th = thread_next(0); th; th = thread_next(th))
        threads++;
    KT_EXPECT(t, threads == 1);
}

#define ROUNDS 50

struct ping_pong {
    KEVENT ping, pong;
    volatile unsigned pings, pongs;
    volatile bool order_broken;
};

static VOID NTAPI pinger(PVOID context)
{
    struct ping_pong *p = context;
    for (unsigned i = 0; i < ROUNDS; i++) {
        p->pings++;
        KeSetEvent(&p->ping, 0, FALSE);
        KeWaitForSingleObject(&p->pong, Executive, KernelMode, FALSE, NULL);
        p->order_broken |= p->pongs != p->pings;
    }
}

static VOID NTAPI ponger(PVOID context)
{
    struct ping_pong *p = context;
    for (unsigned i = 0; i < ROUNDS; i++) {
        KeWaitForSingleObject(&p->ping, Executive, KernelMode, FALSE, NULL);
        p->order_broken |= p->pings != p->pongs + 1;
        p->pongs++;
        KeSetEvent(&p->pong, 0, FALSE);
    }
}

static void two_threads_take_turns_through_events(struct ktest *t)
{
    struct ping_pong p = { .pings = 0 };
    KeInitializeEvent(&p.ping, SynchronizationEvent, FALSE);
    KeInitializeEvent(&p.pong, SynchronizationEvent, FALSE);
    HANDLE h1, h2;
    PKTHREAD a = start(t, ponger, &p, &h1), b = start(t, pinger, &p, &h2);
    PVOID both[2] = { a, b };
    LARGE_INTEGER timeout = { .QuadPart = -(LONGLONG)TIMEOUT_TICKS * CLOCK_TICK_100NS };
    KT_EXPECT(t, KeWaitForMultipleObjects(2, both, WaitAll, Executive, KernelMode, FALSE, &timeout, NULL) ==
                     STATUS_SUCCESS);
    KT_EXPECT(t, p.pings == ROUNDS && p.pongs == ROUNDS && !p.order_broken);
    finish(t, a, h1);
    finish(t, b, h2);
}

struct owner {
    KMUTEX mutex;
    ERESOURCE resource;
    KEVENT holding, release;
    volatile bool was_owner;
};

static VOID NTAPI owning_routine(PVOID context)
{
    struct owner *o = context;
    KeWaitForSingleObject(&o->mutex, Executive, KernelMode, FALSE, NULL);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&o->resource, TRUE);
    o->was_owner = o->mutex.OwnerThread == KeGetCurrentThread() && ExIsResourceAcquiredExclusiveLite(&o->resource);
    KeSetEvent(&o->holding, 0, FALSE);
    KeWaitForSingleObject(&o->release, Executive, KernelMode, FALSE, NULL);
    ExReleaseResourceLite(&o->resource);
    KeLeaveCriticalRegion();
    KeReleaseMutex(&o->mutex, FALSE);
}

static void a_mutex_held_by_one_thread_keeps_the_others_out(struct ktest *t)
{
    struct owner o;
    KeInitializeMutex(&o.mutex, 0);
    ExInitializeResourceLite(&o.resource);
    KeInitializeEvent(&o.holding, NotificationEvent, FALSE);
    KeInitializeEvent(&o.release, NotificationEvent, FALSE);
    o.was_owner = false;
    HANDLE handle;
    PKTHREAD thread = start(t, owning_routine, &o, &handle);
    KT_EXPECT(t, KeWaitForSingleObject(&o.holding, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    KT_EXPECT(t, o.was_owner && o.mutex.OwnerThread == thread);
    LARGE_INTEGER now = { .QuadPart = 0 };
    KT_EXPECT(t, KeWaitForSingleObject(&o.mutex, Executive, KernelMode, FALSE, &now) == STATUS_TIMEOUT);
    KeEnterCriticalRegion();
    KT_EXPECT(t, !ExAcquireResourceExclusiveLite(&o.resource, FALSE) && !ExAcquireResourceSharedLite(&o.resource, FALSE));
    KT_EXPECT(t, !ExIsResourceAcquiredExclusiveLite(&o.resource) && KeAreApcsDisabled());
    KeSetEvent(&o.release, 0, FALSE);
    /* Both waits end once the other thread lets go. */
    KT_EXPECT(t, KeWaitForSingleObject(&o.mutex, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS);
    KT_EXPECT(t, o.mutex.OwnerThread == KeGetCurrentThread());
    KT_EXPECT(t, ExAcquireResourceExclusiveLite(&o.resource, TRUE));
    ExReleaseResourceLite(&o.resource);
    KeLeaveCriticalRegion();
    KeReleaseMutex(&o.mutex, FALSE);
    finish(t, thread, handle);
}

struct spinner {
    volatile unsigned count;
    volatile bool stop;
};

static VOID NTAPI spinning_routine(PVOID context)
{
    struct spinner *s = context;
    while (!s->stop)
        s->count++;
}

/* Spins without waiting until the counter moves or the clock says the time is up. */
static bool moves(const volatile unsigned *counter, unsigned max_ticks)
{
    unsigned before = *counter;
    uint64_t end = clock_ticks() + max_ticks;
    while (*counter == before && clock_ticks() < end)
        __asm__ volatile("pause");
    return *counter != before;
}

static void a_thread_that_never_waits_is_preempted(struct ktest *t)
{
    struct spinner s = { 0, false }, other = { 0, false };
    HANDLE h1, h2;
    PKTHREAD a = start(t, spinning_routine, &s, &h1), b = start(t, spinning_routine, &other, &h2);
    /* This thread never waits either: the spinners run only when a quantum ends. */
    KT_EXPECT(t, moves(&s.count, TIMEOUT_TICKS));
    KT_EXPECT(t, moves(&other.count, TIMEOUT_TICKS));
    /* At DISPATCH_LEVEL nothing switches. */
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KT_EXPECT(t, !moves(&s.count, 10) && !moves(&other.count, 10));
    KeLowerIrql(old);
    KT_EXPECT(t, moves(&s.count, TIMEOUT_TICKS));
    s.stop = other.stop = true;
    finish(t, a, h1);
    finish(t, b, h2);
}

/* A higher-priority thread that becomes able to run runs before KeSetEvent returns. */
struct urgent {
    KEVENT go;
    volatile bool ran;
};

static VOID NTAPI urgent_routine(PVOID context)
{
    struct urgent *u = context;
    KeSetPriorityThread(KeGetCurrentThread(), 9);
    KeWaitForSingleObject(&u->go, Executive, KernelMode, FALSE, NULL);
    u->ran = true;
}

static void a_higher_priority_thread_preempts_its_waker(struct ktest *t)
{
    struct urgent u = { .ran = false };
    KeInitializeEvent(&u.go, NotificationEvent, FALSE);
    HANDLE handle;
    PKTHREAD thread = start(t, urgent_routine, &u, &handle);
    LARGE_INTEGER tick = { .QuadPart = -(LONGLONG)CLOCK_TICK_100NS };
    for (unsigned i = 0; i < TIMEOUT_TICKS && thread->state != THREAD_WAITING; i++)
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
    KT_EXPECT(t, KeQueryPriorityThread(thread) == 9 && KeQueryPriorityThread(KeGetCurrentThread()) == 8);
    KeSetEvent(&u.go, 0, FALSE);
    KT_EXPECT(t, u.ran);
    finish(t, thread, handle);
}

/* Two threads that do nothing but paged pool calls, preempted wherever their quanta end: the paged
 * pool's mutex keeps each call whole (without it, one thread's half-done call is the other's corrupt
 * pool, a bugcheck 0x19 or a lost block). */
#define POOL_ROUNDS 40000
#define POOL_TAG_THREADS 0x72685450u /* 'PThr' */

struct pool_hammer {
    volatile unsigned done;
    volatile bool corrupt;
    ULONG seed;
};

#define POOL_SLOTS 32

static bool stamped(const UCHAR *p, SIZE_T size, UCHAR stamp)
{
    return p[0] == stamp && p[size / 2] == stamp && p[size - 1] == stamp;
}

static VOID NTAPI pool_routine(PVOID context)
{
    struct pool_hammer *h = context;
    ULONG seed = h->seed;
    UCHAR *slot[POOL_SLOTS] = { 0 };
    SIZE_T size[POOL_SLOTS];
    for (unsigned i = 0; i < POOL_ROUNDS; i++) {
        unsigned k = RtlRandomEx(&seed) % POOL_SLOTS;
        UCHAR stamp = (UCHAR)(k * 7 + h->seed);
        if (slot[k]) {
            h->corrupt |= !stamped(slot[k], size[k], stamp);
            ExFreePoolWithTag(slot[k], POOL_TAG_THREADS);
            slot[k] = 0;
        } else {
            size[k] = 8 + RtlRandomEx(&seed) % 2000;
            slot[k] = ExAllocatePoolWithTag(PagedPool, size[k], POOL_TAG_THREADS);
            h->corrupt |= !slot[k];
            if (slot[k])
                slot[k][0] = slot[k][size[k] / 2] = slot[k][size[k] - 1] = stamp;
        }
        h->done++;
    }
    for (unsigned k = 0; k < POOL_SLOTS; k++)
        if (slot[k])
            ExFreePoolWithTag(slot[k], POOL_TAG_THREADS);
}

static void paged_pool_calls_from_two_preempted_threads_stay_whole(struct ktest *t)
{
    struct pool_hammer a = { 0, false, 1 }, b = { 0, false, 2 };
    HANDLE h1, h2;
    PKTHREAD ta = start(t, pool_routine, &a, &h1), tb = start(t, pool_routine, &b, &h2);
    /* This thread spins: the two only ever change places at a quantum's end, inside the pool mostly. */
    uint64_t end = clock_ticks() + 20 * TIMEOUT_TICKS;
    while ((a.done < POOL_ROUNDS || b.done < POOL_ROUNDS) && clock_ticks() < end)
        __asm__ volatile("pause");
    KT_EXPECT(t, a.done == POOL_ROUNDS && b.done == POOL_ROUNDS && !a.corrupt && !b.corrupt);
    finish(t, ta, h1);
    finish(t, tb, h2);
}

/* A thread waiting for a resource is counted as a shared or exclusive waiter until it has it. */
static VOID NTAPI shared_waiter_routine(PVOID context)
{
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(context, TRUE);
    ExReleaseResourceLite(context);
    KeLeaveCriticalRegion();
}

static void a_resource_counts_its_waiters(struct ktest *t)
{
    static ERESOURCE r;
    ExInitializeResourceLite(&r);
    KeEnterCriticalRegion();
    KT_EXPECT(t, ExAcquireResourceExclusiveLite(&r, TRUE));
    HANDLE handle;
    PKTHREAD thread = start(t, shared_waiter_routine, &r, &handle);
    LARGE_INTEGER tick = { .QuadPart = -CLOCK_TICK_100NS };
    for (int i = 0; i < TIMEOUT_TICKS && !ExGetSharedWaiterCount(&r); i++)
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
    KT_EXPECT(t, ExGetSharedWaiterCount(&r) == 1 && ExGetExclusiveWaiterCount(&r) == 0);
    ExReleaseResourceLite(&r);
    KeLeaveCriticalRegion();
    finish(t, thread, handle);
    KT_EXPECT(t, ExGetSharedWaiterCount(&r) == 0 && r.ActiveCount == 0);
}

/* A queue's count of running threads: a thread that took an entry and then waits on something else
 * stops counting, so another takes the next entry at once though the queue lets one run; it counts
 * again when its wait ends, and not once it has ended. */
struct queue_pair {
    KQUEUE queue;
    LIST_ENTRY entries[2];
    KEVENT go;
    PLIST_ENTRY a_got, b_got;
    volatile int a_waiting, a_done;
    ULONG a_count_after_wait;
};

static VOID NTAPI queue_thread_a(PVOID context)
{
    struct queue_pair *p = context;
    p->a_got = KeRemoveQueue(&p->queue, KernelMode, NULL);
    p->a_waiting = 1;
    KeWaitForSingleObject(&p->go, Executive, KernelMode, FALSE, NULL);
    p->a_count_after_wait = p->queue.CurrentCount;
    p->a_done = 1;
}

static VOID NTAPI queue_thread_b(PVOID context)
{
    struct queue_pair *p = context;
    LARGE_INTEGER second = { .QuadPart = -10000000 };
    p->b_got = KeRemoveQueue(&p->queue, KernelMode, &second);
}

static void a_queue_thread_waiting_elsewhere_lets_another_run(struct ktest *t)
{
    static struct queue_pair p;
    p = (struct queue_pair){ .a_got = 0 };
    KeInitializeQueue(&p.queue, 1);
    KeInitializeEvent(&p.go, NotificationEvent, FALSE);
    KeInsertQueue(&p.queue, &p.entries[0]);
    KeInsertQueue(&p.queue, &p.entries[1]);
    HANDLE ha, hb;
    PKTHREAD a = start(t, queue_thread_a, &p, &ha);
    LARGE_INTEGER tick = { .QuadPart = -CLOCK_TICK_100NS };
    for (int i = 0; i < TIMEOUT_TICKS && !p.a_waiting; i++)
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
    KeDelayExecutionThread(KernelMode, FALSE, &tick); /* a is in its wait */
    KT_EXPECT(t, p.a_got == &p.entries[0] && p.queue.CurrentCount == 0 && KeReadStateQueue(&p.queue) == 1);
    PKTHREAD b = start(t, queue_thread_b, &p, &hb);
    finish(t, b, hb);
    KT_EXPECT(t, p.b_got == &p.entries[1] && !p.a_done && p.queue.CurrentCount == 0);
    KeSetEvent(&p.go, 0, FALSE);
    finish(t, a, ha);
    KT_EXPECT(t, p.a_count_after_wait == 1 && p.queue.CurrentCount == 0);
}

static const struct ktest_case cases[] = {
    { "a_thread_runs_ends_and_signals_its_object", a_thread_runs_ends_and_signals_its_object },
    { "returning_from_the_start_routine_ends_the_thread", returning_from_the_start_routine_ends_the_thread },
    { "a_zero_delay_yields_to_a_ready_thread", a_zero_delay_yields_to_a_ready_thread },
    { "a_closed_thread_is_freed_when_it_ends", a_closed_thread_is_freed_when_it_ends },
    { "two_threads_take_turns_through_events", two_threads_take_turns_through_events },
    { "a_mutex_held_by_one_thread_keeps_the_others_out", a_mutex_held_by_one_thread_keeps_the_others_out },
    { "a_thread_that_never_waits_is_preempted", a_thread_that_never_waits_is_preempted },
    { "a_higher_priority_thread_preempts_its_waker", a_higher_priority_thread_preempts_its_waker },
    { "paged_pool_calls_from_two_preempted_threads_stay_whole", paged_pool_calls_from_two_preempted_threads_stay_whole },
    { "a_queue_thread_waiting_elsewhere_lets_another_run", a_queue_thread_waiting_elsewhere_lets_another_run },
    { "a_resource_counts_its_waiters", a_resource_counts_its_waiters },
};

KTEST_SUITE(thread_suite, "thread", cases);
