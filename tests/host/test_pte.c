#include "mm/pte.h"
#include "tests/host/unit.h"

TEST(pte_software_formats_round_trip)
{
    uint32_t dz = pte_make_software(PTE_KIND_DEMAND_ZERO, 0);
    uint32_t pf = pte_make_software(PTE_KIND_PAGEFILE, 0xABCDE);
    uint32_t tr = pte_make_software(PTE_KIND_TRANSITION, 0x12345);
    uint32_t na = pte_make_software(PTE_KIND_NO_ACCESS, 0);
    CHECK(pte_kind_of(dz) == PTE_KIND_DEMAND_ZERO && !(dz & PTE_VALID));
    CHECK(pte_kind_of(pf) == PTE_KIND_PAGEFILE && pte_payload(pf) == 0xABCDE);
    CHECK(pte_kind_of(tr) == PTE_KIND_TRANSITION && pte_payload(tr) == 0x12345);
    CHECK(pte_kind_of(na) == PTE_KIND_NO_ACCESS);
    CHECK(pte_kind_of(pte_make_software(PTE_KIND_PAGEFILE, 0)) == PTE_KIND_PAGEFILE); /* slot 0 is not "none" */
    CHECK(pte_kind_of(0) == PTE_KIND_NONE);
}

TEST(pte_valid_entries_keep_frame_and_flags)
{
    uint32_t v = pte_make_valid(0xFFFFF, PTE_WRITE | PTE_DIRTY);
    CHECK(pte_kind_of(v) == PTE_KIND_VALID && pte_payload(v) == 0xFFFFF);
    CHECK((v & PTE_WRITE) && (v & PTE_DIRTY) && !(v & PTE_ACCESSED));
    /* Any present entry is valid whatever its other bits. */
    CHECK(pte_kind_of(0x00000001) == PTE_KIND_VALID);
}

TEST(pte_unknown_software_bits_are_not_taken_for_a_format)
{
    CHECK(pte_kind_of(0x0000000E) == PTE_KIND_UNKNOWN); /* kind 7 */
    CHECK(pte_kind_of(0x00000012) == PTE_KIND_UNKNOWN); /* demand-zero with a stray bit */
    CHECK_STR(pte_kind_name(PTE_KIND_TRANSITION), "transition");
}

TEST(pte_self_map_addresses)
{
    CHECK(pte_address(0xE1000000) == 0xC0384000);
    CHECK(pde_address(0xE1000000) == 0xC0300E10);
    CHECK(pte_address(0x80000000) == 0xC0200000);
    CHECK(pde_address(PAGE_TABLES_VA) == PAGE_DIRECTORY_VA + SELF_MAP_PDE * 4);
}
