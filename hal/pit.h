/* The 8253/8254 programmable interval timer, channel 0 on IRQ 0. */
#ifndef PAGODA_PIT_H
#define PAGODA_PIT_H

#define PIT_IRQ 0

/* Programs channel 0 as a rate generator at about hz interrupts a second. */
void pit_start(unsigned hz);

#endif
