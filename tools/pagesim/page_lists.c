#include "tools/pagesim/page_lists.h"

#include <stdlib.h>

void page_lists_init(struct page_lists *l, uint32_t pages)
{
    uint32_t n = pages ? pages : 1;
    l->next = malloc(n * sizeof(uint32_t));
    l->prev = malloc(n * sizeof(uint32_t));
    l->on = calloc(n, 1);
    for (unsigned i = 0; i <= PAGE_LISTS_MAX; i++) {
        l->head[i] = l->tail[i] = PAGE_LISTS_NIL;
        l->size[i] = 0;
    }
}

void page_lists_free(struct page_lists *l)
{
    free(l->next);
    free(l->prev);
    free(l->on);
}

void page_lists_remove(struct page_lists *l, uint32_t page)
{
    unsigned list = l->on[page];
    if (!list)
        return;
    if (l->prev[page] != PAGE_LISTS_NIL)
        l->next[l->prev[page]] = l->next[page];
    else
        l->head[list] = l->next[page];
    if (l->next[page] != PAGE_LISTS_NIL)
        l->prev[l->next[page]] = l->prev[page];
    else
        l->tail[list] = l->prev[page];
    l->size[list]--;
    l->on[page] = 0;
}

void page_lists_push(struct page_lists *l, unsigned list, uint32_t page)
{
    page_lists_remove(l, page);
    l->prev[page] = PAGE_LISTS_NIL;
    l->next[page] = l->head[list];
    if (l->head[list] != PAGE_LISTS_NIL)
        l->prev[l->head[list]] = page;
    else
        l->tail[list] = page;
    l->head[list] = page;
    l->size[list]++;
    l->on[page] = (uint8_t)list;
}
