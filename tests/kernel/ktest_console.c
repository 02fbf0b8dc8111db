/* The console keeps lines whole: a driver's DbgPrint that comes in the middle of another write (as a
 * DPC's does) waits until that write ends, then stands on a line of its own. The console's tap sees
 * every byte; here it also plays the DPC, printing once from inside the first write. */
#include "kernel/console.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"

static char seen[128];
static unsigned seen_len, deferred_inside;
static bool dpc_fired, stop_inside;

/* Plays the DPC on the first byte: a DbgPrint, and with stop_inside what KeBugCheckEx does first. */
static void tap(char c)
{
    if (seen_len < sizeof seen - 1)
        seen[seen_len++] = c;
    if (!dpc_fired) {
        dpc_fired = true;
        DbgPrint(stop_inside ? "dpc: last words\n" : "dpc: line\n");
        if (stop_inside)
            console_flush_deferred();
        deferred_inside = console_deferred_bytes();
    }
}

static void arm(bool stop)
{
    seen_len = 0;
    dpc_fired = false;
    stop_inside = stop;
    console_set_tap(tap);
}

static void a_dbgprint_inside_a_write_waits_for_its_end(struct ktest *t)
{
    arm(false);
    console_puts("kt-half ");
    console_puts("line\n");
    console_set_tap(0);
    seen[seen_len] = 0;
    KT_EXPECT(t, deferred_inside == strlen("dpc: line\n") && console_deferred_bytes() == 0);
    /* After the first write ("kt-half "), on a line of its own, before the second. */
    KT_EXPECT(t, strcmp(seen, "kt-half \ndpc: line\nline\n") == 0);
}

/* A bugcheck that comes while a DbgPrint waits (the write it waits for never ends) prints it first. */
static void a_waiting_dbgprint_goes_out_when_the_machine_stops(struct ktest *t)
{
    arm(true);
    console_puts("kt-half ");
    console_set_tap(0);
    console_puts("\n");
    seen[seen_len] = 0;
    KT_EXPECT(t, deferred_inside == 0 && strcmp(seen, "k\ndpc: last words\nt-half ") == 0);
}

static const struct ktest_case console_cases[] = {
    { "a_dbgprint_inside_a_write_waits_for_its_end", a_dbgprint_inside_a_write_waits_for_its_end },
    { "a_waiting_dbgprint_goes_out_when_the_machine_stops", a_waiting_dbgprint_goes_out_when_the_machine_stops },
};
KTEST_SUITE(console_suite, "console", console_cases);
