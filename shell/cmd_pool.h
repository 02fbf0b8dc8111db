/* Commands about the pool (cmd_pool.c). */
#ifndef PAGODA_CMD_POOL_H
#define PAGODA_CMD_POOL_H

#include "shell/args.h"

args_handler cmd_alloc, cmd_free, cmd_pool, cmd_poolmon, cmd_poolused, cmd_poolfind, cmd_lookaside, cmd_poolbench,
    cmd_tag;

#endif
