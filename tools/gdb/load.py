"""`source tools/gdb/load.py` loads the helpers by hand; build/kernel.elf-gdb.py does it automatically."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagoda  # noqa: E402,F401  (registers the commands once per GDB)
