#include "kernel/interrupt.h"

#include "hal/cpu.h"
#include "hal/pic.h"
#include "hal/pit.h"
#include "kernel/irql.h"

static irq_handler handlers[PIC_IRQ_COUNT];

KIRQL interrupt_irql(unsigned irq)
{
    return irq == PIT_IRQ ? CLOCK2_LEVEL : (KIRQL)(PROFILE_LEVEL - irq);
}

static unsigned level_irq(KIRQL level)
{
    return level == CLOCK2_LEVEL ? PIT_IRQ : PROFILE_LEVEL - level;
}

irq_handler irq_set_handler(unsigned irq, irq_handler handler)
{
    uint32_t flags = cpu_save_and_disable_interrupts(); /* the lazy masking changes the PIC mask too */
    irq_handler old = handlers[irq];
    handlers[irq] = handler;
    pic_unmask(irq);
    cpu_restore_interrupts(flags);
    return old;
}

/* With interrupts on, so that lines of a higher level nest; those at or below this level that arrive
 * meanwhile find IRQL too high and wait. */
static void run_handler(unsigned irq)
{
    cpu_enable_interrupts();
    if (handlers[irq])
        handlers[irq]();
    cpu_disable_interrupts();
}

void interrupt_dispatch(struct trap_frame *frame)
{
    unsigned irq = frame->vector - TRAP_IRQ_BASE;
    if (pic_is_spurious(irq))
        return;
    KIRQL level = interrupt_irql(irq), interrupted = KeGetCurrentIrql();
    if (level <= interrupted) {
        pic_mask(irq);
        irql_set_pending(level);
    }
    /* EOI at once: the PIC's own priority (IRQ 8-15 above 3-7) is not NT's, so IRQL alone decides. */
    pic_eoi(irq);
    if (level > interrupted) {
        irql_state.current = level;
        run_handler(irq);
        irql_deliver(interrupted); /* includes the DPCs the handler queued, if we were below DISPATCH */
    }
    irql_restart_lower(frame);
}

void interrupt_replay(KIRQL level)
{
    unsigned irq = level_irq(level);
    run_handler(irq);
    pic_unmask(irq);
}
