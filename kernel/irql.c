#include "irql.h"

#include "bugcheck.h"
#include "lib/kparse.h"
#include "lib/kstring.h"

static volatile KIRQL current_irql = PASSIVE_LEVEL;

static const char *const level_names[HIGH_LEVEL + 1] = {
    [PASSIVE_LEVEL] = "PASSIVE_LEVEL", [APC_LEVEL] = "APC_LEVEL", [DISPATCH_LEVEL] = "DISPATCH_LEVEL",
    [PROFILE_LEVEL] = "PROFILE_LEVEL", [CLOCK2_LEVEL] = "CLOCK2_LEVEL", [IPI_LEVEL] = "IPI_LEVEL",
    [POWER_LEVEL] = "POWER_LEVEL",     [HIGH_LEVEL] = "HIGH_LEVEL",
};

const char *irql_name(KIRQL irql)
{
    if (irql > HIGH_LEVEL)
        return "INVALID_LEVEL";
    return level_names[irql] ? level_names[irql] : "DEVICE_LEVEL";
}

int irql_parse(const char *s, KIRQL *out)
{
    uint32_t v;
    if (parse_u32_range(s, 0, HIGH_LEVEL, &v) == PARSE_OK) {
        *out = (KIRQL)v;
        return 1;
    }
    for (unsigned i = 0; i <= HIGH_LEVEL; i++)
        if (level_names[i] && strcmp(s, level_names[i]) == 0) {
            *out = (KIRQL)i;
            return 1;
        }
    return 0;
}

KIRQL KeGetCurrentIrql(VOID)
{
    return current_irql;
}

VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    KIRQL old = current_irql;
    if (NewIrql < old)
        KeBugCheckEx(BUGCHECK_IRQL_NOT_GREATER_OR_EQUAL, old, NewIrql, 0, 0);
    current_irql = NewIrql;
    *OldIrql = old;
}

VOID KeLowerIrql(KIRQL NewIrql)
{
    KIRQL old = current_irql;
    if (NewIrql > old)
        KeBugCheckEx(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, old, NewIrql, 0, 0);
    current_irql = NewIrql;
}

KIRQL KeRaiseIrqlToDpcLevel(VOID)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    return old;
}
