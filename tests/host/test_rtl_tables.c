/* The WDK's generic tables (kernel/rtl_avl.c, kernel/rtl_gentable.c) and splay links
 * (kernel/rtl_splay.c): the documented behaviour, then random inserts, lookups and deletes against a
 * sorted array, with the AVL invariants (order, parents, balances, DepthOfTree) after every one. */
#include <stdlib.h>

#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "tests/host/unit.h"

#define KEYS 200

/* Allocations the tables asked for: the node, the size asked, freed yet. */
static struct alloc {
    void *node;
    CLONG size;
} allocs[4 * KEYS];
static int n_allocs, n_frees;
static BOOLEAN fail_next_alloc;

static PVOID take(CLONG size)
{
    if (fail_next_alloc) {
        fail_next_alloc = FALSE;
        return NULL;
    }
    void *p = malloc(size);
    allocs[n_allocs].node = p;
    allocs[n_allocs++].size = size;
    return p;
}

static void give(PVOID node)
{
    int found = 0;
    for (int i = 0; i < n_allocs; i++)
        if (allocs[i].node == node) {
            allocs[i].node = NULL;
            found = 1;
        }
    CHECK(found); /* the Free routine gets the very block Allocate gave */
    n_frees++;
    free(node);
}

static CLONG size_of(void *node)
{
    for (int i = 0; i < n_allocs; i++)
        if (allocs[i].node == node)
            return allocs[i].size;
    return 0;
}

static RTL_GENERIC_COMPARE_RESULTS order(int a, int b)
{
    return a < b ? GenericLessThan : a > b ? GenericGreaterThan : GenericEqual;
}

/* Elements: an int key and a payload. */
struct item {
    int key;
    int payload;
};

static RTL_GENERIC_COMPARE_RESULTS NTAPI avl_compare(PRTL_AVL_TABLE t, PVOID a, PVOID b)
{
    CHECK(t->TableContext == (PVOID)0x1234);
    return order(((struct item *)a)->key, ((struct item *)b)->key);
}

static PVOID NTAPI avl_allocate(PRTL_AVL_TABLE t, CLONG size)
{
    (void)t;
    return take(size);
}

static VOID NTAPI avl_free(PRTL_AVL_TABLE t, PVOID node)
{
    (void)t;
    give(node);
}

/* Checks the subtree and returns its height. */
static int avl_check(PRTL_BALANCED_LINKS n, PRTL_BALANCED_LINKS parent, int *prev_key, ULONG *count)
{
    if (!n)
        return 0;
    CHECK(n->Parent == parent);
    int l = avl_check(n->LeftChild, n, prev_key, count);
    int key = ((struct item *)(n + 1))->key;
    CHECK(key > *prev_key);
    *prev_key = key;
    (*count)++;
    int r = avl_check(n->RightChild, n, prev_key, count);
    CHECK(n->Balance == r - l && n->Balance >= -1 && n->Balance <= 1);
    return (l > r ? l : r) + 1;
}

static void avl_invariants(PRTL_AVL_TABLE t, const int *ref, ULONG n)
{
    int prev = -1;
    ULONG count = 0;
    CHECK(t->BalancedRoot.Parent == &t->BalancedRoot && t->BalancedRoot.LeftChild == NULL);
    int height = avl_check(t->BalancedRoot.RightChild, &t->BalancedRoot, &prev, &count);
    CHECK(count == n && t->NumberGenericTableElements == n && t->DepthOfTree == (ULONG)height);
    CHECK(RtlNumberGenericTableElementsAvl(t) == n && RtlIsGenericTableEmptyAvl(t) == (n == 0));
    PVOID key = NULL;
    ULONG i = 0;
    for (struct item *e; (e = RtlEnumerateGenericTableWithoutSplayingAvl(t, &key)); i++)
        CHECK(i < n && e->key == ref[i] && e->payload == ref[i] * 3);
    CHECK(i == n);
}

static ULONG ref_find(const int *ref, ULONG n, int key)
{
    ULONG i = 0;
    while (i < n && ref[i] < key)
        i++;
    return i;
}

TEST(rtl_avl_table_documented_behaviour)
{
    RTL_AVL_TABLE t;
    n_allocs = n_frees = 0;
    RtlInitializeGenericTableAvl(&t, avl_compare, avl_allocate, avl_free, (PVOID)0x1234);
    CHECK(t.BalancedRoot.Parent == &t.BalancedRoot && t.BalancedRoot.RightChild == NULL && t.DepthOfTree == 0);
    CHECK(t.CompareRoutine == avl_compare && t.TableContext == (PVOID)0x1234 && t.DeleteCount == 0);
    CHECK(RtlIsGenericTableEmptyAvl(&t) && RtlEnumerateGenericTableAvl(&t, TRUE) == NULL);
    BOOLEAN isnew = FALSE;
    struct item it = { 5, 15 };
    struct item *e = RtlInsertElementGenericTableAvl(&t, &it, sizeof it, &isnew);
    CHECK(e && isnew && e != &it && e->key == 5 && e->payload == 15);
    /* the node: RTL_BALANCED_LINKS, then the element */
    CHECK(n_allocs == 1 && allocs[0].size == sizeof(RTL_BALANCED_LINKS) + sizeof it);
    CHECK((char *)e == (char *)allocs[0].node + sizeof(RTL_BALANCED_LINKS));
    CHECK(t.BalancedRoot.RightChild == allocs[0].node && t.DepthOfTree == 1);
    it.payload = 99; /* a second insert of the same key finds the first */
    CHECK(RtlInsertElementGenericTableAvl(&t, &it, sizeof it, &isnew) == e && !isnew && e->payload == 15);
    CHECK(n_allocs == 1);
    fail_next_alloc = TRUE;
    it.key = 6;
    isnew = TRUE;
    CHECK(RtlInsertElementGenericTableAvl(&t, &it, sizeof it, &isnew) == NULL && !isnew);
    CHECK(RtlNumberGenericTableElementsAvl(&t) == 1);
    /* the Full pair: look up, then insert where the lookup said */
    PVOID where;
    TABLE_SEARCH_RESULT r;
    it.key = 3;
    it.payload = 9;
    CHECK(RtlLookupElementGenericTableFullAvl(&t, &it, &where, &r) == NULL && r == TableInsertAsLeft);
    CHECK(where == allocs[0].node);
    struct item *three = RtlInsertElementGenericTableFullAvl(&t, &it, sizeof it, NULL, where, r);
    CHECK(three && three->key == 3 && RtlLookupElementGenericTableAvl(&t, &it) == three);
    CHECK(RtlLookupElementGenericTableFullAvl(&t, &it, &where, &r) == three && r == TableFoundNode);
    CHECK((char *)where + sizeof(RTL_BALANCED_LINKS) == (char *)three);
    /* collation order for Get and Enumerate; Enumerate's place is RestartKey */
    it.key = 4;
    RtlInsertElementGenericTableAvl(&t, &it, sizeof it, NULL);
    CHECK(((struct item *)RtlGetElementGenericTableAvl(&t, 0))->key == 3);
    CHECK(((struct item *)RtlGetElementGenericTableAvl(&t, 2))->key == 5 && t.WhichOrderedElement == 3);
    CHECK(((struct item *)RtlGetElementGenericTableAvl(&t, 1))->key == 4);
    CHECK(RtlGetElementGenericTableAvl(&t, 3) == NULL && RtlGetElementGenericTableAvl(&t, 0xFFFFFFFF) == NULL);
    CHECK(((struct item *)RtlEnumerateGenericTableAvl(&t, TRUE))->key == 3);
    CHECK(((struct item *)RtlEnumerateGenericTableAvl(&t, FALSE))->key == 4);
    /* deleting the element the enumeration stands on: it goes on with the next */
    CHECK(RtlDeleteElementGenericTableAvl(&t, &it) && t.DeleteCount == 1 && n_frees == 1);
    CHECK(!RtlDeleteElementGenericTableAvl(&t, &it) && t.DeleteCount == 1);
    CHECK(((struct item *)RtlEnumerateGenericTableAvl(&t, FALSE))->key == 5);
    CHECK(RtlEnumerateGenericTableAvl(&t, FALSE) == NULL && RtlEnumerateGenericTableAvl(&t, FALSE) == NULL);
    /* everything out, with the documented loop */
    for (PVOID p; (p = RtlEnumerateGenericTableAvl(&t, TRUE));)
        RtlDeleteElementGenericTableAvl(&t, p);
    CHECK(RtlIsGenericTableEmptyAvl(&t) && n_frees == n_allocs && t.DepthOfTree == 0);
    CHECK(t.BalancedRoot.RightChild == NULL);
}

/* Keys that compare by tens: 31 and 35 are equal. */
static RTL_GENERIC_COMPARE_RESULTS NTAPI tens_compare(PRTL_AVL_TABLE t, PVOID a, PVOID b)
{
    (void)t;
    return order(((struct item *)a)->key / 10, ((struct item *)b)->key / 10);
}

TEST(rtl_avl_first_matching_element)
{
    RTL_AVL_TABLE t;
    n_allocs = n_frees = 0;
    RtlInitializeGenericTableAvl(&t, avl_compare, avl_allocate, avl_free, (PVOID)0x1234);
    for (int k = 10; k < 60; k += 2) {
        struct item it = { k, 0 };
        RtlInsertElementGenericTableAvl(&t, &it, sizeof it, NULL);
    }
    t.CompareRoutine = tens_compare; /* now whole decades compare equal */
    struct item probe = { 37, 0 };
    PVOID key;
    struct item *e = RtlLookupFirstMatchingElementGenericTableAvl(&t, &probe, &key);
    CHECK(e && e->key == 30 && key != NULL);
    CHECK(((struct item *)RtlEnumerateGenericTableWithoutSplayingAvl(&t, &key))->key == 32);
    probe.key = 77;
    CHECK(RtlLookupFirstMatchingElementGenericTableAvl(&t, &probe, &key) == NULL && key == NULL);
    t.CompareRoutine = avl_compare;
    while ((e = RtlGetElementGenericTableAvl(&t, 0)))
        RtlDeleteElementGenericTableAvl(&t, e);
    CHECK(n_frees == n_allocs);
}

TEST(rtl_avl_random_against_sorted_array)
{
    static int ref[KEYS];
    ULONG n = 0;
    RTL_AVL_TABLE t;
    n_allocs = n_frees = 0;
    srand(11);
    RtlInitializeGenericTableAvl(&t, avl_compare, avl_allocate, avl_free, (PVOID)0x1234);
    for (int op = 0; op < 3000; op++) {
        struct item it = { rand() % KEYS, 0 };
        it.payload = it.key * 3;
        ULONG at = ref_find(ref, n, it.key);
        BOOLEAN present = at < n && ref[at] == it.key, isnew;
        switch (rand() % 4) {
        case 0:
        case 1: {
            struct item *e = RtlInsertElementGenericTableAvl(&t, &it, sizeof it, &isnew);
            CHECK(e && e->key == it.key && isnew == !present);
            if (!present) {
                memmove(&ref[at + 1], &ref[at], (n - at) * sizeof *ref);
                ref[at] = it.key;
                n++;
            }
            break;
        }
        case 2:
            CHECK(RtlDeleteElementGenericTableAvl(&t, &it) == present);
            if (present) {
                memmove(&ref[at], &ref[at + 1], (n - at - 1) * sizeof *ref);
                n--;
            }
            break;
        default: {
            struct item *e = RtlLookupElementGenericTableAvl(&t, &it);
            CHECK(present ? e && e->key == it.key : e == NULL);
            if (n) {
                ULONG i = (ULONG)rand() % n;
                e = RtlGetElementGenericTableAvl(&t, i);
                CHECK(e && e->key == ref[i]);
            }
        }
        }
        avl_invariants(&t, ref, n);
    }
    CHECK(n_allocs - n_frees == (int)n);
    while (!RtlIsGenericTableEmptyAvl(&t))
        RtlDeleteElementGenericTableAvl(&t, RtlGetElementGenericTableAvl(&t, 0));
    CHECK(n_frees == n_allocs && t.DepthOfTree == 0);
}

/* The splay table. */
static RTL_GENERIC_COMPARE_RESULTS NTAPI splay_compare(PRTL_GENERIC_TABLE t, PVOID a, PVOID b)
{
    (void)t;
    return order(((struct item *)a)->key, ((struct item *)b)->key);
}

static PVOID NTAPI splay_allocate(PRTL_GENERIC_TABLE t, CLONG size)
{
    (void)t;
    return take(size);
}

static VOID NTAPI splay_free(PRTL_GENERIC_TABLE t, PVOID node)
{
    (void)t;
    give(node);
}

static PVOID element_of(PRTL_SPLAY_LINKS node)
{
    return (char *)node + size_of(node) - sizeof(struct item);
}

static void splay_check(PRTL_SPLAY_LINKS n, PRTL_SPLAY_LINKS parent, int *prev_key, ULONG *count)
{
    if (!n)
        return;
    CHECK(n->Parent == parent);
    splay_check(n->LeftChild, n, prev_key, count);
    int key = ((struct item *)element_of(n))->key;
    CHECK(key > *prev_key);
    *prev_key = key;
    (*count)++;
    splay_check(n->RightChild, n, prev_key, count);
}

TEST(rtl_splay_table_documented_behaviour)
{
    RTL_GENERIC_TABLE t;
    n_allocs = n_frees = 0;
    RtlInitializeGenericTable(&t, splay_compare, splay_allocate, splay_free, NULL);
    CHECK(t.TableRoot == NULL && t.OrderedPointer == &t.InsertOrderList && IsListEmpty(&t.InsertOrderList));
    CHECK(RtlIsGenericTableEmpty(&t) && RtlEnumerateGenericTable(&t, TRUE) == NULL);
    int keys[] = { 50, 20, 80, 10, 30 };
    BOOLEAN isnew;
    for (int i = 0; i < 5; i++) {
        struct item it = { keys[i], i };
        struct item *e = RtlInsertElementGenericTable(&t, &it, sizeof it, &isnew);
        CHECK(e && isnew && e->key == keys[i]);
        CHECK(element_of(t.TableRoot) == e); /* the new element is splayed to the root */
    }
    /* the node: splay links and the insertion-order entry, then the element, LONGLONG-aligned */
    CHECK(allocs[0].size == sizeof(struct item) + ((sizeof(RTL_SPLAY_LINKS) + sizeof(LIST_ENTRY) + 7) & ~7ul));
    struct item it = { 20, 0 };
    struct item *twenty = RtlLookupElementGenericTable(&t, &it);
    CHECK(twenty && twenty->payload == 1 && element_of(t.TableRoot) == twenty);
    CHECK(RtlInsertElementGenericTable(&t, &it, sizeof it, &isnew) == twenty && !isnew && n_allocs == 5);
    it.key = 40;
    CHECK(RtlLookupElementGenericTable(&t, &it) == NULL);
    /* Get counts in insertion order; Enumerate in key order */
    for (ULONG i = 0; i < 5; i++)
        CHECK(((struct item *)RtlGetElementGenericTable(&t, i))->key == keys[i]);
    CHECK(((struct item *)RtlGetElementGenericTable(&t, 3))->key == 10 && t.WhichOrderedElement == 4);
    CHECK(((struct item *)RtlGetElementGenericTable(&t, 1))->key == 20);
    CHECK(RtlGetElementGenericTable(&t, 5) == NULL && RtlGetElementGenericTable(&t, 0xFFFFFFFF) == NULL);
    int sorted[] = { 10, 20, 30, 50, 80 }, i = 0;
    for (struct item *e = RtlEnumerateGenericTable(&t, TRUE); e; e = RtlEnumerateGenericTable(&t, FALSE))
        CHECK(i < 5 && e->key == sorted[i++] && element_of(t.TableRoot) == e);
    CHECK(i == 5);
    PVOID key = NULL;
    i = 0;
    PRTL_SPLAY_LINKS root = t.TableRoot;
    for (struct item *e; (e = RtlEnumerateGenericTableWithoutSplaying(&t, &key));)
        CHECK(i < 5 && e->key == sorted[i++]);
    CHECK(i == 5 && t.TableRoot == root);
    /* the Full pair */
    PVOID where;
    TABLE_SEARCH_RESULT r;
    it.key = 60;
    CHECK(RtlLookupElementGenericTableFull(&t, &it, &where, &r) == NULL);
    CHECK(((struct item *)element_of(where))->key == (r == TableInsertAsLeft ? 80 : 50)); /* a neighbour */
    CHECK(((struct item *)RtlInsertElementGenericTableFull(&t, &it, sizeof it, NULL, where, r))->key == 60);
    /* delete: the list and the cache forget it */
    it.key = 20;
    CHECK(RtlDeleteElementGenericTable(&t, &it) && !RtlDeleteElementGenericTable(&t, &it));
    CHECK(t.WhichOrderedElement == 0 && t.OrderedPointer == &t.InsertOrderList && n_frees == 1);
    CHECK(((struct item *)RtlGetElementGenericTable(&t, 1))->key == 80);
    CHECK(RtlNumberGenericTableElements(&t) == 5);
    while (!RtlIsGenericTableEmpty(&t))
        RtlDeleteElementGenericTable(&t, RtlGetElementGenericTable(&t, 0));
    CHECK(n_frees == n_allocs && IsListEmpty(&t.InsertOrderList) && t.TableRoot == NULL);
}

TEST(rtl_splay_table_random_against_sorted_array)
{
    static int ref[KEYS], inserted[4 * KEYS];
    ULONG n = 0, n_inserted = 0;
    RTL_GENERIC_TABLE t;
    n_allocs = n_frees = 0;
    srand(13);
    RtlInitializeGenericTable(&t, splay_compare, splay_allocate, splay_free, NULL);
    for (int op = 0; op < 3000; op++) {
        struct item it = { rand() % KEYS, 0 };
        ULONG at = ref_find(ref, n, it.key);
        BOOLEAN present = at < n && ref[at] == it.key, isnew;
        switch (rand() % 3) {
        case 0: {
            struct item *e = RtlInsertElementGenericTable(&t, &it, sizeof it, &isnew);
            CHECK(e && e->key == it.key && isnew == !present && element_of(t.TableRoot) == e);
            if (!present) {
                memmove(&ref[at + 1], &ref[at], (n - at) * sizeof *ref);
                ref[at] = it.key;
                n++;
                inserted[n_inserted++] = it.key;
            }
            break;
        }
        case 1:
            CHECK(RtlDeleteElementGenericTable(&t, &it) == present);
            if (present) {
                memmove(&ref[at], &ref[at + 1], (n - at - 1) * sizeof *ref);
                n--;
                ULONG j = 0;
                while (inserted[j] != it.key)
                    j++;
                memmove(&inserted[j], &inserted[j + 1], (n_inserted - j - 1) * sizeof *inserted);
                n_inserted--;
            }
            break;
        default: {
            struct item *e = RtlLookupElementGenericTable(&t, &it);
            CHECK(present ? e && e->key == it.key : e == NULL);
            if (n) {
                ULONG i = (ULONG)rand() % n;
                e = RtlGetElementGenericTable(&t, i);
                CHECK(e && e->key == inserted[i]);
            }
        }
        }
        int prev = -1;
        ULONG count = 0;
        CHECK(!t.TableRoot || t.TableRoot->Parent == t.TableRoot);
        if (t.TableRoot) {
            splay_check(t.TableRoot->LeftChild, t.TableRoot, &prev, &count);
            int key = ((struct item *)element_of(t.TableRoot))->key;
            CHECK(key > prev);
            prev = key;
            count++;
            splay_check(t.TableRoot->RightChild, t.TableRoot, &prev, &count);
        }
        CHECK(count == n && RtlNumberGenericTableElements(&t) == n);
    }
    while (!RtlIsGenericTableEmpty(&t))
        RtlDeleteElementGenericTable(&t, RtlGetElementGenericTable(&t, 0));
    CHECK(n_frees == n_allocs);
}

/* A hand-built tree of splay links: 4 at the root, 2 (1, 3) left, 6 (5, 7) right. */
static RTL_SPLAY_LINKS node[8];

static void build(void)
{
    for (int i = 1; i < 8; i++)
        RtlInitializeSplayLinks(&node[i]);
    RtlInsertAsLeftChild(&node[4], &node[2]);
    RtlInsertAsRightChild(&node[4], &node[6]);
    RtlInsertAsLeftChild(&node[2], &node[1]);
    RtlInsertAsRightChild(&node[2], &node[3]);
    RtlInsertAsLeftChild(&node[6], &node[5]);
    RtlInsertAsRightChild(&node[6], &node[7]);
}

static int in_order(PRTL_SPLAY_LINKS root)
{
    int value = 0;
    PRTL_SPLAY_LINKS n = root;
    while (n->LeftChild)
        n = n->LeftChild;
    for (; n; n = RtlRealSuccessor(n))
        value = value * 10 + (int)(n - node);
    return value;
}

TEST(rtl_splay_links)
{
    build();
    CHECK(RtlSubtreeSuccessor(&node[4]) == &node[5] && RtlSubtreePredecessor(&node[4]) == &node[3]);
    CHECK(RtlSubtreeSuccessor(&node[3]) == NULL && RtlSubtreePredecessor(&node[1]) == NULL);
    CHECK(RtlRealSuccessor(&node[3]) == &node[4] && RtlRealPredecessor(&node[5]) == &node[4]);
    CHECK(RtlRealSuccessor(&node[7]) == NULL && RtlRealPredecessor(&node[1]) == NULL);
    CHECK(RtlIsLeftChild(&node[1]) && RtlIsRightChild(&node[3]) && RtlIsRoot(&node[4]));
    /* zig-zag, then zig-zig */
    CHECK(RtlSplay(&node[3]) == &node[3] && RtlIsRoot(&node[3]) && in_order(&node[3]) == 1234567);
    CHECK(node[3].LeftChild == &node[2] && node[3].RightChild == &node[4] && node[4].LeftChild == NULL);
    CHECK(RtlSplay(&node[7]) == &node[7] && node[7].LeftChild == &node[3] && node[3].RightChild == &node[6]);
    CHECK(node[6].LeftChild == &node[4] && node[4].RightChild == &node[5]);
    CHECK(in_order(&node[7]) == 1234567);
    /* a node with two children: its predecessor takes its place, the parent there is splayed */
    build();
    PRTL_SPLAY_LINKS root = RtlDelete(&node[4]);
    CHECK(root == &node[2] && RtlIsRoot(root) && in_order(root) == 123567);
    root = RtlDelete(&node[2]);
    CHECK(RtlIsRoot(root) && in_order(root) == 13567);
    build();
    root = &node[4];
    RtlDeleteNoSplay(&node[4], &root);
    CHECK(root == &node[3] && RtlIsRoot(&node[3]) && node[3].LeftChild == &node[2] && node[3].RightChild == &node[6]);
    CHECK(in_order(root) == 123567);
    RtlDeleteNoSplay(&node[1], &root);
    CHECK(root == &node[3] && node[2].LeftChild == NULL && in_order(root) == 23567);
    PRTL_SPLAY_LINKS lone = &node[1];
    RtlInitializeSplayLinks(lone);
    CHECK(RtlDelete(lone) == NULL);
}
