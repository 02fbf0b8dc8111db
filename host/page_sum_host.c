/* hal/page_sum.h on the host: the kernel's sums, word by word. */
#include "hal/page_sum.h"
#include "mm/blockdev.h"

uint32_t page_sum(const void *page, uint32_t *running)
{
    const uint32_t *w = page;
    uint32_t words = 0, total = 0;
    for (unsigned i = 0; i < BLOCK_SIZE / 4; i++) {
        words += w[i];
        if ((i + 1) % (PAGE_SUM_BLOCK / 4) == 0)
            total += words;
    }
    *running = total;
    return words;
}
