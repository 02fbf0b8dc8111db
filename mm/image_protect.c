#include "mm/image_protect.h"

uint32_t image_protect_bits[IMAGE_PROTECT_WORDS];

void image_protect_set(uint32_t va, uint32_t npages, bool on)
{
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t bit = (va - DRIVER_IMAGES_START) / PAGE_SIZE + i;
        if (on)
            image_protect_bits[bit / 32] |= 1u << bit % 32;
        else
            image_protect_bits[bit / 32] &= ~(1u << bit % 32);
    }
}
