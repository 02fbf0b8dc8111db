"""The IRQL rules of the guarded mutexes and ExSetTimerResolution: Driver Verifier's DDI compliance
rules IrqlKeApcLte1 (0x2000F) and IrqlExApcLte2 (0x20006), which Pagoda always checks. The check comes
before the routine touches its argument, so `call` with none is enough."""
from qemu import check, stop_after


def check_rule(command, rule):
    stop, text = stop_after(command)
    check(stop[0] == 0xC4 and stop[1] == rule and stop[2] >= 0x80000000, str([hex(x) for x in stop]))
    check("DRIVER_VERIFIER_DETECTED_VIOLATION" in text, text)


def test_a_guarded_mutex_above_apc_level_is_0xc4_0x2000f():
    for routine in ("KeAcquireGuardedMutex", "KeTryToAcquireGuardedMutex", "KeReleaseGuardedMutexUnsafe"):
        check_rule("at DISPATCH_LEVEL call " + routine, 0x2000F)


def test_exsettimerresolution_above_apc_level_is_0xc4_0x20006():
    check_rule("at DISPATCH_LEVEL call ExSetTimerResolution 100000 1", 0x20006)
