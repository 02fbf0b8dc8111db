/* GUIDs in the registry's form (kernel/rtl_guid.c). */
#include "kernel/rtl_string.h"
#include "tests/host/unit.h"

static PVOID heap_alloc(SIZE_T bytes, const void *caller)
{
    static WCHAR heap[40];
    (void)caller;
    return bytes <= sizeof heap ? heap : NULL;
}

static PVOID no_alloc(SIZE_T bytes, const void *caller)
{
    (void)bytes, (void)caller;
    return NULL;
}

static NTSTATUS parse(const WCHAR *text, GUID *g)
{
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, text);
    return RtlGUIDFromString(&s, g);
}

TEST(rtl_guid_from_string_and_back)
{
    GUID g;
    CHECK(parse(u"{6B29FC40-ca47-1067-B31D-00DD010662DA}", &g) == STATUS_SUCCESS);
    CHECK(g.Data1 == 0x6B29FC40 && g.Data2 == 0xCA47 && g.Data3 == 0x1067);
    CHECK(g.Data4[0] == 0xB3 && g.Data4[1] == 0x1D && g.Data4[2] == 0x00 && g.Data4[7] == 0xDA);
    UNICODE_STRING s;
    CHECK(rtl_string_from_guid(&g, &s, heap_alloc, NULL) == STATUS_SUCCESS);
    UNICODE_STRING expect;
    RtlInitUnicodeString(&expect, u"{6B29FC40-CA47-1067-B31D-00DD010662DA}");
    CHECK(RtlEqualUnicodeString(&s, &expect, FALSE) && s.MaximumLength == 78 && s.Buffer[38] == 0);
    CHECK(rtl_string_from_guid(&g, &s, no_alloc, NULL) == STATUS_NO_MEMORY);
}

TEST(rtl_guid_from_string_takes_only_the_braced_form)
{
    GUID g;
    static const WCHAR *bad[] = {
        u"6B29FC40-CA47-1067-B31D-00DD010662DA",     /* no braces */
        u"{6B29FC40-CA47-1067-B31D-00DD010662DA",    /* one */
        u"{6B29FC40-CA47-1067-B31D-00DD010662DA}x",  /* more after */
        u"{6B29FC40-CA47-1067-B31D-00DD010662DG}",   /* not a hex digit */
        u"{6B29FC40-CA47-1067-B31D+00DD010662DA}",   /* not a dash */
        u"{6B29FC40CA47-1067-B31D-00DD010662DA0}",   /* a dash moved */
        u"{ B29FC40-CA47-1067-B31D-00DD010662DA}",
        u"",
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(parse(bad[i], &g) == STATUS_INVALID_PARAMETER);
}
