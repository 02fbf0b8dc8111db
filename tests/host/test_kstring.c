#include "kernel/lib/kstring.h"
#include "tests/host/unit.h"

TEST(memset_fills_exactly_n_bytes)
{
    char b[8] = "abcdefg";
    memset(b + 1, 'x', 3);
    CHECK(memcmp(b, "axxxefg", 8) == 0);
}

TEST(memmove_handles_overlap_both_ways)
{
    char b[10] = "123456789";
    memmove(b + 2, b, 5);
    CHECK(memcmp(b, "121234589", 9) == 0);
    char c[10] = "123456789";
    memmove(c, c + 2, 5);
    CHECK(memcmp(c, "345676789", 9) == 0);
}

TEST(memcmp_orders_bytes_unsigned)
{
    CHECK(memcmp("\x80", "\x01", 1) > 0);
    CHECK(memcmp("ab", "ab", 2) == 0);
    CHECK(memcmp("aa", "ab", 2) < 0);
}

TEST(strcmp_and_strncmp)
{
    CHECK(strcmp("mem", "mem") == 0);
    CHECK(strcmp("mem", "memtest") < 0);
    CHECK(strcmp("b", "a") > 0);
    CHECK(strncmp("memtest", "memory", 3) == 0);
    CHECK(strncmp("memtest", "memory", 4) != 0);
    CHECK(strlen("") == 0 && strlen("pagoda") == 6);
}

TEST(strlcpy_truncates_and_terminates)
{
    char b[4];
    CHECK(strlcpy(b, "pagoda", sizeof(b)) == 6);
    CHECK_STR(b, "pag");
    CHECK(strlcpy(b, "ab", sizeof(b)) == 2);
    CHECK_STR(b, "ab");
    CHECK(strlcpy(b, "zz", 0) == 2);
    CHECK_STR(b, "ab");
}

TEST(memset_and_memcpy_every_length_and_alignment)
{
    /* Word copies plus a byte tail: every split of length and offset must give exactly the bytes. */
    static unsigned char src[64], dst[64];
    int ok = 1;
    for (unsigned i = 0; i < sizeof(src); i++)
        src[i] = (unsigned char)(i * 37 + 1);
    for (unsigned off = 0; off < 4; off++)
        for (unsigned len = 0; len + off + 4 <= sizeof(dst); len++) {
            memset(dst, 0xEE, sizeof(dst));
            memcpy(dst + off, src, len);
            for (unsigned i = 0; i < sizeof(dst); i++)
                ok &= dst[i] == (i >= off && i < off + len ? src[i - off] : 0xEE);
            memset(dst + off, 0x5A, len);
            for (unsigned i = off; i < off + len; i++)
                ok &= dst[i] == 0x5A;
            ok &= dst[off + len] == (len ? 0xEE : dst[off + len]);
        }
    CHECK(ok);
}
