/* The calendar (kernel/time_fields.c) against known dates: the 1601 epoch, the 1970 and 1980 epochs,
 * leap days (2000 is a leap year, 1900 and 2100 are not), weekdays, milliseconds, and the fields and
 * second counts it must refuse. */
#include "kernel/wdm.h"
#include "tests/host/unit.h"

#define SECOND 10000000ll

static LONGLONG to_time(int y, int mo, int d, int h, int mi, int s, int ms)
{
    TIME_FIELDS f = { (CSHORT)y, (CSHORT)mo, (CSHORT)d, (CSHORT)h, (CSHORT)mi, (CSHORT)s, (CSHORT)ms, 0 };
    LARGE_INTEGER t = { .QuadPart = -1 };
    CHECK(RtlTimeFieldsToTime(&f, &t));
    return t.QuadPart;
}

static TIME_FIELDS fields(LONGLONG time)
{
    LARGE_INTEGER t = { .QuadPart = time };
    TIME_FIELDS f;
    RtlTimeToTimeFields(&t, &f);
    return f;
}

static int same(TIME_FIELDS f, int y, int mo, int d, int h, int mi, int s, int ms, int weekday)
{
    return f.Year == y && f.Month == mo && f.Day == d && f.Hour == h && f.Minute == mi && f.Second == s &&
           f.Milliseconds == ms && f.Weekday == weekday;
}

TEST(time_fields_known_dates)
{
    CHECK(to_time(1601, 1, 1, 0, 0, 0, 0) == 0);
    CHECK(same(fields(0), 1601, 1, 1, 0, 0, 0, 0, 1)); /* a Monday */
    CHECK(to_time(1970, 1, 1, 0, 0, 0, 0) == 116444736000000000ll);
    CHECK(same(fields(116444736000000000ll), 1970, 1, 1, 0, 0, 0, 0, 4)); /* a Thursday */
    CHECK(to_time(1980, 1, 1, 0, 0, 0, 0) == 119600064000000000ll);
    CHECK(to_time(2024, 12, 31, 23, 59, 59, 0) == 133801631990000000ll);
    CHECK(same(fields(133801631990000000ll + 9999999), 2024, 12, 31, 23, 59, 59, 999, 2)); /* a Tuesday */
    CHECK(same(fields(to_time(2000, 2, 29, 12, 34, 56, 789)), 2000, 2, 29, 12, 34, 56, 789, 2));
    CHECK(to_time(2000, 3, 1, 0, 0, 0, 0) - to_time(2000, 2, 28, 0, 0, 0, 0) == 2 * 86400 * SECOND);
    CHECK(to_time(1900, 3, 1, 0, 0, 0, 0) - to_time(1900, 2, 28, 0, 0, 0, 0) == 86400 * SECOND);
    CHECK(same(fields(to_time(1601, 12, 31, 23, 59, 59, 0)), 1601, 12, 31, 23, 59, 59, 0, 1));
    CHECK(same(fields(to_time(30827, 12, 31, 23, 59, 59, 999)), 30827, 12, 31, 23, 59, 59, 999, 5)); /* a Friday */
}

TEST(time_fields_round_trip_every_day_of_four_centuries)
{
    LONGLONG day = 86400 * SECOND;
    for (LONGLONG t = to_time(1899, 1, 1, 0, 0, 0, 0); t < to_time(2301, 1, 1, 0, 0, 0, 0); t += day) {
        TIME_FIELDS f = fields(t + 7 * 3600 * SECOND);
        LARGE_INTEGER back;
        CHECK(RtlTimeFieldsToTime(&f, &back) && back.QuadPart == t + 7 * 3600 * SECOND);
        CHECK(f.Weekday == (t / day + 1) % 7);
    }
}

TEST(time_fields_out_of_range_are_refused)
{
    static const TIME_FIELDS bad[] = {
        { 1600, 12, 31, 0, 0, 0, 0, 0 }, { 2023, 2, 29, 0, 0, 0, 0, 0 }, { 1900, 2, 29, 0, 0, 0, 0, 0 },
        { 2024, 13, 1, 0, 0, 0, 0, 0 },  { 2024, 0, 1, 0, 0, 0, 0, 0 },   { 2024, 4, 31, 0, 0, 0, 0, 0 },
        { 2024, 1, 0, 0, 0, 0, 0, 0 },   { 2024, 1, 1, 24, 0, 0, 0, 0 },  { 2024, 1, 1, 0, 60, 0, 0, 0 },
        { 2024, 1, 1, 0, 0, 60, 0, 0 },  { 2024, 1, 1, 0, 0, 0, 1000, 0 }, { 2024, 1, 1, -1, 0, 0, 0, 0 },
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        TIME_FIELDS f = bad[i];
        LARGE_INTEGER t = { .QuadPart = 42 };
        CHECK(!RtlTimeFieldsToTime(&f, &t) && t.QuadPart == 42);
    }
    CHECK(to_time(2024, 2, 29, 0, 0, 0, 0) > 0);
}

TEST(seconds_since_1970_and_1980)
{
    LARGE_INTEGER t;
    ULONG s = 7;
    RtlSecondsSince1970ToTime(0, &t);
    CHECK(t.QuadPart == 116444736000000000ll);
    RtlSecondsSince1970ToTime(1700000000, &t);
    CHECK(same(fields(t.QuadPart), 2023, 11, 14, 22, 13, 20, 0, 2));
    t.QuadPart += SECOND - 1; /* whole seconds: the fraction is dropped */
    CHECK(RtlTimeToSecondsSince1970(&t, &s) && s == 1700000000);
    RtlSecondsSince1980ToTime(0, &t);
    CHECK(t.QuadPart == to_time(1980, 1, 1, 0, 0, 0, 0));
    RtlSecondsSince1980ToTime(0xFFFFFFFF, &t);
    CHECK(RtlTimeToSecondsSince1980(&t, &s) && s == 0xFFFFFFFF);
    CHECK(RtlTimeToSecondsSince1970(&t, &s) == FALSE); /* 2116: past a ULONG since 1970 */
    t.QuadPart = to_time(1979, 12, 31, 23, 59, 59, 0);
    s = 7;
    CHECK(!RtlTimeToSecondsSince1980(&t, &s) && s == 7);
    CHECK(RtlTimeToSecondsSince1970(&t, &s) && s == 315532799);
    t.QuadPart = to_time(2106, 2, 7, 6, 28, 15, 0);
    CHECK(RtlTimeToSecondsSince1970(&t, &s) && s == 0xFFFFFFFF);
    t.QuadPart += SECOND;
    CHECK(!RtlTimeToSecondsSince1970(&t, &s));
    t.QuadPart = -1;
    CHECK(!RtlTimeToSecondsSince1970(&t, &s));
}
