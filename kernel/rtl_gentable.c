/* The WDK's splay-tree generic table (RTL_GENERIC_TABLE). Each element's node, from the caller's
 * Allocate routine, holds its splay links, its place in the insertion-order list and then the
 * element; finding an element (insert, lookup, enumerate) splays its node to the root. */
#include "kernel/lib/kstring.h"
#include "kernel/rtl_table.h"
#include "kernel/wdm.h"

/* The element is LONGLONG-aligned, as Windows lays the node out: 24 bytes in on x86. */
struct entry {
    RTL_SPLAY_LINKS links;
    LIST_ENTRY order;
    LONGLONG user;
};

static PVOID user_data(PRTL_SPLAY_LINKS node)
{
    return &((struct entry *)node)->user;
}

/* The caller's routines: kernel/rtl_table.h. */
static RTL_GENERIC_COMPARE_RESULTS compare(PRTL_GENERIC_TABLE t, PVOID key, PRTL_SPLAY_LINKS node)
{
    return rtl_table_compare((const void *)t->CompareRoutine, t, key, user_data(node));
}

/* The node that compares equal to the key, or the one to hang it under. */
static TABLE_SEARCH_RESULT find(PRTL_GENERIC_TABLE t, PVOID key, PRTL_SPLAY_LINKS *node_or_parent)
{
    PRTL_SPLAY_LINKS n = t->TableRoot;
    if (!n)
        return TableEmptyTree;
    for (;;) {
        RTL_GENERIC_COMPARE_RESULTS r = compare(t, key, n);
        *node_or_parent = n;
        if (r == GenericEqual)
            return TableFoundNode;
        PRTL_SPLAY_LINKS child = r == GenericLessThan ? n->LeftChild : n->RightChild;
        if (!child)
            return r == GenericLessThan ? TableInsertAsLeft : TableInsertAsRight;
        n = child;
    }
}

VOID NTAPI RtlInitializeGenericTable(PRTL_GENERIC_TABLE Table, PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine,
                                     PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine,
                                     PRTL_GENERIC_FREE_ROUTINE FreeRoutine, PVOID TableContext)
{
    Table->TableRoot = NULL;
    InitializeListHead(&Table->InsertOrderList);
    Table->OrderedPointer = &Table->InsertOrderList;
    Table->WhichOrderedElement = 0;
    Table->NumberGenericTableElements = 0;
    Table->CompareRoutine = CompareRoutine;
    Table->AllocateRoutine = AllocateRoutine;
    Table->FreeRoutine = FreeRoutine;
    Table->TableContext = TableContext;
}

/* NodeOrParent and SearchResult as RtlLookupElementGenericTableFull left them. A failed allocation
 * returns NULL with *NewElement FALSE. */
PVOID NTAPI RtlInsertElementGenericTableFull(PRTL_GENERIC_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                             PBOOLEAN NewElement, PVOID NodeOrParent,
                                             TABLE_SEARCH_RESULT SearchResult)
{
    PRTL_SPLAY_LINKS node = NodeOrParent;
    if (SearchResult != TableFoundNode) {
        node = rtl_table_allocate((const void *)Table->AllocateRoutine, Table, offsetof(struct entry, user) + BufferSize,
                                  NewElement);
        if (!node)
            return NULL;
        RtlInitializeSplayLinks(node);
        if (SearchResult == TableInsertAsLeft)
            RtlInsertAsLeftChild(NodeOrParent, node)
        else if (SearchResult == TableInsertAsRight)
            RtlInsertAsRightChild(NodeOrParent, node)
        InsertTailList(&Table->InsertOrderList, &((struct entry *)node)->order);
        Table->NumberGenericTableElements++;
        memcpy(user_data(node), Buffer, BufferSize);
    }
    Table->TableRoot = RtlSplay(node);
    if (NewElement)
        *NewElement = SearchResult != TableFoundNode;
    return user_data(node);
}

PVOID NTAPI RtlInsertElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer, CLONG BufferSize,
                                         PBOOLEAN NewElement)
{
    PRTL_SPLAY_LINKS node_or_parent = NULL;
    TABLE_SEARCH_RESULT result = find(Table, Buffer, &node_or_parent);
    return RtlInsertElementGenericTableFull(Table, Buffer, BufferSize, NewElement, node_or_parent, result);
}

PVOID NTAPI RtlLookupElementGenericTableFull(PRTL_GENERIC_TABLE Table, PVOID Buffer, PVOID *NodeOrParent,
                                             TABLE_SEARCH_RESULT *SearchResult)
{
    PRTL_SPLAY_LINKS node = NULL;
    *SearchResult = find(Table, Buffer, &node);
    *NodeOrParent = node;
    if (*SearchResult != TableFoundNode)
        return NULL;
    Table->TableRoot = RtlSplay(node);
    return user_data(node);
}

PVOID NTAPI RtlLookupElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer)
{
    PVOID node;
    TABLE_SEARCH_RESULT result;
    return RtlLookupElementGenericTableFull(Table, Buffer, &node, &result);
}

BOOLEAN NTAPI RtlDeleteElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer)
{
    PRTL_SPLAY_LINKS node = NULL;
    if (find(Table, Buffer, &node) != TableFoundNode)
        return FALSE;
    Table->TableRoot = RtlDelete(node);
    RemoveEntryList(&((struct entry *)node)->order);
    Table->NumberGenericTableElements--;
    Table->OrderedPointer = &Table->InsertOrderList;
    Table->WhichOrderedElement = 0;
    rtl_table_free((const void *)Table->FreeRoutine, Table, node);
    return TRUE;
}

static PRTL_SPLAY_LINKS leftmost(PRTL_SPLAY_LINKS n)
{
    while (n->LeftChild)
        n = n->LeftChild;
    return n;
}

/* Restart: the first element; otherwise the one after the root, which the last call splayed there.
 * A lookup or insert in between moves the root, and with it where the enumeration goes on. */
PVOID NTAPI RtlEnumerateGenericTable(PRTL_GENERIC_TABLE Table, BOOLEAN Restart)
{
    if (!Table->TableRoot)
        return NULL;
    PRTL_SPLAY_LINKS next = Restart ? leftmost(Table->TableRoot) : RtlRealSuccessor(Table->TableRoot);
    if (!next)
        return NULL;
    Table->TableRoot = RtlSplay(next);
    return user_data(next);
}

/* *RestartKey NULL: the first element; otherwise the one after the node it names. At the end it
 * stays on the last element and the result is NULL. */
PVOID NTAPI RtlEnumerateGenericTableWithoutSplaying(PRTL_GENERIC_TABLE Table, PVOID *RestartKey)
{
    if (!Table->TableRoot)
        return NULL;
    PRTL_SPLAY_LINKS next = *RestartKey ? RtlRealSuccessor(*RestartKey) : leftmost(Table->TableRoot);
    if (!next)
        return NULL;
    *RestartKey = next;
    return user_data(next);
}

/* The I-th element (from 0) in insertion order, walking the list from the element found last, its
 * head or its tail, whichever is nearest. */
PVOID NTAPI RtlGetElementGenericTable(PRTL_GENERIC_TABLE Table, ULONG I)
{
    ULONG count = Table->NumberGenericTableElements, want, at = Table->WhichOrderedElement;
    if (I >= count)
        return NULL;
    want = I + 1; /* one-based, as WhichOrderedElement */
    PLIST_ENTRY e = Table->OrderedPointer;
    ULONG from_here = want > at ? want - at : at - want;
    if (want <= from_here) {
        e = &Table->InsertOrderList;
        at = 0;
    } else if (count + 1 - want < from_here) {
        e = &Table->InsertOrderList;
        at = count + 1;
    }
    for (; at < want; at++)
        e = e->Flink;
    for (; at > want; at--)
        e = e->Blink;
    Table->OrderedPointer = e;
    Table->WhichOrderedElement = want;
    return user_data(&CONTAINING_RECORD(e, struct entry, order)->links);
}

ULONG NTAPI RtlNumberGenericTableElements(PRTL_GENERIC_TABLE Table)
{
    return Table->NumberGenericTableElements;
}

BOOLEAN NTAPI RtlIsGenericTableEmpty(PRTL_GENERIC_TABLE Table)
{
    return Table->TableRoot == NULL;
}
