/* IRQL levels: raise/lower bookkeeping, names and parsing. */
#include "../../kernel/irql.h"
#include "../../kernel/ktest.h"
#include "../../kernel/lib/kstring.h"

static void raise_returns_the_old_level_and_lower_restores_it(struct ktest *t)
{
    KIRQL old, inner;
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL);
    KeRaiseIrql(APC_LEVEL, &old);
    KT_EXPECT(t, old == PASSIVE_LEVEL && KeGetCurrentIrql() == APC_LEVEL);
    inner = KeRaiseIrqlToDpcLevel();
    KT_EXPECT(t, inner == APC_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeLowerIrql(inner);
    KeLowerIrql(old);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL);
}

static void levels_have_their_nt_names(struct ktest *t)
{
    KIRQL l = 0;
    KT_EXPECT(t, strcmp(irql_name(DISPATCH_LEVEL), "DISPATCH_LEVEL") == 0);
    KT_EXPECT(t, strcmp(irql_name(HIGH_LEVEL), "HIGH_LEVEL") == 0);
    KT_EXPECT(t, irql_parse("DISPATCH_LEVEL", &l) && l == 2);
    KT_EXPECT(t, irql_parse("31", &l) && l == 31);
    KT_EXPECT(t, !irql_parse("32", &l) && !irql_parse("LOUD_LEVEL", &l));
}

static const struct ktest_case irql_cases[] = {
    { "raise_returns_the_old_level_and_lower_restores_it", raise_returns_the_old_level_and_lower_restores_it },
    { "levels_have_their_nt_names", levels_have_their_nt_names },
};
KTEST_SUITE(irql_suite, "irql", irql_cases);
