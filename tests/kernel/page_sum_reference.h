/* The page both page_sum tests sum (word i = i * 2654435761) and its figures, worked out by hand from
 * hal/page_sum.h's definition: the host's C and the kernel's two loops must all give them. */
#ifndef PAGODA_TESTS_PAGE_SUM_REFERENCE_H
#define PAGODA_TESTS_PAGE_SUM_REFERENCE_H

#define PAGE_SUM_REFERENCE_WORD(i) ((uint32_t)(i) * 2654435761u)
#define PAGE_SUM_REFERENCE_WORDS 0x5e949e00u
#define PAGE_SUM_REFERENCE_RUNNING 0xf57b8f00u

#endif
