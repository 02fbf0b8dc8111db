/* ExUuidCreate: as Windows' kernel, a time-based UUID (RFC 4122 version 1): the system time counted from
 * the Gregorian reform (1582-10-15) in 100 ns units, a clock sequence and a node. Pagoda has no network
 * card to take a node from, so the node is random with the multicast bit set, as RFC 4122 says for a
 * node that is no card's address; node and clock sequence are drawn once per boot. Two calls in one
 * clock tick get successive times, so every UUID differs from the last. */
#include "hal/cpu.h"
#include "kernel/wdm.h"

#define GREGORIAN_TO_1601 0x01B21DD213814000ull /* 100 ns units from 1582-10-15 to 1601-01-01 */

static KSPIN_LOCK uuid_lock;
static ULONGLONG last_time;
static USHORT clock_sequence;
static UCHAR node[6];
static BOOLEAN drawn;

static void draw_node(void)
{
    ULONG seed = (ULONG)cpu_rdtsc() ^ (ULONG)(cpu_rdtsc() >> 32);
    for (unsigned i = 0; i < sizeof node; i++)
        node[i] = (UCHAR)RtlRandomEx(&seed);
    node[0] |= 1; /* multicast: no card's address */
    clock_sequence = (USHORT)RtlRandomEx(&seed) & 0x3FFF;
    drawn = TRUE;
}

NTSTATUS NTAPI ExUuidCreate(UUID *Uuid)
{
    LARGE_INTEGER now;
    KeQuerySystemTime(&now);
    KIRQL irql;
    KeAcquireSpinLock(&uuid_lock, &irql);
    if (!drawn)
        draw_node();
    ULONGLONG t = (ULONGLONG)now.QuadPart + GREGORIAN_TO_1601;
    if (t <= last_time)
        t = last_time + 1;
    last_time = t;
    Uuid->Data1 = (ULONG)t;
    Uuid->Data2 = (USHORT)(t >> 32);
    Uuid->Data3 = (USHORT)((t >> 48 & 0x0FFF) | 0x1000); /* version 1 */
    Uuid->Data4[0] = (UCHAR)(0x80 | clock_sequence >> 8); /* variant 10 (RFC 4122) */
    Uuid->Data4[1] = (UCHAR)clock_sequence;
    for (unsigned i = 0; i < sizeof node; i++)
        Uuid->Data4[2 + i] = node[i];
    KeReleaseSpinLock(&uuid_lock, irql);
    return STATUS_SUCCESS;
}
