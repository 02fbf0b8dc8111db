#include "mm/resident.h"

static uint32_t available, refusals;

void resident_init(uint32_t frames)
{
    available = frames;
}

bool resident_charge(uint32_t npages)
{
    if (available < RESIDENT_MINIMUM || npages > available - RESIDENT_MINIMUM) {
        refusals++;
        return false;
    }
    available -= npages;
    return true;
}

void resident_return(uint32_t npages)
{
    available += npages;
}

uint32_t resident_refusals(void)
{
    return refusals;
}

uint32_t resident_available(void)
{
    return available > RESIDENT_MINIMUM ? available - RESIDENT_MINIMUM : 0;
}
