/* The driver-facing API: the subset of the WDK's wdm.h that Pagoda implements, with the WDK's own
 * names and types, so driver code written against the WDK text compiles unchanged. */
#ifndef PAGODA_WDM_H
#define PAGODA_WDM_H

#include <stddef.h>
#include <stdint.h>

/* Pool tags are multi-character constants ('KNUJ'), as in every WDK driver: no warning for them. */
#pragma GCC diagnostic ignored "-Wmultichar"

typedef void VOID, *PVOID;
typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned short USHORT, *PUSHORT;
typedef short CSHORT;
typedef char CHAR, *PCHAR;
typedef unsigned long ULONG, *PULONG;
typedef long LONG;
typedef uintptr_t ULONG_PTR, *PULONG_PTR;
typedef size_t SIZE_T;
typedef unsigned char BOOLEAN;
typedef LONG NTSTATUS;

/* Calling conventions as the x86 WDK declares each routine: stdcall for most (NTAPI), fastcall for the
 * Kf*, Exf* and SList ones (FASTCALL), cdecl for DbgPrint. Drivers are built with -mrtd (the WDK's /Gz),
 * so their callbacks are stdcall too. The host build (x86-64) has one convention: both are empty. */
#if defined(__i386__)
#define NTAPI __attribute__((stdcall))
#define FASTCALL __attribute__((fastcall))
#else
#define NTAPI
#define FASTCALL
#endif
#define NTKERNELAPI
#define NTHALAPI

#define TRUE 1
#define FALSE 0

#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#define STATUS_UNSUCCESSFUL ((NTSTATUS)0xC0000001L)
#define STATUS_INSUFFICIENT_RESOURCES ((NTSTATUS)0xC000009AL)
#define STATUS_BUFFER_TOO_SMALL ((NTSTATUS)0xC0000023L)
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)
#define STATUS_ACCESS_VIOLATION ((NTSTATUS)0xC0000005L)
#define STATUS_WORKING_SET_QUOTA ((NTSTATUS)0xC00000A1L)
#define STATUS_INVALID_PARAMETER_2 ((NTSTATUS)0xC00000F0L)
#define STATUS_BUFFER_OVERFLOW ((NTSTATUS)0x80000005L) /* a warning: NT_SUCCESS is false all the same */
#define STATUS_NO_MEMORY ((NTSTATUS)0xC0000017L)
/* Through int32_t: on the host, where long has 64 bits, the error codes are positive NTSTATUS values. */
#define NT_SUCCESS(Status) ((int32_t)(Status) >= 0)
#define NT_ERROR(Status) ((uint32_t)(Status) >> 30 == 3)

/* IRQL, NT x86 numbering: device IRQ n runs at 27 - n. */
typedef UCHAR KIRQL, *PKIRQL;
#define PASSIVE_LEVEL 0
#define LOW_LEVEL 0
#define APC_LEVEL 1
#define DISPATCH_LEVEL 2
#define PROFILE_LEVEL 27
#define CLOCK1_LEVEL 28
#define CLOCK2_LEVEL 28
#define IPI_LEVEL 29
#define POWER_LEVEL 30
#define HIGH_LEVEL 31

typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;
/* 8-byte aligned inside structures, as Microsoft's x86 ABI has them (the i386 SysV ABI aligns them to 4):
 * LARGE_INTEGER and SLIST_HEADER, and what holds them, then lie where drivers expect them. */
typedef long long LONGLONG __attribute__((aligned(8)));
typedef unsigned long long ULONGLONG __attribute__((aligned(8)));
typedef ULONGLONG *PULONGLONG;
typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    };
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
    struct {
        ULONG LowPart;
        ULONG HighPart;
    };
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

/* Doubly linked lists, as the WDK's inline helpers. */
typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;

static inline VOID InitializeListHead(PLIST_ENTRY Head)
{
    Head->Flink = Head->Blink = Head;
}

static inline BOOLEAN IsListEmpty(const LIST_ENTRY *Head)
{
    return Head->Flink == Head;
}

/* Returns TRUE if the list is empty afterwards. */
static inline BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
    PLIST_ENTRY next = Entry->Flink, prev = Entry->Blink;
    prev->Flink = next;
    next->Blink = prev;
    return next == prev;
}

static inline PLIST_ENTRY RemoveHeadList(PLIST_ENTRY Head)
{
    PLIST_ENTRY first = Head->Flink;
    RemoveEntryList(first);
    return first;
}

static inline VOID InsertTailList(PLIST_ENTRY Head, PLIST_ENTRY Entry)
{
    PLIST_ENTRY last = Head->Blink;
    Entry->Flink = Head;
    Entry->Blink = last;
    last->Flink = Entry;
    Head->Blink = Entry;
}

static inline VOID InsertHeadList(PLIST_ENTRY Head, PLIST_ENTRY Entry)
{
    PLIST_ENTRY first = Head->Flink;
    Entry->Flink = first;
    Entry->Blink = Head;
    first->Blink = Entry;
    Head->Flink = Entry;
}

#define CONTAINING_RECORD(address, type, field) ((type *)((char *)(address) - offsetof(type, field)))

#if defined(__i386__)
/* The IRQL fast path. KeRaiseIrql and KeLowerIrql are inline, as on x64, and check their rule with one
 * `bound` instruction each: BOUND faults (#BR) when its register lies outside a pair of words in memory,
 * and kernel/irql.c's #BR handler sorts out why. The words are laid out so that
 *   a raise checks  current <= new <= raise_ceiling   (below: bugcheck 0x09; above HIGH_LEVEL likewise;
 *                                                      the IRQL checker lowers the ceiling to trap raises
 *                                                      to DISPATCH_LEVEL and up),
 *   a lower checks  pending_top <= new <= current     (above current: bugcheck 0x0A; below pending_top:
 *                                                      replay what is pending).
 * So a raise is three instructions and a lower two, with nothing pending. */
struct irql_state {
    volatile LONG pending_top;   /* the highest level with an interrupt pending, 0 if none */
    volatile LONG current;       /* the current IRQL */
    volatile LONG raise_ceiling; /* HIGH_LEVEL, or APC_LEVEL while the IRQL checker is on */
};
extern struct irql_state irql_state;

static inline KIRQL KeGetCurrentIrql(VOID)
{
    return (KIRQL)irql_state.current;
}

/* Returns the old level. The memory clobber keeps the compiler from moving memory accesses across it. */
static inline KIRQL irql_raise(KIRQL NewIrql)
{
    ULONG v = NewIrql;
    __asm__ volatile("bound %0, irql_state+4\n\txchg %0, irql_state+4" : "+r"(v) : : "memory");
    if (v > HIGH_LEVEL)
        __builtin_unreachable(); /* lets the compiler drop zero-extensions of the old level */
    return (KIRQL)v;
}

/* NewIrql below the current level: bugcheck 0x09 IRQL_NOT_GREATER_OR_EQUAL. */
static inline VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    *OldIrql = irql_raise(NewIrql);
}

static inline KIRQL KeRaiseIrqlToDpcLevel(VOID)
{
    return irql_raise(DISPATCH_LEVEL);
}

/* NewIrql above the current level: bugcheck 0x0A IRQL_NOT_LESS_OR_EQUAL. Interrupts that arrived while
 * IRQL was too high for them, and software interrupts above NewIrql, run before it returns. An interrupt
 * between the two instructions makes its handler restart the pair at the bound (see irql.c). */
static inline VOID KeLowerIrql(KIRQL NewIrql)
{
    __asm__ volatile("bound %0, irql_state\n\tmov %0, irql_state+4" : : "r"((ULONG)NewIrql) : "memory");
}
#else
/* Host builds (libpagoda.a, the unit tests): plain calls over one variable, same rules (host/irql_host.c). */
KIRQL KeGetCurrentIrql(VOID);
VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql);
KIRQL KeRaiseIrqlToDpcLevel(VOID);
VOID KeLowerIrql(KIRQL NewIrql);
#endif

/* The IRQL routines drivers import (HAL.dll). The WDK's x86 headers turn KeRaiseIrql and KeLowerIrql
 * into these fastcall ones; the stdcall names are exported too, under kernel/irql_export.c's own names
 * since Pagoda's code gets the inline fast paths above. Same rules, same bugchecks. */
KIRQL FASTCALL KfRaiseIrql(KIRQL NewIrql);
VOID FASTCALL KfLowerIrql(KIRQL NewIrql);
/* SYNCH_LEVEL: on a uniprocessor x86 kernel it is DISPATCH_LEVEL. */
#define SYNCH_LEVEL DISPATCH_LEVEL
KIRQL NTAPI KeRaiseIrqlToSynchLevel(VOID);

/* DPCs: deferred procedure calls, run at DISPATCH_LEVEL in the order they were queued. */
struct _KDPC;
typedef VOID NTAPI KDEFERRED_ROUTINE(struct _KDPC *Dpc, PVOID DeferredContext, PVOID SystemArgument1,
                               PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef enum _KDPC_IMPORTANCE { LowImportance, MediumImportance, HighImportance } KDPC_IMPORTANCE;

typedef struct _KDPC {
    UCHAR Type;
    UCHAR Importance;
    USHORT Number;
    LIST_ENTRY DpcListEntry;
    PKDEFERRED_ROUTINE DeferredRoutine;
    PVOID DeferredContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    PVOID DpcData; /* non-NULL while the DPC is queued */
} KDPC, *PKDPC, *PRKDPC;

VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext);
/* FALSE if the DPC is already queued (its arguments then stay as they were). Any IRQL. */
BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2);
/* TRUE if the DPC was queued and now is not. Any IRQL. */
BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc);
/* Returns once every DPC queued before the call has run. PASSIVE_LEVEL. */
VOID NTAPI KeFlushQueuedDpcs(VOID);
VOID NTAPI KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance);
/* One CPU: the number is kept, and the DPC runs here. */
VOID NTAPI KeSetTargetProcessorDpc(PRKDPC Dpc, CHAR Number);

/* Timers: due times in 100 ns units, negative for relative to now, positive for an absolute system time
 * (kernel/system_time.h). Resolution: one clock tick. Periodic timers (KeSetTimerEx) are set again after
 * each expiry. */
/* x86's 16 bytes. Byte 3 holds the timer's Inserted flag (a bit there since Windows 7; Pagoda keeps the
 * byte); WaitListHead is kept empty: a thread waits by looking at SignalState again (kernel/wait.c). */
/* DISPATCHER_HEADER's Type: KOBJECTS' numbers for the objects Pagoda has. */
#define EVENT_NOTIFICATION_OBJECT 0
#define EVENT_SYNCHRONIZATION_OBJECT 1
#define TIMER_NOTIFICATION_OBJECT 8
#define TIMER_SYNCHRONIZATION_OBJECT 9
typedef struct _DISPATCHER_HEADER {
    UCHAR Type;
    UCHAR Signalling;
    UCHAR Size; /* in 32-bit words */
    UCHAR Inserted; /* the timer is set */
    LONG SignalState;
    LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

typedef struct _KTIMER {
    DISPATCHER_HEADER Header; /* SignalState turns 1 when the timer expires */
    ULARGE_INTEGER DueTime;   /* absolute, in 100 ns units since boot */
    LIST_ENTRY TimerListEntry;
    struct _KDPC *Dpc;
    ULONG Period; /* milliseconds; 0 for a one-shot timer */
} KTIMER, *PKTIMER, *PRKTIMER;

/* The tick count and system times as x86 Windows publishes them: High1Time and High2Time bracket LowPart,
 * so a reader without a lock (the WDK's inline KeQueryTickCount reads KeTickCount so) retries until they
 * agree. */
typedef struct _KSYSTEM_TIME {
    ULONG LowPart;
    LONG High1Time;
    LONG High2Time;
} KSYSTEM_TIME, *PKSYSTEM_TIME;

/* Time since boot in 100 ns units, advancing with the clock tick. */
ULONGLONG NTAPI KeQueryInterruptTime(VOID);

VOID NTAPI KeInitializeTimer(PKTIMER Timer);
/* TRUE if the timer was already set (it is set anew). Dpc may be NULL. IRQL <= DISPATCH_LEVEL. */
BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
/* TRUE if the timer was set and now is not. IRQL <= DISPATCH_LEVEL. */
typedef enum _TIMER_TYPE { NotificationTimer, SynchronizationTimer } TIMER_TYPE;

/* Events and waits (kernel/wait.c). A wait that is not satisfied gives the CPU to another thread, or
 * on the console's thread with none ready polls SignalState with interrupts on, so a DPC, a timer or an
 * ISR can end it; it is meant for IRQL <= APC_LEVEL, as the WDK says. */
typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;
typedef struct _KEVENT {
    DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;
typedef CHAR KPROCESSOR_MODE;
typedef LONG KPRIORITY;
typedef enum _KWAIT_REASON { Executive = 0 } KWAIT_REASON; /* the one reason drivers pass; all are alike */
#define STATUS_TIMEOUT ((NTSTATUS)0x00000102L)
VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
LONG NTAPI KeResetEvent(PRKEVENT Event);
VOID NTAPI KeClearEvent(PRKEVENT Event);
LONG NTAPI KeReadStateEvent(PRKEVENT Event);
NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                                     BOOLEAN Alertable, PLARGE_INTEGER Timeout);
NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval);
/* Waits on several objects (kernel/wait.c): WaitAny ends with STATUS_WAIT_0 + the index of the object
 * that satisfied it, WaitAll takes every object at once. Up to THREAD_WAIT_OBJECTS without a
 * WaitBlockArray, MAXIMUM_WAIT_OBJECTS with one; more is bugcheck 0x0C. x86's KWAIT_BLOCK: 24 bytes. */
typedef enum _WAIT_TYPE { WaitAll, WaitAny } WAIT_TYPE;
#define THREAD_WAIT_OBJECTS 3
#define MAXIMUM_WAIT_OBJECTS 64
#define STATUS_WAIT_0 ((NTSTATUS)0x00000000L)
typedef struct _KWAIT_BLOCK {
    LIST_ENTRY WaitListEntry;
    struct _KTHREAD *Thread;
    PVOID Object;
    struct _KWAIT_BLOCK *NextWaitBlock;
    USHORT WaitKey;
    UCHAR WaitType;
    volatile UCHAR BlockState;
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;
NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType, KWAIT_REASON WaitReason,
                                        KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                        PKWAIT_BLOCK WaitBlockArray);
/* Satisfies the wait in progress that the event's signal would, then leaves the event not signaled;
 * returns the state before. */
LONG NTAPI KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type);
/* Period in milliseconds: the timer is set again Period after each expiry until cancelled. */
BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc);
BOOLEAN NTAPI KeSetCoalescableTimer(PKTIMER Timer, LARGE_INTEGER DueTime, ULONG Period, ULONG TolerableDelay,
                                    PKDPC Dpc);
BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer);
BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer);

/* Threads (kernel/thread.h): KeGetCurrentThread returns the thread running now. */
struct _KTHREAD;
typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
PKTHREAD NTAPI KeGetCurrentThread(VOID);
/* Drivers run in the System process (id 4, as on Windows), on the boot thread or their own system
 * threads (kernel/thread.c). */
typedef PVOID HANDLE, *PHANDLE;
typedef struct _KPROCESS *PEPROCESS;
HANDLE NTAPI PsGetCurrentProcessId(VOID);
HANDLE NTAPI PsGetCurrentThreadId(VOID);
PEPROCESS NTAPI PsGetCurrentProcess(VOID);
PEPROCESS NTAPI IoGetCurrentProcess(VOID);
/* Every thread is a system thread, in kernel mode: there is no user mode, so every previous mode is
 * KernelMode. Priorities (0..31) are each thread's; the scheduler runs the highest that can run. */
#define UserMode 1
#define LOW_PRIORITY 0
#define LOW_REALTIME_PRIORITY 16
#define HIGH_PRIORITY 31
typedef PKTHREAD PETHREAD;
KPROCESSOR_MODE NTAPI KeGetPreviousMode(VOID);
KPROCESSOR_MODE NTAPI ExGetPreviousMode(VOID);
KPRIORITY NTAPI KeQueryPriorityThread(PKTHREAD Thread);
KPRIORITY NTAPI KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority);
BOOLEAN NTAPI PsIsSystemThread(PETHREAD Thread);

/* Kernel mutexes and semaphores (kernel/mutex.c, kernel/semaphore.c), waited on with
 * KeWaitForSingleObject. x86 Windows' layouts: KMUTANT 32 bytes, KSEMAPHORE 20. */
#define MUTANT_OBJECT 2
#define SEMAPHORE_OBJECT 5
#define STATUS_MUTANT_NOT_OWNED ((NTSTATUS)0xC0000046L)
#define STATUS_SEMAPHORE_LIMIT_EXCEEDED ((NTSTATUS)0xC0000047L)
typedef struct _KMUTANT {
    DISPATCHER_HEADER Header; /* SignalState: 1 free, 1 - n held n times by OwnerThread */
    LIST_ENTRY MutantListEntry;
    PKTHREAD OwnerThread;
    BOOLEAN Abandoned;
    UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;
typedef struct _KSEMAPHORE {
    DISPATCHER_HEADER Header; /* SignalState: the count */
    LONG Limit;
} KSEMAPHORE, *PKSEMAPHORE, *PRKSEMAPHORE;
VOID NTAPI KeInitializeMutex(PRKMUTEX Mutex, ULONG Level);
LONG NTAPI KeReadStateMutex(PRKMUTEX Mutex);
/* The state before (0: now free). IRQL <= DISPATCH_LEVEL; 0x1E STATUS_MUTANT_NOT_OWNED unless held. */
LONG NTAPI KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait);
VOID NTAPI KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit);
LONG NTAPI KeReadStateSemaphore(PRKSEMAPHORE Semaphore);
/* The count before. IRQL <= DISPATCH_LEVEL; 0x1E STATUS_SEMAPHORE_LIMIT_EXCEEDED past Limit. */
LONG NTAPI KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait);

/* Executive resources (kernel/resource.c), per thread: OwnerEntry holds the exclusive owner (or the
 * first shared one) and its count of acquires. x86 Windows' layout: ERESOURCE 56 bytes. At IRQL <= APC_LEVEL, as the WDK
 * says (above it: 0x0A); a release the thread does not own is 0xE3 RESOURCE_NOT_OWNED. */
typedef ULONG_PTR ERESOURCE_THREAD, *PERESOURCE_THREAD;
#define ResourceOwnedExclusive 0x0080
typedef struct _OWNER_ENTRY {
    ERESOURCE_THREAD OwnerThread;
    union {
        struct {
            ULONG IoPriorityBoosted : 1;
            ULONG OwnerReferenced : 1;
            ULONG OwnerCount : 30;
        };
        ULONG TableSize;
    };
} OWNER_ENTRY, *POWNER_ENTRY;
typedef struct _ERESOURCE {
    LIST_ENTRY SystemResourcesList;
    POWNER_ENTRY OwnerTable;
    CSHORT ActiveCount; /* exclusive: 1; shared: every owner's acquires */
    USHORT Flag;       /* ResourceOwnedExclusive */
    PRKSEMAPHORE SharedWaiters;
    PRKEVENT ExclusiveWaiters;
    OWNER_ENTRY OwnerEntry;
    ULONG ActiveEntries;
    ULONG ContentionCount;
    ULONG NumberOfSharedWaiters;
    ULONG NumberOfExclusiveWaiters;
    union {
        PVOID Address;
        ULONG_PTR CreatorBackTraceIndex;
    };
    KSPIN_LOCK SpinLock;
} ERESOURCE, *PERESOURCE;
NTSTATUS NTAPI ExInitializeResourceLite(PERESOURCE Resource);
NTSTATUS NTAPI ExDeleteResourceLite(PERESOURCE Resource);
/* TRUE when acquired. Exclusive while it is held shared never comes (Wait) or is FALSE, as on Windows;
 * shared while held exclusively by the caller is granted as another exclusive acquire. */
BOOLEAN NTAPI ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait);
BOOLEAN NTAPI ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait);
VOID FASTCALL ExReleaseResourceLite(PERESOURCE Resource);
VOID NTAPI ExReleaseResourceForThreadLite(PERESOURCE Resource, ERESOURCE_THREAD ResourceThreadId);
BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource);
ULONG NTAPI ExIsResourceAcquiredSharedLite(PERESOURCE Resource);
#define ExIsResourceAcquiredLite ExIsResourceAcquiredSharedLite
NTSTATUS NTAPI ExReinitializeResourceLite(PERESOURCE Resource);
BOOLEAN NTAPI ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait);
BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait);
/* Shared, the exclusive owner's count kept; 0xE3 unless the caller holds it exclusively. */
VOID NTAPI ExConvertExclusiveToSharedLite(PERESOURCE Resource);
ULONG NTAPI ExGetExclusiveWaiterCount(PERESOURCE Resource);
ULONG NTAPI ExGetSharedWaiterCount(PERESOURCE Resource);
/* A critical region, then the resource (waiting for it); NULL, the caller's Win32 thread. */
PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceExclusive(PERESOURCE Resource);
PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceShared(PERESOURCE Resource);
VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(PERESOURCE Resource);

/* Pseudo-random numbers (kernel/rtl_random.c): each call steps *Seed and returns a number in
 * [0, MAXLONG - 1]. */
ULONG NTAPI RtlUniform(PULONG Seed);
ULONG NTAPI RtlRandom(PULONG Seed);
ULONG NTAPI RtlRandomEx(PULONG Seed);

/* Fast mutexes (kernel/fast_mutex.c): Count's bit 0 set means free, as ExInitializeFastMutex (inline in
 * the WDK's headers) leaves it. ExAcquireFastMutex raises to APC_LEVEL and ExReleaseFastMutex lowers back
 * to OldIrql; the Unsafe forms leave IRQL alone (the caller is in a critical region). */
#define FM_LOCK_BIT 0x1
typedef struct _FAST_MUTEX {
    volatile LONG Count;
    PKTHREAD Owner;
    ULONG Contention;
    KEVENT Event;
    ULONG OldIrql;
} FAST_MUTEX, *PFAST_MUTEX;
VOID FASTCALL ExAcquireFastMutex(PFAST_MUTEX FastMutex);
VOID FASTCALL ExReleaseFastMutex(PFAST_MUTEX FastMutex);
BOOLEAN FASTCALL ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex);
VOID FASTCALL ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex);
VOID FASTCALL ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex);

/* Guarded mutexes (kernel/guarded_mutex.c): a fast mutex whose holder is in a guarded region rather than
 * at APC_LEVEL. Count's bit 0 set means free; a thread that finds it held waits on the gate (a
 * synchronization object of its own type). Every routine at IRQL <= APC_LEVEL: above it 0xC4 (0x2000F,
 * the rule IrqlKeApcLte1); a recursive acquire deadlocks, as the WDK says. x86's KGUARDED_MUTEX: 32
 * bytes, the same first 28 as FAST_MUTEX. */
#define GATE_OBJECT 7
#define GM_LOCK_BIT 0x1
typedef struct _KGATE {
    DISPATCHER_HEADER Header;
} KGATE, *PKGATE, *PRKGATE;
typedef struct _KGUARDED_MUTEX {
    volatile LONG Count;
    PKTHREAD Owner;
    ULONG Contention;
    KGATE Gate;
    union {
        struct {
            CSHORT KernelApcDisable;
            CSHORT SpecialApcDisable;
        };
        ULONG CombinedApcDisable;
    };
} KGUARDED_MUTEX, *PKGUARDED_MUTEX;
VOID FASTCALL KeInitializeGuardedMutex(PKGUARDED_MUTEX GuardedMutex);
VOID FASTCALL KeAcquireGuardedMutex(PKGUARDED_MUTEX GuardedMutex);
VOID FASTCALL KeReleaseGuardedMutex(PKGUARDED_MUTEX GuardedMutex);
/* FALSE, outside any new guarded region, if it is held. */
BOOLEAN FASTCALL KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX GuardedMutex);
/* The caller is at APC_LEVEL or in a guarded region already. */
VOID FASTCALL KeAcquireGuardedMutexUnsafe(PKGUARDED_MUTEX GuardedMutex);
VOID FASTCALL KeReleaseGuardedMutexUnsafe(PKGUARDED_MUTEX GuardedMutex);

/* Kernel queues (kernel/queue.c; ntifs.h's): SignalState counts the entries waiting in EntryListHead;
 * CurrentCount the threads associated with the queue (by KeRemoveQueue) that are running, not waiting;
 * MaximumCount how many may run at once. A thread waiting in KeRemoveQueue gets an inserted entry
 * directly, the one that began waiting last first (LIFO, as Windows releases them). x86's KQUEUE: 40
 * bytes. */
#define QUEUE_OBJECT 4
#define STATUS_ABANDONED ((NTSTATUS)0x00000080L)
typedef struct _KQUEUE {
    DISPATCHER_HEADER Header;
    LIST_ENTRY EntryListHead;
    volatile ULONG CurrentCount;
    ULONG MaximumCount;
    LIST_ENTRY ThreadListHead;
} KQUEUE, *PKQUEUE, *PRKQUEUE;
/* Count 0: the number of processors (1). */
VOID NTAPI KeInitializeQueue(PRKQUEUE Queue, ULONG Count);
LONG NTAPI KeReadStateQueue(PRKQUEUE Queue);
/* Both return the state before: the number of entries queued (0 when a waiter took the entry). IRQL <=
 * DISPATCH_LEVEL. */
LONG NTAPI KeInsertQueue(PRKQUEUE Queue, PLIST_ENTRY Entry);
LONG NTAPI KeInsertHeadQueue(PRKQUEUE Queue, PLIST_ENTRY Entry);
/* The first entry, or (PLIST_ENTRY)STATUS_TIMEOUT, or (PLIST_ENTRY)STATUS_ABANDONED once the queue is
 * run down. */
PLIST_ENTRY NTAPI KeRemoveQueue(PRKQUEUE Queue, KPROCESSOR_MODE WaitMode, PLARGE_INTEGER Timeout);
/* Takes every entry (the first of them, still linked to one another; NULL if none) and every thread's
 * association. */
PLIST_ENTRY NTAPI KeRundownQueue(PRKQUEUE Queue);

/* Spinlocks. One CPU, so the lock word guards against recursion rather than other processors: taking a
 * lock already held is bugcheck 0x0F SPIN_LOCK_ALREADY_OWNED; releasing a free one is 0x10. As in NT's
 * checked build, a held lock's word is the owning thread's address | 1. */
VOID NTAPI KeInitializeSpinLock(PKSPIN_LOCK SpinLock);
VOID NTAPI KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql);
VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);

/* The x86 forms drivers import: Kf* (HAL.dll) raise and lower, Kef* (ntoskrnl.exe) are the AtDpcLevel
 * pair, Ki* the same for the kernel's own callers; all fastcall. */
KIRQL FASTCALL KfAcquireSpinLock(PKSPIN_LOCK SpinLock);
VOID FASTCALL KfReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
VOID FASTCALL KefAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
VOID FASTCALL KefReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
VOID FASTCALL KiAcquireSpinLock(PKSPIN_LOCK SpinLock);
VOID FASTCALL KiReleaseSpinLock(PKSPIN_LOCK SpinLock);
KIRQL FASTCALL KeAcquireSpinLockRaiseToSynch(PKSPIN_LOCK SpinLock);
/* TRUE with the lock taken if it was free, FALSE if it is held (at DISPATCH_LEVEL). */
BOOLEAN FASTCALL KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
/* TRUE if the lock is free now. */
BOOLEAN FASTCALL KeTestSpinLock(PKSPIN_LOCK SpinLock);

/* In-stack queued spinlocks: on one CPU a queue of one, the handle keeps the old IRQL. */
typedef struct _KSPIN_LOCK_QUEUE {
    struct _KSPIN_LOCK_QUEUE *volatile Next;
    PKSPIN_LOCK volatile Lock;
} KSPIN_LOCK_QUEUE, *PKSPIN_LOCK_QUEUE;
typedef struct _KLOCK_QUEUE_HANDLE {
    KSPIN_LOCK_QUEUE LockQueue;
    KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;
VOID FASTCALL KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle);
VOID FASTCALL KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle);
VOID FASTCALL KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle);
VOID FASTCALL KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle);
/* Critical regions hold off normal kernel APCs, guarded regions all of them (kernel/apc.c). */
VOID NTAPI KeEnterCriticalRegion(VOID);
VOID NTAPI KeLeaveCriticalRegion(VOID);
VOID NTAPI KeEnterGuardedRegion(VOID);
VOID NTAPI KeLeaveGuardedRegion(VOID);
BOOLEAN NTAPI KeAreApcsDisabled(VOID);
BOOLEAN NTAPI KeAreAllApcsDisabled(VOID);

/* Stops the machine with the STOP screen; never returns. */
__attribute__((noreturn)) VOID NTAPI KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1,
                                            ULONG_PTR BugCheckParameter2, ULONG_PTR BugCheckParameter3,
                                            ULONG_PTR BugCheckParameter4);
__attribute__((noreturn)) VOID NTAPI KeBugCheck(ULONG BugCheckCode);

/* Bugcheck callbacks (kernel/bugcheck_callback.c), the DDK's records. After the STOP text, at HIGH_LEVEL with
 * interrupts off, each record registered runs once, the newest first; a record whose State is not
 * BufferInserted or whose Checksum does not match is passed over. */
typedef enum _KBUGCHECK_BUFFER_DUMP_STATE {
    BufferEmpty,
    BufferInserted,
    BufferStarted,
    BufferFinished,
    BufferIncomplete
} KBUGCHECK_BUFFER_DUMP_STATE;
typedef VOID NTAPI KBUGCHECK_CALLBACK_ROUTINE(PVOID Buffer, ULONG Length);
typedef KBUGCHECK_CALLBACK_ROUTINE *PKBUGCHECK_CALLBACK_ROUTINE;
typedef struct _KBUGCHECK_CALLBACK_RECORD {
    LIST_ENTRY Entry;
    PKBUGCHECK_CALLBACK_ROUTINE CallbackRoutine;
    PVOID Buffer;
    ULONG Length;
    PUCHAR Component;
    ULONG_PTR Checksum; /* CallbackRoutine + Buffer + Length + Component */
    UCHAR State;
} KBUGCHECK_CALLBACK_RECORD, *PKBUGCHECK_CALLBACK_RECORD;
#define KeInitializeCallbackRecord(CallbackRecord) (CallbackRecord)->State = BufferEmpty
typedef enum _KBUGCHECK_CALLBACK_REASON {
    KbCallbackInvalid,
    KbCallbackReserved1,
    KbCallbackSecondaryDumpData,
    KbCallbackDumpIo,
    KbCallbackAddPages,
    KbCallbackSecondaryMultiPartDumpData,
    KbCallbackRemovePages,
    KbCallbackTriageDumpData
} KBUGCHECK_CALLBACK_REASON;
struct _KBUGCHECK_REASON_CALLBACK_RECORD;
typedef VOID NTAPI KBUGCHECK_REASON_CALLBACK_ROUTINE(KBUGCHECK_CALLBACK_REASON Reason,
                                                     struct _KBUGCHECK_REASON_CALLBACK_RECORD *Record,
                                                     PVOID ReasonSpecificData, ULONG ReasonSpecificDataLength);
typedef KBUGCHECK_REASON_CALLBACK_ROUTINE *PKBUGCHECK_REASON_CALLBACK_ROUTINE;
typedef struct _KBUGCHECK_REASON_CALLBACK_RECORD {
    LIST_ENTRY Entry;
    PKBUGCHECK_REASON_CALLBACK_ROUTINE CallbackRoutine;
    PUCHAR Component;
    ULONG_PTR Checksum; /* CallbackRoutine + Reason + Component */
    KBUGCHECK_CALLBACK_REASON Reason;
    UCHAR State;
} KBUGCHECK_REASON_CALLBACK_RECORD, *PKBUGCHECK_REASON_CALLBACK_RECORD;
/* GUIDs: RtlGUIDFromString and its kin below. */
typedef struct _GUID {
    ULONG Data1;
    USHORT Data2;
    USHORT Data3;
    UCHAR Data4[8];
} GUID, UUID, *LPGUID;
typedef const GUID *REFGUID, *LPCGUID;
typedef struct _KBUGCHECK_SECONDARY_DUMP_DATA {
    PVOID InBuffer;
    ULONG InBufferLength;
    ULONG MaximumAllowed;
    GUID Guid;
    PVOID OutBuffer;
    ULONG OutBufferLength;
} KBUGCHECK_SECONDARY_DUMP_DATA, *PKBUGCHECK_SECONDARY_DUMP_DATA;
BOOLEAN NTAPI KeRegisterBugCheckCallback(PKBUGCHECK_CALLBACK_RECORD CallbackRecord,
                                         PKBUGCHECK_CALLBACK_ROUTINE CallbackRoutine, PVOID Buffer, ULONG Length,
                                         PUCHAR Component);
BOOLEAN NTAPI KeDeregisterBugCheckCallback(PKBUGCHECK_CALLBACK_RECORD CallbackRecord);
BOOLEAN NTAPI KeRegisterBugCheckReasonCallback(PKBUGCHECK_REASON_CALLBACK_RECORD CallbackRecord,
                                               PKBUGCHECK_REASON_CALLBACK_ROUTINE CallbackRoutine,
                                               KBUGCHECK_CALLBACK_REASON Reason, PUCHAR Component);
BOOLEAN NTAPI KeDeregisterBugCheckReasonCallback(PKBUGCHECK_REASON_CALLBACK_RECORD CallbackRecord);

/* Memory manager: device memory mapped into system space, and the physical address behind a virtual one. */
typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;
typedef enum _MEMORY_CACHING_TYPE {
    MmNonCached = 0,
    MmCached = 1,
    MmWriteCombined = 2,
} MEMORY_CACHING_TYPE;

/* NULL when no system address space or page table is left. */
PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType);
VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);
/* TRUE if a read of the address would not fault now (mm/address_valid.c). */
BOOLEAN NTAPI MmIsAddressValid(PVOID VirtualAddress);
/* Resident and never paged (nonpaged pool, locked pages, device mappings). */
BOOLEAN NTAPI MmIsNonPagedSystemAddressValid(PVOID VirtualAddress);
typedef enum _MM_SYSTEM_SIZE { MmSmallSystem, MmMediumSystem, MmLargeSystem } MM_SYSTEMSIZE;
/* By RAM: small under 16 MiB, medium under 32 MiB, else large. */
MM_SYSTEMSIZE NTAPI MmQuerySystemSize(VOID);
/* FALSE: a workstation. */
BOOLEAN NTAPI MmIsThisAnNtAsSystem(VOID);
/* Zero for an address with no valid translation. */
PHYSICAL_ADDRESS NTAPI MmGetPhysicalAddress(PVOID BaseAddress);
/* Paging of driver images (drivers/image_paging.c): lock a section in memory by an address in it (the
 * handle returned names the section), lock again or unlock by handle; page the whole image, or give
 * its sections their own paging back. At IRQL <= APC_LEVEL. */
PVOID NTAPI MmLockPagableDataSection(PVOID AddressWithinSection);
#define MmLockPagableCodeSection(Address) MmLockPagableDataSection(Address)
VOID NTAPI MmLockPagableSectionByHandle(PVOID ImageSectionHandle);
VOID NTAPI MmUnlockPagableImageSection(PVOID ImageSectionHandle);
PVOID NTAPI MmPageEntireDriver(PVOID AddressWithinSection);
VOID NTAPI MmResetDriverPaging(PVOID AddressWithinSection);

/* Drivers. Built-in drivers only (drivers/driver.h registers them): DriverEntry gets its
 * DRIVER_OBJECT, whose DriverName is L"\\Driver\\<name>", and RegistryPath NULL, since there is no
 * registry; it sets DriverUnload to be unloadable. */
typedef uint16_t WCHAR, *PWCH; /* UTF-16, as on Windows */
typedef WCHAR *PWSTR;
typedef const WCHAR *PCWSTR;
typedef struct _UNICODE_STRING {
    USHORT Length;        /* bytes, without a terminator */
    USHORT MaximumLength; /* bytes */
    PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef const char *PCSZ;
typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    PCHAR Buffer;
} STRING, ANSI_STRING, *PSTRING, *PANSI_STRING;
typedef const STRING *PCANSI_STRING;

struct _DRIVER_OBJECT;
typedef VOID NTAPI DRIVER_UNLOAD(struct _DRIVER_OBJECT *DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef NTSTATUS NTAPI DRIVER_INITIALIZE(struct _DRIVER_OBJECT *DriverObject, PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;

/* I/O objects declared below or not (yet) at all: here only their pointers appear. */
struct _DEVICE_OBJECT;
struct _DRIVER_EXTENSION;
struct _FAST_IO_DISPATCH;
struct _IRP;
typedef NTSTATUS NTAPI DRIVER_DISPATCH(struct _DEVICE_OBJECT *DeviceObject, struct _IRP *Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef VOID NTAPI DRIVER_STARTIO(struct _DEVICE_OBJECT *DeviceObject, struct _IRP *Irp);
typedef DRIVER_STARTIO *PDRIVER_STARTIO;

#define IO_TYPE_DRIVER 4
#define IRP_MJ_MAXIMUM_FUNCTION 0x1b

/* x86 Windows' layout, 0xA8 bytes. */
typedef struct _DRIVER_OBJECT {
    CSHORT Type; /* IO_TYPE_DRIVER */
    CSHORT Size; /* sizeof(DRIVER_OBJECT) */
    struct _DEVICE_OBJECT *DeviceObject;
    ULONG Flags;
    PVOID DriverStart; /* the image's base */
    ULONG DriverSize;
    PVOID DriverSection;
    struct _DRIVER_EXTENSION *DriverExtension;
    UNICODE_STRING DriverName; /* L"\\Driver\\<name>" */
    PUNICODE_STRING HardwareDatabase;
    struct _FAST_IO_DISPATCH *FastIoDispatch;
    PDRIVER_INITIALIZE DriverInit;
    PDRIVER_STARTIO DriverStartIo;
    PDRIVER_UNLOAD DriverUnload;
    PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
} DRIVER_OBJECT, *PDRIVER_OBJECT;

/* Device objects and their names (drivers/io_device.c, drivers/io_names.c). x86 Windows' layouts:
 * DEVICE_OBJECT 0xB8 bytes, followed in the same block by the device extension and the
 * DEVOBJ_EXTENSION, as IoCreateDevice lays them out. Object names are case-insensitive, and
 * \DosDevices\ is \??\, as in the object manager. */
#define IO_TYPE_DEVICE 3
#define IO_TYPE_DEVICE_QUEUE 0x14
#define IO_TYPE_DEVOBJ_EXTENSION 0x0d
#define STATUS_OBJECT_NAME_INVALID ((NTSTATUS)0xC0000033L)
#define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xC0000034L)
#define STATUS_OBJECT_NAME_COLLISION ((NTSTATUS)0xC0000035L)
#define DO_EXCLUSIVE 0x00000008
#define DO_DEVICE_HAS_NAME 0x00000040
#define DO_DEVICE_INITIALIZING 0x00000080
#define FILE_AUTOGENERATED_DEVICE_NAME 0x00000080
typedef ULONG DEVICE_TYPE;
typedef CHAR CCHAR;

typedef struct _KDEVICE_QUEUE_ENTRY KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY;
typedef struct _KDEVICE_QUEUE {
    CSHORT Type; /* IO_TYPE_DEVICE_QUEUE */
    CSHORT Size;
    LIST_ENTRY DeviceListHead;
    KSPIN_LOCK Lock;
    BOOLEAN Busy;
} KDEVICE_QUEUE, *PKDEVICE_QUEUE;

typedef struct _DEVOBJ_EXTENSION {
    CSHORT Type; /* IO_TYPE_DEVOBJ_EXTENSION */
    USHORT Size;
    struct _DEVICE_OBJECT *DeviceObject;
} DEVOBJ_EXTENSION, *PDEVOBJ_EXTENSION;

typedef struct _DEVICE_OBJECT {
    CSHORT Type; /* IO_TYPE_DEVICE */
    USHORT Size; /* sizeof(DEVICE_OBJECT) + the device extension's size */
    LONG ReferenceCount;
    struct _DRIVER_OBJECT *DriverObject;
    struct _DEVICE_OBJECT *NextDevice; /* the driver's next device: IoCreateDevice inserts at the head */
    struct _DEVICE_OBJECT *AttachedDevice;
    struct _IRP *CurrentIrp;
    PVOID Timer;
    ULONG Flags;
    ULONG Characteristics;
    PVOID Vpb;
    PVOID DeviceExtension;
    DEVICE_TYPE DeviceType;
    CCHAR StackSize;
    union {
        LIST_ENTRY ListEntry;
        ULONG Wcb[10]; /* WAIT_CONTEXT_BLOCK, for DMA adapters Pagoda has not */
    } Queue;
    ULONG AlignmentRequirement;
    KDEVICE_QUEUE DeviceQueue;
    KDPC Dpc;
    ULONG ActiveThreadCount;
    PVOID SecurityDescriptor;
    KEVENT DeviceLock;
    USHORT SectorSize;
    USHORT Spare1;
    struct _DEVOBJ_EXTENSION *DeviceObjectExtension;
    PVOID Reserved;
} DEVICE_OBJECT, *PDEVICE_OBJECT;

/* At PASSIVE_LEVEL. IoCreateDevice: STATUS_OBJECT_NAME_COLLISION when the name is taken (by a device or
 * a symbolic link), STATUS_OBJECT_NAME_INVALID when it does not start with a backslash. */
NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize, PUNICODE_STRING DeviceName,
                              DEVICE_TYPE DeviceType, ULONG DeviceCharacteristics, BOOLEAN Exclusive,
                              PDEVICE_OBJECT *DeviceObject);
VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject);
NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName);
NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName);

/* IRPs (drivers/irp.c): x86 Windows' layouts, IRP 0x70 bytes followed by its StackCount stack
 * locations of 0x24. Nothing sends a driver an IRP; a driver may build its own with IoAllocateIrp and
 * send it to its or another driver's device with IoCallDriver. The union members Pagoda does not use
 * are spaces of their size. */
#define IO_TYPE_IRP 6
#define IO_NO_INCREMENT 0
#define STATUS_PENDING ((NTSTATUS)0x00000103L)
#define STATUS_MORE_PROCESSING_REQUIRED ((NTSTATUS)0xC0000016L)
#define SL_PENDING_RETURNED 0x01
#define SL_INVOKE_ON_CANCEL 0x20
#define SL_INVOKE_ON_SUCCESS 0x40
#define SL_INVOKE_ON_ERROR 0x80
#define IRP_MJ_CREATE 0x00
#define IRP_MJ_CLOSE 0x02
#define IRP_MJ_CLEANUP 0x12
#define IRP_MJ_READ 0x03
#define IRP_MJ_WRITE 0x04
#define IRP_MJ_DEVICE_CONTROL 0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL 0x0f
#define IRP_BUFFERED_IO 0x10
#define IRP_DEALLOCATE_BUFFER 0x20
#define IRP_INPUT_OPERATION 0x40
#define DO_BUFFERED_IO 0x00000004
#define DO_DIRECT_IO 0x00000010
#define METHOD_BUFFERED 0
#define METHOD_IN_DIRECT 1
#define METHOD_OUT_DIRECT 2
#define METHOD_NEITHER 3
#define STATUS_INVALID_DEVICE_REQUEST ((NTSTATUS)0xC0000010L)
#define STATUS_CANCELLED ((NTSTATUS)0xC0000120L)

typedef struct _IO_STATUS_BLOCK {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef NTSTATUS NTAPI IO_COMPLETION_ROUTINE(PDEVICE_OBJECT DeviceObject, struct _IRP *Irp, PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;

/* A LARGE_INTEGER where x86 Windows' headers put one at a 4-byte offset (IO_STACK_LOCATION's Read). */
typedef LARGE_INTEGER __attribute__((aligned(4))) LARGE_INTEGER_PACKED;

typedef struct _IO_SECURITY_CONTEXT {
    PVOID SecurityQos, AccessState;
    ULONG DesiredAccess; /* ACCESS_MASK */
    ULONG FullCreateOptions;
} IO_SECURITY_CONTEXT, *PIO_SECURITY_CONTEXT;

typedef struct _IO_STACK_LOCATION {
    UCHAR MajorFunction;
    UCHAR MinorFunction;
    UCHAR Flags;
    UCHAR Control; /* SL_* */
    union {
        struct {
            PVOID Argument1, Argument2, Argument3, Argument4;
        } Others;
        struct {
            ULONG OutputBufferLength, InputBufferLength, IoControlCode;
            PVOID Type3InputBuffer;
        } DeviceIoControl;
        struct {
            struct _IO_SECURITY_CONTEXT *SecurityContext;
            ULONG Options;
            USHORT FileAttributes, ShareAccess;
            ULONG EaLength;
        } Create;
        struct {
            ULONG Length, Key;
            LARGE_INTEGER_PACKED ByteOffset;
        } Read, Write;
    } Parameters;
    PDEVICE_OBJECT DeviceObject;
    struct _FILE_OBJECT *FileObject;
    PIO_COMPLETION_ROUTINE CompletionRoutine;
    PVOID Context;
} IO_STACK_LOCATION, *PIO_STACK_LOCATION;

typedef struct _IRP {
    CSHORT Type; /* IO_TYPE_IRP */
    USHORT Size; /* the IRP and its stack locations */
    struct _MDL *MdlAddress;
    ULONG Flags;
    union {
        struct _IRP *MasterIrp;
        volatile LONG IrpCount;
        PVOID SystemBuffer;
    } AssociatedIrp;
    LIST_ENTRY ThreadListEntry;
    IO_STATUS_BLOCK IoStatus;
    KPROCESSOR_MODE RequestorMode;
    BOOLEAN PendingReturned;
    CHAR StackCount;
    CHAR CurrentLocation; /* StackCount + 1 before the first IoCallDriver, 1 in the lowest driver */
    BOOLEAN Cancel;
    KIRQL CancelIrql;
    CCHAR ApcEnvironment;
    UCHAR AllocationFlags;
    PIO_STATUS_BLOCK UserIosb;
    PKEVENT UserEvent;
    union {
        ULONG AsynchronousParameters[2];
        LARGE_INTEGER AllocationSize;
    } Overlay;
    PVOID CancelRoutine;
    PVOID UserBuffer;
    union {
        struct {
            union {
                struct _KDEVICE_QUEUE_ENTRY {
                    LIST_ENTRY DeviceListEntry;
                    ULONG SortKey;
                    BOOLEAN Inserted;
                } DeviceQueueEntry; /* while the IRP waits in a device queue (IoStartPacket) */
                PVOID DriverContext[4];
            };
            PVOID Thread;
            PCHAR AuxiliaryBuffer;
            LIST_ENTRY ListEntry;
            struct _IO_STACK_LOCATION *CurrentStackLocation;
            struct _FILE_OBJECT *OriginalFileObject;
        } Overlay;
        ULONG Apc[12]; /* KAPC */
        PVOID CompletionKey;
    } Tail;
} IRP, *PIRP;

/* A file object as IoGetDeviceObjectPointer opens one (drivers/io_file.c): x86 Windows' 0x80 bytes. */
typedef struct _FILE_OBJECT {
    CSHORT Type; /* 5 */
    CSHORT Size;
    PDEVICE_OBJECT DeviceObject; /* the device opened, the bottom of its stack */
    PVOID Vpb, FsContext, FsContext2, SectionObjectPointer, PrivateCacheMap;
    NTSTATUS FinalStatus;
    struct _FILE_OBJECT *RelatedFileObject;
    BOOLEAN LockOperation, DeletePending, ReadAccess, WriteAccess, DeleteAccess, SharedRead, SharedWrite,
        SharedDelete;
    ULONG Flags;
    UNICODE_STRING FileName;
    LARGE_INTEGER CurrentByteOffset;
    volatile ULONG Waiters, Busy;
    PVOID LastLock;
    KEVENT Lock, Event;
    PVOID CompletionContext;
    KSPIN_LOCK IrpListLock;
    LIST_ENTRY IrpList;
    PVOID FileObjectExtension;
} FILE_OBJECT, *PFILE_OBJECT;
/* The device a file object was opened on, and the top of its stack, where its IRPs go; opening a device
 * by name (links followed) sends it IRP_MJ_CREATE, and the file object's last dereference
 * IRP_MJ_CLEANUP and IRP_MJ_CLOSE. STATUS_OBJECT_NAME_NOT_FOUND / _INVALID, or the driver's refusal. */
NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName, ULONG DesiredAccess,
                                        PFILE_OBJECT *FileObject, PDEVICE_OBJECT *DeviceObject);
PDEVICE_OBJECT NTAPI IoGetRelatedDeviceObject(PFILE_OBJECT FileObject);

/* At IRQL <= DISPATCH_LEVEL. IoAllocateIrp: NULL when the pool is out. */
PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota);
VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize);
VOID NTAPI IoFreeIrp(PIRP Irp);
/* Into the next lower stack location and the device's driver's dispatch routine for its MajorFunction;
 * 0x35 NO_MORE_IRP_STACK_LOCATIONS when there is none. */
NTSTATUS FASTCALL IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
/* Runs the completion routines up the stack, stopping at one that returns
 * STATUS_MORE_PROCESSING_REQUIRED; 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS for an IRP already completed. */
VOID FASTCALL IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost);
/* IRPs the I/O manager builds for a driver to send (drivers/irp_build.c): the next stack location set
 * up, the buffers as the control code's method or the device's DO_BUFFERED_IO/DO_DIRECT_IO say (a
 * system buffer, an MDL probed and locked, or the caller's own), NULL when the pool is out. Completion
 * past the top copies a buffered read back, frees the system buffer, unlocks and frees the MDLs, and
 * for the two synchronous kinds fills *IoStatusBlock, sets Event and frees the IRP; an asynchronous
 * FSD request's IRP is its builder's to free, from its completion routine. */
PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode, PDEVICE_OBJECT DeviceObject, PVOID InputBuffer,
                                         ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength,
                                         BOOLEAN InternalDeviceIoControl, PKEVENT Event,
                                         PIO_STATUS_BLOCK IoStatusBlock);
PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject, PVOID Buffer, ULONG Length,
                                         PLARGE_INTEGER StartingOffset, PIO_STATUS_BLOCK IoStatusBlock);
PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject, PVOID Buffer, ULONG Length,
                                        PLARGE_INTEGER StartingOffset, PKEVENT Event, PIO_STATUS_BLOCK IoStatusBlock);
/* Cancellation: the cancel spinlock, and IoCancelIrp (Cancel set; the IRP's cancel routine, if any,
 * called with the lock held, which it releases). Completing an IRP whose cancel routine is still set
 * is 0x48 CANCEL_STATE_IN_COMPLETED_IRP. */
VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql);
VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql);
BOOLEAN NTAPI IoCancelIrp(PIRP Irp);
/* An IRP made ready for another use, its status Status (IoAllocateIrp's IRPs). */
VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Status);
/* A device stack: SourceDevice goes on top of TargetDevice's stack (the top it went on returned, NULL
 * when the target is being deleted); detach takes the device above TargetDevice off; the top of a
 * stack, with a reference for the ...Reference form. */
PDEVICE_OBJECT NTAPI IoAttachDeviceToDeviceStack(PDEVICE_OBJECT SourceDevice, PDEVICE_OBJECT TargetDevice);
VOID NTAPI IoDetachDevice(PDEVICE_OBJECT TargetDevice);
/* IoAttachDeviceToDeviceStack on the device a name gives (links followed; the target is not opened):
 * STATUS_OBJECT_NAME_NOT_FOUND, or STATUS_NO_SUCH_DEVICE when its stack's top is being deleted. */
#define STATUS_NO_SUCH_DEVICE ((NTSTATUS)0xC000000EL)
NTSTATUS NTAPI IoAttachDevice(PDEVICE_OBJECT SourceDevice, PUNICODE_STRING TargetDevice, PDEVICE_OBJECT *AttachedDevice);
PDEVICE_OBJECT NTAPI IoGetAttachedDevice(PDEVICE_OBJECT DeviceObject);
PDEVICE_OBJECT NTAPI IoGetAttachedDeviceReference(PDEVICE_OBJECT DeviceObject);

/* Device queues (kernel/device_queue.c), at DISPATCH_LEVEL: an insert into a queue that is not busy
 * makes it busy and returns FALSE (the caller starts the work); a remove from an empty one makes it
 * idle and returns NULL. By key: kept in SortKey order; removed from the first entry at or past it
 * (or the first of all). */
VOID NTAPI KeInitializeDeviceQueue(PKDEVICE_QUEUE DeviceQueue);
BOOLEAN NTAPI KeInsertDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry);
BOOLEAN NTAPI KeInsertByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry, ULONG SortKey);
PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveDeviceQueue(PKDEVICE_QUEUE DeviceQueue);
PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue, ULONG SortKey);
BOOLEAN NTAPI KeRemoveEntryDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry);
/* The StartIo model (drivers/io_startio.c): IoStartPacket hands the IRP to DriverStartIo at once when the
 * device is idle (CurrentIrp), else queues it (by Key when given); IoStartNextPacket(ByKey) starts the
 * next. With a cancel routine the IRP is cancelable while queued. */
VOID NTAPI IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key, PVOID CancelFunction);
VOID NTAPI IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable);
VOID NTAPI IoStartNextPacketByKey(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable, ULONG Key);

/* Remove locks (drivers/io_remove_lock.c): the WDK's IoAcquireRemoveLock and the rest are macros over
 * these. STATUS_DELETE_PENDING once IoReleaseRemoveLockAndWait has begun; it returns when every
 * acquisition has been released. */
#define STATUS_DELETE_PENDING ((NTSTATUS)0xC0000056L)
typedef struct _IO_REMOVE_LOCK {
    struct {
        BOOLEAN Removed;
        BOOLEAN Reserved[3];
        volatile LONG IoCount;
        KEVENT RemoveEvent;
    } Common; /* a checked-build driver's lock has a tracking block after it, which Pagoda leaves alone */
} IO_REMOVE_LOCK, *PIO_REMOVE_LOCK;
VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag, ULONG MaxLockedMinutes,
                                    ULONG HighWatermark, ULONG RemlockSize);
NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, const char *File, ULONG Line,
                                      ULONG RemlockSize);
VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, ULONG RemlockSize);
VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, ULONG RemlockSize);

/* A device's one-second timer (drivers/io_timer.c): TimerRoutine(DeviceObject, Context) at
 * DISPATCH_LEVEL about once a second between IoStartTimer and IoStopTimer; it goes with the device. */
typedef VOID NTAPI IO_TIMER_ROUTINE(PDEVICE_OBJECT DeviceObject, PVOID Context);
typedef IO_TIMER_ROUTINE *PIO_TIMER_ROUTINE;
NTSTATUS NTAPI IoInitializeTimer(PDEVICE_OBJECT DeviceObject, PIO_TIMER_ROUTINE TimerRoutine, PVOID Context);
VOID NTAPI IoStartTimer(PDEVICE_OBJECT DeviceObject);
VOID NTAPI IoStopTimer(PDEVICE_OBJECT DeviceObject);

/* The error log (drivers/io_error_log.c): an entry of up to ERROR_LOG_MAXIMUM_SIZE (152) bytes for a
 * device or driver object, NULL past it; writing it prints it on the console as the event log's
 * line, and frees it. */
#define ERROR_LOG_MAXIMUM_SIZE 152
PVOID NTAPI IoAllocateErrorLogEntry(PVOID IoObject, UCHAR EntrySize);
VOID NTAPI IoWriteErrorLogEntry(PVOID ElEntry);
VOID NTAPI IoFreeErrorLogEntry(PVOID ElEntry);

/* Devices told of shutdown (drivers/io_shutdown.c): `poweroff` sends each IRP_MJ_SHUTDOWN first. */
#define IRP_MJ_SHUTDOWN 0x10
NTSTATUS NTAPI IoRegisterShutdownNotification(PDEVICE_OBJECT DeviceObject);
VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject);

/* Memory descriptor lists (mm/mdl.c, drivers/mdl.c): x86 Windows' 28-byte MDL, followed by the frame
 * number of each page the buffer spans. The WDK's headers inline MmInitializeMdl,
 * MmGetMdlVirtualAddress, MmGetSystemAddressForMdlSafe and the rest. */
typedef ULONG PFN_NUMBER, *PPFN_NUMBER;
#define MDL_MAPPED_TO_SYSTEM_VA 0x0001
#define MDL_PAGES_LOCKED 0x0002
#define MDL_SOURCE_IS_NONPAGED_POOL 0x0004
#define MDL_ALLOCATED_FIXED_SIZE 0x0008
#define MDL_PARTIAL 0x0010
#define MDL_PARTIAL_HAS_BEEN_MAPPED 0x0020
#define MDL_WRITE_OPERATION 0x0080
#define MDL_PARENT_MAPPED_SYSTEM_VA 0x0100
#define MDL_IO_SPACE 0x0800
#define KernelMode 0
#define UserMode 1
typedef enum _LOCK_OPERATION { IoReadAccess, IoWriteAccess, IoModifyAccess } LOCK_OPERATION;
typedef struct _MDL {
    struct _MDL *Next;
    CSHORT Size; /* the MDL and its frame numbers, in bytes */
    CSHORT MdlFlags;
    PEPROCESS Process;
    PVOID MappedSystemVa;
    PVOID StartVa; /* page-aligned */
    ULONG ByteCount;
    ULONG ByteOffset;
} MDL, *PMDL;
/* NULL when Length exceeds 4 GB - PAGE_SIZE or the pool is out. With an Irp, the MDL becomes its
 * MdlAddress (SecondaryBuffer FALSE) or goes to the end of that chain. */
PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota,
                         struct _IRP *Irp);
VOID NTAPI IoFreeMdl(PMDL Mdl);
SIZE_T NTAPI MmSizeOfMdl(PVOID Base, SIZE_T Length);
/* Fills the frame numbers of resident nonpaged memory; 0x50 for a page not resident. */
VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList);
/* Kernel mode only: the MDL's frames at system PTE addresses (a nonpaged-pool MDL's own address). NULL
 * when no system PTEs are left, or 0x3F NO_MORE_SYSTEM_PTES with BugCheckOnFailure. */
PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
                                         MEMORY_CACHING_TYPE CacheType, PVOID RequestedAddress,
                                         ULONG BugCheckOnFailure, ULONG Priority);
VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList);
/* Contiguous nonpaged memory (mm/contiguous.c): NULL when no run of free frames in the range asked
 * for is left; a free of an address not handed out is 0xC2 BAD_POOL_CALLER (0x60). */
PVOID NTAPI MmAllocateContiguousMemory(SIZE_T NumberOfBytes, PHYSICAL_ADDRESS HighestAcceptableAddress);
PVOID NTAPI MmAllocateContiguousMemorySpecifyCache(SIZE_T NumberOfBytes, PHYSICAL_ADDRESS LowestAcceptableAddress,
                                                   PHYSICAL_ADDRESS HighestAcceptableAddress,
                                                   PHYSICAL_ADDRESS BoundaryAddressMultiple,
                                                   MEMORY_CACHING_TYPE CacheType);
VOID NTAPI MmFreeContiguousMemory(PVOID BaseAddress);
VOID NTAPI MmFreeContiguousMemorySpecifyCache(PVOID BaseAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType);
PVOID NTAPI MmAllocateNonCachedMemory(SIZE_T NumberOfBytes);
VOID NTAPI MmFreeNonCachedMemory(PVOID BaseAddress, SIZE_T NumberOfBytes);
/* An MDL (from nonpaged pool; ExFreePool it after MmFreePagesFromMdl) of up to TotalBytes of free
 * frames between the addresses, zeroed unless MM_DONT_ZERO_ALLOCATION; fewer when fewer are free
 * (none: NULL, as for any shortfall with MM_ALLOCATE_FULLY_REQUIRED). */
PMDL NTAPI MmAllocatePagesForMdl(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress, PHYSICAL_ADDRESS SkipBytes,
                                 SIZE_T TotalBytes);
PMDL NTAPI MmAllocatePagesForMdlEx(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress, PHYSICAL_ADDRESS SkipBytes,
                                   SIZE_T TotalBytes, MEMORY_CACHING_TYPE CacheType, ULONG Flags);
VOID NTAPI MmFreePagesFromMdl(PMDL MemoryDescriptorList);
/* MmMapLockedPagesSpecifyCache(MDL, mode, MmCached, NULL, TRUE, NormalPagePriority). */
PVOID NTAPI MmMapLockedPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode);
/* Any kernel buffer's pages resident and locked (paged back in first; a touch of one out at
 * DISPATCH_LEVEL is the bugcheck a fault there is), the MDL's frames filled, MDL_PAGES_LOCKED set.
 * STATUS_ACCESS_VIOLATION (an address nothing maps, a write to read-only memory, UserMode) or
 * STATUS_WORKING_SET_QUOTA is raised: Pagoda has no handler to catch it, so it is 0x1E. */
VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode, LOCK_OPERATION Operation);
/* Unmaps a system mapping of the MDL and unlocks its pages; a pageable page unlocked more often than
 * locked is 0x4E PFN_LIST_CORRUPT (0x07), freeing memory still locked is 0x4E (0x9A). */
VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList);
/* TargetMdl describes [VirtualAddress, + Length) of SourceMdl's buffer (Length 0: to its end) with the
 * same frames; MDL_PARTIAL. */
VOID NTAPI IoBuildPartialMdl(PMDL SourceMdl, PMDL TargetMdl, PVOID VirtualAddress, ULONG Length);

/* Rtl: memory and counted strings (kernel/rtl_memory.c, kernel/rtl_string.c). */
SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length);
SIZE_T NTAPI RtlCompareMemoryUlong(PVOID Source, SIZE_T Length, ULONG Pattern);
VOID NTAPI RtlFillMemory(PVOID Destination, SIZE_T Length, UCHAR Fill);
VOID NTAPI RtlFillMemoryUlong(PVOID Destination, SIZE_T Length, ULONG Pattern);
VOID NTAPI RtlMoveMemory(PVOID Destination, const VOID *Source, SIZE_T Length);
VOID NTAPI RtlZeroMemory(PVOID Destination, SIZE_T Length);
VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);
VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString);
VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source);
LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive);
NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source);
WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter);
WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter);
VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString);
LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive);
VOID NTAPI RtlUpperString(PSTRING DestinationString, const STRING *SourceString);
NTSTATUS NTAPI RtlAppendStringToString(PSTRING Destination, const STRING *Source);
ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString);
ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString);
NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base, PUNICODE_STRING String);
NTSTATUS NTAPI RtlIntegerToChar(ULONG Value, ULONG Base, LONG Length, PCHAR String);
NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG Value, ULONG Base, PUNICODE_STRING String);
LONG NTAPI RtlCompareUnicodeStrings(const WCHAR *String1, SIZE_T String1Length, const WCHAR *String2,
                                    SIZE_T String2Length, BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlPrefixString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive);
NTSTATUS NTAPI RtlValidateUnicodeString(ULONG Flags, PCUNICODE_STRING String);
NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base, PULONG Value);
NTSTATUS NTAPI RtlCharToInteger(PCSZ String, ULONG Base, PULONG Value);
/* Whether the ANSI / OEM code page has multibyte characters: FALSE, 1252 and 437 are not (data exports, which the
 * WDK's RtlAnsiStringToUnicodeSize and RtlUnicodeStringToAnsiSize macros read). */
extern BOOLEAN NlsMbCodePageTag, NlsMbOemCodePageTag;
/* The allocating ones (drivers/rtl_string_pool.c): AllocateDestinationString takes paged pool, which
 * RtlFreeUnicodeString / RtlFreeAnsiString give back. */
NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString, PCANSI_STRING SourceString,
                                            BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString, PCUNICODE_STRING SourceString,
                                            BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
                                      BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlDowncaseUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
                                        BOOLEAN AllocateDestinationString);
BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);
VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString);
VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString);
/* A copy from paged pool; RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE adds a terminator, with
 * ALLOCATE_NULL_STRING too an empty source gets a buffer (the terminator). */
#define RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE 1
#define RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING 2
#define STATUS_NAME_TOO_LONG ((NTSTATUS)0xC0000106L)
NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG Flags, PCUNICODE_STRING SourceString, PUNICODE_STRING DestinationString);

/* Code pages (kernel/rtl_nls.c): the ANSI code page is Windows-1252, the OEM one 437, both single-byte
 * (NlsMbCodePageTag and NlsMbOemCodePageTag FALSE); a character neither holds becomes '?', the default
 * character. The N routines convert as many characters as both sides hold and succeed. */
typedef STRING OEM_STRING, *POEM_STRING;
typedef const STRING *PCOEM_STRING;
typedef const WCHAR *PCWCH;
NTSTATUS NTAPI RtlMultiByteToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString, PULONG BytesInUnicodeString,
                                      const CHAR *MultiByteString, ULONG BytesInMultiByteString);
NTSTATUS NTAPI RtlMultiByteToUnicodeSize(PULONG BytesInUnicodeString, const CHAR *MultiByteString,
                                         ULONG BytesInMultiByteString);
NTSTATUS NTAPI RtlUnicodeToMultiByteSize(PULONG BytesInMultiByteString, PCWCH UnicodeString,
                                         ULONG BytesInUnicodeString);
NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
                                      PULONG BytesInMultiByteString, PCWCH UnicodeString, ULONG BytesInUnicodeString);
NTSTATUS NTAPI RtlUpcaseUnicodeToMultiByteN(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
                                            PULONG BytesInMultiByteString, PCWCH UnicodeString,
                                            ULONG BytesInUnicodeString);
NTSTATUS NTAPI RtlOemToUnicodeN(PWSTR UnicodeString, ULONG MaxBytesInUnicodeString, PULONG BytesInUnicodeString,
                                const CHAR *OemString, ULONG BytesInOemString);
NTSTATUS NTAPI RtlUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString, PULONG BytesInOemString,
                                PCWCH UnicodeString, ULONG BytesInUnicodeString);
NTSTATUS NTAPI RtlUpcaseUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString, PULONG BytesInOemString,
                                      PCWCH UnicodeString, ULONG BytesInUnicodeString);
/* Allocating like the ANSI ones (drivers/rtl_string_pool.c); a destination too small is
 * STATUS_BUFFER_OVERFLOW with nothing written. RtlFreeOemString, RtlxOemStringToUnicodeSize and
 * RtlxUnicodeStringToOemSize are the ANSI routines exported under these names. */
NTSTATUS NTAPI RtlOemStringToUnicodeString(PUNICODE_STRING DestinationString, PCOEM_STRING SourceString,
                                           BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlUnicodeStringToOemString(POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
                                           BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlUpcaseUnicodeStringToOemString(POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
                                                 BOOLEAN AllocateDestinationString);

/* UTF-8 (kernel/rtl_utf8.c), as Windows 7 and later: an ill-formed UTF-8 sequence (each maximal part of
 * one) or an unpaired surrogate becomes U+FFFD and the result STATUS_SOME_NOT_MAPPED (a success); a
 * NULL destination asks for the size; too small a one takes the whole characters that fit and gives
 * STATUS_BUFFER_TOO_SMALL. NULL source: STATUS_INVALID_PARAMETER_4; NULL count: STATUS_INVALID_PARAMETER;
 * an odd UTF-16 byte count with a destination: STATUS_INVALID_PARAMETER_5. */
#define STATUS_SOME_NOT_MAPPED ((NTSTATUS)0x00000107L)
#define STATUS_INVALID_PARAMETER_4 ((NTSTATUS)0xC00000F2L)
#define STATUS_INVALID_PARAMETER_5 ((NTSTATUS)0xC00000F3L)
NTSTATUS NTAPI RtlUnicodeToUTF8N(PCHAR UTF8StringDestination, ULONG UTF8StringMaxByteCount,
                                 PULONG UTF8StringActualByteCount, PCWCH UnicodeStringSource,
                                 ULONG UnicodeStringByteCount);
NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination, ULONG UnicodeStringMaxByteCount,
                                 PULONG UnicodeStringActualByteCount, const CHAR *UTF8StringSource,
                                 ULONG UTF8StringByteCount);

/* GUIDs (kernel/rtl_guid.c): the registry form {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}, upper case when
 * written; RtlGUIDFromString takes exactly that form (either case) and nothing else
 * (STATUS_INVALID_PARAMETER). RtlStringFromGUID allocates (drivers/rtl_string_pool.c), freed with
 * RtlFreeUnicodeString. ExUuidCreate (kernel/ex_uuid.c): a time-based, version 1 UUID, as Windows'
 * kernel makes them. GUID itself: with the bugcheck callbacks' secondary dump data above. */
NTSTATUS NTAPI RtlGUIDFromString(PUNICODE_STRING GuidString, GUID *Guid);
NTSTATUS NTAPI RtlStringFromGUID(REFGUID Guid, PUNICODE_STRING GuidString);
NTSTATUS NTAPI ExUuidCreate(UUID *Uuid);

/* Debug output (kernel/dbgprint.c): DbgPrint and DbgPrintEx are cdecl, as in the WDK. */
typedef const char *PCSTR, *PCCH;
typedef char *PSTR;
ULONG DbgPrint(PCSTR Format, ...);
ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, __builtin_va_list arglist);
VOID NTAPI DbgBreakPoint(VOID);
VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber, PSTR MutableMessage);
#define DPFLTR_ERROR_LEVEL 0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL 2
#define DPFLTR_INFO_LEVEL 3
#define DPFLTR_IHVDRIVER_ID 77

/* Pool memory (ExAllocatePoolWithTag and friends), with the WDK's numbering of POOL_TYPE. */
typedef enum _POOL_TYPE {
    NonPagedPool = 0,
    NonPagedPoolExecute = 0,
    PagedPool = 1,
    NonPagedPoolMustSucceed = 2,
    DontUseThisType = 3,
    NonPagedPoolCacheAligned = 4,
    PagedPoolCacheAligned = 5,
    NonPagedPoolCacheAlignedMustS = 6,
    MaxPoolType = 7,
    NonPagedPoolBase = 0,
    NonPagedPoolBaseMustSucceed = 2,
    NonPagedPoolBaseCacheAligned = 4,
    NonPagedPoolBaseCacheAlignedMustS = 6,
    NonPagedPoolSession = 32,
    PagedPoolSession = 33,
    NonPagedPoolMustSucceedSession = 34,
    DontUseThisTypeSession = 35,
    NonPagedPoolCacheAlignedSession = 36,
    PagedPoolCacheAlignedSession = 37,
    NonPagedPoolCacheAlignedMustSSession = 38,
    NonPagedPoolNx = 512,
    NonPagedPoolNxCacheAligned = 516,
    NonPagedPoolSessionNx = 544,
} POOL_TYPE, *PPOOL_TYPE;

#define POOL_COLD_ALLOCATION 256
#define POOL_QUOTA_FAIL_INSTEAD_OF_RAISE 8
#define POOL_RAISE_IF_ALLOCATION_FAILURE 16

PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
/* Untagged: the block is tagged 'enoN' ("None"). */
PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
VOID NTAPI ExFreePool(PVOID P);
/* Tag must be the one the block was allocated with: otherwise bugcheck 0xC2/0x0A. */
VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag);

/* The current WDK's pool calls (pool/pool_flags.c). ExAllocatePool2 zeroes unless
 * POOL_FLAG_UNINITIALIZED; exactly one of the three pool flags is required. */
typedef ULONGLONG POOL_FLAGS;
/* The flags the pool reads; drivers get the WDK's whole list from drivers/sdk/pagoda_wdk.h. Bits 0-31 are
 * required (an unknown one fails the call), bits 32-63 optional. */
#define POOL_FLAG_USE_QUOTA (1ULL << 0)
#define POOL_FLAG_UNINITIALIZED (1ULL << 1)
#define POOL_FLAG_SESSION (1ULL << 2)
#define POOL_FLAG_CACHE_ALIGNED (1ULL << 3)
#define POOL_FLAG_RAISE_ON_FAILURE (1ULL << 5)
#define POOL_FLAG_NON_PAGED (1ULL << 6)
#define POOL_FLAG_NON_PAGED_EXECUTE (1ULL << 7)
#define POOL_FLAG_PAGED (1ULL << 8)
#define POOL_FLAG_REQUIRED_MASK 0xFFFFFFFFULL
struct _POOL_EXTENDED_PARAMETER;
typedef const struct _POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;
/* One line per priority: the plain value, then its special-pool overrun and underrun forms. */
typedef enum _EX_POOL_PRIORITY {
    LowPoolPriority = 0, LowPoolPrioritySpecialPoolOverrun = 8, LowPoolPrioritySpecialPoolUnderrun = 9,
    NormalPoolPriority = 16, NormalPoolPrioritySpecialPoolOverrun = 24, NormalPoolPrioritySpecialPoolUnderrun = 25,
    HighPoolPriority = 32, HighPoolPrioritySpecialPoolOverrun = 40, HighPoolPrioritySpecialPoolUnderrun = 41,
} EX_POOL_PRIORITY;
typedef BOOLEAN *PBOOLEAN;
PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
                            PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount);
VOID NTAPI ExFreePool2(PVOID P, ULONG Tag, PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
                       ULONG ExtendedParametersCount);
PVOID NTAPI ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
                                          EX_POOL_PRIORITY Priority);
/* No processes, so no quota: as WithTag, but a failure raises (a bugcheck 0x1E here) unless PoolType has
 * POOL_QUOTA_FAIL_INSTEAD_OF_RAISE. */
PVOID NTAPI ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolWithQuota(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
/* The bytes the block holds for its caller; QuotaCharged (may be NULL) is always FALSE. */
SIZE_T NTAPI ExQueryPoolBlockSize(PVOID PoolBlock, PBOOLEAN QuotaCharged);

/* As in the WDK header: with POOL_TAGGING, the untagged call becomes the tagged one with ' mdW'. */
#ifdef POOL_TAGGING
#define ExAllocatePool(a, b) ExAllocatePoolWithTag(a, b, ' mdW')
#endif

/* Lookaside lists: a per-size cache of fixed-size blocks in front of the pool. */
typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

/* x86 layout: 8 bytes, 8-aligned, so that the pair can be swapped with one cmpxchg8b on Windows. One CPU
 * here, so no interlocked sequence is needed, but Depth counts the entries as there: drivers' inline
 * lookaside code reads it. */
typedef SINGLE_LIST_ENTRY SLIST_ENTRY, *PSLIST_ENTRY;
typedef union _SLIST_HEADER {
    ULONGLONG Alignment;
    struct {
        SLIST_ENTRY Next;
        USHORT Depth;
        USHORT Sequence;
    };
} SLIST_HEADER, *PSLIST_HEADER;

struct _LOOKASIDE_LIST_EX;
typedef PVOID(NTAPI *PALLOCATE_FUNCTION_EX)(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
                                           struct _LOOKASIDE_LIST_EX *Lookaside);
typedef VOID(NTAPI *PFREE_FUNCTION_EX)(PVOID Buffer, struct _LOOKASIDE_LIST_EX *Lookaside);
typedef PVOID(NTAPI *PALLOCATE_FUNCTION)(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
typedef VOID(NTAPI *PFREE_FUNCTION)(PVOID Buffer);

/* The WDK's fields: Depth is the bound the miss rate moves between 4 and MaximumDepth. */
typedef struct _GENERAL_LOOKASIDE {
    SLIST_HEADER ListHead;
    USHORT Depth;
    USHORT MaximumDepth;
    ULONG TotalAllocates;
    ULONG AllocateMisses;
    ULONG TotalFrees;
    ULONG FreeMisses;
    POOL_TYPE Type;
    ULONG Tag;
    ULONG Size;
    union {
        PALLOCATE_FUNCTION_EX AllocateEx; /* a LOOKASIDE_LIST_EX's */
        PALLOCATE_FUNCTION Allocate;
    };
    union {
        PFREE_FUNCTION_EX FreeEx;
        PFREE_FUNCTION Free;
    };
    LIST_ENTRY ListEntry;
    ULONG LastTotalAllocates;
    ULONG LastAllocateMisses;
    ULONG Future[2];
} GENERAL_LOOKASIDE, *PGENERAL_LOOKASIDE, GENERAL_LOOKASIDE_POOL, *PGENERAL_LOOKASIDE_POOL;

/* The newer lookaside list: any pool type, Allocate/Free routines that get the list. 72 bytes on x86. The
 * WDK's ExAllocateFromLookasideListEx and ExFreeToLookasideListEx are inline over L and the SList calls. */
typedef struct _LOOKASIDE_LIST_EX {
    GENERAL_LOOKASIDE_POOL L;
} LOOKASIDE_LIST_EX, *PLOOKASIDE_LIST_EX;
#define EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL 0x00000001UL
#define EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE 0x00000002UL
/* Allocate/Free may be NULL: the pool's own calls are used. STATUS_INVALID_PARAMETER for both flags. */
NTSTATUS NTAPI ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PALLOCATE_FUNCTION_EX Allocate,
                                           PFREE_FUNCTION_EX Free, POOL_TYPE PoolType, ULONG Flags, SIZE_T Size,
                                           ULONG Tag, USHORT Depth);
VOID NTAPI ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside);
/* Gives every cached entry back to the Free routine; the list stays usable. */
VOID NTAPI ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside);
PVOID NTAPI ExAllocateFromLookasideListEx(PLOOKASIDE_LIST_EX Lookaside);
VOID NTAPI ExFreeToLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PVOID Entry);

/* 80 bytes on x86 (8-aligned, as its SLIST_HEADER). */
typedef struct _NPAGED_LOOKASIDE_LIST {
    GENERAL_LOOKASIDE L;
    KSPIN_LOCK Lock__ObsoleteButDoNotDelete; /* x86's field: a DPC and passive code may share the list */
} NPAGED_LOOKASIDE_LIST, *PNPAGED_LOOKASIDE_LIST;

/* 104 bytes on x86: the WDK keeps an obsolete FAST_MUTEX (32 bytes) after L; Pagoda has no FAST_MUTEX. */
typedef struct _PAGED_LOOKASIDE_LIST {
    GENERAL_LOOKASIDE L;
    ULONG Lock__ObsoleteButDoNotDelete[8];
} PAGED_LOOKASIDE_LIST, *PPAGED_LOOKASIDE_LIST;

/* Allocate/Free may be NULL: the pool's own calls are used. Depth is ignored, as on Windows: the
 * depth adapts to the miss rate. */
VOID NTAPI ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate,
                                     PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth);
VOID NTAPI ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate,
                                    PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth);
PVOID NTAPI ExAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside);
VOID NTAPI ExFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry);
PVOID NTAPI ExAllocateFromPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside);
VOID NTAPI ExFreeToPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry);
VOID NTAPI ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside);
VOID NTAPI ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside);

/* Interlocked operations and lists as x86 drivers import them (kernel/interlocked.c,
 * kernel/interlocked_list.c, kernel/slist.c): fastcall, except the ExInterlocked*List and Exi386 forms. */
typedef LONG *PLONG;
typedef LONGLONG *PLONGLONG;
typedef enum _INTERLOCKED_RESULT { ResultNegative = 1, ResultZero = 0, ResultPositive = 2 } INTERLOCKED_RESULT;
LONG FASTCALL InterlockedIncrement(LONG volatile *Addend);
LONG FASTCALL InterlockedDecrement(LONG volatile *Addend);
LONG FASTCALL InterlockedExchange(LONG volatile *Target, LONG Value);
LONG FASTCALL InterlockedExchangeAdd(LONG volatile *Addend, LONG Value);
LONG FASTCALL InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand);
LONGLONG FASTCALL ExfInterlockedCompareExchange64(LONGLONG volatile *Destination, PLONGLONG Exchange,
                                                  PLONGLONG Comparand);
VOID FASTCALL ExInterlockedAddLargeStatistic(PLARGE_INTEGER Addend, ULONG Increment);
LONGLONG FASTCALL ExInterlockedCompareExchange64(LONGLONG volatile *Destination, PLONGLONG Exchange,
                                                 PLONGLONG Comparand, PKSPIN_LOCK Lock);
INTERLOCKED_RESULT NTAPI Exi386InterlockedIncrementLong(PLONG Addend);
INTERLOCKED_RESULT FASTCALL Exfi386InterlockedIncrementLong(PLONG Addend);
INTERLOCKED_RESULT NTAPI Exi386InterlockedDecrementLong(PLONG Addend);
INTERLOCKED_RESULT FASTCALL Exfi386InterlockedDecrementLong(PLONG Addend);
ULONG NTAPI Exi386InterlockedExchangeUlong(PULONG Target, ULONG Value);
ULONG FASTCALL Exfi386InterlockedExchangeUlong(PULONG Target, ULONG Value);

/* Each list routine in its stdcall Ex form and its fastcall Exf twin. */
PLIST_ENTRY NTAPI ExInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock);
PLIST_ENTRY FASTCALL ExfInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock);
PLIST_ENTRY NTAPI ExInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock);
PLIST_ENTRY FASTCALL ExfInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock);
PLIST_ENTRY NTAPI ExInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock);
PLIST_ENTRY FASTCALL ExfInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock);
PSINGLE_LIST_ENTRY NTAPI ExInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead, PKSPIN_LOCK Lock);
PSINGLE_LIST_ENTRY FASTCALL ExfInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead, PKSPIN_LOCK Lock);
PSINGLE_LIST_ENTRY NTAPI ExInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY ListEntry,
                                                    PKSPIN_LOCK Lock);
PSINGLE_LIST_ENTRY FASTCALL ExfInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY ListEntry,
                                                        PKSPIN_LOCK Lock);
ULONG NTAPI ExInterlockedAddUlong(PULONG Addend, ULONG Increment, PKSPIN_LOCK Lock);
ULONG FASTCALL ExfInterlockedAddUlong(PULONG Addend, ULONG Increment, PKSPIN_LOCK Lock);
LARGE_INTEGER NTAPI ExInterlockedAddLargeInteger(PLARGE_INTEGER Addend, LARGE_INTEGER Increment, PKSPIN_LOCK Lock);

PSLIST_ENTRY FASTCALL InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry);
PSLIST_ENTRY FASTCALL InterlockedPopEntrySList(PSLIST_HEADER ListHead);
PSLIST_ENTRY FASTCALL InterlockedFlushSList(PSLIST_HEADER ListHead);
PSLIST_ENTRY FASTCALL ExInterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry, PKSPIN_LOCK Lock);
PSLIST_ENTRY FASTCALL ExInterlockedPopEntrySList(PSLIST_HEADER ListHead, PKSPIN_LOCK Lock);
PSLIST_ENTRY FASTCALL ExInterlockedFlushSList(PSLIST_HEADER ListHead);
static inline VOID InitializeSListHead(PSLIST_HEADER SListHead)
{
    SListHead->Alignment = 0;
}
static inline USHORT ExQueryDepthSList(PSLIST_HEADER SListHead)
{
    return SListHead->Depth;
}

/* Time (kernel/ke_time.c, kernel/system_time.c): system time is 100 ns units since 1601 (UTC);
 * KeTickCount counts clock ticks, each KeQueryTimeIncrement() 100 ns units long. */
extern volatile KSYSTEM_TIME KeTickCount;

/* The processors (kernel/processors.c): one, number 0 of group 0. */
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;
typedef struct _PROCESSOR_NUMBER {
    USHORT Group;
    UCHAR Number;
    UCHAR Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;
#define ALL_PROCESSOR_GROUPS 0xFFFF
extern volatile CHAR KeNumberProcessors;
KAFFINITY NTAPI KeQueryActiveProcessors(VOID);
ULONG NTAPI KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors);
ULONG NTAPI KeQueryMaximumProcessorCount(VOID);
ULONG NTAPI KeQueryActiveProcessorCountEx(USHORT GroupNumber);
ULONG NTAPI KeQueryMaximumProcessorCountEx(USHORT GroupNumber);
USHORT NTAPI KeQueryActiveGroupCount(VOID);
USHORT NTAPI KeQueryMaximumGroupCount(VOID);
ULONG NTAPI KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber);
#define INVALID_PROCESSOR_INDEX 0xffffffff
NTSTATUS NTAPI KeGetProcessorNumberFromIndex(ULONG ProcIndex, PPROCESSOR_NUMBER ProcNumber);
ULONG NTAPI KeGetProcessorIndexFromNumber(PPROCESSOR_NUMBER ProcNumber);
typedef struct _GROUP_AFFINITY {
    KAFFINITY Mask;
    USHORT Group;
    USHORT Reserved[3];
} GROUP_AFFINITY, *PGROUP_AFFINITY;
VOID NTAPI KeQueryNodeActiveAffinity(USHORT NodeNumber, PGROUP_AFFINITY Affinity, PUSHORT Count);
/* The current thread's system affinity (kernel/affinity.c): a mask of the one processor, or 0 when the
 * thread runs with its user affinity. A mask naming no active processor, or another one, changes nothing. */
VOID NTAPI KeSetSystemAffinityThread(KAFFINITY Affinity);
VOID NTAPI KeRevertToUserAffinityThread(VOID);
KAFFINITY NTAPI KeSetSystemAffinityThreadEx(KAFFINITY Affinity);
VOID NTAPI KeRevertToUserAffinityThreadEx(KAFFINITY Affinity);
VOID NTAPI KeSetSystemGroupAffinityThread(PGROUP_AFFINITY Affinity, PGROUP_AFFINITY PreviousAffinity);
VOID NTAPI KeRevertToUserGroupAffinityThread(PGROUP_AFFINITY PreviousAffinity);
/* Calls on every processor (kernel/generic_call.c): here the one. */
typedef LONG LOGICAL;
VOID NTAPI KeGenericCallDpc(PKDEFERRED_ROUTINE Routine, PVOID Context);
VOID NTAPI KeSignalCallDpcDone(PVOID SystemArgument1);
LOGICAL NTAPI KeSignalCallDpcSynchronize(PVOID SystemArgument2);
typedef ULONG_PTR NTAPI KIPI_BROADCAST_WORKER(ULONG_PTR Argument);
typedef KIPI_BROADCAST_WORKER *PKIPI_BROADCAST_WORKER;
ULONG_PTR NTAPI KeIpiGenericCall(PKIPI_BROADCAST_WORKER BroadcastFunction, ULONG_PTR Context);
/* A callout on a stack of at least Size bytes (drivers/stack_expand.c); x86's sizes. */
#define KERNEL_LARGE_STACK_SIZE 61440
#define MAXIMUM_EXPANSION_SIZE (KERNEL_LARGE_STACK_SIZE - 0x800) /* less half a page */
typedef VOID NTAPI EXPAND_STACK_CALLOUT(PVOID Parameter);
typedef EXPAND_STACK_CALLOUT *PEXPAND_STACK_CALLOUT;
NTSTATUS NTAPI KeExpandKernelStackAndCallout(PEXPAND_STACK_CALLOUT Callout, PVOID Parameter, SIZE_T Size);
NTSTATUS NTAPI KeExpandKernelStackAndCalloutEx(PEXPAND_STACK_CALLOUT Callout, PVOID Parameter, SIZE_T Size,
                                               BOOLEAN Wait, PVOID Context);
VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount);
ULONG NTAPI KeQueryTimeIncrement(VOID);
/* The same clock, one tick's resolution (kernel/system_time.c, kernel/ke_time.c): the precise forms are
 * the plain ones (QpcTimeStamp the performance counter of that moment), and the interrupt time is
 * unbiased as nothing sleeps. Local time is UTC: there is no time zone. */
VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
ULONGLONG NTAPI KeQueryInterruptTimePrecise(PULONGLONG QpcTimeStamp);
ULONGLONG NTAPI KeQueryUnbiasedInterruptTime(VOID);
VOID NTAPI ExSystemTimeToLocalTime(PLARGE_INTEGER SystemTime, PLARGE_INTEGER LocalTime);
VOID NTAPI ExLocalTimeToSystemTime(PLARGE_INTEGER LocalTime, PLARGE_INTEGER SystemTime);
/* The clock's resolution in 100 ns units, which no request changes. IRQL <= APC_LEVEL: above it 0xC4
 * (0x20006, the rule IrqlExApcLte2). */
ULONG NTAPI ExSetTimerResolution(ULONG DesiredTime, BOOLEAN SetResolution);
/* The calendar (kernel/time_fields.c): Weekday 0 is Sunday; RtlTimeFieldsToTime is FALSE for fields out
 * of range or a year before 1601; the seconds since 1970 or 1980 are FALSE for a time outside a ULONG's
 * reach of the epoch. */
typedef struct _TIME_FIELDS {
    CSHORT Year;
    CSHORT Month;
    CSHORT Day;
    CSHORT Hour;
    CSHORT Minute;
    CSHORT Second;
    CSHORT Milliseconds;
    CSHORT Weekday;
} TIME_FIELDS, *PTIME_FIELDS;
VOID NTAPI RtlTimeToTimeFields(PLARGE_INTEGER Time, PTIME_FIELDS TimeFields);
BOOLEAN NTAPI RtlTimeFieldsToTime(PTIME_FIELDS TimeFields, PLARGE_INTEGER Time);
BOOLEAN NTAPI RtlTimeToSecondsSince1970(PLARGE_INTEGER Time, PULONG ElapsedSeconds);
BOOLEAN NTAPI RtlTimeToSecondsSince1980(PLARGE_INTEGER Time, PULONG ElapsedSeconds);
VOID NTAPI RtlSecondsSince1970ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time);
VOID NTAPI RtlSecondsSince1980ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time);
/* HAL.dll's: the counter runs at the PIT's 1.193182 MHz. */
LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency);
VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds);

/* An export of ntoskrnl.exe or HAL.dll by name, or NULL (drivers/system_routine.c). */
PVOID NTAPI MmGetSystemRoutineAddress(PUNICODE_STRING SystemRoutineName);

/* Port I/O (HAL.dll, kernel/port_io_export.c) and memory-mapped registers (ntoskrnl.exe,
 * kernel/register_io.c), for each of UCHAR, USHORT, ULONG. */
#define WDK_IO_DECLARATIONS(suffix, type)                                                                    \
    type NTAPI READ_PORT_##suffix(type *Port);                                                               \
    VOID NTAPI WRITE_PORT_##suffix(type *Port, type Value);                                                  \
    VOID NTAPI READ_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count);                             \
    VOID NTAPI WRITE_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count);                            \
    type NTAPI READ_REGISTER_##suffix(volatile type *Register);                                              \
    VOID NTAPI WRITE_REGISTER_##suffix(volatile type *Register, type Value);                                 \
    VOID NTAPI READ_REGISTER_BUFFER_##suffix(volatile type *Register, type *Buffer, ULONG Count);            \
    VOID NTAPI WRITE_REGISTER_BUFFER_##suffix(volatile type *Register, type *Buffer, ULONG Count);
WDK_IO_DECLARATIONS(UCHAR, UCHAR)
WDK_IO_DECLARATIONS(USHORT, USHORT)
WDK_IO_DECLARATIONS(ULONG, ULONG)


/* The Windows version Pagoda answers as (kernel/version.c): Windows 10 22H2, 10.0.19045, the last
 * x86 release; a checked build, as Pagoda behaves. */
#define OSVERSIONINFO_FIELDS                                                                               \
    ULONG dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;                 \
    WCHAR szCSDVersion[128];
typedef struct _OSVERSIONINFOW {
    OSVERSIONINFO_FIELDS
} RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;
typedef struct _OSVERSIONINFOEXW { /* the same, then: */
    OSVERSIONINFO_FIELDS
    USHORT wServicePackMajor;
    USHORT wServicePackMinor;
    USHORT wSuiteMask;
    UCHAR wProductType;
    UCHAR wReserved;
} RTL_OSVERSIONINFOEXW, *PRTL_OSVERSIONINFOEXW;
BOOLEAN NTAPI PsGetVersion(PULONG MajorVersion, PULONG MinorVersion, PULONG BuildNumber, PUNICODE_STRING CSDVersion);
NTSTATUS NTAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation);
BOOLEAN NTAPI IoIsWdmVersionAvailable(UCHAR MajorVersion, UCHAR MinorVersion);

/* Floating point in kernel code (kernel/float_save.c): the x87 (and SSE, where the CPU has it) state
 * is saved whole and a fresh one given; the restore must come at the same IRQL, innermost save first,
 * or it is bugcheck 0xE7 INVALID_FLOATING_POINT_STATE. x86's KFLOATING_SAVE: 32 bytes. */
#define STATUS_ILLEGAL_FLOAT_CONTEXT ((NTSTATUS)0xC000014AL)
typedef struct _KFLOATING_SAVE {
    ULONG ControlWord;
    ULONG StatusWord;
    ULONG ErrorOffset;
    ULONG ErrorSelector;
    ULONG DataOffset;
    ULONG DataSelector;
    ULONG Cr0NpxState;
    ULONG Spare1; /* Pagoda's: the save area */
} KFLOATING_SAVE, *PKFLOATING_SAVE;
NTSTATUS NTAPI KeSaveFloatingPointState(PKFLOATING_SAVE FloatSave);
NTSTATUS NTAPI KeRestoreFloatingPointState(PKFLOATING_SAVE FloatSave);

/* System work items (kernel/work_queue.c): no worker threads, so queued items run at PASSIVE_LEVEL
 * whenever the kernel is idle (the console waiting for input) or a wait at PASSIVE_LEVEL, holding
 * nothing, polls. ExInitializeWorkItem is the WDK's macro. */
typedef enum _WORK_QUEUE_TYPE {
    CriticalWorkQueue,
    DelayedWorkQueue,
    HyperCriticalWorkQueue,
    NormalWorkQueue,
    BackgroundWorkQueue,
    RealTimeWorkQueue,
    SuperCriticalWorkQueue,
    MaximumWorkQueue,
    CustomPriorityWorkQueue = 32
} WORK_QUEUE_TYPE;
typedef VOID NTAPI WORKER_THREAD_ROUTINE(PVOID Parameter);
typedef WORKER_THREAD_ROUTINE *PWORKER_THREAD_ROUTINE;
typedef struct _WORK_QUEUE_ITEM {
    LIST_ENTRY List; /* List.Flink non-NULL while queued */
    PWORKER_THREAD_ROUTINE WorkerRoutine;
    volatile PVOID Parameter;
} WORK_QUEUE_ITEM, *PWORK_QUEUE_ITEM;
#define ExInitializeWorkItem(Item, Routine, Context)                                                       \
    do {                                                                                                   \
        (Item)->WorkerRoutine = (Routine);                                                                 \
        (Item)->Parameter = (Context);                                                                     \
        (Item)->List.Flink = NULL;                                                                         \
    } while (0)
VOID NTAPI ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE QueueType);

/* I/O work items (drivers/io_workitem.c): a queued one holds a reference on its device object. */
typedef struct _IO_WORKITEM *PIO_WORKITEM;
typedef VOID NTAPI IO_WORKITEM_ROUTINE(PDEVICE_OBJECT DeviceObject, PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;
PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject);
VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE WorkerRoutine, WORK_QUEUE_TYPE QueueType,
                           PVOID Context);
VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem);

/* Object references (drivers/ob_reference.c). There is no object manager: a device object counts its
 * references (its memory stays until the last is gone, after IoDeleteDevice); driver objects, the
 * System process and the boot thread are never freed, so theirs are not counted. */
typedef intptr_t LONG_PTR;
typedef ULONG ACCESS_MASK;
typedef struct _OBJECT_TYPE *POBJECT_TYPE;
#define STATUS_OBJECT_TYPE_MISMATCH ((NTSTATUS)0xC0000024L)
/* Data exports, as on Windows pointers to the variables that hold the types: drivers pass *PsProcessType. */
extern POBJECT_TYPE *PsProcessType, *PsThreadType;
extern POBJECT_TYPE *IoDriverObjectType, *IoDeviceObjectType, *IoFileObjectType;
/* Event objects with handles and names (drivers/ob_event.c) and waits through handles (drivers/ob_wait.c). */
extern POBJECT_TYPE *ExEventObjectType;
#define SYNCHRONIZE 0x00100000L
#define EVENT_QUERY_STATE 0x0001
#define EVENT_MODIFY_STATE 0x0002
#define EVENT_ALL_ACCESS 0x001F0003L
#define STATUS_OBJECT_NAME_EXISTS ((NTSTATUS)0x40000000L) /* a success: OBJ_OPENIF opened the one there */
#define STATUS_NO_YIELD_PERFORMED ((NTSTATUS)0x40000024L)
#define STATUS_INVALID_PARAMETER_MIX ((NTSTATUS)0xC0000030L)
#define STATUS_INVALID_PARAMETER_1 ((NTSTATUS)0xC00000EFL)
#define STATUS_INVALID_PARAMETER_3 ((NTSTATUS)0xC00000F1L)
struct _OBJECT_ATTRIBUTES;
NTSTATUS NTAPI ZwCreateEvent(PHANDLE EventHandle, ACCESS_MASK DesiredAccess, struct _OBJECT_ATTRIBUTES *ObjectAttributes,
                             EVENT_TYPE EventType, BOOLEAN InitialState);
NTSTATUS NTAPI ZwOpenEvent(PHANDLE EventHandle, ACCESS_MASK DesiredAccess, struct _OBJECT_ATTRIBUTES *ObjectAttributes);
NTSTATUS NTAPI ZwSetEvent(HANDLE EventHandle, PLONG PreviousState);
NTSTATUS NTAPI ZwResetEvent(HANDLE EventHandle, PLONG PreviousState);
NTSTATUS NTAPI ZwPulseEvent(HANDLE EventHandle, PLONG PreviousState);
NTSTATUS NTAPI ZwClearEvent(HANDLE EventHandle);
PKEVENT NTAPI IoCreateNotificationEvent(PUNICODE_STRING EventName, PHANDLE EventHandle);
PKEVENT NTAPI IoCreateSynchronizationEvent(PUNICODE_STRING EventName, PHANDLE EventHandle);
NTSTATUS NTAPI ZwWaitForSingleObject(HANDLE Handle, BOOLEAN Alertable, PLARGE_INTEGER Timeout);
NTSTATUS NTAPI ZwWaitForMultipleObjects(ULONG HandleCount, PHANDLE Handles, WAIT_TYPE WaitType, BOOLEAN Alertable,
                                        PLARGE_INTEGER Timeout);
NTSTATUS NTAPI ZwYieldExecution(VOID);
/* ZwQuerySystemInformation (drivers/ex_sysinfo.c): the classes and x86 Windows' layouts of what it
 * answers; the WDK does not declare them (drivers declare them as Windows lays them out). */
typedef enum _SYSTEM_INFORMATION_CLASS {
    SystemBasicInformation = 0,
    SystemProcessorInformation = 1,
    SystemTimeOfDayInformation = 3,
    SystemModuleInformation = 11,
} SYSTEM_INFORMATION_CLASS;
typedef struct _SYSTEM_BASIC_INFORMATION {
    ULONG Reserved;
    ULONG TimerResolution; /* 100 ns units */
    ULONG PageSize;
    ULONG NumberOfPhysicalPages;
    ULONG LowestPhysicalPageNumber;
    ULONG HighestPhysicalPageNumber;
    ULONG AllocationGranularity;
    ULONG_PTR MinimumUserModeAddress;
    ULONG_PTR MaximumUserModeAddress;
    ULONG_PTR ActiveProcessorsAffinityMask;
    CCHAR NumberOfProcessors;
} SYSTEM_BASIC_INFORMATION, *PSYSTEM_BASIC_INFORMATION;
typedef struct _SYSTEM_PROCESSOR_INFORMATION {
    USHORT ProcessorArchitecture;
    USHORT ProcessorLevel;
    USHORT ProcessorRevision;
    USHORT MaximumProcessors;
    ULONG ProcessorFeatureBits;
} SYSTEM_PROCESSOR_INFORMATION, *PSYSTEM_PROCESSOR_INFORMATION;
typedef struct _SYSTEM_TIMEOFDAY_INFORMATION {
    LARGE_INTEGER BootTime;
    LARGE_INTEGER CurrentTime;
    LARGE_INTEGER TimeZoneBias;
    ULONG TimeZoneId;
    ULONG Reserved;
    ULONGLONG BootTimeBias;
    ULONGLONG SleepTimeBias;
} SYSTEM_TIMEOFDAY_INFORMATION, *PSYSTEM_TIMEOFDAY_INFORMATION;
typedef struct _RTL_PROCESS_MODULE_INFORMATION {
    HANDLE Section;
    PVOID MappedBase;
    PVOID ImageBase;
    ULONG ImageSize;
    ULONG Flags;
    USHORT LoadOrderIndex;
    USHORT InitOrderIndex;
    USHORT LoadCount;
    USHORT OffsetToFileName;
    UCHAR FullPathName[256];
} RTL_PROCESS_MODULE_INFORMATION, *PRTL_PROCESS_MODULE_INFORMATION;
typedef struct _RTL_PROCESS_MODULES {
    ULONG NumberOfModules;
    RTL_PROCESS_MODULE_INFORMATION Modules[1];
} RTL_PROCESS_MODULES, *PRTL_PROCESS_MODULES;
#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004L)
NTSTATUS NTAPI ZwQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass, PVOID SystemInformation,
                                        ULONG SystemInformationLength, PULONG ReturnLength);

/* A thread or the process through a handle (drivers/ps_info.c): the classes as ULONG, which the
 * THREADINFOCLASS and PROCESSINFOCLASS enums are in the ABI. */
NTSTATUS NTAPI ZwQueryInformationThread(HANDLE ThreadHandle, ULONG ThreadInformationClass, PVOID ThreadInformation,
                                        ULONG ThreadInformationLength, PULONG ReturnLength);
NTSTATUS NTAPI ZwSetInformationThread(HANDLE ThreadHandle, ULONG ThreadInformationClass, PVOID ThreadInformation,
                                      ULONG ThreadInformationLength);
NTSTATUS NTAPI ZwQueryInformationProcess(HANDLE ProcessHandle, ULONG ProcessInformationClass,
                                         PVOID ProcessInformation, ULONG ProcessInformationLength,
                                         PULONG ReturnLength);
/* Return addresses up the current thread's stack (drivers/rtl_backtrace.c). */
ULONG NTAPI RtlWalkFrameChain(PVOID *Callers, ULONG Count, ULONG Flags);
USHORT NTAPI RtlCaptureStackBackTrace(ULONG FramesToSkip, ULONG FramesToCapture, PVOID *BackTrace,
                                      PULONG BackTraceHash);
VOID NTAPI RtlGetCallersAddress(PVOID *CallersAddress, PVOID *CallersCaller);
/* Driver and device objects by name (drivers/ob_reference.c); PassedAccessState is a PACCESS_STATE. */
NTSTATUS NTAPI ObReferenceObjectByName(PUNICODE_STRING ObjectName, ULONG Attributes, PVOID PassedAccessState,
                                       ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode,
                                       PVOID ParseContext, PVOID *Object);

/* Callback objects (drivers/ex_callback.c): named or unnamed, with their registered routines. */
typedef struct _CALLBACK_OBJECT *PCALLBACK_OBJECT;
typedef VOID NTAPI CALLBACK_FUNCTION(PVOID CallbackContext, PVOID Argument1, PVOID Argument2);
typedef CALLBACK_FUNCTION *PCALLBACK_FUNCTION;
extern POBJECT_TYPE *ExCallbackObjectType;
NTSTATUS NTAPI ExCreateCallback(PCALLBACK_OBJECT *CallbackObject, struct _OBJECT_ATTRIBUTES *ObjectAttributes,
                                BOOLEAN Create, BOOLEAN AllowMultipleCallbacks);
PVOID NTAPI ExRegisterCallback(PCALLBACK_OBJECT CallbackObject, PCALLBACK_FUNCTION CallbackFunction,
                               PVOID CallbackContext);
VOID NTAPI ExUnregisterCallback(PVOID CbRegistration);
VOID NTAPI ExNotifyCallback(PVOID CallbackObject, PVOID Argument1, PVOID Argument2);
LONG_PTR FASTCALL ObfReferenceObject(PVOID Object);
LONG_PTR FASTCALL ObfDereferenceObject(PVOID Object);
NTSTATUS NTAPI ObReferenceObjectByPointer(PVOID Object, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                          KPROCESSOR_MODE AccessMode);

/* The registry (drivers/registry*.c): keys and typed values in memory, reached through kernel handles
 * (Zw*) or paths (the Rtl routines); at PASSIVE_LEVEL. x86 Windows' layouts. */
#define STATUS_INVALID_INFO_CLASS ((NTSTATUS)0xC0000003L)
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#define STATUS_OBJECT_PATH_NOT_FOUND ((NTSTATUS)0xC000003AL)
#define STATUS_OBJECT_PATH_SYNTAX_BAD ((NTSTATUS)0xC000003BL)
#define STATUS_CANNOT_DELETE ((NTSTATUS)0xC0000121L)
#define STATUS_KEY_DELETED ((NTSTATUS)0xC000017CL)
#define STATUS_CHILD_MUST_BE_VOLATILE ((NTSTATUS)0xC0000181L)
#define STATUS_NO_MORE_ENTRIES ((NTSTATUS)0x8000001AL) /* a warning */

#define OBJ_INHERIT 0x00000002L
#define OBJ_CASE_INSENSITIVE 0x00000040L
#define OBJ_OPENIF 0x00000080L
#define OBJ_KERNEL_HANDLE 0x00000200L

/* Kernel handles (drivers/ob_handle.c) and system threads (drivers/ps_thread.c). A thread object counts
 * its references (its handles among them, and itself while it runs) and is freed with the last. */
#define THREAD_ALL_ACCESS 0x001FFFFFL
#define NtCurrentProcess() ((HANDLE)(LONG_PTR)-1)
#define NtCurrentThread() ((HANDLE)(LONG_PTR)-2)
typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

#define InitializeObjectAttributes(p, n, a, r, s)                                                      \
    do {                                                                                               \
        (p)->Length = sizeof(OBJECT_ATTRIBUTES);                                                       \
        (p)->RootDirectory = (r);                                                                      \
        (p)->Attributes = (a);                                                                         \
        (p)->ObjectName = (n);                                                                         \
        (p)->SecurityDescriptor = (s);                                                                 \
        (p)->SecurityQualityOfService = NULL;                                                          \
    } while (0)

#define REG_NONE 0
#define REG_SZ 1
#define REG_EXPAND_SZ 2
#define REG_BINARY 3
#define REG_DWORD 4
#define REG_DWORD_BIG_ENDIAN 5
#define REG_LINK 6
#define REG_MULTI_SZ 7
#define REG_RESOURCE_LIST 8
#define REG_FULL_RESOURCE_DESCRIPTOR 9
#define REG_RESOURCE_REQUIREMENTS_LIST 10
#define REG_QWORD 11

#define REG_OPTION_NON_VOLATILE 0x00000000L
#define REG_OPTION_VOLATILE 0x00000001L
#define REG_OPTION_CREATE_LINK 0x00000002L
#define REG_OPTION_BACKUP_RESTORE 0x00000004L
#define REG_OPTION_OPEN_LINK 0x00000008L
#define REG_CREATED_NEW_KEY 0x00000001L
#define REG_OPENED_EXISTING_KEY 0x00000002L

typedef enum _KEY_INFORMATION_CLASS {
    KeyBasicInformation,
    KeyNodeInformation,
    KeyFullInformation,
    KeyNameInformation,
    KeyCachedInformation,
    KeyFlagsInformation,
} KEY_INFORMATION_CLASS;

typedef struct _KEY_BASIC_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG NameLength;
    WCHAR Name[1];
} KEY_BASIC_INFORMATION, *PKEY_BASIC_INFORMATION;

typedef struct _KEY_NODE_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG ClassOffset;
    ULONG ClassLength;
    ULONG NameLength;
    WCHAR Name[1];
} KEY_NODE_INFORMATION, *PKEY_NODE_INFORMATION;

typedef struct _KEY_FULL_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG ClassOffset;
    ULONG ClassLength;
    ULONG SubKeys;
    ULONG MaxNameLen;
    ULONG MaxClassLen;
    ULONG Values;
    ULONG MaxValueNameLen;
    ULONG MaxValueDataLen;
    WCHAR Class[1];
} KEY_FULL_INFORMATION, *PKEY_FULL_INFORMATION;

typedef struct _KEY_NAME_INFORMATION {
    ULONG NameLength;
    WCHAR Name[1];
} KEY_NAME_INFORMATION, *PKEY_NAME_INFORMATION;

typedef struct _KEY_CACHED_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG SubKeys;
    ULONG MaxNameLen;
    ULONG Values;
    ULONG MaxValueNameLen;
    ULONG MaxValueDataLen;
    ULONG NameLength;
} KEY_CACHED_INFORMATION, *PKEY_CACHED_INFORMATION;

typedef enum _KEY_VALUE_INFORMATION_CLASS {
    KeyValueBasicInformation,
    KeyValueFullInformation,
    KeyValuePartialInformation,
    KeyValueFullInformationAlign64,
    KeyValuePartialInformationAlign64,
} KEY_VALUE_INFORMATION_CLASS;

typedef struct _KEY_VALUE_BASIC_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG NameLength;
    WCHAR Name[1];
} KEY_VALUE_BASIC_INFORMATION, *PKEY_VALUE_BASIC_INFORMATION;

typedef struct _KEY_VALUE_FULL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataOffset;
    ULONG DataLength;
    ULONG NameLength;
    WCHAR Name[1];
} KEY_VALUE_FULL_INFORMATION, *PKEY_VALUE_FULL_INFORMATION;

typedef struct _KEY_VALUE_PARTIAL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataLength;
    UCHAR Data[1];
} KEY_VALUE_PARTIAL_INFORMATION, *PKEY_VALUE_PARTIAL_INFORMATION;

NTSTATUS NTAPI ZwOpenKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes);
NTSTATUS NTAPI ZwCreateKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                           ULONG TitleIndex, PUNICODE_STRING Class, ULONG CreateOptions, PULONG Disposition);
NTSTATUS NTAPI ZwClose(HANDLE Handle);
NTSTATUS NTAPI ZwDeleteKey(HANDLE KeyHandle);
NTSTATUS NTAPI ZwFlushKey(HANDLE KeyHandle);
NTSTATUS NTAPI ZwQueryKey(HANDLE KeyHandle, KEY_INFORMATION_CLASS KeyInformationClass, PVOID KeyInformation,
                          ULONG Length, PULONG ResultLength);
NTSTATUS NTAPI ZwEnumerateKey(HANDLE KeyHandle, ULONG Index, KEY_INFORMATION_CLASS KeyInformationClass,
                              PVOID KeyInformation, ULONG Length, PULONG ResultLength);
NTSTATUS NTAPI ZwSetValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName, ULONG TitleIndex, ULONG Type, PVOID Data,
                             ULONG DataSize);
NTSTATUS NTAPI ZwQueryValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName,
                               KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass, PVOID KeyValueInformation,
                               ULONG Length, PULONG ResultLength);
NTSTATUS NTAPI ZwEnumerateValueKey(HANDLE KeyHandle, ULONG Index,
                                   KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass, PVOID KeyValueInformation,
                                   ULONG Length, PULONG ResultLength);
NTSTATUS NTAPI ZwDeleteValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName);

#define RTL_REGISTRY_ABSOLUTE 0
#define RTL_REGISTRY_SERVICES 1
#define RTL_REGISTRY_CONTROL 2
#define RTL_REGISTRY_WINDOWS_NT 3
#define RTL_REGISTRY_DEVICEMAP 4
#define RTL_REGISTRY_USER 5
#define RTL_REGISTRY_MAXIMUM 6
#define RTL_REGISTRY_HANDLE 0x40000000
#define RTL_REGISTRY_OPTIONAL 0x80000000

#define RTL_QUERY_REGISTRY_SUBKEY 0x00000001
#define RTL_QUERY_REGISTRY_TOPKEY 0x00000002
#define RTL_QUERY_REGISTRY_REQUIRED 0x00000004
#define RTL_QUERY_REGISTRY_NOVALUE 0x00000008
#define RTL_QUERY_REGISTRY_NOEXPAND 0x00000010
#define RTL_QUERY_REGISTRY_DIRECT 0x00000020
#define RTL_QUERY_REGISTRY_DELETE 0x00000040
#define RTL_QUERY_REGISTRY_TYPECHECK 0x00000100
#define RTL_QUERY_REGISTRY_TYPECHECK_SHIFT 24

typedef NTSTATUS(NTAPI *PRTL_QUERY_REGISTRY_ROUTINE)(PWSTR ValueName, ULONG ValueType, PVOID ValueData,
                                                     ULONG ValueLength, PVOID Context, PVOID EntryContext);

typedef struct _RTL_QUERY_REGISTRY_TABLE {
    PRTL_QUERY_REGISTRY_ROUTINE QueryRoutine;
    ULONG Flags;
    PWSTR Name;
    PVOID EntryContext;
    ULONG DefaultType;
    PVOID DefaultData;
    ULONG DefaultLength;
} RTL_QUERY_REGISTRY_TABLE, *PRTL_QUERY_REGISTRY_TABLE;

NTSTATUS NTAPI RtlQueryRegistryValues(ULONG RelativeTo, PCWSTR Path, PRTL_QUERY_REGISTRY_TABLE QueryTable,
                                      PVOID Context, PVOID Environment);
NTSTATUS NTAPI RtlWriteRegistryValue(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName, ULONG ValueType,
                                     PVOID ValueData, ULONG ValueLength);
NTSTATUS NTAPI RtlDeleteRegistryValue(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName);
NTSTATUS NTAPI RtlCreateRegistryKey(ULONG RelativeTo, PWSTR Path);
NTSTATUS NTAPI RtlCheckRegistryKey(ULONG RelativeTo, PWSTR Path);
typedef struct _CLIENT_ID {
    HANDLE UniqueProcess;
    HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;
typedef struct _OBJECT_HANDLE_INFORMATION {
    ULONG HandleAttributes;
    ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;
typedef VOID NTAPI KSTART_ROUTINE(PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;
NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                         KPROCESSOR_MODE AccessMode, PVOID *Object,
                                         POBJECT_HANDLE_INFORMATION HandleInformation);
NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                                    HANDLE ProcessHandle, PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
                                    PVOID StartContext);
NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus);
PETHREAD NTAPI PsGetCurrentThread(VOID);
/* Threads and the process by id (drivers/ps_lookup.c): referenced, or STATUS_INVALID_PARAMETER. */
NTSTATUS NTAPI PsLookupThreadByThreadId(HANDLE ThreadId, PETHREAD *Thread);
NTSTATUS NTAPI PsLookupProcessByProcessId(HANDLE ProcessId, PEPROCESS *Process);
HANDLE NTAPI PsGetThreadId(PETHREAD Thread);
HANDLE NTAPI PsGetProcessId(PEPROCESS Process);
HANDLE NTAPI PsGetThreadProcessId(PETHREAD Thread);

/* Cancel-safe IRP queues (drivers/io_csq.c): the WDK's IO_CSQ and IO_CSQ_IRP_CONTEXT. The driver keeps
 * the queue through its callbacks; the routines here make every insert and removal race-free against
 * IoCancelIrp, keep the IRP's place in DriverContext[3], and call CsqCompleteCanceledIrp for an IRP
 * cancelled while queued (or before it got in). */
#define IO_TYPE_CSQ_IRP_CONTEXT 1
#define IO_TYPE_CSQ 2
#define IO_TYPE_CSQ_EX 3
struct _IO_CSQ;
typedef struct _IO_CSQ_IRP_CONTEXT {
    ULONG Type; /* IO_TYPE_CSQ_IRP_CONTEXT */
    struct _IRP *Irp; /* NULL once the IRP has left the queue */
    struct _IO_CSQ *Csq;
} IO_CSQ_IRP_CONTEXT, *PIO_CSQ_IRP_CONTEXT;
typedef VOID NTAPI IO_CSQ_INSERT_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef IO_CSQ_INSERT_IRP *PIO_CSQ_INSERT_IRP;
typedef NTSTATUS NTAPI IO_CSQ_INSERT_IRP_EX(struct _IO_CSQ *Csq, PIRP Irp, PVOID InsertContext);
typedef IO_CSQ_INSERT_IRP_EX *PIO_CSQ_INSERT_IRP_EX;
typedef VOID NTAPI IO_CSQ_REMOVE_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef IO_CSQ_REMOVE_IRP *PIO_CSQ_REMOVE_IRP;
typedef PIRP NTAPI IO_CSQ_PEEK_NEXT_IRP(struct _IO_CSQ *Csq, PIRP Irp, PVOID PeekContext);
typedef IO_CSQ_PEEK_NEXT_IRP *PIO_CSQ_PEEK_NEXT_IRP;
typedef VOID NTAPI IO_CSQ_ACQUIRE_LOCK(struct _IO_CSQ *Csq, PKIRQL Irql);
typedef IO_CSQ_ACQUIRE_LOCK *PIO_CSQ_ACQUIRE_LOCK;
typedef VOID NTAPI IO_CSQ_RELEASE_LOCK(struct _IO_CSQ *Csq, KIRQL Irql);
typedef IO_CSQ_RELEASE_LOCK *PIO_CSQ_RELEASE_LOCK;
typedef VOID NTAPI IO_CSQ_COMPLETE_CANCELED_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef IO_CSQ_COMPLETE_CANCELED_IRP *PIO_CSQ_COMPLETE_CANCELED_IRP;
typedef struct _IO_CSQ {
    ULONG Type; /* IO_TYPE_CSQ, or IO_TYPE_CSQ_EX when CsqInsertIrp is an IO_CSQ_INSERT_IRP_EX */
    PIO_CSQ_INSERT_IRP CsqInsertIrp;
    PIO_CSQ_REMOVE_IRP CsqRemoveIrp;
    PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp;
    PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock;
    PIO_CSQ_RELEASE_LOCK CsqReleaseLock;
    PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp;
    PVOID ReservePointer;
} IO_CSQ, *PIO_CSQ;
NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp, PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                               PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp, PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                               PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                               PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrpEx, PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                                 PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp, PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                                 PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                                 PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context);
/* STATUS_SUCCESS for an IoCsqInitialize queue, else what CsqInsertIrpEx returned (a failure: not queued). */
NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context, PVOID InsertContext);
/* NULL when the IRP has left the queue (removed, or being cancelled). */
PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context);
/* The first IRP CsqPeekNextIrp gives that is not being cancelled, out of the queue; NULL when none. */
PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext);

/* Notify routines (drivers/ps_notify.c): up to PS_NOTIFY_MAX of each kind, past that
 * STATUS_INSUFFICIENT_RESOURCES; a removal of a routine not registered is STATUS_PROCEDURE_NOT_FOUND. */
#define STATUS_PROCEDURE_NOT_FOUND ((NTSTATUS)0xC000007AL)
typedef VOID NTAPI CREATE_THREAD_NOTIFY_ROUTINE(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create);
typedef CREATE_THREAD_NOTIFY_ROUTINE *PCREATE_THREAD_NOTIFY_ROUTINE;
typedef VOID NTAPI CREATE_PROCESS_NOTIFY_ROUTINE(HANDLE ParentId, HANDLE ProcessId, BOOLEAN Create);
typedef CREATE_PROCESS_NOTIFY_ROUTINE *PCREATE_PROCESS_NOTIFY_ROUTINE;
#define IMAGE_ADDRESSING_MODE_32BIT 3
typedef struct _IMAGE_INFO {
    union {
        ULONG Properties;
        struct {
            ULONG ImageAddressingMode : 8;
            ULONG SystemModeImage : 1;
            ULONG ImageMappedToAllPids : 1;
            ULONG ExtendedInfoPresent : 1;
            ULONG Reserved : 21;
        };
    };
    PVOID ImageBase;
    ULONG ImageSelector;
    SIZE_T ImageSize;
    ULONG ImageSectionNumber;
} IMAGE_INFO, *PIMAGE_INFO;
typedef VOID NTAPI LOAD_IMAGE_NOTIFY_ROUTINE(PUNICODE_STRING FullImageName, HANDLE ProcessId, PIMAGE_INFO ImageInfo);
typedef LOAD_IMAGE_NOTIFY_ROUTINE *PLOAD_IMAGE_NOTIFY_ROUTINE;
NTSTATUS NTAPI PsSetCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine);
NTSTATUS NTAPI PsRemoveCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine);
NTSTATUS NTAPI PsSetLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine);
NTSTATUS NTAPI PsRemoveLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine);
/* Remove FALSE registers, TRUE removes. There is one process, never created or deleted: never called. */
NTSTATUS NTAPI PsSetCreateProcessNotifyRoutine(PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine, BOOLEAN Remove);

/* The current thread's kernel stack (drivers/io_stack.c): [LowLimit, HighLimit), and its initial top. */
VOID NTAPI IoGetStackLimits(PULONG_PTR LowLimit, PULONG_PTR HighLimit);
PVOID NTAPI IoGetInitialStack(VOID);
/* Inline in the WDK's wdm.h, as here: what lies between the caller's frame and the stack's limit. */
static inline ULONG_PTR IoGetRemainingStackSize(VOID)
{
    ULONG_PTR low, high;
    IoGetStackLimits(&low, &high);
    return (ULONG_PTR)&high - low;
}

/* Per-driver extensions and reinitialization (drivers/io_driver_extension.c). An extension is zeroed
 * nonpaged memory found by its ClientIdentificationAddress (STATUS_OBJECT_NAME_COLLISION for one taken),
 * freed when the driver unloads. A reinitialization routine runs once after DriverEntry returns (again
 * for each time it registers itself again), Count the times it has run, this one included. */
NTSTATUS NTAPI IoAllocateDriverObjectExtension(PDRIVER_OBJECT DriverObject, PVOID ClientIdentificationAddress,
                                               ULONG DriverObjectExtensionSize, PVOID *DriverObjectExtension);
PVOID NTAPI IoGetDriverObjectExtension(PDRIVER_OBJECT DriverObject, PVOID ClientIdentificationAddress);
typedef VOID NTAPI DRIVER_REINITIALIZE(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count);
typedef DRIVER_REINITIALIZE *PDRIVER_REINITIALIZE;
VOID NTAPI IoRegisterDriverReinitialization(PDRIVER_OBJECT DriverObject,
                                            PDRIVER_REINITIALIZE DriverReinitializationRoutine, PVOID Context);

/* IoSetCompletionRoutine with a reference on DeviceObject (and so on its driver) until the routine has
 * run (drivers/io_completion_ex.c); STATUS_INSUFFICIENT_RESOURCES when its record cannot be had. */
NTSTATUS NTAPI IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp, PIO_COMPLETION_ROUTINE CompletionRoutine,
                                        PVOID Context, BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError,
                                        BOOLEAN InvokeOnCancel);

/* kernel/rtl_hash.c */
#define HASH_STRING_ALGORITHM_DEFAULT 0
#define HASH_STRING_ALGORITHM_X65599 1
#define HASH_STRING_ALGORITHM_INVALID 0xffffffff
NTSTATUS NTAPI RtlHashUnicodeString(PCUNICODE_STRING String, BOOLEAN CaseInSensitive, ULONG HashAlgorithm,
                                    PULONG HashValue);

/* Rtl bitmaps (kernel/rtl_bitmap.c): bit n is bit n % 32 of the n / 32nd ULONG; the routines look at
 * no bit at or past SizeOfBitMap, whatever the last ULONG holds there. A search that finds nothing
 * returns 0xFFFFFFFF. */
typedef struct _RTL_BITMAP {
    ULONG SizeOfBitMap;
    PULONG Buffer;
} RTL_BITMAP, *PRTL_BITMAP;
typedef struct _RTL_BITMAP_RUN {
    ULONG StartingIndex;
    ULONG NumberOfBits;
} RTL_BITMAP_RUN, *PRTL_BITMAP_RUN;
#define RtlCheckBit(BMH, BP) ((((const int32_t *)(BMH)->Buffer)[(BP) / 32] >> ((BP) % 32)) & 0x1)
VOID NTAPI RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer, ULONG SizeOfBitMap);
VOID NTAPI RtlClearAllBits(PRTL_BITMAP BitMapHeader);
VOID NTAPI RtlSetAllBits(PRTL_BITMAP BitMapHeader);
VOID NTAPI RtlClearBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToClear);
VOID NTAPI RtlSetBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToSet);
VOID NTAPI RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
VOID NTAPI RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
BOOLEAN NTAPI RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
BOOLEAN NTAPI RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length);
BOOLEAN NTAPI RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length);
ULONG NTAPI RtlFindClearBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex);
ULONG NTAPI RtlFindSetBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex);
ULONG NTAPI RtlFindClearBitsAndSet(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex);
ULONG NTAPI RtlFindSetBitsAndClear(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex);
ULONG NTAPI RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader);
ULONG NTAPI RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader);
ULONG NTAPI RtlNumberOfSetBitsUlongPtr(ULONG_PTR Target);
ULONG NTAPI RtlFindFirstRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex);
ULONG NTAPI RtlFindLongestRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex);
ULONG NTAPI RtlFindNextForwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex, PULONG StartingRunIndex);
ULONG NTAPI RtlFindLastBackwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex, PULONG StartingRunIndex);
ULONG NTAPI RtlFindClearRuns(PRTL_BITMAP BitMapHeader, PRTL_BITMAP_RUN RunArray, ULONG SizeOfRunArray,
                             BOOLEAN LocateLongestRuns);
CCHAR NTAPI RtlFindMostSignificantBit(ULONGLONG Set);
CCHAR NTAPI RtlFindLeastSignificantBit(ULONGLONG Set);

/* Generic tables: the splay tree (kernel/rtl_gentable.c over kernel/rtl_splay.c) and the AVL tree
 * (kernel/rtl_avl.c), x86 Windows' layouts. The caller's Allocate routine gets each element's whole
 * node, its Free routine that node back; the element lies at a fixed offset in it (24 bytes in, after
 * the splay links and the insertion-order list entry, LONGLONG-aligned; 16 after RTL_BALANCED_LINKS).
 * Callbacks are stdcall and run as the kernel's calls into drivers do (kernel/callout.h). */
typedef ULONG CLONG;
typedef enum _TABLE_SEARCH_RESULT {
    TableEmptyTree,
    TableFoundNode,
    TableInsertAsLeft,
    TableInsertAsRight
} TABLE_SEARCH_RESULT;
typedef enum _RTL_GENERIC_COMPARE_RESULTS {
    GenericLessThan,
    GenericGreaterThan,
    GenericEqual
} RTL_GENERIC_COMPARE_RESULTS;

typedef struct _RTL_SPLAY_LINKS {
    struct _RTL_SPLAY_LINKS *Parent; /* a root is its own parent */
    struct _RTL_SPLAY_LINKS *LeftChild;
    struct _RTL_SPLAY_LINKS *RightChild;
} RTL_SPLAY_LINKS, *PRTL_SPLAY_LINKS;
#define RtlInitializeSplayLinks(Links)                                                                \
    {                                                                                                 \
        PRTL_SPLAY_LINKS _SplayLinks = (PRTL_SPLAY_LINKS)(Links);                                     \
        _SplayLinks->Parent = _SplayLinks;                                                            \
        _SplayLinks->LeftChild = NULL;                                                                \
        _SplayLinks->RightChild = NULL;                                                               \
    }
#define RtlParent(Links) ((PRTL_SPLAY_LINKS)(Links))->Parent
#define RtlLeftChild(Links) ((PRTL_SPLAY_LINKS)(Links))->LeftChild
#define RtlRightChild(Links) ((PRTL_SPLAY_LINKS)(Links))->RightChild
#define RtlIsRoot(Links) (RtlParent(Links) == (PRTL_SPLAY_LINKS)(Links))
#define RtlIsLeftChild(Links) (RtlLeftChild(RtlParent(Links)) == (PRTL_SPLAY_LINKS)(Links))
#define RtlIsRightChild(Links) (RtlRightChild(RtlParent(Links)) == (PRTL_SPLAY_LINKS)(Links))
#define RtlInsertAsLeftChild(ParentLinks, ChildLinks)                                                 \
    {                                                                                                 \
        PRTL_SPLAY_LINKS _SplayParent = (PRTL_SPLAY_LINKS)(ParentLinks);                              \
        PRTL_SPLAY_LINKS _SplayChild = (PRTL_SPLAY_LINKS)(ChildLinks);                                \
        _SplayParent->LeftChild = _SplayChild;                                                        \
        _SplayChild->Parent = _SplayParent;                                                           \
    }
#define RtlInsertAsRightChild(ParentLinks, ChildLinks)                                                \
    {                                                                                                 \
        PRTL_SPLAY_LINKS _SplayParent = (PRTL_SPLAY_LINKS)(ParentLinks);                              \
        PRTL_SPLAY_LINKS _SplayChild = (PRTL_SPLAY_LINKS)(ChildLinks);                                \
        _SplayParent->RightChild = _SplayChild;                                                       \
        _SplayChild->Parent = _SplayParent;                                                           \
    }
PRTL_SPLAY_LINKS NTAPI RtlSplay(PRTL_SPLAY_LINKS Links);
PRTL_SPLAY_LINKS NTAPI RtlDelete(PRTL_SPLAY_LINKS Links);
VOID NTAPI RtlDeleteNoSplay(PRTL_SPLAY_LINKS Links, PRTL_SPLAY_LINKS *Root);
PRTL_SPLAY_LINKS NTAPI RtlSubtreeSuccessor(PRTL_SPLAY_LINKS Links);
PRTL_SPLAY_LINKS NTAPI RtlSubtreePredecessor(PRTL_SPLAY_LINKS Links);
PRTL_SPLAY_LINKS NTAPI RtlRealSuccessor(PRTL_SPLAY_LINKS Links);
PRTL_SPLAY_LINKS NTAPI RtlRealPredecessor(PRTL_SPLAY_LINKS Links);

struct _RTL_GENERIC_TABLE;
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_GENERIC_COMPARE_ROUTINE(struct _RTL_GENERIC_TABLE *Table,
                                                                      PVOID FirstStruct, PVOID SecondStruct);
typedef RTL_GENERIC_COMPARE_ROUTINE *PRTL_GENERIC_COMPARE_ROUTINE;
typedef PVOID NTAPI RTL_GENERIC_ALLOCATE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, CLONG ByteSize);
typedef RTL_GENERIC_ALLOCATE_ROUTINE *PRTL_GENERIC_ALLOCATE_ROUTINE;
typedef VOID NTAPI RTL_GENERIC_FREE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, PVOID Buffer);
typedef RTL_GENERIC_FREE_ROUTINE *PRTL_GENERIC_FREE_ROUTINE;
/* RtlGetElementGenericTable counts in insertion order (InsertOrderList); OrderedPointer and the
 * one-based WhichOrderedElement remember the last element it found. */
typedef struct _RTL_GENERIC_TABLE {
    PRTL_SPLAY_LINKS TableRoot;
    LIST_ENTRY InsertOrderList;
    PLIST_ENTRY OrderedPointer;
    ULONG WhichOrderedElement;
    ULONG NumberGenericTableElements;
    PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine;
    PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine;
    PRTL_GENERIC_FREE_ROUTINE FreeRoutine;
    PVOID TableContext;
} RTL_GENERIC_TABLE, *PRTL_GENERIC_TABLE;
VOID NTAPI RtlInitializeGenericTable(PRTL_GENERIC_TABLE Table, PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine,
                                     PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine,
                                     PRTL_GENERIC_FREE_ROUTINE FreeRoutine, PVOID TableContext);
PVOID NTAPI RtlInsertElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                         PBOOLEAN NewElement);
PVOID NTAPI RtlInsertElementGenericTableFull(PRTL_GENERIC_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                             PBOOLEAN NewElement, PVOID NodeOrParent,
                                             TABLE_SEARCH_RESULT SearchResult);
BOOLEAN NTAPI RtlDeleteElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer);
PVOID NTAPI RtlLookupElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer);
PVOID NTAPI RtlLookupElementGenericTableFull(PRTL_GENERIC_TABLE Table, PVOID Buffer, PVOID *NodeOrParent,
                                             TABLE_SEARCH_RESULT *SearchResult);
PVOID NTAPI RtlEnumerateGenericTable(PRTL_GENERIC_TABLE Table, BOOLEAN Restart);
PVOID NTAPI RtlEnumerateGenericTableWithoutSplaying(PRTL_GENERIC_TABLE Table, PVOID *RestartKey);
PVOID NTAPI RtlGetElementGenericTable(PRTL_GENERIC_TABLE Table, ULONG I);
ULONG NTAPI RtlNumberGenericTableElements(PRTL_GENERIC_TABLE Table);
BOOLEAN NTAPI RtlIsGenericTableEmpty(PRTL_GENERIC_TABLE Table);

struct _RTL_AVL_TABLE;
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_AVL_COMPARE_ROUTINE(struct _RTL_AVL_TABLE *Table,
                                                                  PVOID FirstStruct, PVOID SecondStruct);
typedef RTL_AVL_COMPARE_ROUTINE *PRTL_AVL_COMPARE_ROUTINE;
typedef PVOID NTAPI RTL_AVL_ALLOCATE_ROUTINE(struct _RTL_AVL_TABLE *Table, CLONG ByteSize);
typedef RTL_AVL_ALLOCATE_ROUTINE *PRTL_AVL_ALLOCATE_ROUTINE;
typedef VOID NTAPI RTL_AVL_FREE_ROUTINE(struct _RTL_AVL_TABLE *Table, PVOID Buffer);
typedef RTL_AVL_FREE_ROUTINE *PRTL_AVL_FREE_ROUTINE;
/* Balance is height(right) - height(left), -1 to 1. */
typedef struct _RTL_BALANCED_LINKS {
    struct _RTL_BALANCED_LINKS *Parent;
    struct _RTL_BALANCED_LINKS *LeftChild;
    struct _RTL_BALANCED_LINKS *RightChild;
    CHAR Balance;
    UCHAR Reserved[3];
} RTL_BALANCED_LINKS, *PRTL_BALANCED_LINKS;
/* The tree hangs off BalancedRoot.RightChild (the root's parent is BalancedRoot, BalancedRoot's itself);
 * DepthOfTree is its height; RestartKey is where RtlEnumerateGenericTableAvl stands; DeleteCount
 * counts deletions; OrderedPointer and the one-based WhichOrderedElement remember the element
 * RtlGetElementGenericTableAvl (in collation order) found last. */
typedef struct _RTL_AVL_TABLE {
    RTL_BALANCED_LINKS BalancedRoot;
    PVOID OrderedPointer;
    ULONG WhichOrderedElement;
    ULONG NumberGenericTableElements;
    ULONG DepthOfTree;
    PRTL_BALANCED_LINKS RestartKey;
    ULONG DeleteCount;
    PRTL_AVL_COMPARE_ROUTINE CompareRoutine;
    PRTL_AVL_ALLOCATE_ROUTINE AllocateRoutine;
    PRTL_AVL_FREE_ROUTINE FreeRoutine;
    PVOID TableContext;
} RTL_AVL_TABLE, *PRTL_AVL_TABLE;
VOID NTAPI RtlInitializeGenericTableAvl(PRTL_AVL_TABLE Table, PRTL_AVL_COMPARE_ROUTINE CompareRoutine,
                                        PRTL_AVL_ALLOCATE_ROUTINE AllocateRoutine, PRTL_AVL_FREE_ROUTINE FreeRoutine,
                                        PVOID TableContext);
PVOID NTAPI RtlInsertElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                            PBOOLEAN NewElement);
PVOID NTAPI RtlInsertElementGenericTableFullAvl(PRTL_AVL_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                                PBOOLEAN NewElement, PVOID NodeOrParent,
                                                TABLE_SEARCH_RESULT SearchResult);
BOOLEAN NTAPI RtlDeleteElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer);
PVOID NTAPI RtlLookupElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer);
PVOID NTAPI RtlLookupElementGenericTableFullAvl(PRTL_AVL_TABLE Table, PVOID Buffer, PVOID *NodeOrParent,
                                                TABLE_SEARCH_RESULT *SearchResult);
PVOID NTAPI RtlLookupFirstMatchingElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer, PVOID *RestartKey);
PVOID NTAPI RtlEnumerateGenericTableAvl(PRTL_AVL_TABLE Table, BOOLEAN Restart);
PVOID NTAPI RtlEnumerateGenericTableWithoutSplayingAvl(PRTL_AVL_TABLE Table, PVOID *RestartKey);
PVOID NTAPI RtlGetElementGenericTableAvl(PRTL_AVL_TABLE Table, ULONG I);
ULONG NTAPI RtlNumberGenericTableElementsAvl(PRTL_AVL_TABLE Table);
BOOLEAN NTAPI RtlIsGenericTableEmptyAvl(PRTL_AVL_TABLE Table);

#endif
