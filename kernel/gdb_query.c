#include "kernel/gdb_query.h"

static bool starts(const uint8_t *pkt, size_t len, const char *prefix, size_t *after)
{
    size_t i = 0;
    for (; prefix[i]; i++)
        if (i >= len || pkt[i] != (uint8_t)prefix[i])
            return false;
    *after = i;
    return true;
}

/* qXfer:features:read:target.xml:offset,length -> 'm' and a piece, or 'l' and the last one. */
static void read_features(struct gdb_reply *r, const uint8_t *p, const uint8_t *end, const char *xml)
{
    uint32_t offset, length;
    if (!gdb_parse_hex(&p, end, &offset) || p >= end || *p++ != ',' || !gdb_parse_hex(&p, end, &length) ||
        p != end) {
        gdb_reply_str(r, "E00");
        return;
    }
    size_t size = 0;
    while (xml[size])
        size++;
    if (offset > size) {
        gdb_reply_str(r, "E00");
        return;
    }
    size_t n = size - offset;
    size_t room = GDB_PACKET_MAX / 2 - 1; /* framing may escape every byte */
    if (length < room)
        room = length;
    bool last = n <= room;
    if (!last)
        n = room;
    gdb_reply_str(r, last ? "l" : "m");
    gdb_reply_bytes(r, xml + offset, n);
}

void gdb_query(struct gdb_reply *r, const uint8_t *pkt, size_t len, const char *target_xml,
               const uint8_t **cmd, size_t *cmd_len)
{
    size_t at;
    const uint8_t *end = pkt + len;
    *cmd = 0;
    *cmd_len = 0;
    if (starts(pkt, len, "qSupported", &at)) {
        gdb_reply_str(r, "PacketSize=");
        gdb_reply_u32(r, GDB_PACKET_MAX);
        gdb_reply_str(r, ";qXfer:features:read+");
    } else if (starts(pkt, len, "qXfer:features:read:", &at)) {
        if (starts(pkt, len, "qXfer:features:read:target.xml:", &at))
            read_features(r, pkt + at, end, target_xml);
        else
            gdb_reply_str(r, "E00");
    } else if (starts(pkt, len, "qAttached", &at)) {
        gdb_reply_str(r, "1"); /* the kernel was running before GDB came: detach leaves it running */
    } else if (starts(pkt, len, "qSymbol", &at)) {
        gdb_reply_str(r, "OK");
    } else if (starts(pkt, len, "qRcmd,", &at)) {
        *cmd = pkt + at;
        *cmd_len = len - at;
    }
    /* Anything else: the empty reply, "not supported". */
}
