#include "drivers/exports.h"

#include "kernel/lib/kstring.h"
#include "kernel/rtl_string.h"

static int same_name_ignoring_case(const char *a, const char *b)
{
    for (; *a && rtl_upcase((unsigned char)*a) == rtl_upcase((unsigned char)*b); a++, b++)
        ;
    return rtl_upcase((unsigned char)*a) == rtl_upcase((unsigned char)*b);
}

const struct export_dll *exports_dll(const char *name)
{
    static const struct export_dll *const dlls[] = { &ntoskrnl_exports, &hal_exports };
    for (unsigned i = 0; i < sizeof dlls / sizeof dlls[0]; i++)
        if (same_name_ignoring_case(dlls[i]->name, name))
            return dlls[i];
    return 0;
}

const void *exports_lookup(const struct export_dll *dll, const char *name)
{
    for (unsigned i = 0; i < dll->count; i++)
        if (strcmp(dll->entries[i].name, name) == 0)
            return dll->entries[i].address;
    return 0;
}

const void *exports_find(const char *name)
{
    const void *p = exports_lookup(&ntoskrnl_exports, name);
    return p ? p : exports_lookup(&hal_exports, name);
}
