#include "drivers/driver_debug.h"

/* noipa: a real call with the arguments on the stack, as GDB reads them, never inlined, cloned or
 * dropped as useless; the empty asm is the side effect that keeps the call. */
__attribute__((noipa)) void driver_debug_event(const struct driver *d, enum driver_debug_event event)
{
    __asm__ volatile("" : : "g"(d), "g"(event) : "memory");
}
