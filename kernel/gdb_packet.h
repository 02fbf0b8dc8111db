/* GDB remote serial protocol framing, with no I/O: a receiver fed one byte at a time that yields
 * whole checked packets (`$payload#cs`), acks and Ctrl-C; the framing of replies; hex and binary
 * escapes. Portable: built for the host and fuzzed there. */
#ifndef PAGODA_GDB_PACKET_H
#define PAGODA_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_PACKET_MAX 2048 /* payload bytes; qSupported advertises it */
#define GDB_CTRL_C 0x03

enum gdb_rx_event {
    GDB_RX_NONE,      /* byte consumed, nothing complete */
    GDB_RX_PACKET,    /* rx->buf[0..len) holds a payload with a good checksum: ack with '+' */
    GDB_RX_BAD,       /* checksum wrong or not hex: answer '-' so GDB resends */
    GDB_RX_TOO_LONG,  /* checksum good but longer than GDB_PACKET_MAX: ack, then answer an error */
    GDB_RX_ACK,       /* '+' */
    GDB_RX_NAK,       /* '-': resend the last reply */
    GDB_RX_INTERRUPT, /* 0x03 outside a packet */
};

struct gdb_rx {
    int state;
    uint8_t sum, cs_high;
    size_t len;
    bool overflow;
    uint8_t buf[GDB_PACKET_MAX + 1]; /* one spare for a terminating NUL */
};

void gdb_rx_reset(struct gdb_rx *rx);
enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t byte);

/* `$payload#cs` with '$', '#', '}' and '*' escaped into out; returns its length, or 0 when it does
 * not fit in size. */
size_t gdb_frame(uint8_t *out, size_t size, const uint8_t *payload, size_t len);
/* Undoes '}' escapes in place (X packets' binary data); returns the new length. A lone trailing '}'
 * is dropped. */
size_t gdb_unescape(uint8_t *data, size_t len);

/* 0..15, or -1 for a byte that is not a hex digit. */
int gdb_hex_digit(uint8_t c);
/* A hex number of at most 8 digits at *p (before end); advances *p. False when there is none or it
 * is longer. */
bool gdb_parse_hex(const uint8_t **p, const uint8_t *end, uint32_t *value);
/* Two hex digits per byte; returns the characters written (2 * n). out holds 2 * n. */
size_t gdb_hex_encode(char *out, const uint8_t *data, size_t n);
/* Pairs of hex digits into bytes; returns the bytes, or -1 on an odd length or a non-hex digit. */
long gdb_hex_decode(uint8_t *out, size_t size, const uint8_t *hex, size_t len);

/* A reply being built; what does not fit is dropped and `full` set (the caller sizes its answers). */
struct gdb_reply {
    uint8_t buf[GDB_PACKET_MAX];
    size_t len;
    bool full;
};

void gdb_reply_start(struct gdb_reply *r);
void gdb_reply_bytes(struct gdb_reply *r, const void *data, size_t n);
void gdb_reply_str(struct gdb_reply *r, const char *s);
/* Bytes as pairs of hex digits. */
void gdb_reply_hex(struct gdb_reply *r, const uint8_t *data, size_t n);
/* A number in hex without leading zeros. */
void gdb_reply_u32(struct gdb_reply *r, uint32_t v);

#endif
