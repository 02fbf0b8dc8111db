/* Commands about the pool (cmd_pool.c). */
#ifndef PAGODA_CMD_POOL_H
#define PAGODA_CMD_POOL_H

int cmd_alloc(int argc, char **argv);
int cmd_free(int argc, char **argv);
int cmd_pool(int argc, char **argv);
int cmd_poolmon(int argc, char **argv);
int cmd_poolused(int argc, char **argv);
int cmd_poolfind(int argc, char **argv);
int cmd_lookaside(int argc, char **argv);
int cmd_poolbench(int argc, char **argv);
int cmd_tag(int argc, char **argv);

#endif
