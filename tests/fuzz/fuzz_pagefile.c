/* libFuzzer target for PTEs and paging-file slots: each input is a program of operations on
 *  - PTEs (mm/pte.h): every kind encodes and decodes back to its kind and payload, and any 32-bit
 *    value decodes to a kind whose encoding gives the value back (or to "unknown");
 *  - a bitmap allocator (mm/bitmap_alloc.c) of a size the input picks, against a model (one bool a
 *    bit): runs come from free bits only, frees give them back, the count agrees, and a run is
 *    refused only when no free run that long exists;
 *  - a paging file (mm/pagefile.c) on a RAM block device that fails on request: slots from free ones
 *    only, a page written comes back the same, a failed write keeps the previous copy, and a bit
 *    flipped on the device is caught by the checksum. */
#include "kernel/lib/kstring.h"
#include "mm/pagefile.h"
#include "mm/pte.h"
#include "tests/fuzz/fuzz_input.h"

#define MAX_BITS 300 /* a few words, a partial last one */
#define MAX_SLOTS 48

static void pte_encode(struct fuzz_input *in)
{
    enum pte_kind kind = (enum pte_kind)fuzz_below(in, PTE_KIND_VALID + 1);
    uint32_t payload = fuzz_u32(in) >> 12, flags = fuzz_u32(in) & 0xFFEu, pte;
    if (kind == PTE_KIND_VALID)
        pte = pte_make_valid(payload, flags);
    else
        pte = pte_make_software(kind, kind == PTE_KIND_NONE ? 0 : payload);
    FUZZ_CHECK(pte_kind_of(pte) == kind, "%s 0x%05X encodes as 0x%08X, a %s entry", pte_kind_name(kind), payload,
               pte, pte_kind_name(pte_kind_of(pte)));
    FUZZ_CHECK(kind == PTE_KIND_NONE || pte_payload(pte) == payload, "0x%08X: payload 0x%05X, not 0x%05X", pte,
               pte_payload(pte), payload);
    if (kind == PTE_KIND_VALID)
        FUZZ_CHECK((pte & 0xFFFu) == (flags | PTE_VALID), "0x%08X: flags 0x%03X lost", pte, flags);
}

static void pte_decode(struct fuzz_input *in)
{
    uint32_t pte = fuzz_u32(in);
    enum pte_kind kind = pte_kind_of(pte);
    FUZZ_CHECK(kind <= PTE_KIND_UNKNOWN && pte_kind_name(kind), "0x%08X: kind %d", pte, (int)kind);
    FUZZ_CHECK((kind == PTE_KIND_VALID) == (pte & PTE_VALID), "0x%08X decodes as %s", pte, pte_kind_name(kind));
    if (kind != PTE_KIND_VALID && kind != PTE_KIND_UNKNOWN)
        FUZZ_CHECK(pte_make_software(kind, pte_payload(pte)) == pte, "0x%08X (%s) is not its own encoding", pte,
                   pte_kind_name(kind));
}

static struct bitmap_alloc bitmap;
static uint32_t bitmap_words[BITMAP_WORDS(MAX_BITS)];
static bool bits_model[MAX_BITS];
static uint32_t bits_used;

static bool model_run_free(uint32_t first, uint32_t n)
{
    for (uint32_t i = first; i < first + n; i++)
        if (i >= bitmap.bits || bits_model[i])
            return false;
    return true;
}

static void bitmap_agrees(void)
{
    FUZZ_CHECK(bitmap.used == bits_used, "used %u, model %u", bitmap.used, bits_used);
    for (uint32_t i = 0; i < bitmap.bits; i++)
        FUZZ_CHECK(bitmap_alloc_in_use(&bitmap, i) == bits_model[i], "bit %u of %u", i, bitmap.bits);
}

static void bitmap_run(struct fuzz_input *in)
{
    uint32_t n = 1 + fuzz_below(in, 40);
    uint32_t first = bitmap_alloc_run(&bitmap, n);
    if (first == BITMAP_NONE) {
        for (uint32_t i = 0; i + n <= bitmap.bits; i++)
            FUZZ_CHECK(!model_run_free(i, n), "run of %u refused, bits %u.. free", n, i);
        return;
    }
    FUZZ_CHECK(model_run_free(first, n), "run %u+%u of %u bits not free", first, n, bitmap.bits);
    for (uint32_t i = first; i < first + n; i++)
        bits_model[i] = true;
    bits_used += n;
}

/* Frees a run of used bits: from a used bit the input picks, up to a length it picks. */
static void bitmap_free(struct fuzz_input *in)
{
    if (!bits_used)
        return;
    uint32_t first = fuzz_below(in, bitmap.bits), n = 0, want = 1 + fuzz_below(in, 40);
    while (!bits_model[first])
        first = (first + 1) % bitmap.bits;
    while (n < want && first + n < bitmap.bits && bits_model[first + n])
        bits_model[first + n++] = false;
    bitmap_alloc_free_run(&bitmap, first, n);
    bits_used -= n;
}

/* The paging file's disk: each block one page, a write or read failing when asked to. */
static uint8_t disk[MAX_SLOTS][BLOCK_SIZE];
static bool fail_next_io;

static int disk_io(struct block_device *dev, uint32_t block, void *to, const void *from)
{
    if (block >= dev->block_count || fail_next_io) {
        fail_next_io = false;
        return -1;
    }
    memcpy(to ? to : disk[block], from ? from : disk[block], BLOCK_SIZE);
    return 0;
}

static int disk_read(struct block_device *dev, uint32_t block, void *buf)
{
    return disk_io(dev, block, buf, 0);
}

static int disk_write(struct block_device *dev, uint32_t block, const void *buf)
{
    return disk_io(dev, block, 0, buf);
}

static struct block_device device = { "fuzz", 0, disk_read, disk_write, 0 };
static struct pagefile pagefile;
static uint32_t slot_words[BITMAP_WORDS(MAX_SLOTS)], checksums[MAX_SLOTS];
enum { SLOT_FREE, SLOT_EMPTY, SLOT_WRITTEN }; /* the model: each slot's state and its page's seed */
static uint8_t slot_state[MAX_SLOTS];
static uint32_t slot_seed[MAX_SLOTS], slots_used;
static uint8_t page[BLOCK_SIZE], back[BLOCK_SIZE];

/* A page from a seed; a seed below 256 gives one byte repeated, the page contents checksums find
 * hardest. */
static void make_page(uint8_t *p, uint32_t seed)
{
    uint32_t x = seed | 1;
    for (unsigned i = 0; i < BLOCK_SIZE; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        p[i] = seed < 256 ? (uint8_t)seed : (uint8_t)x;
    }
}

static uint32_t pick_slot(struct fuzz_input *in, int state)
{
    uint32_t s = fuzz_below(in, device.block_count);
    for (uint32_t tries = 0; tries < device.block_count; tries++, s = (s + 1) % device.block_count)
        if (state < 0 ? slot_state[s] != SLOT_FREE : slot_state[s] == state)
            return s;
    return BITMAP_NONE;
}

static void slot_op(struct fuzz_input *in, unsigned op)
{
    uint32_t s;
    if (op == 0) {
        s = pagefile_slot_alloc(&pagefile);
        FUZZ_CHECK((s == BITMAP_NONE) == (slots_used == device.block_count), "slot %u with %u of %u used", s,
                   slots_used, device.block_count);
        if (s != BITMAP_NONE) {
            FUZZ_CHECK(s < device.block_count && slot_state[s] == SLOT_FREE, "slot %u given twice", s);
            slot_state[s] = SLOT_EMPTY;
            slots_used++;
        }
    } else if ((s = pick_slot(in, op == 1 ? -1 : op <= 3 ? SLOT_EMPTY : SLOT_WRITTEN)) == BITMAP_NONE) {
        return;
    } else if (op == 1) {
        pagefile_slot_free(&pagefile, s);
        slot_state[s] = SLOT_FREE;
        slots_used--;
    } else if (op <= 4) { /* write a new copy, into an empty slot or over a written one */
        uint32_t seed = fuzz_u32(in);
        fail_next_io = fuzz_byte(in) < 32;
        bool failing = fail_next_io;
        make_page(page, seed);
        enum pagefile_status st = pagefile_write(&pagefile, s, page);
        FUZZ_CHECK(st == (failing ? PAGEFILE_IO_ERROR : PAGEFILE_OK), "write of slot %u: %d", s, (int)st);
        if (!failing) {
            slot_state[s] = SLOT_WRITTEN;
            slot_seed[s] = seed;
        }
    } else if (op == 5) {
        make_page(page, slot_seed[s]);
        enum pagefile_status st = pagefile_read(&pagefile, s, back);
        FUZZ_CHECK(st == PAGEFILE_OK && memcmp(page, back, BLOCK_SIZE) == 0, "slot %u read back: %d", s, (int)st);
    } else {
        uint32_t bit = fuzz_u32(in) % (BLOCK_SIZE * 8);
        FUZZ_CHECK(pagefile_flip_bit(&pagefile, s, bit, back) == PAGEFILE_OK, "flip of slot %u", s);
        FUZZ_CHECK(pagefile_read(&pagefile, s, back) == PAGEFILE_BAD_CHECKSUM,
                   "bit %u flipped in slot %u (seed 0x%08X) not caught", bit, s, slot_seed[s]);
        FUZZ_CHECK(pagefile_flip_bit(&pagefile, s, bit, back) == PAGEFILE_OK, "flip back of slot %u", s);
    }
    FUZZ_CHECK(pagefile_used(&pagefile) == slots_used, "%u slots used, model %u", pagefile_used(&pagefile),
               slots_used);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size, 0 };
    bitmap_alloc_init(&bitmap, bitmap_words, 1 + fuzz_below(&in, MAX_BITS));
    memset(bits_model, 0, sizeof(bits_model));
    bits_used = 0;
    device.block_count = 1 + fuzz_below(&in, MAX_SLOTS);
    pagefile_init(&pagefile, &device, slot_words, checksums);
    FUZZ_CHECK(pagefile_total(&pagefile) == device.block_count, "pagefile of %u slots", pagefile_total(&pagefile));
    memset(slot_state, SLOT_FREE, sizeof(slot_state));
    slots_used = 0;
    fail_next_io = false;
    while (fuzz_more(&in)) {
        uint8_t op = fuzz_byte(&in);
        if (op < 16)
            pte_encode(&in);
        else if (op < 32)
            pte_decode(&in);
        else if (op < 112)
            bitmap_run(&in);
        else if (op < 160)
            bitmap_free(&in);
        else
            slot_op(&in, op % 7);
        bitmap_agrees();
    }
    return 0;
}
