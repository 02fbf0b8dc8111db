"""The GDB helpers make debug loads (tools/gdb/pagoda/, auto-loaded): pg-pte, pg-pfn and pg-irql."""
import os
import re
import subprocess
import sys

from qemu import ROOT, BUILD, check

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_gdb import free_port  # noqa: E402


def test_gdb_helpers_decode_ptes_frames_and_irql():
    env = dict(os.environ, GDBPORT=str(free_port()), SERIALPORT=str(free_port()), BUILD=BUILD)
    p = subprocess.run([os.path.join(ROOT, "tools", "debug.sh"), "-batch",
                        "-ex", "break shell_run", "-ex", "continue", "-ex", "pg-pte 0x80101000", "-ex", "pg-pte 0",
                        "-ex", "pg-pte boot_stack_guard", "-ex", "pg-pfn 0x400", "-ex", "pg-pfn 1", "-ex", "pg-irql",
                        "-ex", "python from pagoda.mm import describe; print('freed:', describe(0x1008), 'guard:', describe(8))"],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    out = p.stdout
    check(re.search(r"PTE at 0xc0200404 contains 0x00101\w{3}  pfn 0x101 [-GDANT]{5}RV", out), "text page:\n" + out)
    check("PDE at 0xc0300000 contains 0x00000000  none\nPTE: no page table" in out, "NULL page:\n" + out)
    check(re.search(r"PTE at 0x\w+ contains 0x00000008  no-access", out), "stack guard:\n" + out)
    check(re.search(r"pfn 0x400 phys 0x00400000 list=(free|zeroed|kernel) pte=0x[0-9a-f]{8}( pte_contents=0x[0-9a-f]{8})?\n", out), "pfn:\n" + out)
    check("pg-pfn: 0x1 is outside the PFN database (0x" in out, "pfn outside:\n" + out)
    check("freed: no-access (freed special pool) guard: no-access" in out, "special pool PTEs:\n" + out)
    check("irql 0 (PASSIVE_LEVEL)\npending_top 0 (nothing held back)\nirql checking: off" in out, "pg-irql:\n" + out)
