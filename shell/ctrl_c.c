#include "shell/ctrl_c.h"

#include "drivers/serial.h"

static uint32_t count_at_arm; /* serial_ctrl_c_count() when the command line began */
static bool requested;        /* a command has seen a Ctrl-C */

void ctrl_c_arm(void)
{
    count_at_arm = serial_ctrl_c_count();
    requested = false;
}

bool ctrl_c_requested(void)
{
    if (serial_ctrl_c_count() != count_at_arm)
        requested = true;
    return requested;
}

uint32_t ctrl_c_to_drop(void)
{
    return requested ? serial_ctrl_c_count() - count_at_arm : 0;
}
