/* libFuzzer target for the kernel command line (boot/cmdline.c): the input, up to its first NUL, is
 * the line (longer than CMDLINE_MAX at times). Whatever it holds, every option must stay in the range
 * README's Kernel command line gives it, each report must be one line starting "error: " or
 * "warning: " with no control byte in it (the console would break it or move its cursor), the line
 * itself must not change, and parsing it again must give the same options. */
#include "kernel/lib/kstring.h"
#include "boot/cmdline.h"
#include "tests/fuzz/fuzz_input.h"

#define REPORT_MAX 192 /* cmdline.c's line buffer */

static unsigned reports;

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void report(void *ctx, const char *line)
{
    (void)ctx;
    size_t n = strlen(line);
    reports++;
    FUZZ_CHECK(n < REPORT_MAX && (starts_with(line, "error: ") || starts_with(line, "warning: ")),
               "report '%s'", line);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK((uint8_t)line[i] >= 0x20 && line[i] != 0x7F, "report with byte 0x%02X: '%s'",
                   (uint8_t)line[i], line);
}

static size_t strnlen_model(const char *s, size_t size)
{
    size_t n = 0;
    while (n < size && s[n])
        n++;
    return n;
}

static void check_name(bool on, const char *name, size_t size, const char *what)
{
    FUZZ_CHECK(strnlen_model(name, size) < size, "%s name not terminated", what);
    FUZZ_CHECK(on || !*name, "%s name '%s' without %s", what, name, what);
}

static void check_options(const struct boot_options *o)
{
    FUZZ_CHECK(o->mem_mib == 0 || (o->mem_mib >= CMDLINE_MEM_MIN_MIB && o->mem_mib <= CMDLINE_MEM_MAX_MIB),
               "mem=%u", o->mem_mib);
    FUZZ_CHECK(o->pagefile_mib <= CMDLINE_PAGEFILE_MAX_MIB, "pagefile=%u", o->pagefile_mib);
    FUZZ_CHECK(o->onbugcheck == ONBUGCHECK_HALT || o->onbugcheck == ONBUGCHECK_EXIT ||
                   o->onbugcheck == ONBUGCHECK_DEBUG,
               "onbugcheck %d", (int)o->onbugcheck);
    check_name(o->ktest, o->ktest_suite, sizeof(o->ktest_suite), "ktest");
    check_name(o->bench, o->bench_name, sizeof(o->bench_name), "bench");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size, 0 };
    static char line[2 * CMDLINE_MAX], copy[2 * CMDLINE_MAX];
    size_t n = fuzz_string(&in, line, sizeof(line));
    memcpy(copy, line, n + 1);
    struct boot_options first, again;
    cmdline_defaults(&first);
    reports = 0;
    cmdline_parse(line, &first, report, 0);
    FUZZ_CHECK(memcmp(line, copy, n + 1) == 0, "the line changed");
    /* At most a report per word (a word takes at least two bytes with its blank), plus the two for
     * a line too long and too many words. */
    FUZZ_CHECK(reports <= n / 2 + 3, "%u reports for %zu bytes", reports, n);
    check_options(&first);
    cmdline_defaults(&again);
    cmdline_parse(line, &again, report, 0);
    FUZZ_CHECK(first.mem_mib == again.mem_mib && first.pagefile_mib == again.pagefile_mib &&
                   first.ktest == again.ktest && strcmp(first.ktest_suite, again.ktest_suite) == 0 &&
                   first.bench == again.bench && strcmp(first.bench_name, again.bench_name) == 0 &&
                   first.onbugcheck == again.onbugcheck && first.debugport_com2 == again.debugport_com2,
               "the same line gave other options");
    return 0;
}
