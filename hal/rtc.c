#include "hal/rtc.h"

#include <stdbool.h>

#include "hal/port_io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SECOND 0x00
#define RTC_MINUTE 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define STATUS_A_UPDATING 0x80
#define STATUS_B_24_HOUR 0x02
#define STATUS_B_BINARY 0x04
#define HOUR_PM 0x80

static unsigned cmos(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static void read_once(struct rtc_date *d)
{
    while (cmos(RTC_STATUS_A) & STATUS_A_UPDATING) /* at most about 2 ms once a second */
        ;
    *d = (struct rtc_date){ .year = cmos(RTC_YEAR), .month = cmos(RTC_MONTH), .day = cmos(RTC_DAY),
                            .hour = cmos(RTC_HOUR), .minute = cmos(RTC_MINUTE), .second = cmos(RTC_SECOND) };
}

static unsigned from_bcd(unsigned v)
{
    return (v >> 4) * 10 + (v & 0x0F);
}

static bool same(const struct rtc_date *a, const struct rtc_date *b)
{
    return a->second == b->second && a->minute == b->minute && a->hour == b->hour && a->day == b->day &&
           a->month == b->month && a->year == b->year;
}

void rtc_read(struct rtc_date *d)
{
    struct rtc_date before;
    read_once(d);
    do {
        before = *d;
        read_once(d);
    } while (!same(&before, d));
    unsigned status = cmos(RTC_STATUS_B), pm = d->hour & HOUR_PM;
    d->hour &= ~(unsigned)HOUR_PM;
    if (!(status & STATUS_B_BINARY)) {
        d->year = from_bcd(d->year), d->month = from_bcd(d->month), d->day = from_bcd(d->day);
        d->hour = from_bcd(d->hour), d->minute = from_bcd(d->minute), d->second = from_bcd(d->second);
    }
    if (!(status & STATUS_B_24_HOUR)) /* 12 o'clock is hour 0 of its half of the day */
        d->hour = d->hour % 12 + (pm ? 12 : 0);
    d->year += 2000; /* two digits; the century register's place varies by machine */
}
