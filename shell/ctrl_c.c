#include "shell/ctrl_c.h"

#include "kernel/console.h"
#include "kernel/irql.h"
#include "drivers/serial.h"

static uint32_t count_at_arm;   /* serial_ctrl_c_count() when the command line began */
static uint32_t dropped_at_arm; /* serial_dropped() then */
static bool requested;          /* a command has seen a Ctrl-C */
static bool polled;             /* a command has asked: it stops on Ctrl-C, so discard mode is safe */

void ctrl_c_arm(void)
{
    count_at_arm = serial_ctrl_c_count();
    dropped_at_arm = serial_dropped();
    requested = polled = false;
}

bool ctrl_c_requested(void)
{
    if (!polled) {
        polled = true;
        serial_set_discard(true);
    }
    if (serial_ctrl_c_count() != count_at_arm)
        requested = true;
    return requested;
}

bool ctrl_c_can_arrive(const char *cmd)
{
    KIRQL now = KeGetCurrentIrql(), com1 = serial_irql();
    if (now < com1)
        return true;
    console_error("%s: refused at IRQL %u (%s): COM1's interrupt (IRQL %u) is masked there, so Ctrl-C "
                  "could not stop it", cmd, now, irql_name(now), com1);
    return false;
}

uint32_t ctrl_c_to_drop(void)
{
    if (polled)
        serial_set_discard(false);
    return requested ? serial_ctrl_c_count() - count_at_arm : 0;
}

uint32_t ctrl_c_discarded(void)
{
    return serial_dropped() - dropped_at_arm;
}
