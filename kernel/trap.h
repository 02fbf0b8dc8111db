/* CPU exceptions and hardware interrupts: the frame every stub in boot/isr.asm pushes, the dispatch
 * to registered exception handlers (interrupts go on to interrupt.c), and the bugcheck for anything
 * nobody handles. */
#ifndef PAGODA_TRAP_H
#define PAGODA_TRAP_H

#include <stdint.h>

struct trap_frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pushad, ebx, edx, ecx, eax;
    uint32_t vector, error_code;
    uint32_t eip, cs, eflags; /* pushed by the CPU; kernel-only, so no ss:esp follows */
};

#define TRAP_BOUND_RANGE 5
#define TRAP_PAGE_FAULT 14
#define TRAP_ASSERTION 0x2C /* int 0x2c: DbgRaiseAssertionFailure, what NT_ASSERT calls */
#define TRAP_IRQ_BASE 0x30 /* the 8259s (hal/pic.h) */

typedef void (*trap_handler)(struct trap_frame *frame);

/* Builds the IDT and loads it. */
void trap_init(void);
/* Takes over an exception vector (the page fault handler does this); 0 gives it back to
 * trap_unhandled_exception. */
void trap_set_exception_handler(unsigned vector, trap_handler handler);
/* Each exception vector's handler, trap_unhandled_exception where none was set. The page fault's
 * stub in boot/isr.asm calls its entry directly; everything else goes through the functions here. */
extern trap_handler trap_handlers[TRAP_IRQ_BASE];
/* The handler a vector has now (0 for none): for whoever stands in front of it for a while. */
trap_handler trap_exception_handler(unsigned vector);
/* The bugcheck for an exception nobody handles (for handlers that find it is not theirs after all). */
__attribute__((noreturn)) void trap_unhandled_exception(struct trap_frame *frame);
/* The stack pointer the interrupted code had: the CPU pushed no ss:esp, so it is just past the frame. */
uint32_t trap_frame_esp(const struct trap_frame *frame);

void trap_dispatch(struct trap_frame *frame);

#endif
