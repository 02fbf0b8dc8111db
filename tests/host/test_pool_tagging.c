/* With POOL_TAGGING, ExAllocatePool is the WDK's macro over the tagged call (tag ' mdW'). */
#define POOL_TAGGING
#include "kernel/wdm.h"
#include "tests/host/unit.h"

TEST(pool_tagging_makes_ExAllocatePool_use_the_wdm_tag)
{
    unsigned char *p = ExAllocatePool(NonPagedPool, 16);
    CHECK(p && p[-4] == 'W' && p[-3] == 'd' && p[-2] == 'm' && p[-1] == ' ');
    ExFreePoolWithTag(p, ' mdW');
}
