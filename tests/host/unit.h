/* A minimal unit-test harness for the host build: TEST() registers a case at load time, CHECK()
 * records a failure and goes on, and main() (unit_main.c) prints TAP lines and a summary. */
#ifndef PAGODA_UNIT_H
#define PAGODA_UNIT_H

#include <stdbool.h>

struct unit_test {
    const char *name;
    void (*run)(void);
    struct unit_test *next;
};

void unit_register(struct unit_test *t);
void unit_check_failed(const char *file, int line, const char *what);

#define TEST(fn)                                                                                      \
    static void fn(void);                                                                             \
    static struct unit_test fn##_entry = { #fn, fn, 0 };                                              \
    __attribute__((constructor)) static void fn##_register(void) { unit_register(&fn##_entry); }      \
    static void fn(void)

#define CHECK(cond)                                                                                   \
    do {                                                                                              \
        if (!(cond))                                                                                  \
            unit_check_failed(__FILE__, __LINE__, #cond);                                             \
    } while (0)

#define CHECK_STR(a, b) CHECK(pg_strcmp((a), (b)) == 0)

int pg_strcmp(const char *a, const char *b);

#endif
