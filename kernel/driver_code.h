/* Whose code lies where: the loaded driver images, each under its driver's owner number (Driver
 * Verifier's record of the driver, pool/verifier.h; 0 stands for the kernel's own code), and whether
 * Driver Verifier checks that driver's calls. The exported routines that judge their caller by its
 * return address (the pool's, the lookaside, spinlock and IRQL routines) ask here. A return address
 * outside the span the loaded images cover costs two compares: that span, and callout_return, where a
 * driver routine the kernel called returns when it ends in a jump to the routine (kernel/callout.h).
 * Portable: the host tests register ranges of their own. */
#ifndef PAGODA_DRIVER_CODE_H
#define PAGODA_DRIVER_CODE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/callout.h"

#define DRIVER_CODE_OWNERS 32 /* owner numbers 1 to 31 (five bits of a pool header) */

/* From the first image's base to the last one's end (size 0: none). Changed only through the calls
 * below, so that a reader interrupted meanwhile sees a span that covers every image registered before
 * and after the change. */
struct driver_code_span {
    uintptr_t base, size;
};
extern volatile struct driver_code_span driver_code_span;

/* The image of owner (1 to DRIVER_CODE_OWNERS - 1) is mapped at [base, base + size) / goes away. */
void driver_code_add(unsigned owner, uintptr_t base, uintptr_t size);
void driver_code_remove(unsigned owner);
/* Whether Driver Verifier checks owner's calls (kept while no image is mapped). */
void driver_code_set_verified(unsigned owner, bool verified);
bool driver_code_owner_verified(unsigned owner);
/* The owner whose image holds address, or 0. */
unsigned driver_code_lookup(uintptr_t address);
/* The owner of the routine the innermost callout entered, or 0. */
unsigned driver_code_callout_owner(void);

/* The owner of the code that called, from a return address; 0 for the kernel's. */
static inline unsigned driver_code_owner(const void *return_address)
{
    uintptr_t a = (uintptr_t)return_address;
    if (a - driver_code_span.base < driver_code_span.size)
        return driver_code_lookup(a);
    return a == (uintptr_t)callout_return ? driver_code_callout_owner() : 0;
}

/* Whether the code that called belongs to a driver Driver Verifier checks. */
static inline bool driver_code_verified(const void *return_address)
{
    return driver_code_owner_verified(driver_code_owner(return_address));
}

#endif
