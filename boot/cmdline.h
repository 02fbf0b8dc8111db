/* The kernel command line (GRUB's multiboot line or QEMU's -append): options of CONTRACT.md. Pure
 * parsing, so the host unit tests run it too. */
#ifndef PAGODA_CMDLINE_H
#define PAGODA_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/bugcheck.h"

#define CMDLINE_MAX 1024
#define KTEST_SUITE_MAX 32
#define BENCH_NAME_MAX 32
#define CMDLINE_LOAD_MAX 128
#define CMDLINE_MEM_MIN_MIB 4
#define CMDLINE_MEM_MAX_MIB 4095
#define CMDLINE_PAGEFILE_MAX_MIB 2048
#define CMDLINE_PAGEFILE_DEFAULT_MIB 32

struct boot_options {
    uint32_t mem_mib;      /* 0: use all the RAM the machine has */
    uint32_t pagefile_mib; /* 0: no paging file */
    bool pagefile_given;   /* pagefile= was on the line: its size is not balanced against RAM */
    bool ktest;
    char ktest_suite[KTEST_SUITE_MAX]; /* empty: every suite */
    bool bench;
    char bench_name[BENCH_NAME_MAX]; /* empty: every benchmark */
    enum bugcheck_action onbugcheck;
    bool debugport_com2;
    char load[CMDLINE_LOAD_MAX]; /* load=: driver names separated by commas, loaded in order; empty: none */
};

/* Receives each warning or error line (without a newline). */
typedef void (*cmdline_report)(void *ctx, const char *line);

void cmdline_defaults(struct boot_options *opts);
/* Parses line over the defaults already in opts. The first word is taken as the kernel's file name
 * when it looks like one (both GRUB and QEMU put it there). */
void cmdline_parse(const char *line, struct boot_options *opts, cmdline_report report, void *ctx);

#endif
