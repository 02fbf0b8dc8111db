#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Pagoda needs when a command is missing, as root or through sudo,
# saying what it installs; where it cannot, stops with the exact command to run.
#   tools/deps.sh [kernel|test|bench]   what to build, run and debug the kernel (the default); that and
#                                       what `make test` adds; that and what `make bench` adds.
set -euo pipefail

purpose=${1:-kernel}
case $purpose in
kernel | test | bench) ;;
*) echo "deps: unknown purpose '$purpose' (kernel, test or bench)" >&2; exit 2 ;;
esac

cross=${CROSS:-i686-linux-gnu-}
# command -> package that provides it
checks=(
    "nasm nasm"
    "grub-mkrescue grub-common"
    "xorriso xorriso"
    "mformat mtools"
    "qemu-system-i386 qemu-system-x86"
    "gdb-multiarch gdb-multiarch"
    "gcc gcc"
    "python3 python3"
)
[ "$cross" = "i686-linux-gnu-" ] && checks+=("i686-linux-gnu-gcc gcc-i686-linux-gnu")
# Driver images: mingw-w64's i386 compiler, dlltool and the WDK's DDK headers.
checks+=("i686-w64-mingw32-gcc gcc-mingw-w64-i686")

missing=()
for c in "${checks[@]}"; do
    set -- $c
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
done
# GRUB's BIOS boot files come in a package of their own, without a command to look for.
[ -d /usr/lib/grub/i386-pc ] || missing+=("grub-pc-bin")
if [ "$purpose" != kernel ]; then
    # The pool's fuzz target needs clang and its libFuzzer runtime, which plain `clang` only recommends.
    command -v clang >/dev/null 2>&1 || missing+=("clang")
    compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null || missing+=("libclang-rt-dev")
    # pagesim reads gzip traces through zlib: its header, for the host compiler.
    [ -f /usr/include/zlib.h ] || missing+=("zlib1g-dev")
fi
if [ "$purpose" = bench ]; then
    # The allocators the pool benchmark compares against, found by their headers.
    [ -f /usr/include/mimalloc.h ] || missing+=("libmimalloc-dev")
    [ -f /usr/include/jemalloc/jemalloc.h ] || missing+=("libjemalloc-dev")
    # callgrind's instruction counts per operation, beside the timings; real programs' page traces
    # (lackey) for the replacement benchmark, and its plots.
    command -v valgrind >/dev/null 2>&1 || missing+=("valgrind")
    command -v gnuplot >/dev/null 2>&1 || missing+=("gnuplot-nox")
fi

[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get update && apt-get install -y ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: missing packages (${missing[*]}) and no apt-get here; install their equivalents by hand" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "deps: missing packages: ${missing[*]}" >&2
    echo "deps: run this as root, then make again:  sudo sh -c '$cmd'" >&2
    exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
echo "deps: installed ${missing[*]}"
