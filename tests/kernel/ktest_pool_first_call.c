/* The pool's first call against a DPC that may come in at any of its instructions: the call runs
 * single-stepped (the trap flag), and each step where interrupts are on queues a DPC as a clock tick
 * there would (it runs at once below DISPATCH_LEVEL, else when IRQL drops). Once the pool has begun to
 * set itself up, the DPC allocates and frees nonpaged blocks of several size classes. A set-up a DPC
 * can land in hands it blocks from half-made class tables and buckets, and its free stops the machine
 * (0x19/0x8 or 0xC2/0x46): `stress`'s timer DPC did that to its first allocation now and then. The
 * pool is set up once per boot, so this suite runs alone (ktest=pool_first_call, a scenario) and
 * skips where another suite called the pool first. */
#include "hal/cpu.h"
#include "kernel/irql.h"
#include "kernel/ktest.h"
#include "kernel/trap.h"
#include "kernel/wdm.h"
#include "pool/pool_class.h"
#include "pool/pool_tag_counts.h"

#define VECTOR_DEBUG 1
#define EFLAGS_TF 0x100u
#define FIRST_TAG 'tsrF' /* "Frst" */
#define DPC_TAG 'cpDF'   /* "FDpc" */

static const SIZE_T dpc_sizes[] = { 8, 100, 2000, 4000 }; /* a small, a medium, a two- and a one-block class */
#define DPC_SIZES (sizeof(dpc_sizes) / sizeof(dpc_sizes[0]))

static struct {
    KDPC dpc;
    volatile bool stepping;
    volatile unsigned steps, runs; /* runs: the DPC's, once the set-up had begun */
    unsigned nulls;
} probe;

/* The class table's first entry is the first thing the set-up writes. */
static bool setup_begun(void)
{
    return pool_classes[0].units != 0;
}

static VOID NTAPI probe_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    if (!setup_begun())
        return;
    for (unsigned i = 0; i < DPC_SIZES; i++) {
        void *p = ExAllocatePoolWithTag(NonPagedPool, dpc_sizes[i], DPC_TAG);
        if (p)
            ExFreePoolWithTag(p, DPC_TAG);
        else
            probe.nulls++;
    }
    probe.runs++;
}

/* #DB after each instruction of the stepped code; an interrupt returns the same way as here. */
static void on_step(struct trap_frame *f)
{
    if (!probe.stepping)
        return;
    probe.steps++;
    /* Queued only anew: between the bound and the store of a KeLowerIrql to DISPATCH_LEVEL, backing up
     * again at each step would never get past the store. */
    if ((f->eflags & EFLAGS_IF) && KeInsertQueueDpc(&probe.dpc, 0, 0))
        irql_restart_lower(f);
}

static void set_trap_flag(bool on)
{
    uint32_t flags;
    __asm__ volatile("pushf; pop %0" : "=r"(flags));
    flags = on ? flags | EFLAGS_TF : flags & ~EFLAGS_TF;
    __asm__ volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
}

static void a_dpc_at_every_instruction_of_the_first_call(struct ktest *t)
{
    if (setup_begun()) {
        ktest_skip(t, "the pool was called before (run ktest=pool_first_call alone)");
        return;
    }
    KeInitializeDpc(&probe.dpc, probe_dpc, 0);
    trap_handler saved = trap_exception_handler(VECTOR_DEBUG);
    trap_set_exception_handler(VECTOR_DEBUG, on_step);
    probe.stepping = true;
    set_trap_flag(true);
    void *p = ExAllocatePoolWithTag(NonPagedPool, 64, FIRST_TAG);
    if (p)
        ExFreePoolWithTag(p, FIRST_TAG);
    set_trap_flag(false);
    probe.stepping = false;
    trap_set_exception_handler(VECTOR_DEBUG, saved);

    KT_EXPECT(t, p != 0);
    KT_EXPECT(t, probe.steps > 1000); /* the set-up itself was stepped */
    KT_EXPECT(t, probe.runs > 0);     /* and the DPC came in during the call */
    KT_EXPECT(t, probe.nulls == 0);
    struct tag_entry e;
    bool found = tagtab_find(DPC_TAG, &e);
    KT_EXPECT(t, found && e.pool[POOL_KIND_NONPAGED].allocs == probe.runs * DPC_SIZES);
    KT_EXPECT(t, found && e.pool[POOL_KIND_NONPAGED].allocs == e.pool[POOL_KIND_NONPAGED].frees);
    KT_EXPECT(t, found && e.pool[POOL_KIND_NONPAGED].bytes == 0);
}

static const struct ktest_case cases[] = {
    { "a_dpc_at_every_instruction_of_the_first_call", a_dpc_at_every_instruction_of_the_first_call },
};

KTEST_SUITE(pool_first_call_suite, "pool_first_call", cases);
