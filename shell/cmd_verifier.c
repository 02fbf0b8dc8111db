/* verifier: Driver Verifier's switches from the console, each at run time:
 *   verifier                               every setting
 *   verifier irql on|off                   the IRQL checker (irql.c)
 *   verifier special <tag> [off]           special pool for one tag (the words "off" and "driver"
 *   verifier special off                   are taken, so no tag can be named so); off: every tag and
 *   verifier special driver <name> [off]   driver; or for everything a driver allocates
 *   verifier track <driver> on|off         pool tracking for a driver (0xC4/0x62 on a leaking unload)
 *   verifier lowres <percent> [seed]|off   fail that share of allocations (not must-succeed ones)
 *   verifier lowres driver <name> [off]    ... only those of the drivers named so
 * A driver is named as `drivers` lists it (no .sys), loaded or not, passed at boot or not, as
 * verifier.exe /driver takes names: the switch waits for an image of that name. */
#include "shell/cmd_verifier.h"

#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kstring.h"
#include "pool/verifier.h"
#include "shell/args.h"

static struct verifier_driver *driver_arg(const char *word)
{
    struct verifier_driver *d = verifier_driver(word, true);
    if (!d)
        console_error("verifier: '%s': %s", word,
                      strlen(word) > VERIFIER_NAME_MAX ? "a driver name has at most 15 characters"
                                                       : "no room for another driver name");
    return d;
}

static bool on_off(const char *word, bool *on)
{
    *on = strcmp(word, "on") == 0;
    if (!*on && strcmp(word, "off") != 0) {
        console_error("verifier: '%s': on or off expected", word);
        return false;
    }
    return true;
}

static void set_driver_flag(struct verifier_driver *d, uint32_t flag, bool on)
{
    verifier_set_driver_flags(d, on ? d->flags | flag : d->flags & ~flag);
}

/* verifier <what> driver <name> [off]: the per-driver form of special and lowres. */
static int driver_switch(int argc, char **argv, uint32_t flag)
{
    if (argc != 4 && argc != 5)
        return ARGS_USAGE;
    struct verifier_driver *d = driver_arg(argv[3]);
    bool on = true;
    if (!d || (argc == 5 && !on_off(argv[4], &on)))
        return -1;
    set_driver_flag(d, flag, on);
    return 0;
}

static int special(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[2], "off") == 0) {
        verifier_clear_special_tags();
        unsigned cursor = 0;
        struct verifier_driver *d;
        while ((d = verifier_next_driver(&cursor)))
            set_driver_flag(d, VERIFIER_SPECIAL_POOL, false);
        return 0;
    }
    if (strcmp(argv[2], "driver") == 0)
        return driver_switch(argc, argv, VERIFIER_SPECIAL_POOL);
    if (argc != 3 && !(argc == 4 && strcmp(argv[3], "off") == 0))
        return ARGS_USAGE;
    ULONG tag;
    if (!args_tag("verifier", argv[2], &tag))
        return -1;
    if (!verifier_set_special_tag(tag, argc == 3)) {
        console_error("verifier: no room for another tag");
        return -1;
    }
    return 0;
}

static int track(int argc, char **argv)
{
    if (argc != 4)
        return ARGS_USAGE;
    struct verifier_driver *d = driver_arg(argv[2]);
    bool on;
    if (!d || !on_off(argv[3], &on))
        return -1;
    set_driver_flag(d, VERIFIER_TRACK_POOL, on);
    return 0;
}

static int lowres(int argc, char **argv)
{
    uint32_t percent = 0, seed = 1;
    if (argc >= 3 && strcmp(argv[2], "driver") == 0)
        return driver_switch(argc, argv, VERIFIER_LOW_RESOURCES);
    if (argc == 3 && strcmp(argv[2], "off") == 0) {
        verifier_set_low_resources(0, seed);
        return 0;
    }
    if (argc < 3 || argc > 4)
        return ARGS_USAGE;
    if (!args_u32("verifier", argv[2], 1, 100, &percent) ||
        (argc == 4 && !args_u32("verifier", argv[3], 1, UINT32_MAX, &seed)))
        return -1;
    verifier_set_low_resources(percent, seed);
    return 0;
}

/* The names of the drivers with any of the flags; returns how many. */
static unsigned show_drivers_with(uint32_t flags)
{
    unsigned cursor = 0, shown = 0;
    struct verifier_driver *d;
    while ((d = verifier_next_driver(&cursor)))
        if (d->flags & flags)
            kprintf(" %s", d->name), shown++;
    return shown;
}

static void show_line(const char *what, uint32_t flags, const char *none)
{
    kprintf("%s:", what);
    if (!show_drivers_with(flags))
        kprintf(" %s", none);
    kprintf("\n");
}

static void show(void)
{
    kprintf("irql checking: %s\n", irql_checking() ? "on" : "off");
    kprintf("special pool tags:");
    size_t cursor = 0;
    unsigned shown = 0;
    uint32_t tag;
    char text[5];
    while ((tag = verifier_next_special_tag(&cursor))) {
        args_format_tag(tag, text);
        kprintf(" %s", text);
        shown++;
    }
    kprintf("%s\n", shown ? "" : " none");
    show_line("special pool drivers", VERIFIER_SPECIAL_POOL, "none");
    show_line("pool tracking", VERIFIER_TRACK_POOL, "none");
    if (verifier_low_resources())
        kprintf("low resources: %u%%\n", verifier_low_resources());
    else
        kprintf("low resources: off\n");
    show_line("low resources drivers", VERIFIER_LOW_RESOURCES, "all");
    show_line("verified drivers", ~0u, "none");
}

int cmd_verifier(int argc, char **argv)
{
    int status = 0;
    if (argc == 1)
        ;
    else if (argc == 3 && strcmp(argv[1], "irql") == 0 && (strcmp(argv[2], "on") == 0 || strcmp(argv[2], "off") == 0))
        irql_set_checking(strcmp(argv[2], "on") == 0);
    else if (strcmp(argv[1], "special") == 0 && argc >= 3)
        status = special(argc, argv);
    else if (strcmp(argv[1], "track") == 0)
        status = track(argc, argv);
    else if (strcmp(argv[1], "lowres") == 0)
        status = lowres(argc, argv);
    else
        return ARGS_USAGE;
    if (status == 0)
        show();
    return status;
}
