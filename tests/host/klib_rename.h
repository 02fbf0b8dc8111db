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
/* kernel/crt_print.c's, Microsoft's printf forms under the C library's names */
#define _vsnprintf pg__vsnprintf
#define _snprintf pg__snprintf
#define _vsnwprintf pg__vsnwprintf
#define _snwprintf pg__snwprintf
#define sprintf pg_sprintf
#define swprintf pg_swprintf
