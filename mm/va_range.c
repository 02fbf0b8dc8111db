#include "mm/va_range.h"

#include "mm/page_table.h"

void va_range_init(struct va_range *r, uint32_t *words, uint32_t start, uint32_t end)
{
    r->start = start;
    r->end = end;
    bitmap_alloc_init(&r->pages, words, (end - start) / 4096);
}

#define TABLE_SPAN 0x400000u /* what one page table maps */
#define TABLE_PAGES (TABLE_SPAN / 4096)

/* The page tables over [va, va + npages pages) that no handed-out page needs any more go. */
static void release_tables(struct va_range *r, uint32_t va, uint32_t npages)
{
    uint32_t end = va + npages * 4096;
    for (uint32_t table = va & ~(TABLE_SPAN - 1); table < end; table += TABLE_SPAN) {
        uint32_t first = (table - r->start) / 4096;
        if (!bitmap_alloc_any_in_use(&r->pages, first, TABLE_PAGES))
            page_table_release(table);
    }
}

uint32_t va_range_alloc(struct va_range *r, uint32_t npages)
{
    uint32_t first = bitmap_alloc_run(&r->pages, npages);
    if (first == BITMAP_NONE)
        return 0;
    uint32_t va = r->start + first * 4096;
    for (uint32_t i = 0; i < npages; i++)
        if (!page_table_ensure(va + i * 4096)) {
            va_range_free(r, va, npages);
            return 0;
        }
    return va;
}

void va_range_free(struct va_range *r, uint32_t va, uint32_t npages)
{
    bitmap_alloc_free_run(&r->pages, (va - r->start) / 4096, npages);
    release_tables(r, va, npages);
}

bool va_range_contains(const struct va_range *r, uint32_t va)
{
    return va >= r->start && va < r->end;
}

bool va_range_is_allocated(const struct va_range *r, uint32_t va, uint32_t npages)
{
    if ((va & 0xFFF) || !va_range_contains(r, va) || npages > (r->end - va) / 4096)
        return false;
    for (uint32_t i = 0; i < npages; i++)
        if (!bitmap_alloc_in_use(&r->pages, (va - r->start) / 4096 + i))
            return false;
    return true;
}
