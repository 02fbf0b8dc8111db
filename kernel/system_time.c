/* KeQuerySystemTime: the real-time clock's date at boot, in Windows' units, plus the interrupt time; its
 * precise form, and local time, which is UTC (Pagoda has no time zone). */
#include "kernel/system_time.h"

#include "hal/rtc.h"

static ULONGLONG boot_system_time; /* the system time at interrupt time 0 */

ULONGLONG system_time_of_date(unsigned year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                              unsigned second)
{
    TIME_FIELDS f = { .Year = (CSHORT)year, .Month = (CSHORT)month, .Day = (CSHORT)day, .Hour = (CSHORT)hour,
                      .Minute = (CSHORT)minute, .Second = (CSHORT)second };
    LARGE_INTEGER t = { .QuadPart = 0 };
    RtlTimeFieldsToTime(&f, &t);
    return (ULONGLONG)t.QuadPart;
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

/* One tick's resolution, as KeQuerySystemTime's. */
VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime)
{
    KeQuerySystemTime(CurrentTime);
}

/* No time zone: local time is UTC. */
VOID NTAPI ExSystemTimeToLocalTime(PLARGE_INTEGER SystemTime, PLARGE_INTEGER LocalTime)
{
    *LocalTime = *SystemTime;
}

VOID NTAPI ExLocalTimeToSystemTime(PLARGE_INTEGER LocalTime, PLARGE_INTEGER SystemTime)
{
    *SystemTime = *LocalTime;
}
