#include "kernel/irql.h"

#include <stddef.h>

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/dpc.h"
#include "kernel/interrupt.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"
#include "kernel/thread.h"

/* The inline asm in wdm.h addresses the words as irql_state and irql_state+4. */
_Static_assert(offsetof(struct irql_state, pending_top) == 0 && offsetof(struct irql_state, current) == 4,
               "irql_state layout");

struct irql_state irql_state = { .pending_top = 0, .current = PASSIVE_LEVEL, .raise_ceiling = HIGH_LEVEL };

static uint32_t pending; /* bit n: an interrupt of level n waits; changed only with interrupts off */
static void (*apc_routine)(void);
static irql_trim_hook trim_hook;

static const char *const level_names[HIGH_LEVEL + 1] = {
    [PASSIVE_LEVEL] = "PASSIVE_LEVEL", [APC_LEVEL] = "APC_LEVEL", [DISPATCH_LEVEL] = "DISPATCH_LEVEL",
    [PROFILE_LEVEL] = "PROFILE_LEVEL", [CLOCK2_LEVEL] = "CLOCK2_LEVEL", [IPI_LEVEL] = "IPI_LEVEL",
    [POWER_LEVEL] = "POWER_LEVEL",     [HIGH_LEVEL] = "HIGH_LEVEL",
};

const char *irql_name(KIRQL irql)
{
    if (irql > HIGH_LEVEL)
        return "INVALID_LEVEL";
    return level_names[irql] ? level_names[irql] : "DEVICE_LEVEL";
}

int irql_parse(const char *s, KIRQL *out)
{
    uint32_t v;
    if (parse_u32_range(s, 0, HIGH_LEVEL, &v) == PARSE_OK) {
        *out = (KIRQL)v;
        return 1;
    }
    for (unsigned i = 0; i <= HIGH_LEVEL; i++)
        if (level_names[i] && strcmp(s, level_names[i]) == 0) {
            *out = (KIRQL)i;
            return 1;
        }
    return 0;
}

uint32_t irql_pending(void)
{
    return pending;
}

static void update_pending_top(void)
{
    irql_state.pending_top = pending ? 31 - __builtin_clz(pending) : 0;
}

void irql_set_pending(KIRQL level)
{
    pending |= 1u << level;
    update_pending_top();
}

void irql_request_software_interrupt(KIRQL level)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    KIRQL current = KeGetCurrentIrql();
    irql_set_pending(level);
    if (level > current)
        irql_deliver(current);
    cpu_restore_interrupts(flags);
}

/* DISPATCH_LEVEL's also runs the scheduler after the DPCs, as NT's dispatch interrupt does: a quantum's
 * end or a higher-priority thread made ready asks for it by the same pending bit (kernel/sched.c). */
static void run_software_interrupt(KIRQL level)
{
    cpu_enable_interrupts();
    if (level == DISPATCH_LEVEL)
        dpc_drain();
    else if (apc_routine)
        apc_routine();
    cpu_disable_interrupts();
    if (level == DISPATCH_LEVEL)
        sched_dispatch();
}

void irql_deliver(KIRQL target)
{
    uint32_t above;
    while ((above = pending & (0xFFFFFFFEu << target)) != 0) {
        KIRQL level = (KIRQL)(31 - __builtin_clz(above));
        pending &= ~(1u << level);
        update_pending_top();
        irql_state.current = level;
        if (level > DISPATCH_LEVEL)
            interrupt_replay(level);
        else
            run_software_interrupt(level);
    }
    irql_state.current = target;
}

/* The fast path's bound instructions all read `bound %reg, irql_state(+4)`: opcode 0x62, a ModRM byte
 * with mod 00 and r/m 101 (an absolute 32-bit address follows), then that address. */
#define BOUND_OPCODE 0x62
#define BOUND_LENGTH 6
#define BOUND_RAISE_PAIR ((uint32_t)&irql_state.current)
#define BOUND_LOWER_PAIR ((uint32_t)&irql_state.pending_top)

extern const char kernel_image_start[], kernel_text_end[];

/* The pair a bound at ip checks against, or 0 if ip holds no such bound; *reg gets its register. */
static uint32_t bound_pair(const uint8_t *ip, unsigned *reg)
{
    if ((uint32_t)ip < (uint32_t)kernel_image_start || (uint32_t)ip + BOUND_LENGTH > (uint32_t)kernel_text_end)
        return 0;
    if (ip[0] != BOUND_OPCODE || (ip[1] & 0xC7) != 0x05)
        return 0;
    *reg = (ip[1] >> 3) & 7;
    uint32_t pair;
    memcpy(&pair, ip + 2, sizeof(pair));
    return pair == BOUND_RAISE_PAIR || pair == BOUND_LOWER_PAIR ? pair : 0;
}

/* A general register of the trapped code, by its number in a ModRM byte. */
static uint32_t frame_register(const struct trap_frame *f, unsigned reg)
{
    static const uint8_t offsets[8] = {
        offsetof(struct trap_frame, eax), offsetof(struct trap_frame, ecx),
        offsetof(struct trap_frame, edx), offsetof(struct trap_frame, ebx),
        offsetof(struct trap_frame, esp_at_pushad), offsetof(struct trap_frame, ebp),
        offsetof(struct trap_frame, esi), offsetof(struct trap_frame, edi),
    };
    uint32_t value;
    memcpy(&value, (const char *)f + offsets[reg], sizeof(value));
    return value;
}

/* #BR: a fast-path check failed. Parameters of the two bugchecks (Windows documents none for 0x09, and
 * for 0x0A those of a bad memory reference): p1 the level asked for, p2 the IRQL at the time, p3 0,
 * p4 the address of the call. */
static void bound_trap(struct trap_frame *f)
{
    unsigned reg;
    uint32_t pair = bound_pair((const uint8_t *)f->eip, &reg);
    if (!pair)
        trap_unhandled_exception(f);
    uint32_t requested = frame_register(f, reg), current = (uint32_t)irql_state.current;
    if (pair == BOUND_RAISE_PAIR) {
        if (requested < current || requested > HIGH_LEVEL)
            bugcheck_from_trap(BUGCHECK_IRQL_NOT_GREATER_OR_EQUAL, requested, current, 0, f->eip, f);
        /* Above the ceiling: the IRQL checker. The trim runs before the raise, at the caller's IRQL, and
         * only from below DISPATCH_LEVEL: above it no pageable page may be touched anyway, and the trim
         * itself takes the memory manager's lock, which may not be taken there. */
        if (current < DISPATCH_LEVEL && trim_hook) {
            if (f->eflags & EFLAGS_IF)
                cpu_enable_interrupts();
            trim_hook();
            cpu_disable_interrupts();
        }
    } else {
        if (requested > current)
            bugcheck_from_trap(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, requested, current, 0, f->eip, f);
        irql_deliver((KIRQL)requested);
    }
    f->eip += BOUND_LENGTH; /* the store that follows the bound is still to run */
}

void irql_restart_lower(struct trap_frame *frame)
{
    unsigned reg;
    if (pending && bound_pair((const uint8_t *)frame->eip - BOUND_LENGTH, &reg) == BOUND_LOWER_PAIR)
        frame->eip -= BOUND_LENGTH;
}

void irql_init(void)
{
    trap_set_exception_handler(TRAP_BOUND_RANGE, bound_trap);
}

void irql_set_apc_routine(void (*routine)(void))
{
    apc_routine = routine;
}

void irql_set_checking(bool on)
{
    irql_state.raise_ceiling = on ? APC_LEVEL : HIGH_LEVEL;
}

bool irql_checking(void)
{
    return irql_state.raise_ceiling != HIGH_LEVEL;
}

irql_trim_hook irql_set_trim_hook(irql_trim_hook trim)
{
    irql_trim_hook old = trim_hook;
    trim_hook = trim;
    return old;
}
