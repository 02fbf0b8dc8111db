/* The WDK's splay links (RTL_SPLAY_LINKS): a binary tree whose root is its own parent. RtlSplay
 * brings a node to the root by rotations; RtlDelete takes a node out and splays its parent. */
#include "kernel/wdm.h"

/* Puts `with` (possibly NULL) where `node` hangs under its parent; a root's place is *root. */
static void replace(PRTL_SPLAY_LINKS node, PRTL_SPLAY_LINKS with, PRTL_SPLAY_LINKS *root)
{
    PRTL_SPLAY_LINKS parent = node->Parent;
    if (parent == node) {
        if (with)
            with->Parent = with;
        *root = with;
        return;
    }
    if (parent->LeftChild == node)
        parent->LeftChild = with;
    else
        parent->RightChild = with;
    if (with)
        with->Parent = parent;
}

/* One rotation: x takes its parent's place, the parent becomes x's child. */
static void rotate_up(PRTL_SPLAY_LINKS x)
{
    PRTL_SPLAY_LINKS p = x->Parent, unused;
    replace(p, x, &unused);
    if (p->LeftChild == x) {
        p->LeftChild = x->RightChild;
        if (p->LeftChild)
            p->LeftChild->Parent = p;
        x->RightChild = p;
    } else {
        p->RightChild = x->LeftChild;
        if (p->RightChild)
            p->RightChild->Parent = p;
        x->LeftChild = p;
    }
    p->Parent = x;
}

PRTL_SPLAY_LINKS NTAPI RtlSplay(PRTL_SPLAY_LINKS Links)
{
    while (!RtlIsRoot(Links)) {
        PRTL_SPLAY_LINKS p = Links->Parent;
        if (RtlIsRoot(p)) {
            rotate_up(Links); /* zig */
        } else if (RtlIsLeftChild(Links) == RtlIsLeftChild(p)) {
            rotate_up(p); /* zig-zig */
            rotate_up(Links);
        } else {
            rotate_up(Links); /* zig-zag */
            rotate_up(Links);
        }
    }
    return Links;
}

PRTL_SPLAY_LINKS NTAPI RtlSubtreeSuccessor(PRTL_SPLAY_LINKS Links)
{
    PRTL_SPLAY_LINKS n = Links->RightChild;
    if (!n)
        return NULL;
    while (n->LeftChild)
        n = n->LeftChild;
    return n;
}

PRTL_SPLAY_LINKS NTAPI RtlSubtreePredecessor(PRTL_SPLAY_LINKS Links)
{
    PRTL_SPLAY_LINKS n = Links->LeftChild;
    if (!n)
        return NULL;
    while (n->RightChild)
        n = n->RightChild;
    return n;
}

/* In the whole tree: below, or the first ancestor this node lies to the left (right) of. */
PRTL_SPLAY_LINKS NTAPI RtlRealSuccessor(PRTL_SPLAY_LINKS Links)
{
    PRTL_SPLAY_LINKS n = RtlSubtreeSuccessor(Links);
    if (n)
        return n;
    for (n = Links; !RtlIsRoot(n); n = n->Parent)
        if (RtlIsLeftChild(n))
            return n->Parent;
    return NULL;
}

PRTL_SPLAY_LINKS NTAPI RtlRealPredecessor(PRTL_SPLAY_LINKS Links)
{
    PRTL_SPLAY_LINKS n = RtlSubtreePredecessor(Links);
    if (n)
        return n;
    for (n = Links; !RtlIsRoot(n); n = n->Parent)
        if (RtlIsRightChild(n))
            return n->Parent;
    return NULL;
}

/* Takes the node out; a node with two children gives its place to its subtree predecessor. Returns
 * the parent of the place that emptied (NULL when that was the root's). */
static PRTL_SPLAY_LINKS take_out(PRTL_SPLAY_LINKS node, PRTL_SPLAY_LINKS *root)
{
    if (!node->LeftChild || !node->RightChild) {
        PRTL_SPLAY_LINKS parent = RtlIsRoot(node) ? NULL : node->Parent;
        replace(node, node->LeftChild ? node->LeftChild : node->RightChild, root);
        return parent;
    }
    PRTL_SPLAY_LINKS pred = RtlSubtreePredecessor(node), emptied = pred;
    if (pred->Parent != node) {
        emptied = pred->Parent;
        replace(pred, pred->LeftChild, root);
        pred->LeftChild = node->LeftChild;
        pred->LeftChild->Parent = pred;
    }
    pred->RightChild = node->RightChild;
    pred->RightChild->Parent = pred;
    replace(node, pred, root);
    return emptied;
}

/* Returns the tree's new root: the splayed parent of the place that emptied, NULL for an empty tree. */
PRTL_SPLAY_LINKS NTAPI RtlDelete(PRTL_SPLAY_LINKS Links)
{
    PRTL_SPLAY_LINKS root = NULL, parent = take_out(Links, &root);
    return parent ? RtlSplay(parent) : root;
}

VOID NTAPI RtlDeleteNoSplay(PRTL_SPLAY_LINKS Links, PRTL_SPLAY_LINKS *Root)
{
    take_out(Links, Root);
}
