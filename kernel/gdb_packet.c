#include "kernel/gdb_packet.h"

enum { IDLE, BODY, ESCAPED, CS1, CS2 };

static const char hexchars[] = "0123456789abcdef";

void gdb_rx_reset(struct gdb_rx *rx)
{
    rx->state = IDLE;
    rx->sum = 0;
    rx->len = 0;
    rx->overflow = false;
}

int gdb_hex_digit(uint8_t c)
{
    uint8_t lower = (c >= 'A' && c <= 'F') ? (uint8_t)(c + ('a' - 'A')) : c;
    for (int i = 0; i < 16; i++)
        if ((uint8_t)hexchars[i] == lower)
            return i;
    return -1;
}

static void keep(struct gdb_rx *rx, uint8_t byte)
{
    if (rx->len < GDB_PACKET_MAX)
        rx->buf[rx->len++] = byte;
    else
        rx->overflow = true; /* read on to the checksum so the stream stays in step */
}

enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t byte)
{
    switch (rx->state) {
    case IDLE:
        if (byte == '$') {
            gdb_rx_reset(rx);
            rx->state = BODY;
        } else if (byte == '+') {
            return GDB_RX_ACK;
        } else if (byte == '-') {
            return GDB_RX_NAK;
        } else if (byte == GDB_CTRL_C) {
            return GDB_RX_INTERRUPT;
        }
        return GDB_RX_NONE; /* line noise between packets */
    case BODY:
    case ESCAPED:
        if (byte == '$') { /* a packet cut short: GDB started again */
            gdb_rx_reset(rx);
            rx->state = BODY;
            return GDB_RX_NONE;
        }
        if (byte == '#' && rx->state == BODY) {
            rx->state = CS1;
            return GDB_RX_NONE;
        }
        rx->sum += byte;
        rx->state = (byte == '}' && rx->state == BODY) ? ESCAPED : BODY;
        keep(rx, byte);
        return GDB_RX_NONE;
    case CS1:
        rx->cs_high = byte;
        rx->state = CS2;
        return GDB_RX_NONE;
    default: {
        int hi = gdb_hex_digit(rx->cs_high), lo = gdb_hex_digit(byte);
        rx->state = IDLE;
        rx->buf[rx->len < GDB_PACKET_MAX ? rx->len : GDB_PACKET_MAX] = 0;
        if (hi < 0 || lo < 0 || (uint8_t)(hi << 4 | lo) != rx->sum)
            return GDB_RX_BAD;
        return rx->overflow ? GDB_RX_TOO_LONG : GDB_RX_PACKET;
    }
    }
}

static bool needs_escape(uint8_t c)
{
    return c == '$' || c == '#' || c == '}' || c == '*';
}

size_t gdb_frame(uint8_t *out, size_t size, const uint8_t *payload, size_t len)
{
    size_t n = 0;
    uint8_t sum = 0;
    if (size < 4)
        return 0;
    out[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        uint8_t c = payload[i];
        if (needs_escape(c)) {
            if (n + 2 + 3 > size)
                return 0;
            out[n++] = '}';
            sum += '}';
            c ^= 0x20;
        } else if (n + 1 + 3 > size) {
            return 0;
        }
        out[n++] = c;
        sum += c;
    }
    out[n++] = '#';
    out[n++] = (uint8_t)hexchars[sum >> 4];
    out[n++] = (uint8_t)hexchars[sum & 15];
    return n;
}

size_t gdb_unescape(uint8_t *data, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '}') {
            if (++i == len)
                break;
            data[o++] = data[i] ^ 0x20;
        } else {
            data[o++] = data[i];
        }
    }
    return o;
}

bool gdb_parse_hex(const uint8_t **p, const uint8_t *end, uint32_t *value)
{
    uint32_t v = 0;
    unsigned digits = 0;
    const uint8_t *s = *p;
    while (s < end && gdb_hex_digit(*s) >= 0) {
        if (++digits > 8)
            return false;
        v = v << 4 | (uint32_t)gdb_hex_digit(*s++);
    }
    if (!digits)
        return false;
    *p = s;
    *value = v;
    return true;
}

size_t gdb_hex_encode(char *out, const uint8_t *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexchars[data[i] >> 4];
        out[2 * i + 1] = hexchars[data[i] & 15];
    }
    return 2 * n;
}

long gdb_hex_decode(uint8_t *out, size_t size, const uint8_t *hex, size_t len)
{
    if (len % 2 || len / 2 > size)
        return -1;
    for (size_t i = 0; i < len / 2; i++) {
        int hi = gdb_hex_digit(hex[2 * i]), lo = gdb_hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(len / 2);
}

void gdb_reply_start(struct gdb_reply *r)
{
    r->len = 0;
    r->full = false;
}

void gdb_reply_bytes(struct gdb_reply *r, const void *data, size_t n)
{
    const uint8_t *d = data;
    for (size_t i = 0; i < n; i++) {
        if (r->len == sizeof(r->buf)) {
            r->full = true;
            return;
        }
        r->buf[r->len++] = d[i];
    }
}

void gdb_reply_str(struct gdb_reply *r, const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    gdb_reply_bytes(r, s, n);
}

void gdb_reply_hex(struct gdb_reply *r, const uint8_t *data, size_t n)
{
    char two[2];
    for (size_t i = 0; i < n; i++)
        gdb_reply_bytes(r, two, gdb_hex_encode(two, data + i, 1));
}

void gdb_reply_u32(struct gdb_reply *r, uint32_t v)
{
    char digits[8];
    int n = 0;
    do {
        digits[7 - n++] = hexchars[v & 15];
        v >>= 4;
    } while (v);
    gdb_reply_bytes(r, digits + 8 - n, (size_t)n);
}
