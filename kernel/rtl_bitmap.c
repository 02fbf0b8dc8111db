/* The WDK's bitmaps (RTL_BITMAP): bit n is bit n % 32 of the n / 32nd 32-bit word. Runs are measured
 * a word at a time; no routine looks at a bit at or past SizeOfBitMap. */
#include "kernel/wdm.h"

#define NOT_FOUND 0xFFFFFFFFu

/* Through uint32_t: on the host build ULONG has 64 bits, on x86 the words are the driver's ULONGs. */
static uint32_t *words(PRTL_BITMAP b)
{
    return (uint32_t *)b->Buffer;
}

/* The word with ones where its bits differ from `set`. */
static uint32_t differing(uint32_t word, BOOLEAN set)
{
    return set ? ~word : word;
}

/* How many bits from start on, below limit, equal `set`. */
static ULONG run_forward(PRTL_BITMAP b, ULONG start, ULONG limit, BOOLEAN set)
{
    ULONG pos = start;
    while (pos < limit) {
        uint32_t diff = differing(words(b)[pos / 32], set) >> (pos % 32);
        if (diff) {
            pos += (ULONG)__builtin_ctz(diff);
            break;
        }
        pos = (pos | 31) + 1;
    }
    return (pos < limit ? pos : limit) - start;
}

/* How many bits below end (exclusive) equal `set`, counting down. */
static ULONG run_backward(PRTL_BITMAP b, ULONG end, BOOLEAN set)
{
    ULONG pos = end;
    while (pos > 0) {
        ULONG last = pos - 1;
        uint32_t diff = differing(words(b)[last / 32], set) << (31 - last % 32);
        if (diff)
            return end - (pos - (ULONG)__builtin_clz(diff));
        pos = last - last % 32;
    }
    return end;
}

static void fill(PRTL_BITMAP b, ULONG start, ULONG count, BOOLEAN set)
{
    uint32_t *w = words(b);
    while (count) {
        ULONG shift = start % 32, n = 32 - shift < count ? 32 - shift : count;
        uint32_t mask = (n == 32 ? ~0u : ((1u << n) - 1)) << shift;
        if (set)
            w[start / 32] |= mask;
        else
            w[start / 32] &= ~mask;
        start += n;
        count -= n;
    }
}

static ULONG popcount(uint32_t v)
{
    v = v - ((v >> 1) & 0x55555555u);
    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
    return (((v + (v >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24;
}

/* The first run of `count` bits equal to `set` that lies in [from, limit). */
static ULONG find_in(PRTL_BITMAP b, ULONG from, ULONG limit, ULONG count, BOOLEAN set)
{
    ULONG pos = from;
    while (pos < limit && limit - pos >= count) {
        pos += run_forward(b, pos, limit, !set);
        if (pos >= limit || limit - pos < count)
            break;
        ULONG len = run_forward(b, pos, pos + count, set);
        if (len == count)
            return pos;
        pos += len;
    }
    return NOT_FOUND;
}

/* From the hint to the end, then from the start, for runs that begin before the hint. Nothing asked
 * for is found at once, at the hint rounded down to its byte, as on Windows. */
static ULONG find_run(PRTL_BITMAP b, ULONG count, ULONG hint, BOOLEAN set)
{
    ULONG size = b->SizeOfBitMap;
    if (count > size)
        return NOT_FOUND;
    if (hint >= size)
        hint = 0;
    if (count == 0)
        return hint & ~7u;
    ULONG found = find_in(b, hint, size, count, set);
    if (found == NOT_FOUND && hint) {
        ULONG limit = count - 1 < size - hint ? hint + count - 1 : size;
        found = find_in(b, 0, limit, count, set);
    }
    return found;
}

/* A range the bitmap holds, and not empty: Windows answers FALSE for any other. */
static BOOLEAN are_bits(PRTL_BITMAP b, ULONG start, ULONG length, BOOLEAN set)
{
    if (length == 0 || start >= b->SizeOfBitMap || length > b->SizeOfBitMap - start)
        return FALSE;
    return run_forward(b, start, start + length, set) == length;
}

VOID NTAPI RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer, ULONG SizeOfBitMap)
{
    BitMapHeader->SizeOfBitMap = SizeOfBitMap;
    BitMapHeader->Buffer = BitMapBuffer;
}

/* Whole words, as on Windows: the bits past the end of the last one change too. */
VOID NTAPI RtlClearAllBits(PRTL_BITMAP BitMapHeader)
{
    for (ULONG i = 0; i < (BitMapHeader->SizeOfBitMap + 31) / 32; i++)
        words(BitMapHeader)[i] = 0;
}

VOID NTAPI RtlSetAllBits(PRTL_BITMAP BitMapHeader)
{
    for (ULONG i = 0; i < (BitMapHeader->SizeOfBitMap + 31) / 32; i++)
        words(BitMapHeader)[i] = ~0u;
}

VOID NTAPI RtlClearBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToClear)
{
    fill(BitMapHeader, StartingIndex, NumberToClear, FALSE);
}

VOID NTAPI RtlSetBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToSet)
{
    fill(BitMapHeader, StartingIndex, NumberToSet, TRUE);
}

VOID NTAPI RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    words(BitMapHeader)[BitNumber / 32] &= ~(1u << (BitNumber % 32));
}

VOID NTAPI RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    words(BitMapHeader)[BitNumber / 32] |= 1u << (BitNumber % 32);
}

BOOLEAN NTAPI RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    return (words(BitMapHeader)[BitNumber / 32] >> (BitNumber % 32)) & 1;
}

BOOLEAN NTAPI RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
    return are_bits(BitMapHeader, StartingIndex, Length, FALSE);
}

BOOLEAN NTAPI RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
    return are_bits(BitMapHeader, StartingIndex, Length, TRUE);
}

ULONG NTAPI RtlFindClearBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
    return find_run(BitMapHeader, NumberToFind, HintIndex, FALSE);
}

ULONG NTAPI RtlFindSetBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
    return find_run(BitMapHeader, NumberToFind, HintIndex, TRUE);
}

ULONG NTAPI RtlFindClearBitsAndSet(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
    ULONG found = find_run(BitMapHeader, NumberToFind, HintIndex, FALSE);
    if (found != NOT_FOUND)
        fill(BitMapHeader, found, NumberToFind, TRUE);
    return found;
}

ULONG NTAPI RtlFindSetBitsAndClear(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
    ULONG found = find_run(BitMapHeader, NumberToFind, HintIndex, TRUE);
    if (found != NOT_FOUND)
        fill(BitMapHeader, found, NumberToFind, FALSE);
    return found;
}

ULONG NTAPI RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader)
{
    ULONG size = BitMapHeader->SizeOfBitMap, n = 0;
    for (ULONG i = 0; i < size / 32; i++)
        n += popcount(words(BitMapHeader)[i]);
    if (size % 32)
        n += popcount(words(BitMapHeader)[size / 32] & ((1u << (size % 32)) - 1));
    return n;
}

ULONG NTAPI RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader)
{
    return BitMapHeader->SizeOfBitMap - RtlNumberOfSetBits(BitMapHeader);
}

ULONG NTAPI RtlNumberOfSetBitsUlongPtr(ULONG_PTR Target)
{
    ULONG n = 0;
    for (unsigned i = 0; i < sizeof Target * 8; i += 32)
        n += popcount((uint32_t)(Target >> i));
    return n;
}

/* The clear run at or after FromIndex: its length (0 when there is none, its start then the end of
 * the set bits that were skipped). */
ULONG NTAPI RtlFindNextForwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex, PULONG StartingRunIndex)
{
    ULONG size = BitMapHeader->SizeOfBitMap;
    if (FromIndex >= size) {
        *StartingRunIndex = FromIndex;
        return 0;
    }
    ULONG start = FromIndex + run_forward(BitMapHeader, FromIndex, size, TRUE);
    *StartingRunIndex = start;
    return run_forward(BitMapHeader, start, size, FALSE);
}

ULONG NTAPI RtlFindFirstRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex)
{
    return RtlFindNextForwardRunClear(BitMapHeader, 0, StartingIndex);
}

/* The clear run at or before FromIndex, searching toward bit 0: its length and start (0 and 0 when
 * there is none). */
ULONG NTAPI RtlFindLastBackwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex, PULONG StartingRunIndex)
{
    ULONG size = BitMapHeader->SizeOfBitMap;
    *StartingRunIndex = 0;
    if (size == 0)
        return 0;
    ULONG end = (FromIndex < size ? FromIndex : size - 1) + 1;
    end -= run_backward(BitMapHeader, end, TRUE);
    if (end == 0)
        return 0;
    ULONG length = run_backward(BitMapHeader, end, FALSE);
    *StartingRunIndex = end - length;
    return length;
}

/* The first SizeOfRunArray clear runs in order, or the longest ones from longest to shortest (the
 * earlier of two as long first). Returns how many it filled. */
ULONG NTAPI RtlFindClearRuns(PRTL_BITMAP BitMapHeader, PRTL_BITMAP_RUN RunArray, ULONG SizeOfRunArray,
                             BOOLEAN LocateLongestRuns)
{
    ULONG found = 0, from = 0, start;
    while (SizeOfRunArray) {
        ULONG length = RtlFindNextForwardRunClear(BitMapHeader, from, &start);
        if (length == 0)
            break;
        from = start + length;
        if (!LocateLongestRuns) {
            RunArray[found].StartingIndex = start;
            RunArray[found].NumberOfBits = length;
            if (++found == SizeOfRunArray)
                break;
            continue;
        }
        ULONG at = found < SizeOfRunArray ? found++ : SizeOfRunArray;
        while (at > 0 && RunArray[at - 1].NumberOfBits < length) {
            if (at < SizeOfRunArray)
                RunArray[at] = RunArray[at - 1];
            at--;
        }
        if (at < SizeOfRunArray) {
            RunArray[at].StartingIndex = start;
            RunArray[at].NumberOfBits = length;
        }
    }
    return found;
}

/* Its length, 0 (and start 0) when every bit is set. */
ULONG NTAPI RtlFindLongestRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex)
{
    RTL_BITMAP_RUN run = { 0, 0 };
    RtlFindClearRuns(BitMapHeader, &run, 1, TRUE);
    *StartingIndex = run.StartingIndex;
    return run.NumberOfBits;
}

/* -1 for no bit set. Halves of 32 bits: a 64-bit count would call into libgcc on x86. */
CCHAR NTAPI RtlFindMostSignificantBit(ULONGLONG Set)
{
    uint32_t high = (uint32_t)(Set >> 32), low = (uint32_t)Set;
    if (high)
        return (CCHAR)(63 - __builtin_clz(high));
    return low ? (CCHAR)(31 - __builtin_clz(low)) : -1;
}

CCHAR NTAPI RtlFindLeastSignificantBit(ULONGLONG Set)
{
    uint32_t high = (uint32_t)(Set >> 32), low = (uint32_t)Set;
    if (low)
        return (CCHAR)__builtin_ctz(low);
    return high ? (CCHAR)(32 + __builtin_ctz(high)) : -1;
}
