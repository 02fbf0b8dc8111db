"""Argument checks: every mistake is one `error: ` line that names the word and says what was expected;
`help <cmd>` gives usage and an example."""
import re

from qemu import Machine, EXIT_POWEROFF, check


def one_error(m, line, expected):
    out = m.command(line)
    check(out == "error: %s\n" % expected, "%s:\n%r" % (line, out))


def test_numbers_are_range_checked_and_overflow_is_caught():
    with Machine() as m:
        m.wait_prompt()
        one_error(m, "watch 5 mem", "watch: '5': out of range (10 to 3600000 expected)")
        one_error(m, "watch 3600001 mem", "watch: '3600001': out of range (10 to 3600000 expected)")
        one_error(m, "watch 1x mem", "watch: '1x': not a number (decimal or 0x hex expected)")
        one_error(m, "watch 0x mem", "watch: '0x': not a number (decimal or 0x hex expected)")
        one_error(m, "watch -1 mem", "watch: '-1': not a number (decimal or 0x hex expected)")
        one_error(m, "watch 99999999999 mem", "watch: '99999999999': too large for 32 bits")
        one_error(m, "bugcheck 0x100000000", "bugcheck: '0x100000000': too large for 32 bits")
        one_error(m, "bugcheck 1 2 zz", "bugcheck: 'zz': not a number (decimal or 0x hex expected)")


def test_tags_are_one_to_four_printable_characters_in_memory_order():
    with Machine() as m:
        m.wait_prompt()
        check(m.command("tag Test") == "tag \"Test\" = 0x74736554, in C 'tseT'\n", "tag Test")
        check(m.command("tag ab") == "tag \"ab  \" = 0x20206261, in C '  ba'\n", "short tags are padded")
        one_error(m, "tag Tests", "tag: 'Tests': not a tag (1 to 4 printable characters expected)")
        one_error(m, "tag", "usage: tag <1-4 characters>   e.g. tag Test")
        one_error(m, "tag a b", "usage: tag <1-4 characters>   e.g. tag Test")


def test_pool_types_irqls_and_addresses_are_checked_by_the_args_module():
    # No console command takes these yet (the pool, IRQL and mm commands will): the in-kernel suite
    # calls the checks with bad words, and their error lines show on the console.
    with Machine(append="ktest=args") as m:
        check(m.wait_exit() == EXIT_POWEROFF, "ktest=args failed", m)
        text = m.text().replace("\r\n", "\n")
    for line in ("error: cmd: '17': out of range (1 to 16 expected)",
                 "error: cmd: '0x100000000': not an address (at most 0xFFFFFFFF expected)",
                 "error: cmd: 'Tests': not a tag (1 to 4 printable characters expected)",
                 "error: cmd: 'Paged': not a pool type (NonPagedPool, PagedPool, NonPagedPoolMustSucceed, "
                 "NonPagedPoolCacheAligned, PagedPoolCacheAligned or NonPagedPoolCacheAlignedMustS expected)",
                 "error: cmd: 'LOUD_LEVEL': not an IRQL (0 to 31, or a name such as DISPATCH_LEVEL, expected)",
                 "error: cmd: '32': not an IRQL (0 to 31, or a name such as DISPATCH_LEVEL, expected)"):
        check("\n" + line + "\n" in text, "missing line %r:\n%s" % (line, text))


def test_help_gives_every_command_a_usage_and_commands_with_arguments_an_example():
    with Machine() as m:
        m.wait_prompt()
        names = [line.split()[0] for line in m.command("help").splitlines()]
        for name in names:
            out = m.command("help " + name)
            usage = re.search(r"^usage: (.*)$", out, re.M)
            check(out.startswith(name + " - ") and usage and usage.group(1).startswith(name),
                  "help %s:\n%s" % (name, out))
            if "<" in usage.group(1) or "[" in usage.group(1):
                check(" e.g. " + name in usage.group(1), "help %s has no example:\n%s" % (name, out))
        one_error(m, "help nosuch", "no command named 'nosuch' (type 'help' for the list)")
        one_error(m, "help a b", "usage: help [command]   e.g. help mem")
