/* The kernel's own GDB remote stub on COM2 (debugport=com2): entered on int3, a debug exception
 * (single step, a watchpoint), GDB's Ctrl-C or a packet while the kernel runs, and after a STOP
 * screen with onbugcheck=debug. Polled: it owns COM2 with interrupts off while the kernel is stopped. */
#ifndef PAGODA_GDB_STUB_H
#define PAGODA_GDB_STUB_H

#include <stddef.h>

/* Takes the breakpoint and debug exceptions; without it the stub stays out of the way. */
void gdb_stub_enable(void);
/* From the clock tick: a byte from GDB that nobody took since the last tick stops the kernel. */
void gdb_stub_poll(void);
/* From an idle loop: a byte from GDB stops the kernel here (at the idle loop's IRQL). */
void gdb_stub_break_in(void);
/* After a STOP screen: stops in the stub for good (continuing stops again). */
__attribute__((noreturn)) void gdb_stub_bugcheck(void);

/* `monitor <line>`: runs a console command, giving its output to out as it comes. The console is a
 * higher layer, so boot registers the runner. */
typedef void (*gdb_monitor_output)(void *ctx, const char *text, size_t len);
typedef void (*gdb_monitor_runner)(char *line, gdb_monitor_output out, void *ctx);
void gdb_stub_set_monitor(gdb_monitor_runner runner);

#endif
