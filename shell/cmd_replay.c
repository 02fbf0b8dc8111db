/* replay <frames> [trace]: the trace's references, one a touch (a 32-bit write) of a page of paged
 * memory, one page per distinct page of the trace, with the system working set limited to <frames>
 * pages and emptied first, so the kernel's replacement policy (mm/ws_policy.c) decides every eviction.
 * A touch of a page that is not resident is a fault; the count is what `pagesim --policy kernel
 * --frames <frames>` gives for the same trace. The trace is a Multiboot module named *.trace, in the
 * binary form `pagesim --binary` writes (shell/replay_trace.h). */
#include "shell/cmd_replay.h"

#include "kernel/console.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pool_pages.h"
#include "shell/cmd_mm.h"
#include "shell/ctrl_c.h"
#include "shell/replay_trace.h"

#define SUFFIX ".trace"
#define SUFFIX_LENGTH (sizeof(SUFFIX) - 1)
#define NAME_MAX 15
#define TRACES_MAX 4
#define PROGRESS_STEPS 4

static struct {
    char name[NAME_MAX + 1]; /* the file name without directory and suffix */
    uint32_t phys, size;
} traces[TRACES_MAX];
static unsigned trace_count;

bool replay_is_trace(const char *file_name)
{
    size_t n = strlen(file_name);
    return n > SUFFIX_LENGTH && strcmp(file_name + n - SUFFIX_LENGTH, SUFFIX) == 0;
}

bool replay_add_trace(const char *file_name, uint32_t phys, uint32_t size, const char **why)
{
    const char *base = file_name;
    for (const char *c = file_name; *c; c++)
        base = *c == '/' ? c + 1 : base;
    size_t n = strlen(base) - SUFFIX_LENGTH;
    *why = n == 0 || n > NAME_MAX ? "trace name empty or longer than 15 characters"
           : trace_count == TRACES_MAX ? "too many traces"
                                       : 0;
    if (*why)
        return false;
    memcpy(traces[trace_count].name, base, n);
    traces[trace_count].name[n] = '\0';
    traces[trace_count].phys = phys;
    traces[trace_count].size = size;
    trace_count++;
    return true;
}

/* The trace run; false if Ctrl-C stopped it. */
static bool run(const struct replay_trace *t, uint8_t *pages, uint32_t *faults, uint32_t *done)
{
    uint32_t quarter = 1;
    for (*done = 0; *done < t->count; ++*done) {
        if (ctrl_c_requested())
            return false;
        volatile uint32_t *word = (volatile uint32_t *)(pages + t->refs[*done] * PAGE_SIZE);
        *faults += !MmIsAddressValid((PVOID)word);
        *word = *done;
        if (quarter < PROGRESS_STEPS && *done + 1 == t->count / PROGRESS_STEPS * quarter) {
            kprintf("replay: %u of %u references, faults=%u\n", *done + 1, t->count, *faults);
            quarter++;
        }
    }
    return true;
}

static int replay(unsigned which, uint32_t frames, const struct replay_trace *t)
{
    enum pool_pages_limit limit;
    uint32_t failures = pool_pages_failures(&limit);
    uint8_t *pages = pool_pages_alloc(t->pages, true);
    if (!pages) {
        console_error("replay: cannot commit %u pages%s", t->pages, mm_limit_refusal(failures));
        return -1;
    }
    /* An empty working set under the new limit: the policy starts afresh, as pagesim's does. */
    mm_trim_all();
    uint32_t old_limit = mm_set_ws_limit(frames), faults = 0, done;
    bool finished = run(t, pages, &faults, &done);
    mm_trim_all();
    mm_set_ws_limit(old_limit);
    pool_pages_free(pages, t->pages);
    if (!finished)
        kprintf("replay: interrupted after %u of %u references (faults=%u); the pages are freed\n", done, t->count,
                faults);
    else
        kprintf("replay: %s faults=%u refs=%u pages=%u frames=%u\n", traces[which].name, faults, t->count, t->pages,
                frames);
    return 0;
}

int cmd_replay(int argc, char **argv)
{
    unsigned which = 0;
    while (argc == 3 && which < trace_count && strcmp(traces[which].name, argv[2]) != 0)
        which++;
    if (which == trace_count) {
        console_error(trace_count ? "replay: no trace named '%s'" : "replay: no trace module (%s)",
                      argc == 3 ? argv[2] : "pass a file from pagesim --binary named *.trace");
        return -1;
    }
    struct mm_info m;
    mm_query(&m);
    uint32_t frames;
    if (!args_u32("replay", argv[1], 1, m.ws_limit, &frames) || !ctrl_c_can_arrive("replay"))
        return -1;
    PHYSICAL_ADDRESS phys = { .QuadPart = traces[which].phys };
    const void *bytes = MmMapIoSpace(phys, traces[which].size, MmCached);
    if (!bytes) {
        console_error("replay: cannot map the trace");
        return -1;
    }
    struct replay_trace t;
    const char *why = replay_trace_parse(bytes, traces[which].size, &t);
    int status = -1;
    if (why)
        console_error("replay: %s: %s", traces[which].name, why);
    else if (t.count == 0)
        console_error("replay: %s: no references", traces[which].name);
    else
        status = replay(which, frames, &t);
    MmUnmapIoSpace((PVOID)bytes, traces[which].size);
    return status;
}
