/* libFuzzer target for the UTF-8 conversions (kernel/rtl_utf8.c) and RtlGUIDFromString
 * (kernel/rtl_guid.c), whose input is text from anywhere. The decoder: the size it asks equals what it
 * writes, STATUS_SOME_NOT_MAPPED exactly when a U+FFFD appears that the input did not spell, no unpaired
 * surrogate comes out, and encoding the result and decoding it again changes nothing; a short buffer
 * gives a prefix of the full output. A GUID the parser takes prints back as the input in upper case. */
#include "kernel/rtl_string.h"
#include "kernel/lib/kstring.h"
#include "tests/fuzz/fuzz_input.h"

#define MAX_IN 4096

static WCHAR wide[MAX_IN], again[MAX_IN], part[MAX_IN];
static char utf8[3 * MAX_IN];

static size_t replacements_spelt(const uint8_t *data, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i + 2 < size; i++)
        n += data[i] == 0xEF && data[i + 1] == 0xBF && data[i + 2] == 0xBD;
    return n;
}

static PVOID text_alloc(SIZE_T bytes, const void *caller)
{
    static WCHAR text[40];
    (void)caller;
    return bytes <= sizeof text ? text : NULL;
}

static void check_guid(const uint8_t *data, size_t size)
{
    WCHAR text[38];
    if (size < 38)
        return;
    for (unsigned i = 0; i < 38; i++)
        text[i] = data[i];
    UNICODE_STRING s = { sizeof text, sizeof text, text }, out;
    GUID g;
    if (RtlGUIDFromString(&s, &g) != STATUS_SUCCESS)
        return;
    FUZZ_CHECK(rtl_string_from_guid(&g, &out, text_alloc, NULL) == STATUS_SUCCESS, "no text for a GUID");
    for (unsigned i = 0; i < 38; i++) {
        WCHAR c = text[i] >= 'a' && text[i] <= 'f' ? (WCHAR)(text[i] - 0x20) : text[i];
        FUZZ_CHECK(out.Buffer[i] == c, "GUID text differs at %u", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_guid(data, size);
    if (size > MAX_IN)
        size = MAX_IN;
    const CHAR *in = (const CHAR *)data;
    ULONG need, got, units;
    NTSTATUS counted = RtlUTF8ToUnicodeN(NULL, 0, &need, in, (ULONG)size);
    NTSTATUS status = RtlUTF8ToUnicodeN(wide, sizeof wide, &got, in, (ULONG)size);
    FUZZ_CHECK(status == counted && got == need, "counted %lu (0x%lx), wrote %lu (0x%lx)", (unsigned long)need,
               (unsigned long)counted, (unsigned long)got, (unsigned long)status);
    units = got / sizeof(WCHAR);
    size_t fffd = 0;
    for (ULONG i = 0; i < units; i++) {
        fffd += wide[i] == 0xFFFD;
        if (wide[i] >= 0xD800 && wide[i] <= 0xDBFF)
            FUZZ_CHECK(i + 1 < units && wide[i + 1] >= 0xDC00 && wide[i + 1] <= 0xDFFF, "unpaired high at %lu",
                       (unsigned long)i);
        if (wide[i] >= 0xDC00 && wide[i] <= 0xDFFF)
            FUZZ_CHECK(i > 0 && wide[i - 1] >= 0xD800 && wide[i - 1] <= 0xDBFF, "unpaired low at %lu",
                       (unsigned long)i);
    }
    size_t spelt = replacements_spelt(data, size);
    FUZZ_CHECK((status == STATUS_SOME_NOT_MAPPED) == (fffd > spelt), "status 0x%lx with %zu U+FFFD, %zu spelt",
               (unsigned long)status, fffd, spelt);

    ULONG bytes;
    FUZZ_CHECK(RtlUnicodeToUTF8N(utf8, sizeof utf8, &bytes, wide, got) == STATUS_SUCCESS, "re-encoding failed");
    FUZZ_CHECK(status != STATUS_SUCCESS || (bytes == size && memcmp(utf8, data, size) == 0),
               "well-formed input did not come back");
    ULONG got2;
    FUZZ_CHECK(RtlUTF8ToUnicodeN(again, sizeof again, &got2, utf8, bytes) == STATUS_SUCCESS && got2 == got &&
                   memcmp(again, wide, got) == 0,
               "decoding the re-encoded text changed it");

    if (units) { /* a buffer one unit short: a prefix, and the status says so */
        ULONG short_got;
        FUZZ_CHECK(RtlUTF8ToUnicodeN(part, got - sizeof(WCHAR), &short_got, in, (ULONG)size) == STATUS_BUFFER_TOO_SMALL,
                   "a short buffer was not reported");
        FUZZ_CHECK(short_got < got && memcmp(part, wide, short_got) == 0, "the short output is no prefix");
    }
    return 0;
}
