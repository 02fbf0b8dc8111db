/* RtlUniform, RtlRandom, RtlRandomEx: NT's linear congruential generator over the seed the caller keeps
 * (multiplier 0x7FFFFFED, increment 0x7FFFFFC3, modulus MAXLONG), so every number is in [0, MAXLONG - 1]
 * and a seed gives the same sequence every time. Portable. */
#include "kernel/wdm.h"

#define MULTIPLIER 0x7FFFFFEDull
#define INCREMENT 0x7FFFFFC3ull
#define MODULUS 0x7FFFFFFFull

ULONG NTAPI RtlUniform(PULONG Seed)
{
    *Seed = (ULONG)(((ULONGLONG)*Seed * MULTIPLIER + INCREMENT) % MODULUS);
    return *Seed;
}

ULONG NTAPI RtlRandom(PULONG Seed)
{
    return RtlUniform(Seed);
}

ULONG NTAPI RtlRandomEx(PULONG Seed)
{
    return RtlUniform(Seed);
}
