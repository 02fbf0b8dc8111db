/* Commands about the machine as a whole: poweroff, uptime. */
#include "hal/qemu_exit.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "shell/commands.h"

int cmd_poweroff(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("poweroff");
    kprintf("powering off\n");
    qemu_exit(QEMU_EXIT_POWEROFF);
}

int cmd_uptime(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("uptime");
    uint64_t t = clock_ticks();
    kprintf("ticks=%llu seconds=%llu hz=%u\n", (unsigned long long)t, (unsigned long long)(t / CLOCK_HZ),
            CLOCK_HZ);
    return 0;
}
