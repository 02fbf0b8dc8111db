/* What the GDB stub reads and changes in the stopped machine: memory that may not be mapped (a
 * fault fails the access instead of a STOP), the debug registers, and the i386 target description. */
#ifndef PAGODA_GDB_TARGET_H
#define PAGODA_GDB_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies n bytes; false when some byte is not mapped (what came before it is done). Writes go
 * through write-protected pages (kernel text, for breakpoints). */
bool gdb_target_read(uint32_t addr, uint8_t *out, size_t n);
bool gdb_target_write(uint32_t addr, const uint8_t *data, size_t n);

/* Hardware breakpoints and watchpoints in DR0-DR3. type: GDB's Z type (1 execute, 2 write, 3 read,
 * 4 access). False when the kind or length cannot be had or all four are taken. */
bool gdb_target_set_watch(unsigned type, uint32_t addr, uint32_t len);
bool gdb_target_clear_watch(unsigned type, uint32_t addr, uint32_t len);
/* Every watchpoint off (GDB detached). */
void gdb_target_clear_watches(void);
/* After a debug exception: which watchpoint hit (its Z type and address), then clears DR6. False
 * when it was no watchpoint (a single step). */
bool gdb_target_watch_hit(unsigned *type, uint32_t *addr);
/* DR7 off while the stub runs (its own reads must not hit), back on when the kernel resumes. */
void gdb_target_arm_watches(bool on);

/* The i386 target description (target.xml). */
extern const char gdb_target_xml[];

#endif
