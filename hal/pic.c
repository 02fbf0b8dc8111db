#include "hal/pic.h"

#include "hal/port_io.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_ISR 0x0B

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    io_wait();
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    io_wait();
    outb(PIC1_DATA, PIC_VECTOR_BASE);
    io_wait();
    outb(PIC2_DATA, PIC_VECTOR_BASE + 8);
    io_wait();
    outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ); /* slave on IRQ 2 */
    io_wait();
    outb(PIC2_DATA, PIC_CASCADE_IRQ);
    io_wait();
    outb(PIC1_DATA, ICW4_8086);
    io_wait();
    outb(PIC2_DATA, ICW4_8086);
    io_wait();
    /* Everything masked except the cascade; drivers unmask their own lines. */
    pic_set_mask((uint16_t)~(1u << PIC_CASCADE_IRQ));
}

uint16_t pic_get_mask(void)
{
    return (uint16_t)(inb(PIC1_DATA) | (inb(PIC2_DATA) << 8));
}

void pic_set_mask(uint16_t mask)
{
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_mask(unsigned irq)
{
    pic_set_mask(pic_get_mask() | (uint16_t)(1u << irq));
}

void pic_unmask(unsigned irq)
{
    pic_set_mask(pic_get_mask() & (uint16_t)~(1u << irq));
}

void pic_eoi(unsigned irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, OCW2_EOI);
    outb(PIC1_CMD, OCW2_EOI);
}

static uint8_t read_isr(uint16_t cmd_port)
{
    outb(cmd_port, OCW3_READ_ISR);
    return inb(cmd_port);
}

bool pic_is_spurious(unsigned irq)
{
    if (irq == 7)
        return !(read_isr(PIC1_CMD) & 0x80);
    if (irq == 15 && !(read_isr(PIC2_CMD) & 0x80)) {
        outb(PIC1_CMD, OCW2_EOI);
        return true;
    }
    return false;
}
