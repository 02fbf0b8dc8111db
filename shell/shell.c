#include "shell/shell.h"

#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/work_queue.h"
#include "mm/mm.h"
#include "drivers/ps_thread.h"
#include "drivers/serial.h"
#include "shell/cmd_shell.h"
#include "shell/commands.h"
#include "shell/ctrl_c.h"
#include "shell/lineedit.h"
#include "shell/shell_complete.h"

/* Waits for the next byte from COM1. The receive interrupt's DPC fills the ring, on the interrupt's
 * return. Meanwhile the console's thread is idle: work items run, ended threads are freed, and every
 * thread that can run gets the CPU (kernel/sched.c); when none can, the CPU sleeps. Interrupts are off
 * between the checks and the hlt, so a byte or a wakeup cannot slip in unseen (sti takes effect only
 * after the hlt has begun). */
static uint8_t read_byte(void)
{
    uint8_t byte;
    for (;;) {
        while (work_queue_run_one())
            ;
        ps_thread_reap();
        cpu_disable_interrupts();
        if (serial_getc(&byte)) {
            cpu_enable_interrupts();
            return byte;
        }
        if (thread_other_ready()) {
            cpu_enable_interrupts();
            thread_yield_idle();
            continue;
        }
        cpu_enable_interrupts_and_halt();
    }
}

static void echo(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    console_write_raw(s, (unsigned)n);
}

/* Runs a line from the editor. If the command stopped for Ctrl-C, what was typed up to that Ctrl-C
 * is dropped, as a terminal flushes its input on an interrupt, so it does not reach the next prompt.
 * Input the serial driver had to drop to see a Ctrl-C (drivers/serial.h) lay before it, so it would be
 * flushed anyway; if the command ended on its own instead, the loss is reported. */
static void run_line(char *line)
{
    ctrl_c_arm();
    commands_execute(line);
    uint32_t n = ctrl_c_to_drop();
    if (!n && ctrl_c_discarded()) /* discard mode dropped input, and no Ctrl-C came to flush it */
        console_error("%u bytes typed ahead were dropped (more than 8 KiB while the command ran)",
                      ctrl_c_discarded());
    for (; n; n--)
        while (read_byte() != SERIAL_CTRL_C)
            ;
}

void shell_run(void)
{
    static struct lineedit le;
    lineedit_init(&le, echo, 0);
    le.prompt = SHELL_PROMPT;
    le.history = cmd_shell_history();
    shell_complete_attach(&le);
    for (;;) {
        /* The console goes idle: first the idle work, the system worker threads' (the work items
         * queued, kernel/work_queue.h) and NT's zero page thread's (mm/mm.h), so that what `mem` shows
         * stands still while the prompt waits. */
        while (work_queue_run_one())
            ;
        while (mm_zero_page_wanted())
            mm_zero_page_idle();
        console_puts(SHELL_PROMPT);
        enum lineedit_result r;
        while ((r = lineedit_feed(&le, read_byte())) == LINEEDIT_PENDING)
            ;
        if (r == LINEEDIT_TOO_LONG)
            console_error("line too long (at most %d characters); ignored", LINEEDIT_MAX - 1);
        else if (r == LINEEDIT_READY)
            run_line(le.buf);
        lineedit_reset(&le);
    }
}
