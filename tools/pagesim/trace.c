#include "tools/pagesim/trace.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "shell/replay_trace.h"

/* Open addressing from page number to dense id; grows at half full. */
struct id_map {
    uint64_t *keys;
    uint32_t *ids;
    size_t size, used;
};

static size_t slot_of(const struct id_map *m, uint64_t key)
{
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull) & (m->size - 1);
    while (m->ids[i] != UINT32_MAX && m->keys[i] != key)
        i = (i + 1) & (m->size - 1);
    return i;
}

static void map_init(struct id_map *m, size_t size)
{
    m->size = size;
    m->used = 0;
    m->keys = malloc(size * sizeof(*m->keys));
    m->ids = malloc(size * sizeof(*m->ids));
    for (size_t i = 0; i < size; i++)
        m->ids[i] = UINT32_MAX;
}

static void map_grow(struct id_map *m)
{
    struct id_map bigger;
    map_init(&bigger, m->size * 2);
    for (size_t i = 0; i < m->size; i++)
        if (m->ids[i] != UINT32_MAX) {
            size_t j = slot_of(&bigger, m->keys[i]);
            bigger.keys[j] = m->keys[i];
            bigger.ids[j] = m->ids[i];
        }
    bigger.used = m->used;
    free(m->keys);
    free(m->ids);
    *m = bigger;
}

static uint32_t map_id(struct id_map *m, uint64_t key)
{
    if (2 * (m->used + 1) > m->size)
        map_grow(m);
    size_t i = slot_of(m, key);
    if (m->ids[i] == UINT32_MAX) {
        m->keys[i] = key;
        m->ids[i] = (uint32_t)m->used++;
    }
    return m->ids[i];
}

/* pagesim's binary form (what `replay` reads): the ids are already dense. */
static int parse_binary(struct trace *t, const char *bytes, size_t length)
{
    struct replay_trace r;
    t->refs = 0;
    t->count = t->distinct = 0;
    if (length > UINT32_MAX || replay_trace_parse(bytes, (uint32_t)length, &r))
        return -1;
    t->refs = malloc((r.count ? r.count : 1) * sizeof(*t->refs));
    memcpy(t->refs, r.refs, r.count * sizeof(*t->refs));
    t->count = r.count;
    t->distinct = r.pages;
    return 0;
}

int trace_parse(struct trace *t, const char *text, size_t length)
{
    uint32_t magic = 0;
    if (length >= 4)
        memcpy(&magic, text, 4);
    if (magic == REPLAY_TRACE_MAGIC)
        return parse_binary(t, text, length);
    size_t capacity = 1024;
    struct id_map map;
    map_init(&map, 1024);
    t->refs = malloc(capacity * sizeof(*t->refs));
    t->count = 0;
    int status = 0, line = 0;
    for (size_t i = 0; i < length && status == 0;) {
        uint64_t page = 0;
        int digits = 0;
        bool overflow = false;
        line++;
        for (; i < length && text[i] >= '0' && text[i] <= '9'; i++, digits++) {
            unsigned d = (unsigned)(text[i] - '0');
            overflow |= page > (UINT64_MAX - d) / 10;
            page = page * 10 + d;
        }
        if (!digits && i < length && text[i] == '*') /* the LIRS traces' separator lines: no reference */
            i++;
        while (i < length && (text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
            i++;
        if ((i < length && text[i] != '\n') || overflow)
            status = line;
        i++;
        if (!digits)
            continue;
        if (t->count == capacity)
            t->refs = realloc(t->refs, (capacity *= 2) * sizeof(*t->refs));
        t->refs[t->count++] = map_id(&map, page);
    }
    t->distinct = (uint32_t)map.used;
    free(map.keys);
    free(map.ids);
    return status;
}

void trace_free(struct trace *t)
{
    free(t->refs);
    t->refs = 0;
}
