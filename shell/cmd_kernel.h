/* Commands about the kernel and the machine (cmd_kernel.c). */
#ifndef PAGODA_CMD_KERNEL_H
#define PAGODA_CMD_KERNEL_H

#include "shell/args.h"

args_handler cmd_irql, cmd_uptime, cmd_poweroff, cmd_crash, cmd_bugcheck;

#endif
