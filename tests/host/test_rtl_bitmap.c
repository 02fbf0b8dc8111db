/* The WDK's bitmaps (kernel/rtl_bitmap.c): the documented cases one by one, then every routine against
 * a bit-at-a-time model on random bitmaps whose last word has junk past the end. */
#include <stdlib.h>

#include "kernel/wdm.h"
#include "tests/host/unit.h"

#define NONE 0xFFFFFFFFu
#define WORDS 8

static uint32_t buf[WORDS];
static RTL_BITMAP bm;

/* A bitmap of `size` bits from a string of '0' and '1', bit 0 first; bits past the end set. */
static void load(const char *bits)
{
    ULONG n = 0;
    for (int i = 0; i < WORDS; i++)
        buf[i] = ~0u;
    for (; bits[n]; n++)
        if (bits[n] == '0')
            buf[n / 32] &= ~(1u << (n % 32));
    RtlInitializeBitMap(&bm, (PULONG)buf, n);
}

TEST(rtl_bitmap_set_clear_test)
{
    RtlInitializeBitMap(&bm, (PULONG)buf, 70);
    CHECK(bm.SizeOfBitMap == 70 && bm.Buffer == (PULONG)buf);
    RtlSetAllBits(&bm);
    CHECK(buf[0] == ~0u && buf[2] == ~0u && RtlNumberOfSetBits(&bm) == 70);
    RtlClearAllBits(&bm);
    CHECK(buf[0] == 0 && buf[2] == 0 && RtlNumberOfClearBits(&bm) == 70);
    RtlSetBits(&bm, 30, 5); /* across a word */
    CHECK(buf[0] == 0xC0000000u && buf[1] == 7 && RtlNumberOfSetBits(&bm) == 5);
    CHECK(RtlAreBitsSet(&bm, 30, 5) && !RtlAreBitsSet(&bm, 29, 5) && RtlAreBitsClear(&bm, 35, 35));
    RtlClearBits(&bm, 31, 3);
    CHECK(buf[0] == 0x40000000u && buf[1] == 4);
    RtlSetBit(&bm, 69);
    CHECK(RtlTestBit(&bm, 69) && !RtlTestBit(&bm, 68) && RtlCheckBit(&bm, 69) == 1);
    RtlClearBit(&bm, 69);
    CHECK(!RtlTestBit(&bm, 69));
    RtlSetBits(&bm, 0, 64);
    CHECK(buf[0] == ~0u && buf[1] == ~0u);
    /* a range past the end, or empty, is neither all clear nor all set */
    CHECK(!RtlAreBitsSet(&bm, 0, 0) && !RtlAreBitsClear(&bm, 64, 0));
    CHECK(!RtlAreBitsClear(&bm, 64, 7) && RtlAreBitsClear(&bm, 64, 6) && !RtlAreBitsClear(&bm, 70, 1));
    CHECK(!RtlAreBitsClear(&bm, 65, NONE)); /* no wrap-around of start + length */
}

TEST(rtl_bitmap_bits_past_the_end_are_not_counted)
{
    buf[0] = 0xFFFFFF00u;
    RtlInitializeBitMap(&bm, (PULONG)buf, 8);
    CHECK(RtlNumberOfSetBits(&bm) == 0 && RtlNumberOfClearBits(&bm) == 8);
    CHECK(RtlFindSetBits(&bm, 1, 0) == NONE);
    ULONG start;
    CHECK(RtlFindLongestRunClear(&bm, &start) == 8 && start == 0);
    CHECK(RtlFindClearBits(&bm, 9, 0) == NONE);
}

TEST(rtl_bitmap_find_with_hint_wraps)
{
    load("0011000011110000");
    CHECK(RtlFindClearBits(&bm, 2, 0) == 0);
    CHECK(RtlFindClearBits(&bm, 2, 3) == 4);
    CHECK(RtlFindClearBits(&bm, 4, 5) == 12);
    CHECK(RtlFindClearBits(&bm, 5, 0) == NONE);
    CHECK(RtlFindClearBits(&bm, 3, 13) == 13);
    CHECK(RtlFindClearBits(&bm, 4, 13) == 4); /* nothing from the hint on: from the start */
    CHECK(RtlFindClearBits(&bm, 2, 99) == 0); /* a hint past the end is 0 */
    CHECK(RtlFindSetBits(&bm, 2, 5) == 8 && RtlFindSetBits(&bm, 3, 11) == 8);
    CHECK(RtlFindSetBits(&bm, 17, 0) == NONE && RtlFindClearBits(&bm, 17, 0) == NONE);
    /* nothing asked for: found at the hint rounded down to a byte */
    CHECK(RtlFindClearBits(&bm, 0, 13) == 8 && RtlFindSetBits(&bm, 0, 7) == 0 && RtlFindClearBits(&bm, 0, 16) == 0);
    CHECK(RtlFindClearBitsAndSet(&bm, 4, 13) == 4 && RtlAreBitsSet(&bm, 2, 10));
    CHECK(RtlFindSetBitsAndClear(&bm, 4, 0) == 2 && RtlAreBitsClear(&bm, 0, 6));
    CHECK(RtlFindClearBitsAndSet(&bm, 9, 0) == NONE && RtlNumberOfSetBits(&bm) == 6);
}

TEST(rtl_bitmap_runs)
{
    load("110001000001100100");
    ULONG start = 99;
    CHECK(RtlFindFirstRunClear(&bm, &start) == 3 && start == 2);
    CHECK(RtlFindNextForwardRunClear(&bm, 3, &start) == 2 && start == 3);
    CHECK(RtlFindNextForwardRunClear(&bm, 5, &start) == 5 && start == 6);
    CHECK(RtlFindLongestRunClear(&bm, &start) == 5 && start == 6);
    CHECK(RtlFindLastBackwardRunClear(&bm, 17, &start) == 2 && start == 16);
    CHECK(RtlFindLastBackwardRunClear(&bm, 15, &start) == 2 && start == 13);
    CHECK(RtlFindLastBackwardRunClear(&bm, 12, &start) == 5 && start == 6);
    CHECK(RtlFindLastBackwardRunClear(&bm, 8, &start) == 3 && start == 6);
    CHECK(RtlFindLastBackwardRunClear(&bm, 1, &start) == 0);
    RTL_BITMAP_RUN runs[3];
    CHECK(RtlFindClearRuns(&bm, runs, 3, FALSE) == 3);
    CHECK(runs[0].StartingIndex == 2 && runs[0].NumberOfBits == 3 && runs[2].StartingIndex == 13);
    CHECK(RtlFindClearRuns(&bm, runs, 3, TRUE) == 3); /* longest first, the earlier of equals first */
    CHECK(runs[0].StartingIndex == 6 && runs[0].NumberOfBits == 5 && runs[1].StartingIndex == 2);
    CHECK(runs[2].StartingIndex == 13 && runs[2].NumberOfBits == 2);
    RTL_BITMAP_RUN many[8];
    CHECK(RtlFindClearRuns(&bm, many, 8, TRUE) == 4 && many[3].StartingIndex == 16);
    load("1111");
    CHECK(RtlFindFirstRunClear(&bm, &start) == 0 && RtlFindLongestRunClear(&bm, &start) == 0);
    CHECK(RtlFindClearRuns(&bm, runs, 3, TRUE) == 0);
}

TEST(rtl_find_significant_bits)
{
    CHECK(RtlFindMostSignificantBit(0) == -1 && RtlFindLeastSignificantBit(0) == -1);
    CHECK(RtlFindMostSignificantBit(1) == 0 && RtlFindLeastSignificantBit(1) == 0);
    CHECK(RtlFindMostSignificantBit(0x8000000000000001ull) == 63);
    CHECK(RtlFindLeastSignificantBit(0x8000000000000000ull) == 63);
    CHECK(RtlFindMostSignificantBit(0x00000001F0000000ull) == 32);
    CHECK(RtlFindLeastSignificantBit(0x00000001F0000000ull) == 28);
    CHECK(RtlNumberOfSetBitsUlongPtr(0xF0F0) == 8);
}

/* The model: one bool a bit. */
static BOOLEAN model[WORDS * 32];

static ULONG model_run(ULONG from, BOOLEAN set)
{
    ULONG n = 0;
    while (from + n < bm.SizeOfBitMap && model[from + n] == set)
        n++;
    return n;
}

static ULONG model_find(ULONG count, ULONG hint, BOOLEAN set)
{
    ULONG size = bm.SizeOfBitMap;
    if (count > size)
        return NONE;
    if (hint >= size)
        hint = 0;
    if (!count)
        return hint & ~7u;
    for (ULONG s = hint; s + count <= size; s++)
        if (model_run(s, set) >= count)
            return s;
    for (ULONG s = 0; s < hint && s + count <= size; s++)
        if (model_run(s, set) >= count)
            return s;
    return NONE;
}

static void check_against_model(void)
{
    ULONG size = bm.SizeOfBitMap, set = 0;
    for (ULONG i = 0; i < size; i++) {
        set += model[i];
        CHECK(RtlTestBit(&bm, i) == model[i]);
    }
    CHECK(RtlNumberOfSetBits(&bm) == set && RtlNumberOfClearBits(&bm) == size - set);
    for (int k = 0; k < 8; k++) {
        ULONG count = (ULONG)rand() % 12, hint = (ULONG)rand() % (size + 4);
        CHECK(RtlFindClearBits(&bm, count, hint) == model_find(count, hint, FALSE));
        CHECK(RtlFindSetBits(&bm, count, hint) == model_find(count, hint, TRUE));
        ULONG from = (ULONG)rand() % (size + 1), start;
        ULONG f = from, len = 0;
        while (f < size && model[f])
            f++;
        len = model_run(f, FALSE);
        CHECK(RtlFindNextForwardRunClear(&bm, from, &start) == len && (!len || start == f));
        if (size) {
            long e = from < size ? (long)from : (long)size - 1, b;
            while (e >= 0 && model[e])
                e--;
            for (b = e; b > 0 && !model[b - 1]; b--)
                ;
            ULONG want = e < 0 ? 0 : (ULONG)(e - b + 1);
            CHECK(RtlFindLastBackwardRunClear(&bm, from, &start) == want && (!want || start == (ULONG)b));
        }
        ULONG a = (ULONG)rand() % (size + 1), n = (ULONG)rand() % (size + 1 - a);
        CHECK(RtlAreBitsClear(&bm, a, n) == (n && model_find(n, a, FALSE) == a));
        CHECK(RtlAreBitsSet(&bm, a, n) == (n && model_find(n, a, TRUE) == a));
    }
    ULONG longest = 0, at = 0, start = 0;
    for (ULONG i = 0; i < size; i++)
        if (!model[i] && (i == 0 || model[i - 1]) && model_run(i, FALSE) > longest) {
            longest = model_run(i, FALSE);
            at = i;
        }
    CHECK(RtlFindLongestRunClear(&bm, &start) == longest && start == at);
}

TEST(rtl_bitmap_random_against_model)
{
    srand(7);
    for (int round = 0; round < 300; round++) {
        ULONG size = (ULONG)rand() % (WORDS * 32 - 1) + 1;
        for (int i = 0; i < WORDS; i++)
            buf[i] = (uint32_t)rand() ^ ((uint32_t)rand() << 16);
        RtlInitializeBitMap(&bm, (PULONG)buf, size);
        for (ULONG i = 0; i < size; i++)
            model[i] = (buf[i / 32] >> (i % 32)) & 1;
        for (int op = 0; op < 6; op++) {
            ULONG a = (ULONG)rand() % size, n = (ULONG)rand() % (size - a + 1);
            BOOLEAN set = rand() & 1;
            if (set)
                RtlSetBits(&bm, a, n);
            else
                RtlClearBits(&bm, a, n);
            for (ULONG i = a; i < a + n; i++)
                model[i] = set;
            check_against_model();
        }
    }
}
