#include "kernel/trap.h"

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/gdt.h"
#include "kernel/interrupt.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t zero;
    uint8_t type_attr;
    uint16_t offset_high;
} __attribute__((packed));

#define GATE_INTERRUPT_32 0x8E
#define GATE_TASK 0x85
#define STUB_VECTORS 64
#define VECTOR_DOUBLE_FAULT 8

extern const uint32_t isr_stub_table[STUB_VECTORS];

static struct idt_gate idt[256];
/* Never 0: boot/isr.asm's page-fault entry calls its vector's entry without a test. */
trap_handler trap_handlers[TRAP_IRQ_BASE] = { [0 ... TRAP_IRQ_BASE - 1] = trap_unhandled_exception };

/* Windows' exception codes, for KMODE_EXCEPTION_NOT_HANDLED's first parameter. */
#define STATUS_BREAKPOINT 0x80000003u
#define STATUS_SINGLE_STEP 0x80000004u
#define STATUS_DATATYPE_MISALIGNMENT 0x80000002u
#define STATUS_ILLEGAL_INSTRUCTION 0xC000001Du
#define STATUS_ARRAY_BOUNDS_EXCEEDED 0xC000008Cu
#define STATUS_FLOAT_INVALID_OPERATION 0xC0000090u
#define STATUS_INTEGER_DIVIDE_BY_ZERO 0xC0000094u
#define STATUS_INTEGER_OVERFLOW 0xC0000095u
#define STATUS_ASSERTION_FAILURE 0xC0000420u

/* 0 means the vector is reported as UNEXPECTED_KERNEL_MODE_TRAP (a broken machine state rather
 * than a faulting instruction): double fault, invalid TSS, segment not present, stack fault, ... */
static const uint32_t exception_status[TRAP_IRQ_BASE] = {
    [0] = STATUS_INTEGER_DIVIDE_BY_ZERO,
    [1] = STATUS_SINGLE_STEP,
    [3] = STATUS_BREAKPOINT,
    [4] = STATUS_INTEGER_OVERFLOW,
    [5] = STATUS_ARRAY_BOUNDS_EXCEEDED,
    [6] = STATUS_ILLEGAL_INSTRUCTION,
    [13] = STATUS_ACCESS_VIOLATION,
    [16] = STATUS_FLOAT_INVALID_OPERATION,
    [17] = STATUS_DATATYPE_MISALIGNMENT,
    [19] = STATUS_FLOAT_INVALID_OPERATION,
    [TRAP_ASSERTION] = STATUS_ASSERTION_FAILURE,
};

uint32_t trap_frame_esp(const struct trap_frame *frame)
{
    return (uint32_t)&frame->eflags + sizeof(frame->eflags);
}

static void set_gate(unsigned vector, uint32_t offset, uint16_t selector, uint8_t type_attr)
{
    idt[vector] = (struct idt_gate){
        .offset_low = (uint16_t)offset,
        .selector = selector,
        .zero = 0,
        .type_attr = type_attr,
        .offset_high = (uint16_t)(offset >> 16),
    };
}

/* Runs as its own task with a fresh stack: the interrupted state is in the main TSS. */
static __attribute__((noreturn)) void double_fault_task(void)
{
    const struct tss *t = gdt_main_tss();
    struct trap_frame frame = {
        .gs = t->gs, .fs = t->fs, .es = t->es, .ds = t->ds,
        .edi = t->edi, .esi = t->esi, .ebp = t->ebp, .esp_at_pushad = t->esp,
        .ebx = t->ebx, .edx = t->edx, .ecx = t->ecx, .eax = t->eax,
        .vector = VECTOR_DOUBLE_FAULT, .error_code = 0,
        .eip = t->eip, .cs = t->cs, .eflags = t->eflags,
    };
    bugcheck_from_trap(BUGCHECK_UNEXPECTED_KERNEL_MODE_TRAP, VECTOR_DOUBLE_FAULT, 0, 0, 0, &frame);
}

void trap_init(void)
{
    gdt_init(double_fault_task);
    for (unsigned v = 0; v < STUB_VECTORS; v++)
        if (isr_stub_table[v])
            set_gate(v, isr_stub_table[v], GDT_KERNEL_CODE, GATE_INTERRUPT_32);
    set_gate(VECTOR_DOUBLE_FAULT, 0, GDT_DOUBLE_FAULT_TSS, GATE_TASK);
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) ptr = { sizeof(idt) - 1, (uint32_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ptr));
}

void trap_set_exception_handler(unsigned vector, trap_handler handler)
{
    trap_handlers[vector] = handler ? handler : trap_unhandled_exception;
}

trap_handler trap_exception_handler(unsigned vector)
{
    return trap_handlers[vector] == trap_unhandled_exception ? 0 : trap_handlers[vector];
}

void trap_unhandled_exception(struct trap_frame *f)
{
    if (f->vector == TRAP_PAGE_FAULT) {
        /* p2: 0 read, 1 write (error code bit 1); p4: reserved (0). */
        bugcheck_from_trap(BUGCHECK_PAGE_FAULT_IN_NONPAGED_AREA, cpu_read_cr2(), (f->error_code >> 1) & 1,
                           f->eip, 0, f);
    }
    uint32_t status = exception_status[f->vector];
    if (f->vector == TRAP_ASSERTION)
        f->eip -= 2; /* a failed assertion is reported at its int 0x2c, as Windows backs the frame up to it */
    if (status)
        bugcheck_from_trap(BUGCHECK_KMODE_EXCEPTION_NOT_HANDLED, status, f->eip, 0, 0, f);
    bugcheck_from_trap(BUGCHECK_UNEXPECTED_KERNEL_MODE_TRAP, f->vector, f->error_code, 0, 0, f);
}

void trap_dispatch(struct trap_frame *frame)
{
    if (frame->vector < TRAP_IRQ_BASE)
        trap_handlers[frame->vector](frame);
    else
        interrupt_dispatch(frame);
}
