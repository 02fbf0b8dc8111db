/* In-kernel tests with KTAP output. A suite is a table of cases registered with KTEST_SUITE, which
 * places it in the .ktest_suites section: no central list to edit when a subsystem adds tests. */
#ifndef PAGODA_KTEST_H
#define PAGODA_KTEST_H

#include <stdbool.h>

struct ktest {
    bool failed;
    const char *skip_reason;
};

struct ktest_case {
    const char *name;
    void (*run)(struct ktest *t);
};

struct ktest_suite {
    const char *name;
    const struct ktest_case *cases;
    unsigned count;
};

#define KTEST_SUITE(ident, suite_name, case_table)                                                    \
    static const struct ktest_suite ident = { suite_name, case_table,                                 \
                                              sizeof(case_table) / sizeof(case_table[0]) };           \
    static const struct ktest_suite *const ident##_entry                                              \
        __attribute__((used, section(".ktest_suites"))) = &ident

/* Records a failure with the expression and where it is; the case goes on. */
#define KT_EXPECT(t, cond)                                                                            \
    do {                                                                                              \
        if (!(cond))                                                                                  \
            ktest_fail(t, __FILE__, __LINE__, #cond);                                                 \
    } while (0)

void ktest_fail(struct ktest *t, const char *file, int line, const char *what);
void ktest_skip(struct ktest *t, const char *reason);
/* Sleeps (hlt) until *counter reaches at_least or max_ticks clock ticks have passed; returns whether it
 * has. */
bool ktest_wait(const volatile unsigned *counter, unsigned at_least, unsigned max_ticks);
/* Runs every suite, or the one named (an unknown name is an error). Returns true if all passed. */
bool ktest_run(const char *only_suite);

#endif
