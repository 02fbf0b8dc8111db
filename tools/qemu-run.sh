#!/usr/bin/env bash
# Runs Pagoda in QEMU with the serial console on this terminal. Ctrl-C goes to the shell (signal=off);
# Ctrl-A X leaves QEMU, Ctrl-A C switches to QEMU's monitor, Ctrl-A A sends a Ctrl-A to the shell.
# The shell's `poweroff` (QEMU status 33) counts as a clean end.
set -u
accel=(-accel tcg)
[ "${KVM:-0}" = "1" ] && accel=(-accel kvm)
"${QEMU:-qemu-system-i386}" "${accel[@]}" -m 128 -display none \
    -chardev stdio,id=console,mux=on,signal=off -serial chardev:console -mon chardev=console \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot "$@"
status=$?
[ $status -eq 33 ] && exit 0
exit $status
