#include "shell/shell.h"

#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"
#include "drivers/serial.h"
#include "shell/lineedit.h"
#include "shell/shell_complete.h"

const struct shell_command *shell_find_command(const char *name)
{
    unsigned count;
    const struct shell_command *cmds = shell_commands(&count);
    for (unsigned i = 0; i < count; i++)
        if (strcmp(cmds[i].name, name) == 0)
            return &cmds[i];
    return 0;
}

/* Shows a word the user typed without sending control bytes back to the terminal. */
static void print_sanitized(const char *s)
{
    for (int n = 0; *s && n < 32; s++, n++)
        console_putc(*s >= ' ' && *s <= '~' ? *s : '?');
    if (*s)
        console_puts("...");
}

int shell_execute(char *line)
{
    char *argv[SHELL_MAX_ARGS];
    int argc = split_words(line, argv, SHELL_MAX_ARGS);
    if (argc == 0)
        return 0;
    if (argc < 0) {
        console_error("too many words (at most %d)", SHELL_MAX_ARGS);
        return -1;
    }
    const struct shell_command *cmd = shell_find_command(argv[0]);
    if (!cmd) {
        console_puts("error: unknown command '");
        print_sanitized(argv[0]);
        console_puts("' (type 'help' for the list)\n");
        return -1;
    }
    return cmd->run(argc, argv);
}

/* Waits for the next byte from COM1. The receive interrupt's DPC fills the ring, on the interrupt's
 * return; between bytes the CPU sleeps. Interrupts are off between the check and the hlt, so a byte
 * cannot slip in unseen (sti takes effect only after the hlt has begun). */
static uint8_t read_byte(void)
{
    uint8_t byte;
    for (;;) {
        cpu_disable_interrupts();
        if (serial_getc(&byte)) {
            cpu_enable_interrupts();
            return byte;
        }
        cpu_enable_interrupts_and_halt();
    }
}

static void echo(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    console_write_raw(s, (unsigned)n);
}

static struct history history;
static uint32_t ctrl_c_before; /* serial_ctrl_c_count() when the command line began */
static bool interrupted;

bool shell_interrupt_requested(void)
{
    if (serial_ctrl_c_count() != ctrl_c_before)
        interrupted = true;
    return interrupted;
}

/* Runs a line from the editor. If the command stopped for Ctrl-C, what was typed up to that Ctrl-C
 * is dropped, as a terminal flushes its input on an interrupt, so it does not reach the next prompt. */
static void run_line(char *line)
{
    ctrl_c_before = serial_ctrl_c_count();
    interrupted = false;
    shell_execute(line);
    if (!interrupted)
        return;
    for (uint32_t n = serial_ctrl_c_count() - ctrl_c_before; n; n--)
        while (read_byte() != SERIAL_CTRL_C)
            ;
}

const struct history *shell_history(void)
{
    return &history;
}

void shell_run(void)
{
    static struct lineedit le;
    lineedit_init(&le, echo, 0);
    le.prompt = SHELL_PROMPT;
    le.history = &history;
    shell_complete_attach(&le);
    for (;;) {
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
