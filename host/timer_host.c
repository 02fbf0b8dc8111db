/* The host library has no clock, so no timer is ever set and no DPC ever queued: the pool's check of a
 * block being freed (pool/freed_objects.h) finds none there, only lookaside lists. */
#include "kernel/timer.h"

enum timer_dpc_found timer_or_dpc_in_range(uintptr_t lo, uintptr_t hi, const void **object)
{
    (void)lo, (void)hi;
    *object = 0;
    return TIMER_FOUND_NONE;
}
