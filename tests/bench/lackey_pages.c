/* Reads valgrind's `--tool=lackey --trace-mem=yes` output and writes the 4 KiB page number of each data
 * reference (load, store, modify; instruction fetches are left out), one a line, dropping a reference
 * to the page just referenced (it changes no policy's faults and would only make the trace long). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char line[256];
    unsigned long last = ~0ul;
    while (fgets(line, sizeof(line), stdin)) {
        if (line[0] != ' ' || (line[1] != 'L' && line[1] != 'S' && line[1] != 'M'))
            continue;
        unsigned long page = strtoul(line + 3, 0, 16) >> 12;
        if (page != last)
            printf("%lu\n", page);
        last = page;
    }
    return 0;
}
