/* replay: a page-reference trace run on real pageable pages by the kernel's replacement policy
 * (cmd_replay.c). */
#ifndef PAGODA_CMD_REPLAY_H
#define PAGODA_CMD_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "shell/args.h"

args_handler cmd_replay;

/* Whether a Multiboot module is a trace for replay: its file name ends in ".trace". */
bool replay_is_trace(const char *file_name);
/* Keeps a trace module (pagesim's binary form) for replay; false, with why, when it cannot. */
bool replay_add_trace(const char *file_name, uint32_t phys, uint32_t size, const char **why);

#endif
