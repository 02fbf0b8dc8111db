/* The freestanding library as the kernel compiled it (i686, -O2), beside the host's sanitizer run. */
#include "kernel/ktest.h"
#include "kernel/lib/kformat.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"

static void format_as_compiled_for_the_kernel(struct ktest *t)
{
    char buf[64];
    ksnprintf(buf, sizeof(buf), "0x%08x %d %llu %s", 0xE1000000u, -7, 1ULL << 40, "ok");
    KT_EXPECT(t, strcmp(buf, "0xe1000000 -7 1099511627776 ok") == 0);
}

static void parse_as_compiled_for_the_kernel(struct ktest *t)
{
    uint32_t v = 0;
    KT_EXPECT(t, parse_u32("0xFFFFFFFF", &v) == PARSE_OK && v == 0xFFFFFFFFu);
    KT_EXPECT(t, parse_u32("4294967296", &v) == PARSE_OVERFLOW);
}

static void memset_and_memcpy_do_not_recurse(struct ktest *t)
{
    /* GCC turns byte loops into memset/memcpy calls unless told not to; inside memset that recursion
     * would never end. Large sizes make such a transformation likely. */
    static char a[4096], b[4096];
    memset(a, 0x5A, sizeof(a));
    memcpy(b, a, sizeof(b));
    KT_EXPECT(t, memcmp(a, b, sizeof(a)) == 0 && b[4095] == 0x5A);
}

static const struct ktest_case lib_cases[] = {
    { "format_as_compiled_for_the_kernel", format_as_compiled_for_the_kernel },
    { "parse_as_compiled_for_the_kernel", parse_as_compiled_for_the_kernel },
    { "memset_and_memcpy_do_not_recurse", memset_and_memcpy_do_not_recurse },
};
KTEST_SUITE(lib_suite, "lib", lib_cases);
