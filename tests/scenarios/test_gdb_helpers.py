"""The pg- helpers: auto-loaded with build/kernel.elf however GDB starts, listed by `help pagoda`, a
usage line (never a traceback) on bad arguments, and a STOP that breaks into GDB at once."""
import os
import re
import subprocess
import sys
import tempfile
import time

from qemu import ROOT, BUILD, check

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_gdb import Debug, Marker  # noqa: E402

HELPERS = ["pg-irql", "pg-pte", "pg-pfn", "pg-drivers", "pg-bugcheck", "pg-trap", "pg-tag", "pg-pool", "pg-poolused",
           "pg-poolfind", "pg-vm", "pg-lookaside", "pg-dpcs", "pg-timers", "pg-verifier",
           "pg-threads"]


def test_helpers_auto_load_with_plain_gdb_and_help_lists_them():
    p = subprocess.run(["gdb-multiarch", "-nx", "-batch", "-iex", "set auto-load safe-path /",
                        "-ex", "file " + os.path.join(BUILD, "kernel.elf"), "-ex", "help pagoda",
                        "-ex", "pg-pte", "-ex", "pg-pfn 0x", "-ex", "pg-irql now", "-ex", "pg-trap 1 2", "-ex", "pg-bugcheck"],
                       cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    out = p.stdout
    for name in HELPERS:
        check(name in out, "help pagoda lacks %s:\n%s" % (name, out))
    for usage in ("usage: pg-pte <address>", "usage: pg-pfn <frame number>", "usage: pg-irql", "usage: pg-trap"):
        check(usage in out, "no %r:\n%s" % (usage, out))
    check("Traceback" not in out and "Python Exception" not in out, "a traceback:\n" + out)
    check("pg-bugcheck: " in out, "pg-bugcheck without a target says nothing:\n" + out)


def test_a_bugcheck_breaks_into_gdb_with_code_name_and_parameters():
    d = Debug("-ex", "continue", "-ex", "pg-bugcheck", "-ex", "bt 3")
    out = d.type_and_wait("bugcheck 0xC2 7 0x1234 0 0x80000000")
    check("pagoda: bugcheck, GDB breaks in\n*** STOP: 0x000000C2 (0x00000007,0x00001234,0x00000000,0x80000000)\n"
          "BAD_POOL_CALLER" in out, "no break-in on the STOP:\n" + out)
    check("0x07 double free" in out and re.search(r"called from 0x\w{8} \(KeBugCheckEx", out), "pg-bugcheck:\n" + out)
    check("#0  " in out and "bugcheck_from_trap" in out, "no backtrace at the STOP:\n" + out)


def test_pg_trap_shows_the_faulting_code_of_a_crash():
    d = Debug("-ex", "continue", "-ex", "pg-bugcheck", "-ex", "pg-trap")
    out = d.type_and_wait("crash null")
    check("pagoda: bugcheck, GDB breaks in" in out and "trap frame at 0x" in out, "no STOP with a trap frame:\n" + out)
    check("trap 0x0e error 0x" in out and "eax=0x" in out, "pg-trap registers:\n" + out)
    check("cmd_crash" in out or "crash" in out.split("trap 0x0e", 1)[1], "pg-trap backtrace:\n" + out)
    check("Traceback" not in out, "a traceback:\n" + out)


def test_a_stop_in_the_page_fault_handler_shows_its_entry_and_pg_trap_the_faulting_command():
    """The page fault's own entry (boot/isr.asm) builds the frame pg-trap reads: from a breakpoint in the
    handler during a demand-zero fault, bt names the stub and pg-trap walks back to the poke; after
    continue the write has happened."""
    d = Debug("-ex", "continue", "-ex", "break mm_page_fault if f->eip - (unsigned)cmd_poke < 0x100",
              "-ex", "continue", "-ex", "bt 2", "-ex", "pg-trap f", "-ex", "delete", "-ex", "continue")
    page = (int(d.console("alloc PagedPool 8192 Gdbf").strip(), 16) & ~0xFFF) + 0x1000
    d.interrupt()  # on to the breakpoint's commands
    d.wait_gdb("Breakpoint 1 at")  # set, and the kernel stopped: the poke cannot run before it
    d.connect()
    d.sock.sendall(b"poke 0x%08x 0x5a5a\r" % page)
    peeked = d.console("peek 0x%08x" % page, timeout=60)
    d.interrupt()
    out = d.finish()
    check(re.search(r"Breakpoint \d+, mm_page_fault \(f=0x\w+\)", out), "no stop in the handler:\n" + out)
    check(re.search(r"#1  0x\w{8} in isr_stub_14 \(\)", out), "bt does not name the page fault's entry:\n" + out)
    check("trap 0x0e error 0x00000002 at eip=0x" in out and re.search(r"#0  0x\w{8} \(cmd_poke \+ \d+\)", out),
          "pg-trap does not read the fault's frame:\n" + out)
    check(peeked.strip() == "0x00005a5a", "the write after continue: %r" % peeked)
    check("Traceback" not in out, "a traceback:\n" + out)


def test_pg_pfn_and_pg_tag_agree_with_the_console():
    d = Debug("-ex", "continue", "-ex", "pg-pfn 0x400", "-ex", "pg-pfn 768", "-ex", "pg-pfn 0x101", "-ex", "pg-tag Test",
              "-ex", "pg-tag 0x74736554", "-ex", "pg-tag Ab", "-ex", "pg-tag toolong")
    console = [d.console("pfn 0x400").strip(), d.console("pfn 768").strip()]
    outside = d.console("pfn 0x101").strip()
    d.interrupt()
    out = d.finish()
    for line in console:
        check(line.startswith("pfn 0x") and " phys 0x" in line, "console pfn: %r" % line)
        check(line + "\n" in out, "pg-pfn disagrees with the console's %r:\n%s" % (line, out))
    check(outside.startswith("error: pfn: ") and "pg-pfn: " + outside[len("error: pfn: "):] in out,
          "pg-pfn outside the database disagrees with %r:\n%s" % (outside, out))
    check(out.count("tag Test value 0x74736554 (C: 'tseT')") == 2, "pg-tag both ways:\n" + out)
    check("tag Ab   value 0x20206241" in out, "pg-tag pads with spaces:\n" + out)
    check("pg-tag: 'toolong': not a tag" in out and "usage: pg-tag" in out, "pg-tag usage:\n" + out)


def test_pg_pool_agrees_with_the_console():
    # GDB sources the commands once the test knows the addresses (it writes them before Ctrl-C)
    later = os.path.join(tempfile.mkdtemp(prefix="pagoda-gdb-"), "later.gdb")
    d = Debug("-ex", "continue", "-ex", "source " + later)
    small = d.console("alloc NonPagedPool 100 Test").strip()
    big = d.console("alloc NonPagedPool 9000 BigT").strip()
    check(small.startswith("0x") and big.startswith("0x"), "alloc: %r %r" % (small, big))
    inside = "0x%08x" % (int(small, 16) + 40)
    console = [d.console("pool " + a) for a in (inside, big)]
    with open(later, "w") as f:
        f.write("pg-pool %s\npg-pool %s\npg-pool 0x1000\npg-pool\n" % (inside, big))
    d.interrupt()
    out = d.finish()
    for text in console:
        check("*0x%08x" % (int(small, 16) - 8) in console[0], "console pool: %r" % console[0])
        check(text in out, "pg-pool disagrees with the console's\n%s\nGDB:\n%s" % (text, out))
    check("pg-pool: 0x00001000 is in no pool page" in out and "usage: pg-pool <address>" in out, "pg-pool errors:\n" + out)


def test_pg_pool_and_pg_poolfind_show_special_pool_blocks_as_the_console_does():
    later = os.path.join(tempfile.mkdtemp(prefix="pagoda-gdb-"), "later.gdb")
    d = Debug("-ex", "continue", "-ex", "source " + later)
    d.console("verifier special Spcl")
    block = d.console("alloc NonPagedPool 100 Spcl").strip()
    check(block.startswith("0xf"), "not a special pool block: %r" % block)
    console = [d.console("pool " + block), d.console("poolfind Spcl")]
    with open(later, "w") as f:
        f.write("pg-pool %s\npg-poolfind Spcl\n" % block)
    d.interrupt()
    out = d.finish()
    check("(Special pool)" in console[0] and "special pool" in console[1], "console: %r" % console)
    for text in console:
        check(text in out, "GDB disagrees with the console's\n%s\nGDB:\n%s" % (text, out))


def test_pg_poolused_and_pg_poolfind_agree_with_the_console():
    d = Debug("-ex", "continue", "-ex", "pg-poolused", "-ex", "pg-poolfind Gdbt", "-ex", "pg-poolfind", "-ex", "pg-poolfind toolong",
              "-ex", "echo by-tag\\n", "-ex", "pg-poolused tag", "-ex", "pg-poolused sideways")
    for size in (40, 200, 6000):
        check(d.console("alloc NonPagedPool %d Gdbt" % size).strip().startswith("0x"), "alloc")
    check(d.console("alloc PagedPool 64 Gdbt").strip().startswith("0x"), "alloc paged")
    used, found = d.console("poolused"), d.console("poolfind Gdbt")
    d.interrupt()
    out = d.finish()
    check(used.startswith("Tag ") and re.search(r"Gdbt Nonp +3 ", used), "console poolused:\n" + used)
    check(used in out, "pg-poolused disagrees with the console's\n%s\nGDB:\n%s" % (used, out))
    check(found.endswith("4 blocks\n") and found in out, "pg-poolfind disagrees with the console's\n%s\nGDB:\n%s" % (found, out))
    check(out.count("usage: pg-poolfind <tag>") == 2, "pg-poolfind usage:\n" + out)
    by_tag = out.split("by-tag\n", 1)[1]
    tags = [l.split()[0] for l in by_tag.splitlines()[1:] if re.match(r"^\S{1,4} +(Nonp|Paged) +\d+ +\d+$", l)]
    check(len(tags) > 1 and tags == sorted(tags), "pg-poolused tag is not by tag:\n" + by_tag)
    check("pg-poolused: 'sideways': not a sort" in out and "usage: pg-poolused [bytes|used|tag]" in out, out)


def test_pg_vm_agrees_with_the_console_mem():
    d = Debug("-ex", "continue", "-ex", "pg-vm")
    mem = d.console("mem")
    d.interrupt()
    out = d.finish()
    check(mem.startswith("frames_total=") and mem in out, "pg-vm disagrees with the console's\n%s\nGDB:\n%s" % (mem, out))


def test_pg_lookaside_timers_and_dpcs_show_a_drivers_lists():
    from qemu import driver_image
    d = Debug("-ex", "continue", "-ex", "pg-lookaside", "-ex", "pg-timers", "-ex", "pg-dpcs", "-ex", "pg-dpcs now",
              drivers=driver_image("tick"))
    d.console("load tick")
    table = d.console("lookaside")
    d.interrupt()
    out = d.finish()
    header = table.split("\n", 1)[0]
    check(header.startswith("Tag  Type") and header + "\n" in out, "pg-lookaside header:\n" + out)
    tick = [l for l in table.split("\n") if l.startswith("Tick ")]
    check(tick and " ".join(tick[0].split()[:5]) in [" ".join(l.split()[:5]) for l in out.split("\n")],
          "pg-lookaside lacks the console's %r:\n%s" % (tick, out))
    check(re.search(r"Timer 0x\w{8} due \d+ ms period 10 ms dpc 0x\w{8} routine 0x\w{8}", out) and "1 timers set" in out, "pg-timers:\n" + out)
    check("DPCs queued" in out and "usage: pg-dpcs" in out, "pg-dpcs:\n" + out)
    check("Traceback" not in out, "a traceback:\n" + out)


def test_pg_threads_lists_a_drivers_threads_with_their_start_routines():
    from qemu import driver_image
    d = Debug("-ex", "continue", "-ex", "pg-threads", "-ex", "pg-threads now", drivers=driver_image("spinthread"))
    d.console("load spinthread")
    d.interrupt()
    out = d.finish()
    check(re.search(r"^ +8 \w+ +8 +\d+  -", out, re.M), "the console's thread:\n" + out)
    for routine in ("Spinner", "Sleeper"):
        check(re.search(r"^ +\d+ (ready|running|waiting) +8 +\d+  0x\w{8} \(%s" % routine, out, re.M),
              "pg-threads lacks %s:\n%s" % (routine, out))
    check("usage: pg-threads" in out and "Traceback" not in out, "pg-threads:\n" + out)


def test_pg_verifier_agrees_with_the_console():
    d = Debug("-ex", "continue", "-ex", "pg-verifier")
    d.console("verifier special Gdbt")
    d.console("verifier lowres 5")
    shown = d.console("verifier irql on")
    d.interrupt()
    out = d.finish()
    check("special pool tags: Gdbt" in shown and "low resources: 5%" in shown, "console verifier:\n" + shown)
    check(shown in out, "pg-verifier disagrees with the console's\n%s\nGDB:\n%s" % (shown, out))


def test_a_breakpoint_on_the_pool_and_a_watchpoint_on_a_block():
    # the README's tutorial: break in, break on ExAllocatePoolWithTag from a console command, watch a
    # block, catch the code that overwrites it (poke)
    later = os.path.join(tempfile.mkdtemp(prefix="pagoda-gdb-"), "later.gdb")
    d = Debug("-ex", "continue", "-ex", "source " + later)
    block = d.console("alloc NonPagedPool 64 Wtch").strip()
    check(block.startswith("0x"), "alloc: %r" % block)
    stopped = Marker()
    with open(later, "w") as f:
        f.write("%s\npg-pool %s\nbreak ExAllocatePoolWithTag\ncontinue\nbt\ndelete\nwatch *(unsigned int *)%s\n"
                "continue\nbt 2\n" % (stopped.command, block, block))
    d.interrupt()
    stopped.wait(d.p, d.text)  # the kernel is stopped: the line is taken after the breakpoint is set
    d.sock.sendall(b"alloc PagedPool 32 Brkp\r")
    time.sleep(1)
    d.sock.sendall(("poke %s 0x1234\r" % block).encode())
    deadline = time.time() + 60
    while d.p.poll() is None and time.time() < deadline:
        time.sleep(0.2)
    out = d.finish()
    check("*0x%08x size: 72 previous size:" % (int(block, 16) - 8) in out, "pg-pool of the block:\n" + out)
    check(re.search(r"Breakpoint \d+, ExAllocatePoolWithTag", out) and "cmd_alloc" in out, "pool breakpoint and bt:\n" + out)
    check(re.search(r"Hardware watchpoint \d+: \*\(unsigned int \*\)" + block, out) and "New value = 4660" in out
          and "cmd_poke" in out, "watchpoint on the block:\n" + out)
