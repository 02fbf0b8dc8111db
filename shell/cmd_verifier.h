/* Driver Verifier's switches from the console (cmd_verifier.c). */
#ifndef PAGODA_CMD_VERIFIER_H
#define PAGODA_CMD_VERIFIER_H

#include "shell/args.h"

args_handler cmd_verifier;

#endif
