/* Handlers of the console commands, one group per file; commands.c's table names them all. */
#ifndef PAGODA_COMMANDS_H
#define PAGODA_COMMANDS_H

int cmd_help(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_mem(int argc, char **argv);
int cmd_crash(int argc, char **argv);
int cmd_bugcheck(int argc, char **argv);
int cmd_poolmon(int argc, char **argv);
int cmd_poolused(int argc, char **argv);
int cmd_poolfind(int argc, char **argv);
int cmd_pool(int argc, char **argv);
int cmd_alloc(int argc, char **argv);
int cmd_free(int argc, char **argv);
int cmd_lookaside(int argc, char **argv);
int cmd_poolbench(int argc, char **argv);

/* Prints the usage error for a command called with the wrong number of arguments; returns -1. */
int cmd_usage_error(const char *name);

#endif
