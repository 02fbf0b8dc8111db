/* The WDK's AVL generic table (RTL_AVL_TABLE). The tree hangs off BalancedRoot.RightChild, so every
 * node has a parent and the root needs no case of its own; each node's Balance is height(right) -
 * height(left), kept within -1..1 by rotations after every insert and delete. An element never moves:
 * a deleted node with two children gives its place to its successor's node, not its data. */
#include "kernel/lib/kstring.h"
#include "kernel/rtl_table.h"
#include "kernel/wdm.h"

struct entry {
    RTL_BALANCED_LINKS links;
    LONGLONG user; /* 16 bytes in on x86 */
};

static PVOID user_data(PRTL_BALANCED_LINKS node)
{
    return &((struct entry *)node)->user;
}

static RTL_GENERIC_COMPARE_RESULTS compare(PRTL_AVL_TABLE t, PVOID key, PRTL_BALANCED_LINKS node)
{
    return rtl_table_compare((const void *)t->CompareRoutine, t, key, user_data(node));
}

static TABLE_SEARCH_RESULT find(PRTL_AVL_TABLE t, PVOID key, PRTL_BALANCED_LINKS *node_or_parent)
{
    PRTL_BALANCED_LINKS n = t->BalancedRoot.RightChild;
    if (!n)
        return TableEmptyTree;
    for (;;) {
        RTL_GENERIC_COMPARE_RESULTS r = compare(t, key, n);
        *node_or_parent = n;
        if (r == GenericEqual)
            return TableFoundNode;
        PRTL_BALANCED_LINKS child = r == GenericLessThan ? n->LeftChild : n->RightChild;
        if (!child)
            return r == GenericLessThan ? TableInsertAsLeft : TableInsertAsRight;
        n = child;
    }
}

/* Puts `with` (possibly NULL) where `node` hangs under its parent (BalancedRoot's only child is its
 * right one). */
static void replace(PRTL_BALANCED_LINKS node, PRTL_BALANCED_LINKS with)
{
    PRTL_BALANCED_LINKS parent = node->Parent;
    if (parent->LeftChild == node)
        parent->LeftChild = with;
    else
        parent->RightChild = with;
    if (with)
        with->Parent = parent;
}

/* Rotations with the balance updates that hold for any balances before (so a double rotation is two
 * of them). Each returns the subtree's new root. */
static PRTL_BALANCED_LINKS rotate_left(PRTL_BALANCED_LINKS x)
{
    PRTL_BALANCED_LINKS y = x->RightChild;
    replace(x, y);
    x->RightChild = y->LeftChild;
    if (x->RightChild)
        x->RightChild->Parent = x;
    y->LeftChild = x;
    x->Parent = y;
    int xb = x->Balance - 1 - (y->Balance > 0 ? y->Balance : 0);
    int yb = y->Balance - 1 + (xb < 0 ? xb : 0);
    x->Balance = (CHAR)xb;
    y->Balance = (CHAR)yb;
    return y;
}

static PRTL_BALANCED_LINKS rotate_right(PRTL_BALANCED_LINKS x)
{
    PRTL_BALANCED_LINKS y = x->LeftChild;
    replace(x, y);
    x->LeftChild = y->RightChild;
    if (x->LeftChild)
        x->LeftChild->Parent = x;
    y->RightChild = x;
    x->Parent = y;
    int xb = x->Balance + 1 - (y->Balance < 0 ? y->Balance : 0);
    int yb = y->Balance + 1 + (xb > 0 ? xb : 0);
    x->Balance = (CHAR)xb;
    y->Balance = (CHAR)yb;
    return y;
}

/* A node at -2 or 2: returns the subtree's new root. */
static PRTL_BALANCED_LINKS rebalance(PRTL_BALANCED_LINKS n)
{
    if (n->Balance > 0) {
        if (n->RightChild->Balance < 0)
            rotate_right(n->RightChild);
        return rotate_left(n);
    }
    if (n->LeftChild->Balance > 0)
        rotate_left(n->LeftChild);
    return rotate_right(n);
}

/* After a node was hung under its parent: up the tree while subtrees grew. */
static void retrace_insert(PRTL_AVL_TABLE t, PRTL_BALANCED_LINKS n)
{
    for (PRTL_BALANCED_LINKS p = n->Parent;; n = p, p = p->Parent) {
        if (p == &t->BalancedRoot) {
            t->DepthOfTree++;
            return;
        }
        p->Balance += p->LeftChild == n ? -1 : 1;
        if (p->Balance == 0)
            return;
        if (p->Balance == 2 || p->Balance == -2) {
            rebalance(p); /* back to the height before the insert */
            return;
        }
    }
}

/* After p's left (right) subtree lost a level: up the tree while subtrees shrink. */
static void retrace_delete(PRTL_AVL_TABLE t, PRTL_BALANCED_LINKS p, BOOLEAN left)
{
    while (p != &t->BalancedRoot) {
        p->Balance += left ? 1 : -1;
        if (p->Balance == 1 || p->Balance == -1)
            return;
        if (p->Balance != 0) {
            CHAR sibling = (left ? p->RightChild : p->LeftChild)->Balance;
            p = rebalance(p);
            if (sibling == 0)
                return; /* a single rotation over a balanced sibling keeps the height */
        }
        left = p->Parent->LeftChild == p;
        p = p->Parent;
    }
    t->DepthOfTree--;
}

static void remove_node(PRTL_AVL_TABLE t, PRTL_BALANCED_LINKS n)
{
    PRTL_BALANCED_LINKS shrunk;
    BOOLEAN left;
    if (!n->LeftChild || !n->RightChild) {
        shrunk = n->Parent;
        left = shrunk->LeftChild == n;
        replace(n, n->LeftChild ? n->LeftChild : n->RightChild);
    } else {
        PRTL_BALANCED_LINKS s = n->RightChild; /* the successor takes n's place */
        if (!s->LeftChild) {
            shrunk = s;
            left = FALSE;
        } else {
            while (s->LeftChild)
                s = s->LeftChild;
            shrunk = s->Parent;
            left = TRUE;
            replace(s, s->RightChild);
            s->RightChild = n->RightChild;
            s->RightChild->Parent = s;
        }
        s->LeftChild = n->LeftChild;
        s->LeftChild->Parent = s;
        s->Balance = n->Balance;
        replace(n, s);
    }
    retrace_delete(t, shrunk, left);
}

static PRTL_BALANCED_LINKS first_node(PRTL_AVL_TABLE t)
{
    PRTL_BALANCED_LINKS n = t->BalancedRoot.RightChild;
    while (n && n->LeftChild)
        n = n->LeftChild;
    return n;
}

static PRTL_BALANCED_LINKS last_node(PRTL_AVL_TABLE t)
{
    PRTL_BALANCED_LINKS n = t->BalancedRoot.RightChild;
    while (n && n->RightChild)
        n = n->RightChild;
    return n;
}

/* In collation order; NULL past either end (BalancedRoot is no element). */
static PRTL_BALANCED_LINKS successor(PRTL_AVL_TABLE t, PRTL_BALANCED_LINKS n)
{
    if (n->RightChild) {
        for (n = n->RightChild; n->LeftChild;)
            n = n->LeftChild;
        return n;
    }
    while (n->Parent->RightChild == n)
        n = n->Parent;
    return n->Parent == &t->BalancedRoot ? NULL : n->Parent;
}

static PRTL_BALANCED_LINKS predecessor(PRTL_AVL_TABLE t, PRTL_BALANCED_LINKS n)
{
    if (n->LeftChild) {
        for (n = n->LeftChild; n->RightChild;)
            n = n->RightChild;
        return n;
    }
    while (n->Parent != &t->BalancedRoot && n->Parent->LeftChild == n)
        n = n->Parent;
    return n->Parent == &t->BalancedRoot ? NULL : n->Parent;
}

VOID NTAPI RtlInitializeGenericTableAvl(PRTL_AVL_TABLE Table, PRTL_AVL_COMPARE_ROUTINE CompareRoutine,
                                        PRTL_AVL_ALLOCATE_ROUTINE AllocateRoutine, PRTL_AVL_FREE_ROUTINE FreeRoutine,
                                        PVOID TableContext)
{
    memset(Table, 0, sizeof *Table);
    Table->BalancedRoot.Parent = &Table->BalancedRoot;
    Table->CompareRoutine = CompareRoutine;
    Table->AllocateRoutine = AllocateRoutine;
    Table->FreeRoutine = FreeRoutine;
    Table->TableContext = TableContext;
}

/* NodeOrParent and SearchResult as RtlLookupElementGenericTableFullAvl left them. A failed allocation
 * returns NULL with *NewElement FALSE. */
PVOID NTAPI RtlInsertElementGenericTableFullAvl(PRTL_AVL_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                                PBOOLEAN NewElement, PVOID NodeOrParent,
                                                TABLE_SEARCH_RESULT SearchResult)
{
    PRTL_BALANCED_LINKS node = NodeOrParent;
    if (SearchResult != TableFoundNode) {
        node = rtl_table_allocate((const void *)Table->AllocateRoutine, Table, offsetof(struct entry, user) + BufferSize,
                                  NewElement);
        if (!node)
            return NULL;
        memset(node, 0, sizeof *node);
        PRTL_BALANCED_LINKS parent = SearchResult == TableEmptyTree ? &Table->BalancedRoot : NodeOrParent;
        if (SearchResult == TableInsertAsLeft)
            parent->LeftChild = node;
        else
            parent->RightChild = node;
        node->Parent = parent;
        memcpy(user_data(node), Buffer, BufferSize);
        Table->NumberGenericTableElements++;
        retrace_insert(Table, node);
        Table->OrderedPointer = NULL; /* the indices RtlGetElementGenericTableAvl remembers moved */
        Table->WhichOrderedElement = 0;
    }
    if (NewElement)
        *NewElement = SearchResult != TableFoundNode;
    return user_data(node);
}

PVOID NTAPI RtlInsertElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                            PBOOLEAN NewElement)
{
    PRTL_BALANCED_LINKS node_or_parent = NULL;
    TABLE_SEARCH_RESULT result = find(Table, Buffer, &node_or_parent);
    return RtlInsertElementGenericTableFullAvl(Table, Buffer, BufferSize, NewElement, node_or_parent, result);
}

PVOID NTAPI RtlLookupElementGenericTableFullAvl(PRTL_AVL_TABLE Table, PVOID Buffer, PVOID *NodeOrParent,
                                                TABLE_SEARCH_RESULT *SearchResult)
{
    PRTL_BALANCED_LINKS node = NULL;
    *SearchResult = find(Table, Buffer, &node);
    *NodeOrParent = node;
    return *SearchResult == TableFoundNode ? user_data(node) : NULL;
}

PVOID NTAPI RtlLookupElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer)
{
    PVOID node;
    TABLE_SEARCH_RESULT result;
    return RtlLookupElementGenericTableFullAvl(Table, Buffer, &node, &result);
}

/* The first element in collation order that compares equal (a compare routine may call a range of
 * elements equal); *RestartKey names it for RtlEnumerateGenericTableWithoutSplayingAvl, NULL when none. */
PVOID NTAPI RtlLookupFirstMatchingElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer, PVOID *RestartKey)
{
    PRTL_BALANCED_LINKS node = NULL, before;
    *RestartKey = NULL;
    if (find(Table, Buffer, &node) != TableFoundNode)
        return NULL;
    while ((before = predecessor(Table, node)) && compare(Table, Buffer, before) == GenericEqual)
        node = before;
    *RestartKey = node;
    return user_data(node);
}

/* A deleted element that RtlEnumerateGenericTableAvl stands on hands that place to the one before it
 * (none: the enumeration starts again at the first). */
BOOLEAN NTAPI RtlDeleteElementGenericTableAvl(PRTL_AVL_TABLE Table, PVOID Buffer)
{
    PRTL_BALANCED_LINKS node = NULL;
    if (find(Table, Buffer, &node) != TableFoundNode)
        return FALSE;
    if (Table->RestartKey == node)
        Table->RestartKey = predecessor(Table, node);
    remove_node(Table, node);
    Table->NumberGenericTableElements--;
    Table->DeleteCount++;
    Table->OrderedPointer = NULL;
    Table->WhichOrderedElement = 0;
    rtl_table_free((const void *)Table->FreeRoutine, Table, node);
    return TRUE;
}

/* *RestartKey NULL: the first element; otherwise the one after the node it names. At the end it
 * stays on the last element and the result is NULL. */
PVOID NTAPI RtlEnumerateGenericTableWithoutSplayingAvl(PRTL_AVL_TABLE Table, PVOID *RestartKey)
{
    if (!Table->NumberGenericTableElements)
        return NULL;
    PRTL_BALANCED_LINKS next = *RestartKey ? successor(Table, *RestartKey) : first_node(Table);
    if (!next)
        return NULL;
    *RestartKey = next;
    return user_data(next);
}

PVOID NTAPI RtlEnumerateGenericTableAvl(PRTL_AVL_TABLE Table, BOOLEAN Restart)
{
    if (Restart)
        Table->RestartKey = NULL;
    return RtlEnumerateGenericTableWithoutSplayingAvl(Table, (PVOID *)&Table->RestartKey);
}

/* The I-th element (from 0) in collation order, walking from the element found last, the first or
 * the last, whichever is nearest. */
PVOID NTAPI RtlGetElementGenericTableAvl(PRTL_AVL_TABLE Table, ULONG I)
{
    ULONG count = Table->NumberGenericTableElements, at = Table->WhichOrderedElement;
    if (I >= count)
        return NULL;
    ULONG want = I + 1; /* one-based, as WhichOrderedElement */
    PRTL_BALANCED_LINKS n = Table->OrderedPointer;
    ULONG from_here = !at ? ~0u : want > at ? want - at : at - want;
    if (want - 1 <= from_here && want - 1 <= count - want) {
        n = first_node(Table);
        at = 1;
    } else if (count - want < from_here) {
        n = last_node(Table);
        at = count;
    }
    for (; at < want; at++)
        n = successor(Table, n);
    for (; at > want; at--)
        n = predecessor(Table, n);
    Table->OrderedPointer = n;
    Table->WhichOrderedElement = want;
    return user_data(n);
}

ULONG NTAPI RtlNumberGenericTableElementsAvl(PRTL_AVL_TABLE Table)
{
    return Table->NumberGenericTableElements;
}

BOOLEAN NTAPI RtlIsGenericTableEmptyAvl(PRTL_AVL_TABLE Table)
{
    return Table->NumberGenericTableElements == 0;
}
