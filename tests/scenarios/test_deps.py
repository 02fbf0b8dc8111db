"""tools/deps.sh: installs what is missing as root, or says the exact command when it cannot."""
import os
import shutil
import subprocess
import tempfile

from qemu import ROOT, check

TOOLS = ["nasm", "grub-mkrescue", "xorriso", "mformat", "qemu-system-i386", "gdb-multiarch", "gcc",
         "python3", "clang", "i686-linux-gnu-gcc", "i686-w64-mingw32-gcc"]


def fake_path(missing, uid, with_sudo=False):
    """A PATH holding the basic utilities, every tool but `missing`, and fake id/apt-get/sudo."""
    d = tempfile.mkdtemp(prefix="pagoda-deps-")
    for tool in ["bash", "env", "cat", "seq"] + [t for t in TOOLS if t != missing]:
        real = shutil.which(tool)
        if real:
            os.symlink(real, os.path.join(d, tool))
    log = os.path.join(d, "apt.log")
    scripts = {"id": "echo %d" % uid, "apt-get": 'echo "apt-get $*" >> %s' % log}
    if with_sudo:
        scripts["sudo"] = 'if [ "$1" = -n ]; then exit 0; fi; echo "sudo $*" >> %s; "$@"' % log
    for name, body in scripts.items():
        with open(os.path.join(d, name), "w") as f:
            f.write("#!%s\n%s\n" % (shutil.which("bash"), body))
        os.chmod(os.path.join(d, name), 0o755)
    return d, log


def run_deps(path, *purpose):
    return subprocess.run([shutil.which("bash"), os.path.join(ROOT, "tools", "deps.sh")] + list(purpose),
                          env={"PATH": path}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_nothing_missing_is_silent():
    d, _ = fake_path(None, 0)
    p = run_deps(d)
    shutil.rmtree(d)
    check(p.returncode == 0 and p.stdout == "", "rc %d: %s" % (p.returncode, p.stdout))


def test_root_installs_the_missing_package_and_says_so():
    d, log = fake_path("nasm", 0)
    p = run_deps(d)
    calls = open(log).read() if os.path.exists(log) else ""
    shutil.rmtree(d)
    check(p.returncode == 0 and "installing nasm" in p.stdout, p.stdout)
    check("apt-get install -y -qq nasm" in calls, calls)


def test_non_root_uses_sudo_when_it_may():
    d, log = fake_path("xorriso", 1000, with_sudo=True)
    p = run_deps(d)
    calls = open(log).read() if os.path.exists(log) else ""
    shutil.rmtree(d)
    check(p.returncode == 0 and "sudo apt-get install -y -qq xorriso" in calls, p.stdout + calls)


def test_without_root_or_sudo_it_stops_with_the_command():
    d, log = fake_path("gdb-multiarch", 1000)
    p = run_deps(d)
    installed = os.path.exists(log) and "install" in open(log).read()
    shutil.rmtree(d)
    check(p.returncode == 1, "rc %d" % p.returncode)
    check("apt-get update && apt-get install -y gdb-multiarch" in p.stdout and not installed, p.stdout)


def test_the_kernel_needs_no_test_only_packages():
    """clang (the fuzz target's compiler) is for `make test`: the kernel's build does not ask for it."""
    d, log = fake_path("clang", 0)
    kernel = run_deps(d)
    for_tests = run_deps(d, "test")
    calls = open(log).read() if os.path.exists(log) else ""
    shutil.rmtree(d)
    check(kernel.returncode == 0 and kernel.stdout == "", "kernel: " + kernel.stdout)
    check(for_tests.returncode == 0 and "installing clang" in for_tests.stdout, "test: " + for_tests.stdout)
    check("apt-get install -y -qq clang" in calls, calls)


def test_an_unknown_purpose_is_refused():
    d, _ = fake_path(None, 0)
    p = run_deps(d, "everything")
    shutil.rmtree(d)
    check(p.returncode == 2 and "unknown purpose 'everything'" in p.stdout, p.stdout)
