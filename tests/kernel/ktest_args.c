/* The argument checks commands use. Each refused word prints its error line on the console, which
 * tests/scenarios/test_args.py reads from this suite's run. */
#include "kernel/irql.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "shell/args.h"
#include "shell/shell_complete.h"

static void args_accept_good_words(struct ktest *t)
{
    uint32_t v = 0;
    KIRQL l = 0;
    ULONG tag = 0;
    KT_EXPECT(t, args_u32("cmd", "0x10", 1, 16, &v) && v == 16);
    KT_EXPECT(t, args_address("cmd", "0xE1000000", &v) && v == 0xE1000000u);
    KT_EXPECT(t, args_tag("cmd", "Test", &tag) && tag == 0x74736554);
    KT_EXPECT(t, args_pool_type("cmd", "PagedPoolCacheAligned", &v) && v == 5);
    KT_EXPECT(t, args_irql("cmd", "DISPATCH_LEVEL", &l) && l == DISPATCH_LEVEL);
    KT_EXPECT(t, args_irql("cmd", "31", &l) && l == HIGH_LEVEL);
}

static void args_refuse_bad_words_and_keep_the_value(struct ktest *t)
{
    uint32_t v = 77;
    KIRQL l = 7;
    ULONG tag = 77;
    KT_EXPECT(t, !args_u32("cmd", "17", 1, 16, &v));
    KT_EXPECT(t, !args_u32("cmd", "0x1g", 1, 16, &v));
    KT_EXPECT(t, !args_address("cmd", "0x100000000", &v));
    KT_EXPECT(t, !args_tag("cmd", "Tests", &tag));
    KT_EXPECT(t, !args_pool_type("cmd", "Paged", &v));
    KT_EXPECT(t, !args_irql("cmd", "LOUD_LEVEL", &l));
    KT_EXPECT(t, !args_irql("cmd", "32", &l));
    KT_EXPECT(t, v == 77 && l == 7 && tag == 77);
}

static void tab_offers_the_irql_names_irql_parse_takes(struct ktest *t)
{
    const char *const *names = shell_complete_irql_names();
    bool dispatch = false;
    unsigned n = 0;
    for (; names[n]; n++) {
        KIRQL level;
        KT_EXPECT(t, irql_parse(names[n], &level));
        dispatch |= strcmp(names[n], "DISPATCH_LEVEL") == 0;
    }
    KT_EXPECT(t, dispatch && n >= 4 && strcmp(names[0], "PASSIVE_LEVEL") == 0);
}

static const struct ktest_case args_cases[] = {
    { "args_accept_good_words", args_accept_good_words },
    { "args_refuse_bad_words_and_keep_the_value", args_refuse_bad_words_and_keep_the_value },
    { "tab_offers_the_irql_names_irql_parse_takes", tab_offers_the_irql_names_irql_parse_takes },
};
KTEST_SUITE(args_suite, "args", args_cases);
