#include "shell/replay_trace.h"

const char *replay_trace_parse(const void *bytes, uint32_t size, struct replay_trace *t)
{
    const uint32_t *w = bytes;
    if (size < REPLAY_TRACE_HEADER_WORDS * 4 || w[0] != REPLAY_TRACE_MAGIC)
        return "not a trace (no PGTR header)";
    uint32_t count = w[1], pages = w[2];
    if (count > size / 4 - REPLAY_TRACE_HEADER_WORDS || size != (REPLAY_TRACE_HEADER_WORDS + count) * 4)
        return "truncated or overlong trace";
    for (uint32_t i = 0; i < count; i++)
        if (w[REPLAY_TRACE_HEADER_WORDS + i] >= pages)
            return "a reference beyond the page count";
    *t = (struct replay_trace){ w + REPLAY_TRACE_HEADER_WORDS, count, pages };
    return 0;
}

void replay_trace_header(uint32_t header[REPLAY_TRACE_HEADER_WORDS], uint32_t count, uint32_t pages)
{
    header[0] = REPLAY_TRACE_MAGIC;
    header[1] = count;
    header[2] = pages;
}
