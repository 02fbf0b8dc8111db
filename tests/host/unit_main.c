#include <stdio.h>

#include "tests/host/unit.h"

static struct unit_test *head, **tail = &head;
static bool current_failed;

void unit_register(struct unit_test *t)
{
    *tail = t;
    tail = &t->next;
}

void unit_check_failed(const char *file, int line, const char *what)
{
    current_failed = true;
    printf("# %s:%d: expected %s\n", file, line, what);
}

int main(void)
{
    int n = 0, failed = 0;
    for (struct unit_test *t = head; t; t = t->next)
        n++;
    printf("TAP version 13\n1..%d\n", n);
    int i = 0;
    for (struct unit_test *t = head; t; t = t->next) {
        current_failed = false;
        t->run();
        printf("%s %d - %s\n", current_failed ? "not ok" : "ok", ++i, t->name);
        failed += current_failed;
    }
    printf("# host unit tests: %d passed, %d failed\n", n - failed, failed);
    return failed != 0;
}
