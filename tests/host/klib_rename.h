/* Forced into every host build of the kernel library (-include): the kernel's own memset, strlen, ...
 * get names of their own, so the tests run Pagoda's code and not the C library's. */
#define memset pg_memset
#define memcpy pg_memcpy
#define memmove pg_memmove
#define memcmp pg_memcmp
#define strlen pg_strlen
#define strcmp pg_strcmp
#define strncmp pg_strncmp
#define strlcpy pg_strlcpy
