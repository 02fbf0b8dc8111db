#include "hal/pit.h"

#include "hal/port_io.h"

#define PIT_INPUT_HZ 1193182u
#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_CH0_LOHI_RATE 0x34

void pit_start(unsigned hz)
{
    unsigned divisor = PIT_INPUT_HZ / hz;
    outb(PIT_COMMAND, PIT_CH0_LOHI_RATE);
    outb(PIT_CHANNEL0, (uint8_t)divisor);
    outb(PIT_CHANNEL0, (uint8_t)(divisor >> 8));
}
