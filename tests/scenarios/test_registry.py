"""The registry from the console (`reg`) and from drivers: `reg add` before `load` changes what a driver
reads (sample's Parameters\\Verbose); load makes the service key with its usual values; the version
key agrees with what the kernel answers; values of each type; bad input is one error line."""
import re

from qemu import Machine, check

SERVICES = r"\Registry\Machine\System\CurrentControlSet\Services"


def test_reg_add_before_load_gives_a_driver_its_parameters():
    with Machine() as m:
        m.wait_prompt()
        out = m.command("load sample")
        check("verbose" not in out, out, m)  # no Parameters: the driver's default
        m.command("unload sample")
        out = m.command(r"reg add %s\sample\Parameters Verbose REG_DWORD 2" % SERVICES)
        check(out.startswith("reg: Verbose set on"), out, m)
        out = m.command("load sample")
        check(re.search(r"^sample: verbose 2 \(from %s\\sample\\Parameters\)$" % re.escape(SERVICES), out, re.M),
              out, m)
        m.command("unload sample")
        check(m.command(r"reg delete %s\sample\Parameters Verbose" % SERVICES).startswith("reg: Verbose deleted"),
              m.text()[-300:], m)
        check("verbose" not in m.command("load sample"), m.text()[-300:], m)


def test_load_makes_the_service_key_and_the_version_key_agrees_with_the_kernel():
    with Machine() as m:
        m.wait_prompt()
        check("error: reg: key" in m.command(r"reg query %s\junk" % SERVICES), m.text()[-300:], m)
        m.command("load junk")
        out = m.command(r"reg query HKLM\System\CurrentControlSet\Services\junk")
        lines = out.splitlines()
        check(lines[0] == r"\REGISTRY\MACHINE\SYSTEM\CurrentControlSet\Services\junk", out, m)
        for value in ("Type    REG_DWORD    0x1", "Start    REG_DWORD    0x3", "ErrorControl    REG_DWORD    0x1",
                      r"ImagePath    REG_EXPAND_SZ    \SystemRoot\System32\drivers\junk.sys"):
            check("    " + value in lines, out, m)
        check(not any("Parameters" in l for l in lines), out, m)
        out = m.command(r"reg query \registry\machine\software\microsoft\windows nt\currentversion")
        for value in ("CurrentBuildNumber    REG_SZ    19045", "CurrentMajorVersionNumber    REG_DWORD    0xa",
                      "DisplayVersion    REG_SZ    22H2"):
            check("    " + value in out.splitlines(), out, m)
        out = m.command(r"reg query HKLM\System\CurrentControlSet")
        check(out.splitlines()[-2:] == [r"\REGISTRY\MACHINE\SYSTEM\CurrentControlSet\Control",
                                         r"\REGISTRY\MACHINE\SYSTEM\CurrentControlSet\Services"], out, m)


def test_reg_values_of_each_type_and_bad_input_is_one_error_line():
    with Machine() as m:
        m.wait_prompt()
        key = r"HKLM\Software\Test"
        for name, kind, data in (("S", "REG_SZ", "hello"), ("E", "REG_EXPAND_SZ", "%SystemRoot%"),
                                 ("M", "REG_MULTI_SZ", r"a\0bc"), ("D", "reg_dword", "0x10"),
                                 ("Q", "REG_QWORD", "7"), ("B", "REG_BINARY", "00ff10"), ("N", "REG_NONE", "")):
            if data:
                check(m.command("reg add %s %s %s %s" % (key, name, kind, data)).startswith("reg: %s set" % name),
                      m.text()[-300:], m)
        out = m.command("reg query " + key).splitlines()
        check(out[1:] == ["    S    REG_SZ    hello", "    E    REG_EXPAND_SZ    %SystemRoot%",
                          r"    M    REG_MULTI_SZ    a\0bc", "    D    REG_DWORD    0x10", "    Q    REG_QWORD    0x7",
                          "    B    REG_BINARY    00FF10"], "\n".join(out), m)
        for line, error in (("reg frob x", "not a subcommand"), ("reg add %s D REG_DWORD nope" % key, "not a 32-bit"),
                            ("reg add %s D REG_WORD 1" % key, "not a value type"),
                            ("reg add %s B REG_BINARY abc" % key, "hex digits"),
                            ("reg query \\Nowhere", "not under \\Registry"), ("reg query Registry", "a path starts"),
                            ("reg delete HKLM\\Software", "it has subkeys"), ("reg delete %s Zz" % key, "no such"),
                            ("reg add %s D" % key, "usage:"), ("at DISPATCH_LEVEL reg query HKLM", "PASSIVE_LEVEL")):
            out = m.command(line)
            check(out.startswith("error: ") and error in out and out.count("\n") == 1, line + " -> " + out, m)
        check(m.command("reg delete " + key) == "reg: %s deleted\n" % key, m.text()[-300:], m)
