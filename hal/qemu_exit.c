#include "hal/qemu_exit.h"

#include "hal/cpu.h"
#include "hal/port_io.h"

void qemu_exit(uint8_t value)
{
    outb(0xF4, value);
    cpu_stop();
}
