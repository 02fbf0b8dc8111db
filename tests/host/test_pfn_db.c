#include "mm/pfn_db.h"
#include "tests/host/unit.h"

static struct pfn_entry entries[16];
static struct pfn_db db;

static unsigned list_length(enum pfn_state list)
{
    unsigned n = 0;
    uint32_t prev = PFN_NONE;
    for (uint32_t p = db.lists[list].head; p != PFN_NONE; p = pfn_entry(&db, p)->next) {
        if (pfn_entry(&db, p)->prev != prev || pfn_entry(&db, p)->state != list)
            return 9999;
        prev = p;
        n++;
    }
    return prev == db.lists[list].tail ? n : 9999;
}

static void setup(void)
{
    pfn_db_init(&db, entries, 100, 16);
    for (uint32_t f = 100; f < 110; f++)
        pfn_move(&db, f, PFN_FREE);
}

TEST(pfn_entries_outside_the_database_are_null)
{
    setup();
    CHECK(pfn_entry(&db, 99) == 0 && pfn_entry(&db, 116) == 0 && pfn_entry(&db, 115) != 0);
    CHECK(pfn_entry(&db, 115)->state == PFN_ABSENT && db.in_state[PFN_ABSENT] == 6);
}

TEST(pfn_db_extends_with_absent_records_and_keeps_its_lists)
{
    pfn_db_init(&db, entries, 100, 4);
    for (uint32_t f = 100; f < 104; f++)
        pfn_move(&db, f, PFN_FREE);
    entries[5].state = PFN_KERNEL; /* what a page holds before the database reaches it */
    pfn_db_extend(&db, 8);
    CHECK(db.count == 8 && pfn_entry(&db, 107) && pfn_entry(&db, 108) == 0);
    CHECK(pfn_entry(&db, 105)->state == PFN_ABSENT && db.in_state[PFN_ABSENT] == 4);
    pfn_move(&db, 106, PFN_FREE);
    CHECK(list_length(PFN_FREE) == 5 && db.lists[PFN_FREE].tail == 106);
}

TEST(pfn_lists_are_fifo_and_counted)
{
    setup();
    CHECK(list_length(PFN_FREE) == 10 && db.in_state[PFN_FREE] == 10);
    CHECK(pfn_take_head(&db, PFN_FREE, PFN_ACTIVE) == 100);
    CHECK(pfn_take_head(&db, PFN_FREE, PFN_ACTIVE) == 101);
    CHECK(db.in_state[PFN_ACTIVE] == 2 && db.in_state[PFN_FREE] == 8 && list_length(PFN_FREE) == 8);
    CHECK(pfn_take_head(&db, PFN_ZEROED, PFN_ACTIVE) == PFN_NONE);
}

TEST(pfn_move_unlinks_from_the_middle_head_and_tail)
{
    setup();
    pfn_move(&db, 105, PFN_STANDBY); /* middle */
    pfn_move(&db, 100, PFN_STANDBY); /* head */
    pfn_move(&db, 109, PFN_MODIFIED); /* tail */
    CHECK(list_length(PFN_FREE) == 7 && list_length(PFN_STANDBY) == 2 && list_length(PFN_MODIFIED) == 1);
    CHECK(db.lists[PFN_FREE].head == 101 && db.lists[PFN_FREE].tail == 108);
    CHECK(db.lists[PFN_STANDBY].head == 105 && db.lists[PFN_STANDBY].tail == 100);
    pfn_move(&db, 105, PFN_ACTIVE); /* soft fault: off standby */
    pfn_move(&db, 100, PFN_FREE);
    CHECK(list_length(PFN_STANDBY) == 0 && db.lists[PFN_STANDBY].head == PFN_NONE);
    CHECK(db.lists[PFN_FREE].tail == 100 && list_length(PFN_FREE) == 8);
    CHECK(db.in_state[PFN_ACTIVE] == 1 && db.in_state[PFN_MODIFIED] == 1);
}

TEST(pfn_state_names)
{
    CHECK_STR(pfn_state_name(PFN_MODIFIED), "modified");
    CHECK_STR(pfn_state_name(PFN_STATE_COUNT), "invalid");
}
