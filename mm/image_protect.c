#include "mm/image_protect.h"

#include "mm/bitmap_alloc.h"
#include "mm/layout.h"

static uint32_t readonly[BITMAP_WORDS((DRIVER_IMAGES_END - DRIVER_IMAGES_START) / PAGE_SIZE)];

void image_protect_set(uint32_t va, uint32_t npages, bool on)
{
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t bit = (va - DRIVER_IMAGES_START) / PAGE_SIZE + i;
        if (on)
            readonly[bit / 32] |= 1u << bit % 32;
        else
            readonly[bit / 32] &= ~(1u << bit % 32);
    }
}

bool image_protect_readonly(uint32_t va)
{
    if (va < DRIVER_IMAGES_START || va >= DRIVER_IMAGES_END)
        return false;
    uint32_t bit = (va - DRIVER_IMAGES_START) / PAGE_SIZE;
    return readonly[bit / 32] >> bit % 32 & 1;
}
