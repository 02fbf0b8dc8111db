/* The two cascaded 8259 PICs, remapped to vectors 0x30..0x3F as on x86 Windows, which keeps 0x2A-0x2E for
 * its own software interrupts (0x2C: a failed NT_ASSERT). */
#ifndef PAGODA_PIC_H
#define PAGODA_PIC_H

#include <stdbool.h>
#include <stdint.h>

#define PIC_VECTOR_BASE 0x30
#define PIC_IRQ_COUNT 16
#define PIC_CASCADE_IRQ 2

void pic_init(void);
void pic_mask(unsigned irq);
void pic_unmask(unsigned irq);
/* The whole 16-bit mask (bit n set = IRQ n masked). */
uint16_t pic_get_mask(void);
void pic_set_mask(uint16_t mask);
void pic_eoi(unsigned irq);
/* IRQ 7 and 15 can arrive without the PIC having one in service; such a spurious one gets no EOI
 * (IRQ 15's still needs one on the master, for the cascade). */
bool pic_is_spurious(unsigned irq);

#endif
