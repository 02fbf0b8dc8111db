/* The Rtl memory routines ntoskrnl.exe exports (the WDK's headers turn most of them into the C runtime's
 * calls, but older sources and MmGetSystemRoutineAddress reach the exports). Portable: host-tested. */
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"

SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
    const UCHAR *a = Source1, *b = Source2;
    SIZE_T same = 0;
    while (same < Length && a[same] == b[same])
        same++;
    return same;
}

/* Bytes from Source equal to Pattern, counted in whole ULONGs up to the first that differs. */
SIZE_T NTAPI RtlCompareMemoryUlong(PVOID Source, SIZE_T Length, ULONG Pattern)
{
    const ULONG *p = Source;
    SIZE_T n = 0;
    while (n < Length / sizeof(ULONG) && p[n] == Pattern)
        n++;
    return n * sizeof(ULONG);
}

VOID NTAPI RtlFillMemory(PVOID Destination, SIZE_T Length, UCHAR Fill)
{
    memset(Destination, Fill, Length);
}

VOID NTAPI RtlFillMemoryUlong(PVOID Destination, SIZE_T Length, ULONG Pattern)
{
    ULONG *p = Destination;
    for (SIZE_T i = 0; i < Length / sizeof(ULONG); i++)
        p[i] = Pattern;
}

VOID NTAPI RtlMoveMemory(PVOID Destination, const VOID *Source, SIZE_T Length)
{
    memmove(Destination, Source, Length);
}

VOID NTAPI RtlZeroMemory(PVOID Destination, SIZE_T Length)
{
    memset(Destination, 0, Length);
}
