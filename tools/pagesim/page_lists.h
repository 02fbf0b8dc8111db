/* Doubly linked lists of dense page ids for the reference policies (ARC's four, LIRS's stack and
 * queue): a page is on one list at most; a list's head is its most recent end. */
#ifndef PAGODA_PAGESIM_PAGE_LISTS_H
#define PAGODA_PAGESIM_PAGE_LISTS_H

#include <stdint.h>

#define PAGE_LISTS_MAX 4
#define PAGE_LISTS_NIL UINT32_MAX

struct page_lists {
    uint32_t *next, *prev; /* next leads from a head towards its tail */
    uint8_t *on;           /* the list a page is on, 1..PAGE_LISTS_MAX, or 0 */
    uint32_t head[PAGE_LISTS_MAX + 1], tail[PAGE_LISTS_MAX + 1], size[PAGE_LISTS_MAX + 1];
};

void page_lists_init(struct page_lists *l, uint32_t pages);
void page_lists_free(struct page_lists *l);
/* Off its list, if it is on one. */
void page_lists_remove(struct page_lists *l, uint32_t page);
/* To the head of list (1..PAGE_LISTS_MAX), off any other. */
void page_lists_push(struct page_lists *l, unsigned list, uint32_t page);

#endif
