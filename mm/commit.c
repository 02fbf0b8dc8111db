#include "mm/commit.h"

static uint32_t used, limit = UINT32_MAX;

void commit_set_limit(uint32_t pages)
{
    limit = pages;
}

bool commit_charge(uint32_t npages)
{
    if (npages > limit - used)
        return false;
    used += npages;
    return true;
}

void commit_return(uint32_t npages)
{
    used -= npages;
}

uint32_t commit_used(void)
{
    return used;
}

uint32_t commit_limit(void)
{
    return limit;
}
