/* pagesim --policy kernel|opt|lru|clock|fifo|clockpro|arc|lirs --frames N FILE: replays a page-reference
 * trace (text, gzip text, or the binary form below) and prints faults=<n>, cold misses counted.
 * pagesim --sweep FILE: every policy at 5, 10, 20, 40 and 60 % of the trace's distinct pages, a line
 * `<policy> <percent> <frames> <faults>` each (the trace is read once: what make bench uses).
 * pagesim --binary OUT FILE: writes the trace in the binary form `replay` reads from a Multiboot module
 * (shell/replay_trace.h): page numbers renamed to indexes 0..pages-1 in order of first reference. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "shell/replay_trace.h"
#include "tools/pagesim/sim.h"

static int usage(void)
{
    fprintf(stderr, "usage: pagesim --policy kernel|opt|lru|clock|fifo|clockpro|arc|lirs --frames N FILE\n"
                    "       pagesim --sweep FILE\n"
                    "       pagesim --binary OUT FILE\n");
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

static int write_binary(const char *out, const struct trace *t)
{
    uint32_t header[REPLAY_TRACE_HEADER_WORDS];
    replay_trace_header(header, t->count, t->distinct);
    FILE *f = fopen(out, "wb");
    bool ok = f && fwrite(header, sizeof(header), 1, f) == 1 &&
              fwrite(t->refs, sizeof(*t->refs), t->count, f) == t->count;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "pagesim: cannot write %s\n", out);
    return ok ? 0 : 1;
}

static void sweep(const struct trace *t)
{
    static const unsigned percents[] = { 5, 10, 20, 40, 60 };
    for (unsigned i = 0; i < sizeof(percents) / sizeof(percents[0]); i++) {
        uint32_t frames = t->distinct * percents[i] / 100 ? t->distinct * percents[i] / 100 : 1;
        for (unsigned p = 0; p < SIM_POLICY_COUNT; p++)
            printf("%s %u %u %llu\n", sim_policy_name((enum sim_policy)p), percents[i], frames,
                   (unsigned long long)sim_faults((enum sim_policy)p, t, frames));
    }
}

int main(int argc, char **argv)
{
    const char *policy_name = 0, *path = 0, *binary = 0;
    bool sweeping = false;
    long frames = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
            policy_name = argv[++i];
        else if (strcmp(argv[i], "--binary") == 0 && i + 1 < argc)
            binary = argv[++i];
        else if (strcmp(argv[i], "--sweep") == 0)
            sweeping = true;
        else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = strtol(argv[++i], 0, 10);
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else
            return usage();
    }
    bool simulating = !binary && !sweeping;
    if (!path || (binary && sweeping) || (simulating ? !policy_name || frames < 1 : policy_name || frames != -1))
        return usage();
    enum sim_policy policy = simulating ? sim_policy_by_name(policy_name) : SIM_POLICY_COUNT;
    if (simulating && policy == SIM_POLICY_COUNT) {
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
        if (bad > 0)
            fprintf(stderr, "pagesim: %s:%d: not a page number (a decimal number below 2^64 a line)\n", path, bad);
        else
            fprintf(stderr, "pagesim: %s: a malformed binary trace (pagesim --binary's form)\n", path);
        trace_free(&t);
        return 1;
    }
    if (!simulating) {
        int status = binary ? write_binary(binary, &t) : 0;
        if (sweeping)
            sweep(&t);
        trace_free(&t);
        return status;
    }
    printf("faults=%llu refs=%u pages=%u\n", (unsigned long long)sim_faults(policy, &t, (uint32_t)frames), t.count,
           t.distinct);
    trace_free(&t);
    return 0;
}
