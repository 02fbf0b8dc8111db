/* The MC146818 real-time clock in CMOS: the date and time it keeps (QEMU's: the host's, in UTC). */
#ifndef PAGODA_RTC_H
#define PAGODA_RTC_H

struct rtc_date {
    unsigned year, month, day, hour, minute, second; /* month and day from 1 */
};

/* The date now, read twice until both reads agree (the clock may tick between registers). */
void rtc_read(struct rtc_date *d);

#endif
