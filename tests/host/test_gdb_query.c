#include "kernel/gdb_query.h"
#include "kernel/lib/kstring.h"
#include "tests/host/unit.h"

static struct gdb_reply r;
static const uint8_t *cmd;
static size_t cmd_len;

static const char *ask(const char *pkt, const char *xml)
{
    gdb_reply_start(&r);
    gdb_query(&r, (const uint8_t *)pkt, strlen(pkt), xml, &cmd, &cmd_len);
    r.buf[r.len < sizeof(r.buf) ? r.len : sizeof(r.buf) - 1] = 0;
    return (const char *)r.buf;
}

TEST(gdb_query_supported_names_packet_size_and_features)
{
    CHECK_STR(ask("qSupported:multiprocess+;swbreak+", "x"), "PacketSize=800;qXfer:features:read+");
    CHECK(!cmd);
}

TEST(gdb_query_reads_the_target_description_in_pieces)
{
    CHECK_STR(ask("qXfer:features:read:target.xml:0,3", "<target/>"), "m<ta");
    CHECK(r.len == 4);
    CHECK_STR(ask("qXfer:features:read:target.xml:3,100", "<target/>"), "lrget/>");
    CHECK_STR(ask("qXfer:features:read:target.xml:9,10", "<target/>"), "l");
    CHECK_STR(ask("qXfer:features:read:target.xml:a,10", "<target/>"), "E00");
    CHECK_STR(ask("qXfer:features:read:other.xml:0,10", "<target/>"), "E00");
    CHECK_STR(ask("qXfer:features:read:target.xml:0", "<target/>"), "E00");
}

TEST(gdb_query_hands_qrcmd_back_and_leaves_the_unknown_empty)
{
    CHECK_STR(ask("qRcmd,706f6f6c6d6f6e", "x"), "");
    CHECK(cmd && cmd_len == 14 && memcmp(cmd, "706f6f6c6d6f6e", 14) == 0);
    CHECK_STR(ask("qTStatus", "x"), "");
    CHECK(!cmd);
    CHECK_STR(ask("qAttached", "x"), "1");
}

TEST(gdb_reply_numbers_and_overflow)
{
    gdb_reply_start(&r);
    gdb_reply_u32(&r, 0);
    gdb_reply_u32(&r, 0x8010abcd);
    CHECK(r.len == 9 && memcmp(r.buf, "08010abcd", 9) == 0);
    for (int i = 0; i < GDB_PACKET_MAX; i++)
        gdb_reply_str(&r, "ab");
    CHECK(r.full && r.len == GDB_PACKET_MAX);
}
