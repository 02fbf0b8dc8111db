/* KeQuerySystemTime: the real-time clock's date at boot, in Windows' units, plus the interrupt time. */
#include "kernel/system_time.h"

#include "hal/rtc.h"

#define SECOND_100NS 10000000ull
#define DAYS_1601_TO_1970 134774ull

static ULONGLONG boot_system_time; /* the system time at interrupt time 0 */

/* Days from 1 January 1970 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil),
 * counting March first so that the leap day ends a year. */
static LONGLONG days_since_1970(int year, unsigned month, unsigned day)
{
    year -= month <= 2;
    int era = (year >= 0 ? year : year - 399) / 400;
    unsigned year_of_era = (unsigned)(year - era * 400);
    unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return (LONGLONG)era * 146097 + day_of_era - 719468;
}

ULONGLONG system_time_of_date(unsigned year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                              unsigned second)
{
    ULONGLONG days = (ULONGLONG)(days_since_1970((int)year, month, day) + (LONGLONG)DAYS_1601_TO_1970);
    return ((days * 24 + hour) * 60 + minute) * 60 * SECOND_100NS + second * SECOND_100NS;
}

void system_time_init(void)
{
    struct rtc_date d;
    rtc_read(&d);
    boot_system_time = system_time_of_date(d.year, d.month, d.day, d.hour, d.minute, d.second) -
                       KeQueryInterruptTime();
}

ULONGLONG system_time_to_interrupt_time(ULONGLONG t)
{
    return t > boot_system_time ? t - boot_system_time : 0;
}

VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = (LONGLONG)(boot_system_time + KeQueryInterruptTime());
}
