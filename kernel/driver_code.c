#include "kernel/driver_code.h"

struct image {
    uintptr_t base, size; /* size 0: not mapped */
    bool verified;
};

static struct image images[DRIVER_CODE_OWNERS];
volatile struct driver_code_span driver_code_span;

unsigned driver_code_lookup(uintptr_t address)
{
    for (unsigned owner = 1; owner < DRIVER_CODE_OWNERS; owner++)
        if (address - images[owner].base < images[owner].size)
            return owner;
    return 0;
}

unsigned driver_code_callout_owner(void)
{
    return driver_code_lookup((uintptr_t)callout_innermost());
}

bool driver_code_owner_verified(unsigned owner)
{
    return owner && images[owner].verified;
}

/* While the table changes the span covers everything (size first), and then its base is written before
 * its size: a DPC that reads it in between looks the address up rather than missing an image. */
static void change(unsigned owner, uintptr_t base, uintptr_t size)
{
    driver_code_span.size = UINTPTR_MAX;
    __asm__ volatile("" : : : "memory");
    driver_code_span.base = 0;
    __asm__ volatile("" : : : "memory");
    images[owner].base = base;
    images[owner].size = size;
    uintptr_t lo = UINTPTR_MAX, hi = 0;
    for (unsigned o = 1; o < DRIVER_CODE_OWNERS; o++)
        if (images[o].size) {
            lo = images[o].base < lo ? images[o].base : lo;
            hi = images[o].base + images[o].size > hi ? images[o].base + images[o].size : hi;
        }
    driver_code_span.base = hi ? lo : 0;
    __asm__ volatile("" : : : "memory");
    driver_code_span.size = hi ? hi - lo : 0;
}

void driver_code_add(unsigned owner, uintptr_t base, uintptr_t size)
{
    change(owner, base, size);
}

void driver_code_remove(unsigned owner)
{
    change(owner, images[owner].base, 0);
}

void driver_code_set_verified(unsigned owner, bool verified)
{
    images[owner].verified = verified;
}
