/* QEMU's isa-debug-exit device (iobase 0xf4): QEMU exits with (value << 1) | 1. */
#ifndef PAGODA_QEMU_EXIT_H
#define PAGODA_QEMU_EXIT_H

#include <stdint.h>

#define QEMU_EXIT_POWEROFF 0x10   /* status 33: poweroff, or every in-kernel test passed */
#define QEMU_EXIT_TEST_FAILED 0x11 /* status 35 */
#define QEMU_EXIT_BUGCHECK 0x12    /* status 37: bugcheck with onbugcheck=exit */

/* Leaves QEMU; on a machine without the device it halts for good. */
__attribute__((noreturn)) void qemu_exit(uint8_t value);

#endif
