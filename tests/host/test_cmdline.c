#include "kernel/lib/kstring.h"
#include "boot/cmdline.h"
#include "tests/host/unit.h"

static char reports[8][200];
static int report_count;

static void collect(void *ctx, const char *line)
{
    (void)ctx;
    if (report_count < 8)
        strlcpy(reports[report_count], line, sizeof(reports[0]));
    report_count++;
}

static struct boot_options parse(const char *line)
{
    struct boot_options o;
    report_count = 0;
    cmdline_defaults(&o);
    cmdline_parse(line, &o, collect, 0);
    return o;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

TEST(cmdline_defaults_when_empty)
{
    struct boot_options o = parse("");
    CHECK(report_count == 0);
    CHECK(o.mem_mib == 0 && o.pagefile_mib == CMDLINE_PAGEFILE_DEFAULT_MIB);
    CHECK(!o.ktest && o.onbugcheck == ONBUGCHECK_HALT && !o.debugport_com2);
    CHECK(!o.bench && o.bench_name[0] == '\0');
}

TEST(cmdline_skips_the_kernel_file_name)
{
    struct boot_options o = parse("/boot/kernel.elf mem=16");
    CHECK(report_count == 0 && o.mem_mib == 16);
    o = parse("kernel.elf pagefile=48");
    CHECK(report_count == 0 && o.pagefile_mib == 48);
}

TEST(cmdline_every_option)
{
    struct boot_options o = parse("build/kernel.elf mem=0x20 pagefile=0 ktest=irql onbugcheck=exit debugport=com2");
    CHECK(report_count == 0);
    CHECK(o.mem_mib == 32 && o.pagefile_mib == 0);
    CHECK(o.ktest && pg_strcmp(o.ktest_suite, "irql") == 0);
    CHECK(o.onbugcheck == ONBUGCHECK_EXIT && o.debugport_com2);
    o = parse("ktest onbugcheck=debug");
    CHECK(o.ktest && o.ktest_suite[0] == '\0' && o.onbugcheck == ONBUGCHECK_DEBUG);
}

TEST(cmdline_unknown_option_warns_and_is_ignored)
{
    struct boot_options o = parse("/k.elf frob mem=8 x=y");
    CHECK(report_count == 2);
    CHECK_STR(reports[0], "warning: unknown option 'frob' ignored");
    CHECK_STR(reports[1], "warning: unknown option 'x=y' ignored");
    CHECK(o.mem_mib == 8);
}

TEST(cmdline_bad_values_keep_defaults)
{
    struct boot_options o = parse("mem=abc mem=2 mem=99999999999 pagefile=-1 onbugcheck=reboot debugport=com3");
    CHECK(report_count == 6);
    for (int i = 0; i < 6; i++)
        CHECK(starts_with(reports[i], "error: bad value"));
    CHECK(o.mem_mib == 0 && o.pagefile_mib == CMDLINE_PAGEFILE_DEFAULT_MIB);
    CHECK(o.onbugcheck == ONBUGCHECK_HALT && !o.debugport_com2);
    CHECK_STR(reports[1], "error: bad value '2' for mem=: out of range; MiB from 4 to 4095 expected; "
                          "keeping the default");
}

TEST(cmdline_bench_alone_or_by_name)
{
    struct boot_options o = parse("bench");
    CHECK(report_count == 0 && o.bench && o.bench_name[0] == '\0' && !o.ktest);
    o = parse("bench=irql");
    CHECK(report_count == 0 && o.bench && pg_strcmp(o.bench_name, "irql") == 0);
    o = parse("bench=");
    CHECK(report_count == 1 && starts_with(reports[0], "error: bad value '' for bench="));
    CHECK(o.bench && o.bench_name[0] == '\0');
}

TEST(cmdline_ktest_suite_name_too_long)
{
    struct boot_options o = parse("ktest=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    CHECK(report_count == 1 && starts_with(reports[0], "error: bad value"));
    CHECK(o.ktest && o.ktest_suite[0] == '\0');
}

TEST(cmdline_option_names_need_their_value)
{
    struct boot_options o = parse("mem onbugcheck");
    CHECK(report_count == 2 && starts_with(reports[0], "warning: unknown option 'mem'"));
    CHECK(o.mem_mib == 0);
}

TEST(cmdline_overlong_line_is_cut_with_a_warning)
{
    static char line[3000];
    memset(line, 'a', sizeof(line) - 1);
    parse(line);
    CHECK(report_count == 2);
    CHECK(starts_with(reports[0], "warning: command line longer than 1023"));
}

TEST(cmdline_load_keeps_the_names_in_order)
{
    struct boot_options o = parse("load=junk,sample");
    CHECK(report_count == 0 && strcmp(o.load, "junk,sample") == 0);
    o = parse("load=");
    CHECK(report_count == 1 && starts_with(reports[0], "error: bad value '' for load=") && o.load[0] == '\0');
}
