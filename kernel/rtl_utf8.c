/* RtlUnicodeToUTF8N and RtlUTF8ToUnicodeN as Windows 7 and later have them: what cannot be converted
 * becomes U+FFFD, the replacement character, and the status STATUS_SOME_NOT_MAPPED (a success). An
 * ill-formed UTF-8 sequence is replaced one maximal part at a time, as Unicode recommends: a lead byte
 * and the trail bytes that could still begin a well-formed character (overlong forms, surrogates and
 * code points past U+10FFFF never can). Output stops at the first whole character that does not fit
 * (STATUS_BUFFER_TOO_SMALL); a NULL destination counts the bytes the whole output needs. Portable:
 * host-tested and fuzzed. */
#include "kernel/wdm.h"

#define REPLACEMENT 0xFFFD

static BOOLEAN is_high_surrogate(ULONG c)
{
    return c >= 0xD800 && c <= 0xDBFF;
}

static BOOLEAN is_low_surrogate(ULONG c)
{
    return c >= 0xDC00 && c <= 0xDFFF;
}

/* Where the output goes: out (NULL: only counted) with room for max units of unit bytes. */
struct sink {
    void *out;
    ULONG max, used, unit;
    BOOLEAN full;
};

/* Whether n units fit (always, when only counting); counts them when they do. */
static BOOLEAN take(struct sink *s, ULONG n)
{
    if (s->full || (s->out && s->used + n > s->max)) {
        s->full = TRUE;
        return FALSE;
    }
    s->used += n;
    return TRUE;
}

static NTSTATUS finish(const struct sink *s, NTSTATUS status, PULONG count)
{
    *count = s->used * s->unit;
    return s->full ? STATUS_BUFFER_TOO_SMALL : status;
}

static void put_utf8(struct sink *s, ULONG c)
{
    UCHAR b[4];
    ULONG n;
    if (c < 0x80) {
        b[0] = (UCHAR)c, n = 1;
    } else if (c < 0x800) {
        b[0] = (UCHAR)(0xC0 | c >> 6), b[1] = (UCHAR)(0x80 | (c & 0x3F)), n = 2;
    } else if (c < 0x10000) {
        b[0] = (UCHAR)(0xE0 | c >> 12), b[1] = (UCHAR)(0x80 | (c >> 6 & 0x3F)), b[2] = (UCHAR)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (UCHAR)(0xF0 | c >> 18), b[1] = (UCHAR)(0x80 | (c >> 12 & 0x3F));
        b[2] = (UCHAR)(0x80 | (c >> 6 & 0x3F)), b[3] = (UCHAR)(0x80 | (c & 0x3F));
        n = 4;
    }
    ULONG at = s->used;
    if (take(s, n) && s->out)
        for (ULONG i = 0; i < n; i++)
            ((UCHAR *)s->out)[at + i] = b[i];
}

NTSTATUS NTAPI RtlUnicodeToUTF8N(PCHAR UTF8StringDestination, ULONG UTF8StringMaxByteCount,
                                 PULONG UTF8StringActualByteCount, PCWCH UnicodeStringSource,
                                 ULONG UnicodeStringByteCount)
{
    if (!UnicodeStringSource)
        return STATUS_INVALID_PARAMETER_4;
    if (!UTF8StringActualByteCount)
        return STATUS_INVALID_PARAMETER;
    if (UTF8StringDestination && UnicodeStringByteCount % sizeof(WCHAR))
        return STATUS_INVALID_PARAMETER_5;
    struct sink s = { UTF8StringDestination, UTF8StringMaxByteCount, 0, 1, FALSE };
    NTSTATUS status = STATUS_SUCCESS;
    ULONG n = UnicodeStringByteCount / sizeof(WCHAR);
    for (ULONG i = 0; i < n && !s.full; i++) {
        ULONG c = UnicodeStringSource[i];
        if (is_high_surrogate(c) && i + 1 < n && is_low_surrogate(UnicodeStringSource[i + 1]))
            c = 0x10000 + ((c - 0xD800) << 10) + (UnicodeStringSource[++i] - 0xDC00u);
        else if (is_high_surrogate(c) || is_low_surrogate(c))
            c = REPLACEMENT, status = STATUS_SOME_NOT_MAPPED;
        put_utf8(&s, c);
    }
    return finish(&s, status, UTF8StringActualByteCount);
}

/* The range the first trail byte after lead must lie in (0 0: lead begins no sequence), and how many
 * trail bytes follow it. */
static ULONG trail_bytes(UCHAR lead, UCHAR *lo, UCHAR *hi)
{
    *lo = 0x80, *hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 1;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (lead == 0xE0)
            *lo = 0xA0; /* overlong below */
        if (lead == 0xED)
            *hi = 0x9F; /* surrogates above */
        return 2;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (lead == 0xF0)
            *lo = 0x90;
        if (lead == 0xF4)
            *hi = 0x8F; /* past U+10FFFF above */
        return 3;
    }
    *lo = *hi = 0;
    return 0;
}

static void put_utf16(struct sink *s, ULONG c)
{
    ULONG at = s->used;
    if (c < 0x10000) {
        if (take(s, 1) && s->out)
            ((WCHAR *)s->out)[at] = (WCHAR)c;
    } else if (take(s, 2) && s->out) {
        ((WCHAR *)s->out)[at] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
        ((WCHAR *)s->out)[at + 1] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
}

NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination, ULONG UnicodeStringMaxByteCount,
                                 PULONG UnicodeStringActualByteCount, const CHAR *UTF8StringSource,
                                 ULONG UTF8StringByteCount)
{
    if (!UTF8StringSource)
        return STATUS_INVALID_PARAMETER_4;
    if (!UnicodeStringActualByteCount)
        return STATUS_INVALID_PARAMETER;
    struct sink s = { UnicodeStringDestination, UnicodeStringMaxByteCount / sizeof(WCHAR), 0, sizeof(WCHAR), FALSE };
    NTSTATUS status = STATUS_SUCCESS;
    const UCHAR *in = (const UCHAR *)UTF8StringSource;
    ULONG i = 0;
    while (i < UTF8StringByteCount && !s.full) {
        UCHAR lead = in[i++], lo, hi;
        ULONG c = lead;
        if (lead >= 0x80) {
            ULONG trail = trail_bytes(lead, &lo, &hi);
            BOOLEAN bad = !trail;
            c = lead & (0x3F >> trail);
            for (ULONG k = 0; k < trail && !bad; k++, lo = 0x80, hi = 0xBF) {
                bad = i >= UTF8StringByteCount || in[i] < lo || in[i] > hi;
                if (!bad)
                    c = c << 6 | (in[i++] & 0x3F);
            }
            if (bad)
                c = REPLACEMENT, status = STATUS_SOME_NOT_MAPPED;
        }
        put_utf16(&s, c);
    }
    return finish(&s, status, UnicodeStringActualByteCount);
}
