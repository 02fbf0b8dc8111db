#include "mm/mm_counters.h"

struct mm_counters mm_counters;
