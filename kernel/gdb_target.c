#include "kernel/gdb_target.h"

#include "hal/cpu.h"
#include "kernel/trap.h"

/* One byte through an instruction the page fault handler below knows: a fault there resumes at the
 * fixup with -1 instead of going to the memory manager (which would STOP on a bad address). */
extern char gdb_peek_insn[], gdb_poke_insn[], gdb_probe_fixup[];
int gdb_peek(uint32_t addr);
int gdb_poke(uint32_t addr, uint32_t value);
__asm__(".text\n"
        ".globl gdb_peek\n"
        "gdb_peek:\n"
        "  mov 4(%esp), %edx\n"
        "  xor %eax, %eax\n"
        ".globl gdb_peek_insn\n"
        "gdb_peek_insn:\n"
        "  movb (%edx), %al\n"
        "  ret\n"
        ".globl gdb_poke\n"
        "gdb_poke:\n"
        "  mov 4(%esp), %edx\n"
        "  mov 8(%esp), %ecx\n"
        "  xor %eax, %eax\n"
        ".globl gdb_poke_insn\n"
        "gdb_poke_insn:\n"
        "  movb %cl, (%edx)\n"
        "  ret\n"
        ".globl gdb_probe_fixup\n"
        "gdb_probe_fixup:\n"
        "  mov $-1, %eax\n"
        "  ret\n");

static trap_handler saved_page_fault;

static void probe_page_fault(struct trap_frame *f)
{
    if (f->eip == (uint32_t)gdb_peek_insn || f->eip == (uint32_t)gdb_poke_insn) {
        f->eip = (uint32_t)gdb_probe_fixup;
        return;
    }
    if (saved_page_fault)
        saved_page_fault(f);
    else
        trap_unhandled_exception(f);
}

static void probe_begin(void)
{
    saved_page_fault = trap_exception_handler(TRAP_PAGE_FAULT);
    trap_set_exception_handler(TRAP_PAGE_FAULT, probe_page_fault);
}

static void probe_end(void)
{
    trap_set_exception_handler(TRAP_PAGE_FAULT, saved_page_fault);
}

bool gdb_target_read(uint32_t addr, uint8_t *out, size_t n)
{
    bool ok = true;
    probe_begin();
    for (size_t i = 0; i < n && ok; i++) {
        int v = gdb_peek(addr + (uint32_t)i);
        ok = v >= 0;
        out[i] = (uint8_t)v;
    }
    probe_end();
    return ok;
}

bool gdb_target_write(uint32_t addr, const uint8_t *data, size_t n)
{
    bool ok = true;
    uint32_t cr0 = cpu_read_cr0();
    cpu_write_cr0(cr0 & ~CR0_WP); /* breakpoints go into read-only kernel text */
    probe_begin();
    for (size_t i = 0; i < n && ok; i++)
        ok = gdb_poke(addr + (uint32_t)i, data[i]) == 0;
    probe_end();
    cpu_write_cr0(cr0);
    return ok;
}

/* DR7: enable bits G0..G3 (global, so a task switch keeps them), then RW and LEN per slot. */
#define DR7_GLOBAL(i) (2u << (2 * (i)))
#define DR7_RW_SHIFT(i) (16 + 4 * (i))
#define DR6_HITS 0xFu

static struct {
    bool used;
    unsigned type;
    uint32_t addr, len;
} slots[4];
static uint32_t dr7;

static void write_dr(unsigned i, uint32_t v)
{
    switch (i) {
    case 0: __asm__ volatile("mov %0, %%dr0" : : "r"(v)); break;
    case 1: __asm__ volatile("mov %0, %%dr1" : : "r"(v)); break;
    case 2: __asm__ volatile("mov %0, %%dr2" : : "r"(v)); break;
    default: __asm__ volatile("mov %0, %%dr3" : : "r"(v)); break;
    }
}

static void write_dr7(uint32_t v)
{
    __asm__ volatile("mov %0, %%dr7" : : "r"(v));
}

static uint32_t read_dr6(void)
{
    uint32_t v;
    __asm__ volatile("mov %%dr6, %0" : "=r"(v));
    return v;
}

static void write_dr6(uint32_t v)
{
    __asm__ volatile("mov %0, %%dr6" : : "r"(v));
}

/* RW bits for GDB's Z type: 00 execute, 01 write, 11 read or write (x86 has no read-only). */
static const uint32_t rw_bits[5] = { 0, 0, 1, 3, 3 };

bool gdb_target_set_watch(unsigned type, uint32_t addr, uint32_t len)
{
    if (type < 1 || type > 4)
        return false;
    if (type == 1)
        len = 1;
    if ((len != 1 && len != 2 && len != 4) || (addr & (len - 1)))
        return false;
    for (unsigned i = 0; i < 4; i++) {
        if (slots[i].used)
            continue;
        slots[i].used = true;
        slots[i].type = type;
        slots[i].addr = addr;
        slots[i].len = len;
        write_dr(i, addr);
        uint32_t len_bits = len == 4 ? 3 : len - 1;
        dr7 &= ~(0xFu << DR7_RW_SHIFT(i));
        dr7 |= DR7_GLOBAL(i) | (rw_bits[type] | len_bits << 2) << DR7_RW_SHIFT(i);
        return true;
    }
    return false;
}

bool gdb_target_clear_watch(unsigned type, uint32_t addr, uint32_t len)
{
    for (unsigned i = 0; i < 4; i++) {
        if (slots[i].used && slots[i].type == type && slots[i].addr == addr &&
            (type == 1 || slots[i].len == len)) {
            slots[i].used = false;
            dr7 &= ~(DR7_GLOBAL(i) | 0xFu << DR7_RW_SHIFT(i));
            return true;
        }
    }
    return false;
}

void gdb_target_clear_watches(void)
{
    for (unsigned i = 0; i < 4; i++)
        slots[i].used = false;
    dr7 = 0;
}

bool gdb_target_watch_hit(unsigned *type, uint32_t *addr)
{
    uint32_t dr6 = read_dr6();
    write_dr6(0);
    for (unsigned i = 0; i < 4; i++) {
        if ((dr6 & DR6_HITS & (1u << i)) && slots[i].used) {
            *type = slots[i].type;
            *addr = slots[i].addr;
            return true;
        }
    }
    return false;
}

void gdb_target_arm_watches(bool on)
{
    write_dr7(on ? dr7 : 0);
}
