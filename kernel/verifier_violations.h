/* DRIVER_VERIFIER_DETECTED_VIOLATION (0xC4): parameter 1 of each violation Pagoda's Driver Verifier
 * reports, and parameters 2 to 4 as Microsoft's bug check reference gives them. They apply to the
 * calls of verified drivers (a driver with any Verifier switch on), as Driver Verifier's checks do,
 * but for 0xCC, which every caller's free gets (docs/verifier.md says why).
 *   0x00 (IRQL, pool type, bytes)          a zero-byte allocation
 *   0x01 (IRQL, pool type, bytes)          paged pool allocated above APC_LEVEL
 *   0x02 (IRQL, pool type, bytes)          nonpaged pool allocated above DISPATCH_LEVEL
 *   0x11 (IRQL, pool type, address)        paged pool freed above APC_LEVEL
 *   0x12 (IRQL, pool type, address)        nonpaged pool freed above DISPATCH_LEVEL
 *   0x15 (timer, pool type, address)       the block freed holds a set timer
 *   0x30 (IRQL, IRQL asked, 0)             KeRaiseIrql to a lower level (or above HIGH_LEVEL)
 *   0x31 (IRQL, IRQL asked, 0 or 1)        KeLowerIrql to a higher level (0), or below DISPATCH_LEVEL
 *                                          inside a DPC routine (1)
 *   0x32 (IRQL, spinlock, 0)               KeReleaseSpinLock at an IRQL other than DISPATCH_LEVEL
 *   0x40 (IRQL, spinlock, 0)               KeAcquireSpinLockAtDpcLevel below DISPATCH_LEVEL
 *   0x41 (IRQL, spinlock, 0)               KeReleaseSpinLockFromDpcLevel below DISPATCH_LEVEL
 *   0x42 (IRQL, spinlock, 0)               KeAcquireSpinLock above DISPATCH_LEVEL
 *   0x62 (driver's name, its record, allocations left)   unloading with pool left (pool tracking on)
 *   0x70 (IRQL, MDL, access mode)          MmProbeAndLockPages above DISPATCH_LEVEL
 *   0x78 (IRQL, MDL, 0)                    MmUnlockPages above DISPATCH_LEVEL
 *   0x7C (MDL, flags, 0)                   MmUnlockPages of an MDL whose pages are not locked
 *   0x7D (MDL, flags, 0)                   MmUnlockPages of an MDL built for nonpaged pool
 *   0xB0 (MDL, flags, the flags wrong)     MmProbeAndLockPages of an MDL locked, partial, mapped or
 *                                          built for nonpaged pool
 *   0xB4 (MDL, flags, MDL_PARTIAL)         MmUnlockPages of a partial MDL
 *   0xCA (lookaside, 0, 0)                 a live lookaside list initialized again
 *   0xCB (lookaside, 0, 0)                 a lookaside list deleted that is not live
 *   0xCC (lookaside, block, block's bytes) the block freed holds a live lookaside list
 *   0xCD (lookaside, size asked, minimum)  a lookaside list of entries too small to hold the link
 * (0x62's third and 0xCA/0xCB's last two parameters are "reserved" in the reference: the values are
 * Pagoda's.) */
#ifndef PAGODA_VERIFIER_VIOLATIONS_H
#define PAGODA_VERIFIER_VIOLATIONS_H

enum verifier_violation {
    VERIFIER_ZERO_BYTES = 0x00,
    VERIFIER_PAGED_ALLOCATE_IRQL = 0x01,
    VERIFIER_NONPAGED_ALLOCATE_IRQL = 0x02,
    VERIFIER_PAGED_FREE_IRQL = 0x11,
    VERIFIER_NONPAGED_FREE_IRQL = 0x12,
    VERIFIER_FREED_TIMER = 0x15,
    VERIFIER_RAISE_IRQL = 0x30,
    VERIFIER_LOWER_IRQL = 0x31,
    VERIFIER_RELEASE_SPINLOCK_IRQL = 0x32,
    VERIFIER_ACQUIRE_AT_DPC_IRQL = 0x40,
    VERIFIER_RELEASE_FROM_DPC_IRQL = 0x41,
    VERIFIER_ACQUIRE_SPINLOCK_IRQL = 0x42,
    VERIFIER_LEAKED_POOL = 0x62,
    VERIFIER_PROBE_AND_LOCK_IRQL = 0x70,
    VERIFIER_UNLOCK_IRQL = 0x78,
    VERIFIER_UNLOCK_NOT_LOCKED = 0x7C,
    VERIFIER_UNLOCK_NONPAGED = 0x7D,
    VERIFIER_PROBE_AND_LOCK_FLAGS = 0xB0,
    VERIFIER_UNLOCK_PARTIAL = 0xB4,
    VERIFIER_LOOKASIDE_REINITIALIZED = 0xCA,
    VERIFIER_LOOKASIDE_NOT_INITIALIZED = 0xCB,
    VERIFIER_FREED_LOOKASIDE = 0xCC,
    VERIFIER_LOOKASIDE_TOO_SMALL = 0xCD,
};

/* 0x31's parameter 4. */
#define VERIFIER_LOWER_BAD 0
#define VERIFIER_LOWER_IN_DPC 1

#endif
