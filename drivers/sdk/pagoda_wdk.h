/* Pagoda's supplement to mingw-w64's DDK headers: what the current WDK's wdm.h declares and mingw-w64 10
 * lacks, so that a driver written for today's WDK builds with mingw-w64 for Pagoda. Include it in the
 * driver (after <ntddk.h> or <wdm.h>, or alone: it includes <wdm.h>) or force it with
 * `-include drivers/sdk/pagoda_wdk.h`. With the real WDK every part stands down, since the WDK has it:
 * the same source builds with both. */
#ifndef PAGODA_WDK_SUPPLEMENT_H
#define PAGODA_WDK_SUPPLEMENT_H

/* stdio.h's printf family as ntoskrnl.exe exports it (sprintf, _snprintf, ...), not mingw-w64's own
 * __mingw_ implementations, which no kernel has. */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 0
#endif

#include <wdm.h>

/* Pool tags are multi-character constants ('gaTP'), which MSVC takes silently and GCC warns about. */
#ifdef __GNUC__
#pragma GCC diagnostic ignored "-Wmultichar"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ExAllocatePool2/3, ExFreePool2 and POOL_FLAGS (WDK for Windows 10 2004 and later). */
#ifndef POOL_FLAG_REQUIRED_START
typedef ULONG64 POOL_FLAGS;

#define POOL_FLAG_REQUIRED_START 0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA 0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED 0x0000000000000002ULL
#define POOL_FLAG_SESSION 0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED 0x0000000000000008ULL
#define POOL_FLAG_RESERVED1 0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE 0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED 0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE 0x0000000000000080ULL
#define POOL_FLAG_PAGED 0x0000000000000100ULL
#define POOL_FLAG_RESERVED2 0x0000000000000200ULL
#define POOL_FLAG_RESERVED3 0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_END 0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START 0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL 0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END 0x8000000000000000ULL

typedef enum POOL_EXTENDED_PARAMETER_TYPE {
    PoolExtendedParameterInvalidType = 0,
    PoolExtendedParameterPriority,
    PoolExtendedParameterSecurePool,
    PoolExtendedParameterNumaNode,
    PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE, *PPOOL_EXTENDED_PARAMETER_TYPE;

#define POOL_EXTENDED_PARAMETER_TYPE_BITS 8
#define POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS 1
#define POOL_EXTENDED_PARAMETER_RESERVED_BITS (64 - POOL_EXTENDED_PARAMETER_TYPE_BITS - POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS)

typedef struct _POOL_EXTENDED_PARAMETER {
    struct {
        ULONG64 Type : POOL_EXTENDED_PARAMETER_TYPE_BITS;
        ULONG64 Optional : POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS;
        ULONG64 Reserved : POOL_EXTENDED_PARAMETER_RESERVED_BITS;
    } DUMMYSTRUCTNAME;
    union {
        ULONG64 Reserved2;
        PVOID Reserved3;
        EX_POOL_PRIORITY Priority;
        PVOID SecurePoolParams;
        ULONG PreferredNode;
    } DUMMYUNIONNAME;
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;
typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

NTKERNELAPI PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
                                        PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG Count);
NTKERNELAPI VOID NTAPI ExFreePool2(PVOID P, ULONG Tag, PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
                                   ULONG ExtendedParametersCount);

/* The WDK's inline wrappers: zeroed, or uninitialized, from a POOL_TYPE. */
static __inline PVOID ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    POOL_FLAGS flags = (PoolType & 1) ? POOL_FLAG_PAGED
                       : (PoolType & NonPagedPoolNx) ? POOL_FLAG_NON_PAGED : POOL_FLAG_NON_PAGED_EXECUTE;
    if (PoolType & 4)
        flags |= POOL_FLAG_CACHE_ALIGNED;
    return ExAllocatePool2(flags, NumberOfBytes, Tag);
}

static __inline PVOID ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

static __inline PVOID ExAllocatePoolQuotaZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    PVOID p = ExAllocatePoolWithQuotaTag(PoolType, NumberOfBytes, Tag);
    if (p)
        RtlZeroMemory(p, NumberOfBytes);
    return p;
}
#endif /* POOL_FLAG_REQUIRED_START */

/* ExInterlockedAddLargeStatistic: on x86 the WDK's macro names _InterlockedAddLargeStatistic, an MSVC
 * intrinsic that mingw-w64 declares and nobody defines, so a driver that uses it does not link. GCC
 * calls the routine x86 ntoskrnl.exe exports under the same name instead. */
#if defined(__GNUC__) && !defined(_WIN64) && defined(ExInterlockedAddLargeStatistic)
#undef ExInterlockedAddLargeStatistic
NTKERNELAPI VOID FASTCALL ExInterlockedAddLargeStatistic(PLARGE_INTEGER Addend, ULONG Increment);
#endif

/* strncpy, wcsncpy, wcsncat: mingw-w64's string.h declares these three without __cdecl, so under -mrtd
 * (the WDK's /Gz) a call to them is stdcall and the caller counts on the routine to pop its arguments,
 * where ntoskrnl.exe's (as the WDK's headers declare them) are cdecl: the stack came back 12 bytes off.
 * Calls go to cdecl declarations of the same imports. */
#if defined(__MINGW32__) && !defined(_WIN64) && !defined(__cplusplus)
char *__cdecl __pagoda_strncpy(char *_Dest, const char *_Source, size_t _Count) __asm__("_strncpy");
wchar_t *__cdecl __pagoda_wcsncpy(wchar_t *_Dest, const wchar_t *_Source, size_t _Count) __asm__("_wcsncpy");
wchar_t *__cdecl __pagoda_wcsncat(wchar_t *_Dest, const wchar_t *_Source, size_t _Count) __asm__("_wcsncat");
#define strncpy __pagoda_strncpy
#define wcsncpy __pagoda_wcsncpy
#define wcsncat __pagoda_wcsncat
#endif

/* ExInitializeDriverRuntime: opts the driver into NX pool (NonPagedPool becomes NonPagedPoolNx). Pagoda
 * takes both types alike, so there is nothing to do. */
#ifndef DrvRtPoolNxOptIn
#define DrvRtPoolNxOptIn 0x00000001
static __inline VOID ExInitializeDriverRuntime(ULONG RuntimeFlags)
{
    (void)RuntimeFlags;
}
#endif


/* KeGetPreviousMode, which the WDK's wdm.h declares and mingw-w64's lacks (its ExGetPreviousMode is
 * there); under the WDK its own declaration is the same one again. */
NTKERNELAPI KPROCESSOR_MODE NTAPI KeGetPreviousMode(VOID);

/* The precise clocks (Windows 8 and later), which mingw-w64's wdm.h lacks; the WDK declares the same. */
NTKERNELAPI VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
NTKERNELAPI ULONG64 NTAPI KeQueryInterruptTimePrecise(PULONG64 QpcTimeStamp);

/* Routines the WDK declares (wdm.h, ntddk.h) and mingw-w64's headers lack, though its libntoskrnl.a
 * exports them: generic DPC calls on every processor, and the stack expansion with its Ex form. */
NTKERNELAPI VOID NTAPI KeGenericCallDpc(PKDEFERRED_ROUTINE Routine, PVOID Context);
NTKERNELAPI VOID NTAPI KeSignalCallDpcDone(PVOID SystemArgument1);
NTKERNELAPI LOGICAL NTAPI KeSignalCallDpcSynchronize(PVOID SystemArgument2);
/* Its Callout is ntddk.h's PEXPAND_STACK_CALLOUT, spelt out: this header comes before ntddk.h. */
NTKERNELAPI NTSTATUS NTAPI KeExpandKernelStackAndCalloutEx(VOID(NTAPI *Callout)(PVOID Parameter), PVOID Parameter,
                                                           SIZE_T Size, BOOLEAN Wait, PVOID Context);

#ifdef __cplusplus
}
#endif

#endif
