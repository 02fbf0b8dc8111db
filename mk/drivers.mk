# Driver images (.sys, PE32 for i386) built with mingw-w64 against the WDK's DDK headers, and the
# import libraries they link against, made from Pagoda's own export tables (tools/implib.py).
MINGW   ?= i686-w64-mingw32-
IMPLIBS := $(BUILD)/lib/libntoskrnl.a $(BUILD)/lib/libhal.a
EXPORT_TABLES := $(wildcard drivers/exports_*.c)

.PHONY: implibs
implibs: $(IMPLIBS)

$(IMPLIBS) &: $(EXPORT_TABLES) tools/implib.py | deps
	@$(PYTHON) tools/implib.py --out $(BUILD)/lib --dlltool $(MINGW)dlltool $(EXPORT_TABLES)
