/* Commands about the memory manager (cmd_mm.c). */
#ifndef PAGODA_CMD_MM_H
#define PAGODA_CMD_MM_H

int cmd_mem(int argc, char **argv);
int cmd_trim(int argc, char **argv);
int cmd_memtest(int argc, char **argv);
int cmd_valloc(int argc, char **argv);
int cmd_vfree(int argc, char **argv);
int cmd_pageout(int argc, char **argv);
int cmd_flipslot(int argc, char **argv);
int cmd_pte(int argc, char **argv);
int cmd_pfn(int argc, char **argv);
int cmd_peek(int argc, char **argv);
int cmd_poke(int argc, char **argv);
int cmd_faultbench(int argc, char **argv);

#endif
