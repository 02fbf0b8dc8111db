/* Handlers of the console commands, one group per file; commands.c's table names them all. */
#ifndef PAGODA_COMMANDS_H
#define PAGODA_COMMANDS_H

int cmd_help(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_mem(int argc, char **argv);
int cmd_crash(int argc, char **argv);
int cmd_bugcheck(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_irql(int argc, char **argv);
int cmd_at(int argc, char **argv);
int cmd_verifier(int argc, char **argv);
int cmd_drivers(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_unload(int argc, char **argv);
int cmd_trim(int argc, char **argv);
int cmd_memtest(int argc, char **argv);
int cmd_peek(int argc, char **argv);
int cmd_poke(int argc, char **argv);
int cmd_pte(int argc, char **argv);
int cmd_pfn(int argc, char **argv);
int cmd_valloc(int argc, char **argv);
int cmd_vfree(int argc, char **argv);
int cmd_pageout(int argc, char **argv);
int cmd_flipslot(int argc, char **argv);
int cmd_faultbench(int argc, char **argv);
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
