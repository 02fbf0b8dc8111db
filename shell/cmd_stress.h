/* Reliability commands (cmd_stress.c): stress, faultinject. */
#ifndef PAGODA_CMD_STRESS_H
#define PAGODA_CMD_STRESS_H

#include "shell/args.h"

args_handler cmd_stress, cmd_faultinject;

#endif
