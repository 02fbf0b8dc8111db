#include "boot/cmdline.h"

#include <stdarg.h>

#include "kernel/lib/kformat.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"

#define MAX_WORDS 64

void cmdline_defaults(struct boot_options *opts)
{
    *opts = (struct boot_options){
        .mem_mib = 0,
        .pagefile_mib = CMDLINE_PAGEFILE_DEFAULT_MIB,
        .ktest = false,
        .ktest_suite = "",
        .bench = false,
        .bench_name = "",
        .onbugcheck = ONBUGCHECK_HALT,
        .debugport_com2 = false,
        .load = "",
    };
}

struct parse_ctx {
    cmdline_report report;
    void *ctx;
};

static __attribute__((format(printf, 2, 3))) void say(const struct parse_ctx *pc, const char *fmt, ...)
{
    char line[192];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    /* A quoted word may hold any byte (QEMU's -append passes CR, LF, ESC): shown as '?', so a report
     * stays one line on the console. */
    for (char *p = line; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = '?';
    pc->report(pc->ctx, line);
}

static bool looks_like_kernel_file(const char *word)
{
    size_t n = strlen(word);
    for (const char *p = word; *p; p++)
        if (*p == '/')
            return true;
    return n > 4 && strcmp(word + n - 4, ".elf") == 0;
}

/* True when the value was good and is now in *out. */
static bool parse_mib(const struct parse_ctx *pc, const char *name, const char *value, uint32_t min,
                      uint32_t max, uint32_t *out)
{
    uint32_t v;
    enum parse_status st = parse_u32_range(value, min, max, &v);
    if (st == PARSE_OK) {
        *out = v;
        return true;
    }
    say(pc, "error: bad value '%s' for %s: %s; MiB from %u to %u expected; keeping the default", value, name,
        parse_status_text(st), (unsigned)min, (unsigned)max);
    return false;
}

/* `ktest` / `bench`, alone for all of them or `=<name>` for one. */
static void parse_selection(const struct parse_ctx *pc, const char *option, const char *value, bool *on,
                            char *name, size_t size)
{
    if (value && (!*value || strlen(value) >= size)) {
        say(pc, "error: bad value '%s' for %s= (a name of 1 to %u characters expected); running all of them",
            value, option, (unsigned)size - 1);
        value = 0;
    }
    *on = true;
    strlcpy(name, value ? value : "", size);
}

static void parse_option(const struct parse_ctx *pc, char *word, struct boot_options *o)
{
    char *value = 0;
    for (char *p = word; *p; p++)
        if (*p == '=') {
            *p = '\0';
            value = p + 1;
            break;
        }

    if (strcmp(word, "mem") == 0 && value) {
        parse_mib(pc, "mem=", value, CMDLINE_MEM_MIN_MIB, CMDLINE_MEM_MAX_MIB, &o->mem_mib);
    } else if (strcmp(word, "pagefile") == 0 && value) {
        o->pagefile_given = parse_mib(pc, "pagefile=", value, 0, CMDLINE_PAGEFILE_MAX_MIB, &o->pagefile_mib);
    } else if (strcmp(word, "ktest") == 0) {
        parse_selection(pc, "ktest", value, &o->ktest, o->ktest_suite, sizeof(o->ktest_suite));
    } else if (strcmp(word, "bench") == 0) {
        parse_selection(pc, "bench", value, &o->bench, o->bench_name, sizeof(o->bench_name));
    } else if (strcmp(word, "onbugcheck") == 0 && value) {
        if (strcmp(value, "halt") == 0)
            o->onbugcheck = ONBUGCHECK_HALT;
        else if (strcmp(value, "exit") == 0)
            o->onbugcheck = ONBUGCHECK_EXIT;
        else if (strcmp(value, "debug") == 0)
            o->onbugcheck = ONBUGCHECK_DEBUG;
        else
            say(pc, "error: bad value '%s' for onbugcheck= (halt, exit or debug expected); keeping the default",
                value);
    } else if (strcmp(word, "debugport") == 0 && value) {
        if (strcmp(value, "com2") == 0)
            o->debugport_com2 = true;
        else
            say(pc, "error: bad value '%s' for debugport= (com2 expected); keeping the default", value);
    } else if (strcmp(word, "load") == 0 && value) {
        if (!*value || strlen(value) >= sizeof(o->load))
            say(pc, "error: bad value '%s' for load= (driver names separated by commas, at most %u characters); "
                "loading none", value, (unsigned)sizeof(o->load) - 1);
        else
            strlcpy(o->load, value, sizeof(o->load));
    } else {
        if (value)
            value[-1] = '=';
        say(pc, "warning: unknown option '%s' ignored", word);
    }
}

void cmdline_parse(const char *line, struct boot_options *opts, cmdline_report report, void *ctx)
{
    struct parse_ctx pc = { report, ctx };
    char copy[CMDLINE_MAX];
    char *words[MAX_WORDS];
    if (strlcpy(copy, line, sizeof(copy)) >= sizeof(copy))
        say(&pc, "warning: command line longer than %d bytes; the rest is ignored", CMDLINE_MAX - 1);
    int n = split_words(copy, words, MAX_WORDS);
    if (n < 0) {
        say(&pc, "warning: more than %d options; the rest are ignored", MAX_WORDS);
        n = MAX_WORDS;
    }
    for (int i = 0; i < n; i++) {
        if (i == 0 && looks_like_kernel_file(words[0]))
            continue;
        parse_option(&pc, words[i], opts);
    }
}
