/* Windows' calendar arithmetic over its system time (100 ns units since 1 January 1601, the proleptic
 * Gregorian calendar): TIME_FIELDS both ways and the seconds since 1970 and 1980. Portable: the host
 * unit tests check it against known dates (tests/host/test_time_fields.c). */
#include "kernel/wdm.h"

#define SECOND_100NS 10000000ll
#define DAY_SECONDS 86400ll
#define DAYS_1601_TO_1970 134774ll
#define SECONDS_1601_TO_1970 (DAYS_1601_TO_1970 * DAY_SECONDS)
#define SECONDS_1601_TO_1980 ((DAYS_1601_TO_1970 + 3652) * DAY_SECONDS) /* 1970-1979: 2 leap years */
#define MONDAY 1 /* 1 January 1601 */

/* Days from 1 January 1970 to a date (H. Hinnant's days_from_civil), counting from March so that the
 * leap day ends a year. */
static LONGLONG days_since_1970(LONG year, unsigned month, unsigned day)
{
    year -= month <= 2;
    LONG era = (year >= 0 ? year : year - 399) / 400;
    unsigned year_of_era = (unsigned)(year - era * 400);
    unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return (LONGLONG)era * 146097 + day_of_era - 719468;
}

/* The inverse (civil_from_days), for days since 1970 that are not negative beyond 1601. */
static void date_of(LONGLONG days, LONG *year, unsigned *month, unsigned *day)
{
    days += 719468;
    LONGLONG era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned day_of_era = (unsigned)(days - era * 146097);
    unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    unsigned march_month = (5 * day_of_year + 2) / 153;
    *day = day_of_year - (153 * march_month + 2) / 5 + 1;
    *month = march_month < 10 ? march_month + 3 : march_month - 9;
    *year = (LONG)(year_of_era + era * 400) + (*month <= 2);
}

static BOOLEAN leap(LONG year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static unsigned days_in_month(LONG year, unsigned month)
{
    static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return days[month - 1] + (month == 2 && leap(year));
}

/* Times are counted from 1601: a negative one is taken as the unsigned count it is, as Windows does. */
VOID NTAPI RtlTimeToTimeFields(PLARGE_INTEGER Time, PTIME_FIELDS TimeFields)
{
    ULONGLONG t = (ULONGLONG)Time->QuadPart;
    ULONGLONG seconds = t / SECOND_100NS, days = seconds / DAY_SECONDS, in_day = seconds % DAY_SECONDS;
    LONG year;
    unsigned month, day;
    date_of((LONGLONG)days - DAYS_1601_TO_1970, &year, &month, &day);
    *TimeFields = (TIME_FIELDS){ .Year = (CSHORT)year, .Month = (CSHORT)month, .Day = (CSHORT)day,
                                 .Hour = (CSHORT)(in_day / 3600), .Minute = (CSHORT)(in_day / 60 % 60),
                                 .Second = (CSHORT)(in_day % 60),
                                 .Milliseconds = (CSHORT)(t % SECOND_100NS / 10000),
                                 .Weekday = (CSHORT)((days + MONDAY) % 7) };
}

/* FALSE for fields outside their ranges (a year before 1601, a day the month does not have); Weekday
 * is not read. */
BOOLEAN NTAPI RtlTimeFieldsToTime(PTIME_FIELDS TimeFields, PLARGE_INTEGER Time)
{
    const TIME_FIELDS *f = TimeFields;
    if (f->Year < 1601 || f->Month < 1 || f->Month > 12 || f->Day < 1 ||
        (unsigned)f->Day > days_in_month(f->Year, (unsigned)f->Month) || f->Hour < 0 || f->Hour > 23 ||
        f->Minute < 0 || f->Minute > 59 || f->Second < 0 || f->Second > 59 || f->Milliseconds < 0 ||
        f->Milliseconds > 999)
        return FALSE;
    LONGLONG days = days_since_1970(f->Year, (unsigned)f->Month, (unsigned)f->Day) + DAYS_1601_TO_1970;
    LONGLONG seconds = days * DAY_SECONDS + f->Hour * 3600 + f->Minute * 60 + f->Second;
    Time->QuadPart = seconds * SECOND_100NS + f->Milliseconds * 10000ll;
    return TRUE;
}

/* The whole seconds since the epoch (seconds after 1601), FALSE when they do not fit a ULONG. */
static BOOLEAN seconds_since(const LARGE_INTEGER *time, LONGLONG epoch, PULONG elapsed)
{
    LONGLONG seconds = time->QuadPart / SECOND_100NS - epoch;
    if (time->QuadPart < 0 || seconds < 0 || seconds > 0xFFFFFFFFll)
        return FALSE;
    *elapsed = (ULONG)seconds;
    return TRUE;
}

BOOLEAN NTAPI RtlTimeToSecondsSince1970(PLARGE_INTEGER Time, PULONG ElapsedSeconds)
{
    return seconds_since(Time, SECONDS_1601_TO_1970, ElapsedSeconds);
}

BOOLEAN NTAPI RtlTimeToSecondsSince1980(PLARGE_INTEGER Time, PULONG ElapsedSeconds)
{
    return seconds_since(Time, SECONDS_1601_TO_1980, ElapsedSeconds);
}

VOID NTAPI RtlSecondsSince1970ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time)
{
    Time->QuadPart = (SECONDS_1601_TO_1970 + ElapsedSeconds) * SECOND_100NS;
}

VOID NTAPI RtlSecondsSince1980ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time)
{
    Time->QuadPart = (SECONDS_1601_TO_1980 + ElapsedSeconds) * SECOND_100NS;
}
