/* The page-reference trace `replay` runs, as pagesim writes it (`pagesim --binary`): little-endian
 * 32-bit words, the magic "PGTR", the number of references, the number of distinct pages, then each
 * reference as a page index below that number. Portable: pagesim writes and reads it with this code. */
#ifndef PAGODA_SHELL_REPLAY_TRACE_H
#define PAGODA_SHELL_REPLAY_TRACE_H

#include <stdint.h>

#define REPLAY_TRACE_MAGIC 0x52544750u /* "PGTR" */
#define REPLAY_TRACE_HEADER_WORDS 3

struct replay_trace {
    const uint32_t *refs;
    uint32_t count, pages;
};

/* Checks the bytes of a trace (4-byte aligned): 0 with t filled in, or why they are not one. */
const char *replay_trace_parse(const void *bytes, uint32_t size, struct replay_trace *t);
/* The three header words of a trace of count references to pages distinct pages. */
void replay_trace_header(uint32_t header[REPLAY_TRACE_HEADER_WORDS], uint32_t count, uint32_t pages);

#endif
