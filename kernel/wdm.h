/* The driver-facing API: the subset of the WDK's wdm.h that Pagoda implements, with the WDK's own
 * names and types, so driver code written against the WDK text compiles unchanged. */
#ifndef PAGODA_WDM_H
#define PAGODA_WDM_H

#include <stddef.h>
#include <stdint.h>

typedef void VOID, *PVOID;
typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned short USHORT;
typedef unsigned long ULONG, *PULONG;
typedef long LONG;
typedef uintptr_t ULONG_PTR;
typedef size_t SIZE_T;
typedef unsigned char BOOLEAN;
typedef LONG NTSTATUS;

#define TRUE 1
#define FALSE 0

#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#define STATUS_INSUFFICIENT_RESOURCES ((NTSTATUS)0xC000009AL)

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

typedef long long LONGLONG;
typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    };
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

KIRQL KeGetCurrentIrql(VOID);
/* NewIrql below the current level: bugcheck 0x09 IRQL_NOT_GREATER_OR_EQUAL. */
VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql);
/* NewIrql above the current level: bugcheck 0x0A IRQL_NOT_LESS_OR_EQUAL. */
VOID KeLowerIrql(KIRQL NewIrql);
KIRQL KeRaiseIrqlToDpcLevel(VOID);

/* Stops the machine with the STOP screen; never returns. */
__attribute__((noreturn)) VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1,
                                            ULONG_PTR BugCheckParameter2, ULONG_PTR BugCheckParameter3,
                                            ULONG_PTR BugCheckParameter4);
__attribute__((noreturn)) VOID KeBugCheck(ULONG BugCheckCode);

/* Memory manager: device memory mapped into system space, and the physical address behind a virtual one. */
typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;
typedef enum _MEMORY_CACHING_TYPE {
    MmNonCached = 0,
    MmCached = 1,
    MmWriteCombined = 2,
} MEMORY_CACHING_TYPE;

/* NULL when no system address space or page table is left. */
PVOID MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType);
VOID MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);
/* Zero for an address with no valid translation. */
PHYSICAL_ADDRESS MmGetPhysicalAddress(PVOID BaseAddress);

#endif
