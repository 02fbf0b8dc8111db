#include "kernel/ktest.h"

#include "hal/cpu.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/lib/kstring.h"

extern const struct ktest_suite *const ktest_suites_start[];
extern const struct ktest_suite *const ktest_suites_end[];

void ktest_fail(struct ktest *t, const char *file, int line, const char *what)
{
    t->failed = true;
    kprintf("        # %s:%d: expected %s\n", file, line, what);
}

void ktest_skip(struct ktest *t, const char *reason)
{
    t->skip_reason = reason;
}

bool ktest_wait(const volatile unsigned *counter, unsigned at_least, unsigned max_ticks)
{
    uint64_t end = clock_ticks() + max_ticks;
    while (*counter < at_least && clock_ticks() < end)
        cpu_halt();
    return *counter >= at_least;
}

static bool run_suite(const struct ktest_suite *s, unsigned number)
{
    bool ok = true;
    kprintf("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, s->count);
    for (unsigned i = 0; i < s->count; i++) {
        struct ktest t = { false, 0 };
        s->cases[i].run(&t);
        if (t.skip_reason && !t.failed)
            kprintf("    ok %u %s # SKIP %s\n", i + 1, s->cases[i].name, t.skip_reason);
        else
            kprintf("    %s %u %s\n", t.failed ? "not ok" : "ok", i + 1, s->cases[i].name);
        ok &= !t.failed;
    }
    kprintf("%s %u %s\n", ok ? "ok" : "not ok", number, s->name);
    return ok;
}

bool ktest_run(const char *only_suite)
{
    unsigned total = (unsigned)(ktest_suites_end - ktest_suites_start), selected = 0;
    for (unsigned i = 0; i < total; i++)
        selected += !*only_suite || strcmp(ktest_suites_start[i]->name, only_suite) == 0;
    kprintf("KTAP version 1\n1..%u\n", selected);
    if (!selected) {
        kprintf("# error: no test suite named '%s'\n", only_suite);
        return false;
    }
    bool ok = true;
    unsigned number = 0;
    for (unsigned i = 0; i < total; i++)
        if (!*only_suite || strcmp(ktest_suites_start[i]->name, only_suite) == 0)
            ok &= run_suite(ktest_suites_start[i], ++number);
    kprintf("# ktest: %s\n", ok ? "PASS" : "FAIL");
    return ok;
}
