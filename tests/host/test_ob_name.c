/* The object names named objects take (drivers/ob_handle.c's ob_name_check): absolute paths without
 * empty components or a trailing backslash. */
#include "drivers/ob_handle.h"
#include "tests/host/unit.h"

static NTSTATUS check(const char *s)
{
    WCHAR buffer[64];
    USHORT n = 0;
    while ((buffer[n] = (WCHAR)s[n]))
        n++;
    UNICODE_STRING name = { (USHORT)(n * sizeof(WCHAR)), sizeof buffer, buffer };
    return ob_name_check(&name);
}

TEST(ob_name_check_takes_absolute_paths_and_refuses_relative_empty_and_trailing_components)
{
    CHECK(check("\\Callback\\X") == STATUS_SUCCESS);
    CHECK(check("\\BaseNamedObjects\\Event") == STATUS_SUCCESS);
    CHECK(check("\\X") == STATUS_SUCCESS);
    CHECK(check("Callback\\X") == STATUS_OBJECT_PATH_SYNTAX_BAD);
    CHECK(check("\\Callback\\\\X") == STATUS_OBJECT_NAME_INVALID);
    CHECK(check("\\Callback\\") == STATUS_OBJECT_NAME_INVALID);
    CHECK(check("\\") == STATUS_OBJECT_NAME_INVALID);
    UNICODE_STRING odd = { 3, 4, (PWSTR)L"" };
    CHECK(ob_name_check(&odd) == STATUS_OBJECT_NAME_INVALID);
}
