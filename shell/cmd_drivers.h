/* The driver images from the console, and calling what they would call (cmd_drivers.c). */
#ifndef PAGODA_CMD_DRIVERS_H
#define PAGODA_CMD_DRIVERS_H

#include "shell/args.h"

args_handler cmd_drivers, cmd_load, cmd_unload, cmd_call, cmd_threads;

#endif
