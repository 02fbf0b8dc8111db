/* A page-reference trace with its page numbers renamed to dense ids 0..distinct-1. */
#ifndef PAGODA_PAGESIM_TRACE_H
#define PAGODA_PAGESIM_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct trace {
    uint32_t *refs;
    uint32_t count, distinct;
};

/* Parses text (one decimal page number a line, below 2^64; blank lines and the LIRS traces' `*` lines
 * are skipped), or pagesim's binary form (shell/replay_trace.h; text must then be 4-byte aligned).
 * Returns 0; the number of the first line (from 1) that is not a page number; or -1 for a malformed
 * binary trace. */
int trace_parse(struct trace *t, const char *text, size_t length);
void trace_free(struct trace *t);

#endif
