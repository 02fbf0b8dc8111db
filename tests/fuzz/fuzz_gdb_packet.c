/* libFuzzer target for the GDB packet layer (kernel/gdb_packet.c): the input is a byte stream from
 * "GDB". Every packet the receiver takes must have a good checksum and fit its buffer; framing it
 * again, feeding that back and unescaping must give the same payload; unescape and the hex helpers stay within
 * their buffers. */
#include "kernel/gdb_packet.h"
#include "kernel/lib/kstring.h"
#include "tests/fuzz/fuzz_input.h"

static struct gdb_rx rx, again;
static uint8_t framed[2 * GDB_PACKET_MAX + 8], copy[GDB_PACKET_MAX + 1], bytes[GDB_PACKET_MAX];

static void check_packet(void)
{
    FUZZ_CHECK(rx.len <= GDB_PACKET_MAX, "len %zu", rx.len);
    uint8_t sum = 0;
    for (size_t i = 0; i < rx.len; i++)
        sum += rx.buf[i];
    FUZZ_CHECK(sum == rx.sum, "checksum 0x%02x over a payload summing to 0x%02x", rx.sum, sum);
    FUZZ_CHECK(rx.buf[rx.len] == 0, "payload not terminated");
    size_t n = gdb_frame(framed, sizeof(framed), rx.buf, rx.len);
    FUZZ_CHECK(n > 0, "a payload of %zu bytes did not frame", rx.len);
    gdb_rx_reset(&again);
    enum gdb_rx_event e = GDB_RX_NONE;
    for (size_t i = 0; i < n; i++)
        e = gdb_rx_byte(&again, framed[i]);
    /* The payload is what came in, escapes and all: framed again, its '}' and '*' are escaped once
     * more, which can take a payload near the limit past it ('$', '#' and two checksum digits aside). */
    bool fits = n - 4 <= GDB_PACKET_MAX;
    FUZZ_CHECK(e == (fits ? GDB_RX_PACKET : GDB_RX_TOO_LONG), "the framed payload (%zu bytes) came back as event %d",
               n - 4, (int)e);
    memcpy(copy, rx.buf, rx.len);
    FUZZ_CHECK(gdb_unescape(copy, rx.len) <= rx.len, "unescaping grew the payload");
    if (fits) {
        size_t v = gdb_unescape(again.buf, again.len);
        FUZZ_CHECK(v == rx.len && memcmp(rx.buf, again.buf, v) == 0, "reframing changed the payload");
    }
    const uint8_t *p = rx.buf;
    uint32_t value;
    if (gdb_parse_hex(&p, rx.buf + rx.len, &value))
        FUZZ_CHECK(p > rx.buf && p <= rx.buf + 8, "hex number of %d digits", (int)(p - rx.buf));
    long d = gdb_hex_decode(bytes, sizeof(bytes), rx.buf, rx.len);
    FUZZ_CHECK(d == -1 || (size_t)d * 2 == rx.len, "decoded %ld from %zu", d, rx.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gdb_rx_reset(&rx);
    for (size_t i = 0; i < size; i++) {
        enum gdb_rx_event e = gdb_rx_byte(&rx, data[i]);
        if (e == GDB_RX_PACKET)
            check_packet();
    }
    return 0;
}
