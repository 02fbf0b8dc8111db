#include "kernel/gdb_packet.h"
#include "kernel/lib/kstring.h"
#include "tests/host/unit.h"

static struct gdb_rx rx;

/* Feeds s; returns the last event that was not NONE (NONE if there was none). */
static enum gdb_rx_event feed(const char *s)
{
    enum gdb_rx_event last = GDB_RX_NONE;
    for (; *s; s++) {
        enum gdb_rx_event e = gdb_rx_byte(&rx, (uint8_t)*s);
        if (e != GDB_RX_NONE)
            last = e;
    }
    return last;
}

TEST(gdb_rx_takes_a_packet_with_its_checksum)
{
    gdb_rx_reset(&rx);
    CHECK(feed("$g#67") == GDB_RX_PACKET);
    CHECK(rx.len == 1 && rx.buf[0] == 'g');
    CHECK(feed("$qSupported:multiprocess+#c6") == GDB_RX_PACKET);
    CHECK_STR((const char *)rx.buf, "qSupported:multiprocess+");
}

TEST(gdb_rx_refuses_a_wrong_or_non_hex_checksum)
{
    gdb_rx_reset(&rx);
    CHECK(feed("$g#68") == GDB_RX_BAD);
    CHECK(feed("$g#zz") == GDB_RX_BAD);
    CHECK(feed("$g#67") == GDB_RX_PACKET); /* and the next one still parses */
}

TEST(gdb_rx_acks_naks_and_ctrl_c_between_packets)
{
    gdb_rx_reset(&rx);
    CHECK(gdb_rx_byte(&rx, '+') == GDB_RX_ACK);
    CHECK(gdb_rx_byte(&rx, '-') == GDB_RX_NAK);
    CHECK(gdb_rx_byte(&rx, 0x03) == GDB_RX_INTERRUPT);
    CHECK(gdb_rx_byte(&rx, 'x') == GDB_RX_NONE);
}

TEST(gdb_rx_restarts_on_a_dollar_inside_a_packet)
{
    gdb_rx_reset(&rx);
    CHECK(feed("$m10,$g#67") == GDB_RX_PACKET);
    CHECK(rx.len == 1 && rx.buf[0] == 'g');
}

TEST(gdb_rx_an_escaped_hash_does_not_end_the_packet)
{
    /* X with one data byte '#', sent as "}\x03": the checksum covers the raw bytes. */
    const char body[] = "X0,1:}\x03";
    uint8_t sum = 0;
    for (const char *p = body; *p; p++)
        sum += (uint8_t)*p;
    char pkt[32];
    static const char hx[] = "0123456789abcdef";
    size_t n = 0;
    pkt[n++] = '$';
    memcpy(pkt + n, body, sizeof(body) - 1);
    n += sizeof(body) - 1;
    pkt[n++] = '#';
    pkt[n++] = hx[sum >> 4];
    pkt[n++] = hx[sum & 15];
    pkt[n] = 0;
    gdb_rx_reset(&rx);
    CHECK(feed(pkt) == GDB_RX_PACKET);
    CHECK(rx.len == 7);
    CHECK(gdb_unescape(rx.buf + 5, 2) == 1 && rx.buf[5] == '#');
}

TEST(gdb_rx_an_oversized_packet_is_reported_and_the_stream_stays_in_step)
{
    gdb_rx_reset(&rx);
    enum gdb_rx_event e = gdb_rx_byte(&rx, '$');
    uint8_t sum = 0;
    for (int i = 0; i < GDB_PACKET_MAX + 100; i++) {
        e = gdb_rx_byte(&rx, 'a');
        sum += 'a';
    }
    CHECK(e == GDB_RX_NONE);
    static const char hx[] = "0123456789abcdef";
    gdb_rx_byte(&rx, '#');
    gdb_rx_byte(&rx, (uint8_t)hx[sum >> 4]);
    CHECK(gdb_rx_byte(&rx, (uint8_t)hx[sum & 15]) == GDB_RX_TOO_LONG);
    CHECK(feed("$g#67") == GDB_RX_PACKET);
}

TEST(gdb_frame_escapes_and_sums)
{
    uint8_t out[32];
    size_t n = gdb_frame(out, sizeof(out), (const uint8_t *)"OK", 2);
    CHECK(n == 6 && memcmp(out, "$OK#9a", 6) == 0);
    n = gdb_frame(out, sizeof(out), (const uint8_t *)"a#", 2);
    CHECK(n == 7 && memcmp(out, "$a}\x03#", 5) == 0);
    CHECK(gdb_frame(out, 5, (const uint8_t *)"OK", 2) == 0);
    /* A framed reply parses back to its payload. */
    const uint8_t payload[] = { '$', '}', '*', 'z', 0 };
    n = gdb_frame(out, sizeof(out), payload, 5);
    gdb_rx_reset(&rx);
    enum gdb_rx_event e = GDB_RX_NONE;
    for (size_t i = 0; i < n; i++)
        e = gdb_rx_byte(&rx, out[i]);
    CHECK(e == GDB_RX_PACKET);
    CHECK(gdb_unescape(rx.buf, rx.len) == 5 && memcmp(rx.buf, payload, 5) == 0);
}

TEST(gdb_hex_parse_encode_decode)
{
    const uint8_t *s = (const uint8_t *)"8010abcd,4", *p = s;
    uint32_t v;
    CHECK(gdb_parse_hex(&p, s + 10, &v) && v == 0x8010abcd && *p == ',');
    p = (const uint8_t *)"123456789";
    CHECK(!gdb_parse_hex(&p, p + 9, &v));
    p = (const uint8_t *)",";
    CHECK(!gdb_parse_hex(&p, p + 1, &v));
    char hex[8];
    const uint8_t data[] = { 0x00, 0xAB, 0x7F };
    CHECK(gdb_hex_encode(hex, data, 3) == 6 && memcmp(hex, "00ab7f", 6) == 0);
    uint8_t back[3];
    CHECK(gdb_hex_decode(back, 3, (const uint8_t *)hex, 6) == 3 && memcmp(back, data, 3) == 0);
    CHECK(gdb_hex_decode(back, 3, (const uint8_t *)"0g", 2) == -1);
    CHECK(gdb_hex_decode(back, 3, (const uint8_t *)"0", 1) == -1);
    CHECK(gdb_hex_decode(back, 1, (const uint8_t *)"0000", 4) == -1);
}
