/* The registry from the console (cmd_registry.c). */
#ifndef PAGODA_CMD_REGISTRY_H
#define PAGODA_CMD_REGISTRY_H

#include "shell/args.h"

args_handler cmd_reg;

#endif
