#include "tests/host/lineedit_harness.h"

#include "kernel/lib/kstring.h"

struct lineedit edit;
char edit_echo[2048];
static size_t echo_len;

static void capture(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n && echo_len + 1 < sizeof(edit_echo); i++)
        edit_echo[echo_len++] = s[i];
    edit_echo[echo_len] = '\0';
}

void edit_clear_echo(void)
{
    echo_len = 0;
    edit_echo[0] = '\0';
}

void edit_start(void)
{
    edit_clear_echo();
    lineedit_init(&edit, capture, 0);
    edit.prompt = "p> ";
}

enum lineedit_result edit_feed(const char *bytes, size_t n)
{
    enum lineedit_result r = LINEEDIT_PENDING;
    for (size_t i = 0; i < n; i++)
        r = lineedit_feed(&edit, (uint8_t)bytes[i]);
    return r;
}

enum lineedit_result edit_keys(const char *keys)
{
    return edit_feed(keys, strlen(keys));
}

bool edit_makes(const char *keys, const char *line)
{
    edit_start();
    return edit_keys(keys) == LINEEDIT_READY && strcmp(edit.buf, line) == 0;
}
