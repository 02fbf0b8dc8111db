#include "kernel/gdb_stub.h"

#include "hal/cpu.h"
#include "hal/uart.h"
#include "kernel/gdb_packet.h"
#include "kernel/gdb_query.h"
#include "kernel/gdb_target.h"
#include "kernel/gdt.h"
#include "kernel/lib/kstring.h"
#include "kernel/trap.h"

#define PORT UART_COM2
#define VECTOR_DEBUG 1
#define VECTOR_BREAKPOINT 3
#define EFLAGS_TF 0x100u
#define EFLAGS_IF 0x200u
#define INT3 0xCC
#define MAX_BREAKPOINTS 32
#define GREGS 16
#define G_BYTES (GREGS * 4 + 8 * 10 + 8 * 4) /* the integer registers, then the x87 ones as zeros */
#define MEM_MAX ((GDB_PACKET_MAX - 8) / 2)

static bool enabled;
static struct gdb_rx rx;
static uint8_t frame_buf[2 * GDB_PACKET_MAX + 8];
static size_t frame_len;
static struct gdb_reply reply;
static gdb_monitor_runner monitor;
static bool byte_waiting_last_tick;
static bool entered_by_packet; /* GDB is connecting: it asks for the stop reason itself */
static bool entered_by_ctrl_c; /* GDB interrupted the kernel: the stop is SIGINT's, as GDB expects */
static bool step_masked_if; /* the step in progress runs with IF cleared by the stub */

static struct {
    bool used;
    uint32_t addr;
    uint8_t saved;
} breakpoints[MAX_BREAKPOINTS];

static void send_framed(void)
{
    for (size_t i = 0; i < frame_len; i++)
        uart_putc(PORT, (char)frame_buf[i]);
}

static void send_reply(void)
{
    frame_len = gdb_frame(frame_buf, sizeof(frame_buf), reply.buf, reply.len);
    send_framed();
}

/* The registers in GDB's i386 order. esp cannot change: the CPU pushed no ss:esp. */
static uint32_t *greg(struct trap_frame *f, unsigned n, uint32_t *scratch)
{
    switch (n) {
    case 0: return &f->eax;
    case 1: return &f->ecx;
    case 2: return &f->edx;
    case 3: return &f->ebx;
    case 4: *scratch = trap_frame_esp(f); return scratch;
    case 5: return &f->ebp;
    case 6: return &f->esi;
    case 7: return &f->edi;
    case 8: return &f->eip;
    case 9: return &f->eflags;
    case 10: return &f->cs;
    case 11: *scratch = GDT_KERNEL_DATA; return scratch;
    case 12: return &f->ds;
    case 13: return &f->es;
    case 14: return &f->fs;
    default: return &f->gs;
    }
}

static void put_registers(struct trap_frame *f)
{
    uint8_t regs[G_BYTES];
    memset(regs, 0, sizeof(regs));
    for (unsigned n = 0; n < GREGS; n++) {
        uint32_t scratch;
        memcpy(regs + 4 * n, greg(f, n, &scratch), 4);
    }
    gdb_reply_hex(&reply, regs, sizeof(regs));
}

static void set_registers(struct trap_frame *f, const uint8_t *hex, size_t len)
{
    uint8_t regs[G_BYTES];
    long n = gdb_hex_decode(regs, sizeof(regs), hex, len);
    if (n < 4 * GREGS) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    for (unsigned r = 0; r < GREGS; r++) {
        uint32_t scratch;
        memcpy(greg(f, r, &scratch), regs + 4 * r, 4);
    }
    gdb_reply_str(&reply, "OK");
}

static void read_register(struct trap_frame *f, const uint8_t *p, const uint8_t *end)
{
    uint32_t n, scratch, zero[3] = { 0, 0, 0 };
    if (!gdb_parse_hex(&p, end, &n) || n >= 32) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    if (n < GREGS)
        gdb_reply_hex(&reply, (const uint8_t *)greg(f, n, &scratch), 4);
    else
        gdb_reply_hex(&reply, (const uint8_t *)zero, n < GREGS + 8 ? 10 : 4);
}

static void write_register(struct trap_frame *f, const uint8_t *p, const uint8_t *end)
{
    uint32_t n, scratch, value;
    if (!gdb_parse_hex(&p, end, &n) || p >= end || *p++ != '=' || n >= 32) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    if (n < GREGS && gdb_hex_decode((uint8_t *)&value, 4, p, (size_t)(end - p)) == 4)
        memcpy(greg(f, n, &scratch), &value, 4);
    gdb_reply_str(&reply, "OK");
}

/* "addr,len" then the separator sep (0: the end). */
static bool parse_addr_len(const uint8_t **p, const uint8_t *end, uint32_t *addr, uint32_t *len, uint8_t sep)
{
    if (!gdb_parse_hex(p, end, addr) || *p >= end || *(*p)++ != ',' || !gdb_parse_hex(p, end, len))
        return false;
    if (!sep)
        return *p == end;
    return *p < end && *(*p)++ == sep;
}

/* The stub's int3s stay out of GDB's sight, as gdbserver keeps its own: a read shows the bytes they
 * replaced (an int3 GDB reads counts as one compiled into the code, which it steps over instead of
 * running the real instruction), and a write goes under them, kept for when the breakpoint goes. */
static bool rearm_breakpoints(uint32_t addr, const uint8_t *written, size_t len)
{
    static const uint8_t cc = INT3;
    bool ok = true;
    for (int i = 0; i < MAX_BREAKPOINTS; i++)
        if (breakpoints[i].used && breakpoints[i].addr - addr < len) {
            breakpoints[i].saved = written[breakpoints[i].addr - addr];
            ok &= gdb_target_write(breakpoints[i].addr, &cc, 1);
        }
    return ok;
}

static void read_memory(const uint8_t *p, const uint8_t *end)
{
    uint32_t addr, len;
    uint8_t data[MEM_MAX];
    if (!parse_addr_len(&p, end, &addr, &len, 0)) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    if (len > MEM_MAX)
        len = MEM_MAX; /* GDB takes a short answer and asks for the rest */
    if (!gdb_target_read(addr, data, len)) {
        gdb_reply_str(&reply, "E14");
        return;
    }
    for (int i = 0; i < MAX_BREAKPOINTS; i++)
        if (breakpoints[i].used && breakpoints[i].addr - addr < len)
            data[breakpoints[i].addr - addr] = breakpoints[i].saved;
    gdb_reply_hex(&reply, data, len);
}

static void write_memory(const uint8_t *p, const uint8_t *end, bool binary)
{
    uint32_t addr, len;
    static uint8_t data[GDB_PACKET_MAX];
    if (!parse_addr_len(&p, end, &addr, &len, ':')) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    size_t got;
    if (binary) {
        got = (size_t)(end - p);
        memcpy(data, p, got);
        got = gdb_unescape(data, got);
    } else {
        long n = gdb_hex_decode(data, sizeof(data), p, (size_t)(end - p));
        got = n < 0 ? (size_t)-1 : (size_t)n;
    }
    if (got != len)
        gdb_reply_str(&reply, "E01");
    else if (!gdb_target_write(addr, data, len) || !rearm_breakpoints(addr, data, len))
        gdb_reply_str(&reply, "E14");
    else
        gdb_reply_str(&reply, "OK");
}

static bool insert_breakpoint(uint32_t addr)
{
    int free_slot = -1;
    for (int i = 0; i < MAX_BREAKPOINTS; i++) {
        if (breakpoints[i].used && breakpoints[i].addr == addr)
            return true;
        if (!breakpoints[i].used && free_slot < 0)
            free_slot = i;
    }
    uint8_t saved, cc = INT3;
    if (free_slot < 0 || !gdb_target_read(addr, &saved, 1) || !gdb_target_write(addr, &cc, 1))
        return false;
    breakpoints[free_slot].used = true;
    breakpoints[free_slot].addr = addr;
    breakpoints[free_slot].saved = saved;
    return true;
}

static bool remove_breakpoint(uint32_t addr)
{
    for (int i = 0; i < MAX_BREAKPOINTS; i++) {
        if (breakpoints[i].used && breakpoints[i].addr == addr) {
            breakpoints[i].used = false;
            return gdb_target_write(addr, &breakpoints[i].saved, 1);
        }
    }
    return false;
}

static bool is_breakpoint(uint32_t addr)
{
    for (int i = 0; i < MAX_BREAKPOINTS; i++)
        if (breakpoints[i].used && breakpoints[i].addr == addr)
            return true;
    return false;
}

/* Z and z: type,addr,kind. */
static void breakpoint_packet(bool insert, const uint8_t *p, const uint8_t *end)
{
    uint32_t type, addr, kind;
    if (!gdb_parse_hex(&p, end, &type) || p >= end || *p++ != ',' || !gdb_parse_hex(&p, end, &addr) ||
        p >= end || *p++ != ',' || !gdb_parse_hex(&p, end, &kind)) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    bool ok;
    if (type == 0)
        ok = insert ? insert_breakpoint(addr) : remove_breakpoint(addr);
    else if (type <= 4)
        ok = insert ? gdb_target_set_watch(type, addr, kind) : gdb_target_clear_watch(type, addr, kind);
    else
        return; /* empty: not supported */
    gdb_reply_str(&reply, ok ? "OK" : "E22");
}

static void monitor_output(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    /* Console output as O packets, as it comes: no buffer limits how much a command prints. */
    while (len) {
        size_t n = len < MEM_MAX - 1 ? len : MEM_MAX - 1;
        gdb_reply_start(&reply);
        gdb_reply_str(&reply, "O");
        gdb_reply_hex(&reply, (const uint8_t *)text, n);
        send_reply();
        text += n;
        len -= n;
    }
    gdb_reply_start(&reply);
}

static void monitor_packet(const uint8_t *hex, size_t len)
{
    static char line[GDB_PACKET_MAX / 2 + 1];
    long n = gdb_hex_decode((uint8_t *)line, sizeof(line) - 1, hex, len);
    if (n < 0) {
        gdb_reply_str(&reply, "E01");
        return;
    }
    line[n] = 0;
    if (!monitor) {
        monitor_output(0, "no console commands here\n", 25);
    } else {
        monitor(line, monitor_output, 0);
    }
    gdb_reply_str(&reply, "OK");
}

static void stop_reply(struct trap_frame *f, bool watch_hit, unsigned type, uint32_t addr)
{
    gdb_reply_start(&reply);
    (void)f;
    if (watch_hit && type >= 2) {
        static const char *const names[5] = { "", "", "watch", "rwatch", "awatch" };
        gdb_reply_str(&reply, "T05");
        gdb_reply_str(&reply, names[type]);
        gdb_reply_str(&reply, ":");
        gdb_reply_u32(&reply, addr);
        gdb_reply_str(&reply, ";");
    } else {
        gdb_reply_str(&reply, entered_by_ctrl_c ? "S02" : "S05");
    }
}

/* Optional resume address of c and s. */
static void resume_at(struct trap_frame *f, const uint8_t *p, const uint8_t *end)
{
    uint32_t addr;
    if (p < end && gdb_parse_hex(&p, end, &addr))
        f->eip = addr;
}

enum action { STAY, RESUME, STEP };

static enum action handle_packet(struct trap_frame *f, uint8_t *pkt, size_t len, const uint8_t *stop_pkt,
                                 size_t stop_len)
{
    const uint8_t *end = pkt + len, *arg = pkt + 1;
    gdb_reply_start(&reply);
    if (len == 0)
        return STAY;
    switch (pkt[0]) {
    case '?':
        memcpy(reply.buf, stop_pkt, stop_len);
        reply.len = stop_len;
        break;
    case 'g': put_registers(f); break;
    case 'G': set_registers(f, arg, (size_t)(end - arg)); break;
    case 'p': read_register(f, arg, end); break;
    case 'P': write_register(f, arg, end); break;
    case 'm': read_memory(arg, end); break;
    case 'M': write_memory(arg, end, false); break;
    case 'X': write_memory(arg, end, true); break;
    case 'Z': breakpoint_packet(true, arg, end); break;
    case 'z': breakpoint_packet(false, arg, end); break;
    case 'c':
        resume_at(f, arg, end);
        return RESUME;
    case 's':
        resume_at(f, arg, end);
        return STEP;
    case 'D':
        for (int i = 0; i < MAX_BREAKPOINTS; i++)
            if (breakpoints[i].used)
                remove_breakpoint(breakpoints[i].addr);
        gdb_target_clear_watches(); /* a detached kernel runs free of GDB's traps */
        gdb_reply_str(&reply, "OK");
        send_reply();
        return RESUME;
    case 'k':
        return RESUME; /* no reply; the kernel just goes on */
    case 'H':
        gdb_reply_str(&reply, "OK");
        break;
    case 'q':
    {
        const uint8_t *cmd;
        size_t cmd_len;
        gdb_query(&reply, pkt, len, gdb_target_xml, &cmd, &cmd_len);
        if (cmd)
            monitor_packet(cmd, cmd_len);
        break;
    }
    default:
        break; /* empty: not supported */
    }
    send_reply();
    return STAY;
}

/* Whether the instruction at eip reads or sets IF (cli, sti, pushf, popf, iret, also after an operand-size
 * prefix): a step of it runs with the flags as they are. */
static bool touches_if(uint32_t eip)
{
    uint8_t op[2];
    if (!gdb_target_read(eip, op, sizeof(op)))
        return true;
    uint8_t code = op[0] == 0x66 ? op[1] : op[0];
    return code == 0xFA || code == 0xFB || code == 0x9C || code == 0x9D || code == 0xCF;
}

/* A step runs with interrupts masked, as QEMU's gdbstub steps by default. Otherwise an interrupt taken
 * during the step runs first, a breakpoint in it (a DPC) is taken for the step's end, and the interrupted
 * code, TF still set in its saved flags, traps again later, perhaps after GDB has gone. */
static void step(struct trap_frame *f)
{
    f->eflags |= EFLAGS_TF;
    step_masked_if = (f->eflags & EFLAGS_IF) && !touches_if(f->eip);
    if (step_masked_if)
        f->eflags &= ~EFLAGS_IF;
}

/* The end of such a step: the stepped code traps with TF still in its flags (the handler of an exception
 * it raised has TF clear, its gate cleared it). */
static void step_done(struct trap_frame *f)
{
    if (step_masked_if && (f->eflags & EFLAGS_TF)) {
        f->eflags |= EFLAGS_IF;
        step_masked_if = false;
    }
}

/* Talks to GDB until it resumes the kernel. */
static void session(struct trap_frame *f, bool report_stop, bool watch_hit, unsigned type, uint32_t addr)
{
    static uint8_t stop_pkt[64];
    gdb_target_arm_watches(false);
    stop_reply(f, watch_hit, type, addr);
    size_t stop_len = reply.len;
    memcpy(stop_pkt, reply.buf, stop_len);
    if (report_stop)
        send_reply();
    for (;;) {
        enum gdb_rx_event e = gdb_rx_byte(&rx, uart_getc_polled(PORT));
        enum action a = STAY;
        if (e == GDB_RX_BAD) {
            uart_putc(PORT, '-');
        } else if (e == GDB_RX_NAK) {
            send_framed();
        } else if (e == GDB_RX_TOO_LONG) {
            uart_putc(PORT, '+');
            gdb_reply_start(&reply);
            gdb_reply_str(&reply, "E22");
            send_reply();
        } else if (e == GDB_RX_INTERRUPT) {
            memcpy(reply.buf, stop_pkt, stop_len);
            reply.len = stop_len;
            send_reply();
        } else if (e == GDB_RX_PACKET) {
            uart_putc(PORT, '+');
            a = handle_packet(f, rx.buf, rx.len, stop_pkt, stop_len);
        }
        if (a == STEP)
            step(f);
        if (a != STAY)
            break;
    }
    gdb_target_arm_watches(true);
}

static void on_breakpoint(struct trap_frame *f)
{
    bool by_packet = entered_by_packet;
    entered_by_packet = false;
    step_done(f);
    if (is_breakpoint(f->eip - 1))
        f->eip--; /* run the real instruction when it goes on */
    session(f, !by_packet, false, 0, 0);
    entered_by_ctrl_c = false;
}

static void on_debug(struct trap_frame *f)
{
    unsigned type = 0;
    uint32_t addr = 0;
    bool hit = gdb_target_watch_hit(&type, &addr);
    step_done(f);
    f->eflags &= ~EFLAGS_TF;
    session(f, true, hit, type, addr);
}

void gdb_stub_enable(void)
{
    if (enabled)
        return;
    enabled = true;
    gdb_rx_reset(&rx);
    trap_set_exception_handler(VECTOR_DEBUG, on_debug);
    trap_set_exception_handler(VECTOR_BREAKPOINT, on_breakpoint);
}

void gdb_stub_set_monitor(gdb_monitor_runner runner)
{
    monitor = runner;
}

void gdb_stub_poll(void)
{
    if (!enabled)
        return;
    if (!uart_rx_ready(PORT)) {
        byte_waiting_last_tick = false;
        return;
    }
    if (!byte_waiting_last_tick) { /* wait a tick: an idle loop may take it at a lower IRQL */
        byte_waiting_last_tick = true;
        return;
    }
    byte_waiting_last_tick = false;
    gdb_stub_break_in();
}

void gdb_stub_break_in(void)
{
    if (!enabled || !uart_rx_ready(PORT))
        return;
    uint8_t b = uart_read(PORT);
    if (b == '$') {
        /* GDB (re)connecting: the byte starts a packet; stop quietly and answer it. */
        gdb_rx_reset(&rx);
        gdb_rx_byte(&rx, b);
        entered_by_packet = true;
    } else if (b != GDB_CTRL_C) {
        return; /* the ack of our last reply (after D), or noise: no reason to stop */
    } else {
        entered_by_ctrl_c = true;
    }
    __asm__ volatile("int3");
}

void gdb_stub_bugcheck(void)
{
    gdb_stub_enable();
    for (;;)
        __asm__ volatile("int3");
}
