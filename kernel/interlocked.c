/* The Interlocked* routines x86 drivers import from ntoskrnl.exe (fastcall), and the old Exi386 and
 * Exfi386 forms that answer with the sign of the result. Lock-prefixed; one CPU, but an interrupt may
 * come between a plain read and write. */
#include "hal/cpu.h"
#include "kernel/wdm.h"

LONG FASTCALL InterlockedIncrement(LONG volatile *Addend)
{
    return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}

LONG FASTCALL InterlockedDecrement(LONG volatile *Addend)
{
    return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}

LONG FASTCALL InterlockedExchange(LONG volatile *Target, LONG Value)
{
    return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}

LONG FASTCALL InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
    return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST);
}

LONG FASTCALL InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return Comparand; /* the value found */
}

/* 64 bits with interrupts off: one CPU, so nothing else can run in between. */
LONGLONG FASTCALL ExfInterlockedCompareExchange64(LONGLONG volatile *Destination, PLONGLONG Exchange,
                                                  PLONGLONG Comparand)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONGLONG found = *Destination;
    if (found == *Comparand)
        *Destination = *Exchange;
    cpu_restore_interrupts(flags);
    return found;
}

LONGLONG FASTCALL ExInterlockedCompareExchange64(LONGLONG volatile *Destination, PLONGLONG Exchange,
                                                 PLONGLONG Comparand, PKSPIN_LOCK Lock)
{
    (void)Lock; /* as NT on x86: the lock is not needed where cmpxchg8b is */
    return ExfInterlockedCompareExchange64(Destination, Exchange, Comparand);
}

/* A 64-bit statistic bumped by a 32-bit amount: no lock, as on Windows (interrupts off, one CPU). */
VOID FASTCALL ExInterlockedAddLargeStatistic(PLARGE_INTEGER Addend, ULONG Increment)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    Addend->QuadPart += Increment;
    cpu_restore_interrupts(flags);
}

static INTERLOCKED_RESULT sign_of(LONG v)
{
    return v < 0 ? ResultNegative : v == 0 ? ResultZero : ResultPositive;
}

/* Each Exi386 routine and its fastcall Exfi386 twin from one body. */
#define SIGN_OF_RESULT(name, operation)                                                                      \
    INTERLOCKED_RESULT NTAPI Exi386##name(PLONG Addend)                                                      \
    {                                                                                                        \
        return sign_of(operation(Addend));                                                                   \
    }                                                                                                        \
    INTERLOCKED_RESULT FASTCALL Exfi386##name(PLONG Addend)                                                  \
    {                                                                                                        \
        return sign_of(operation(Addend));                                                                   \
    }

SIGN_OF_RESULT(InterlockedIncrementLong, InterlockedIncrement)
SIGN_OF_RESULT(InterlockedDecrementLong, InterlockedDecrement)

ULONG NTAPI Exi386InterlockedExchangeUlong(PULONG Target, ULONG Value)
{
    return (ULONG)InterlockedExchange((LONG volatile *)Target, (LONG)Value);
}

ULONG FASTCALL Exfi386InterlockedExchangeUlong(PULONG Target, ULONG Value)
{
    return Exi386InterlockedExchangeUlong(Target, Value);
}
