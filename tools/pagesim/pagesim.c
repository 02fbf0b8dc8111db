/* pagesim --policy kernel|opt|lru|clock|fifo --frames N FILE: replays a page-reference trace (plain
 * or gzip) and prints faults=<n>, cold misses counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tools/pagesim/sim.h"

static int usage(void)
{
    fprintf(stderr, "usage: pagesim --policy kernel|opt|lru|clock|fifo --frames N FILE\n");
    return 2;
}

/* The whole file, decompressed if it is gzip (zlib reads plain files as they are). */
static char *read_all(const char *path, size_t *length)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return 0;
    size_t capacity = 1 << 16, n = 0;
    char *buf = malloc(capacity);
    int got;
    while ((got = gzread(f, buf + n, (unsigned)(capacity - n))) > 0) {
        n += (size_t)got;
        if (n == capacity)
            buf = realloc(buf, capacity *= 2);
    }
    gzclose(f);
    if (got < 0) {
        free(buf);
        return 0;
    }
    *length = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *policy_name = 0, *path = 0;
    long frames = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
            policy_name = argv[++i];
        else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = strtol(argv[++i], 0, 10);
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else
            return usage();
    }
    if (!policy_name || frames < 1 || !path)
        return usage();
    enum sim_policy policy = sim_policy_by_name(policy_name);
    if (policy == SIM_POLICY_COUNT) {
        fprintf(stderr, "pagesim: unknown policy '%s'\n", policy_name);
        return usage();
    }
    size_t length;
    char *text = read_all(path, &length);
    if (!text) {
        fprintf(stderr, "pagesim: cannot read %s\n", path);
        return 1;
    }
    struct trace t;
    int bad = trace_parse(&t, text, length);
    free(text);
    if (bad) {
        fprintf(stderr, "pagesim: %s: a line that is not a page number\n", path);
        trace_free(&t);
        return 1;
    }
    printf("faults=%llu refs=%u pages=%u\n", (unsigned long long)sim_faults(policy, &t, (uint32_t)frames), t.count,
           t.distinct);
    trace_free(&t);
    return 0;
}
