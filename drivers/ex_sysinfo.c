/* ZwQuerySystemInformation, for the classes drivers use on a machine with one processor and one
 * process: SystemBasicInformation, SystemProcessorInformation, SystemTimeOfDayInformation and
 * SystemModuleInformation. *ReturnLength is always the size the class needs (for the time of day, what
 * was copied). Every other class is STATUS_INVALID_INFO_CLASS: Pagoda has no honest answer to give. At
 * PASSIVE_LEVEL: above it 0xC4 (0x2001F, IrqlZwPassive), as for every Zw routine. */
#include <stddef.h>

#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "mm/mm.h"
#include "mm/physmem.h"
#include "drivers/driver_objects.h"
#include "drivers/ob_handle.h"

#define ALLOCATION_GRANULARITY 0x10000 /* 64 KiB, as on every Windows */
#define MINIMUM_USER_ADDRESS 0x10000
#define MAXIMUM_USER_ADDRESS 0x7FFEFFFF /* below the 2 GiB split, the kernel's from 0x80000000 */
#define PROCESSOR_ARCHITECTURE_INTEL 0

static NTSTATUS basic(PVOID buffer, ULONG length)
{
    if (length != sizeof(SYSTEM_BASIC_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    const struct physmem *pm = mm_physmem();
    const struct frame_run *last = &pm->runs[pm->run_count - 1];
    *(PSYSTEM_BASIC_INFORMATION)buffer = (SYSTEM_BASIC_INFORMATION){
        .TimerResolution = KeQueryTimeIncrement(),
        .PageSize = PAGE_SIZE,
        .NumberOfPhysicalPages = pm->frames_total,
        .LowestPhysicalPageNumber = pm->runs[0].first,
        .HighestPhysicalPageNumber = last->first + last->count - 1,
        .AllocationGranularity = ALLOCATION_GRANULARITY,
        .MinimumUserModeAddress = MINIMUM_USER_ADDRESS,
        .MaximumUserModeAddress = MAXIMUM_USER_ADDRESS,
        .ActiveProcessorsAffinityMask = KeQueryActiveProcessors(),
        .NumberOfProcessors = 1,
    };
    return STATUS_SUCCESS;
}

/* Windows' KF_ feature bits that CPUID leaf 1's EDX reports directly. */
static ULONG feature_bits(uint32_t edx)
{
    static const struct { uint8_t cpuid_bit; ULONG kf; } map[] = {
        { 4, 0x2 },      /* TSC: KF_RDTSC */
        { 15, 0x8 },     /* CMOV: KF_CMOV */
        { 8, 0x80 },     /* CX8: KF_CMPXCHG8B */
        { 23, 0x100 },   /* MMX: KF_MMX */
        { 24, 0x800 },   /* FXSR: KF_FXSR */
        { 25, 0x2000 },  /* SSE: KF_XMMI */
        { 26, 0x10000 }, /* SSE2: KF_XMMI64 */
    };
    ULONG bits = 0;
    for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
        if (edx & (1u << map[i].cpuid_bit))
            bits |= map[i].kf;
    return bits;
}

/* ProcessorLevel is the family, ProcessorRevision the model and stepping (extended ones counted), as
 * Windows reports an x86 processor. */
static NTSTATUS processor(PVOID buffer, ULONG length)
{
    if (length < sizeof(SYSTEM_PROCESSOR_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    uint32_t a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    USHORT family = (a >> 8) & 0xF, model = (a >> 4) & 0xF, stepping = a & 0xF;
    if (family == 0xF)
        family += (a >> 20) & 0xFF;
    if (family >= 6)
        model |= ((a >> 16) & 0xF) << 4;
    *(PSYSTEM_PROCESSOR_INFORMATION)buffer = (SYSTEM_PROCESSOR_INFORMATION){
        .ProcessorArchitecture = PROCESSOR_ARCHITECTURE_INTEL,
        .ProcessorLevel = family,
        .ProcessorRevision = (USHORT)(model << 8 | stepping),
        .MaximumProcessors = 1,
        .ProcessorFeatureBits = feature_bits(d),
    };
    return STATUS_SUCCESS;
}

/* Windows copies as much as is asked for, up to the whole (older callers know a shorter structure).
 * Local time is UTC here: no bias, time zone id 0 (unknown); nothing sleeps. */
static NTSTATUS time_of_day(PVOID buffer, ULONG length, ULONG *needed)
{
    if (length > sizeof(SYSTEM_TIMEOFDAY_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    SYSTEM_TIMEOFDAY_INFORMATION t = { 0 };
    KeQuerySystemTime(&t.CurrentTime);
    t.BootTime.QuadPart = t.CurrentTime.QuadPart - (LONGLONG)KeQueryInterruptTime();
    memcpy(buffer, &t, length);
    *needed = length;
    return STATUS_SUCCESS;
}

extern const char kernel_image_start[], kernel_image_end[];
#define SYSTEM32 "\\SystemRoot\\system32\\"

/* name: count characters, from a wide name (the driver object's, after "\\Driver\\"). */
static void module(PRTL_PROCESS_MODULE_INFORMATION m, USHORT index, PVOID base, ULONG size, const char *dir,
                   const WCHAR *name, unsigned count, const char *extension)
{
    *m = (RTL_PROCESS_MODULE_INFORMATION){ .ImageBase = base, .ImageSize = size, .LoadOrderIndex = index,
                                           .InitOrderIndex = index, .LoadCount = 1,
                                           .OffsetToFileName = (USHORT)strlen(dir) };
    char *p = (char *)m->FullPathName;
    size_t n = strlen(dir);
    memcpy(p, dir, n);
    for (unsigned i = 0; i < count && n + i < sizeof m->FullPathName - 8; i++)
        p[n++] = (char)name[i];
    memcpy(p + n, extension, strlen(extension) + 1);
}

static const WCHAR ntoskrnl[] = u"ntoskrnl", hal[] = u"hal";

/* ntoskrnl.exe, hal.dll (linked into the one kernel image here: the same range), then each mapped driver
 * image in the order loaded, as the load-image notify routines name it. Entries are written while they
 * fit; NumberOfModules counts them all. */
static NTSTATUS modules(PVOID buffer, ULONG length, ULONG *needed)
{
    unsigned total = 2, cursor = 0;
    while (driver_objects_next_mapped(&cursor))
        total++;
    *needed = offsetof(RTL_PROCESS_MODULES, Modules) + total * sizeof(RTL_PROCESS_MODULE_INFORMATION);
    if (length < offsetof(RTL_PROCESS_MODULES, Modules))
        return STATUS_INFO_LENGTH_MISMATCH;
    PRTL_PROCESS_MODULES list = buffer;
    list->NumberOfModules = total;
    unsigned fit = (length - offsetof(RTL_PROCESS_MODULES, Modules)) / sizeof(RTL_PROCESS_MODULE_INFORMATION);
    PVOID base = (PVOID)kernel_image_start;
    ULONG size = (ULONG)(kernel_image_end - kernel_image_start);
    if (fit > 0)
        module(&list->Modules[0], 0, base, size, SYSTEM32, ntoskrnl, sizeof ntoskrnl / sizeof(WCHAR) - 1, ".exe");
    if (fit > 1)
        module(&list->Modules[1], 1, base, size, SYSTEM32, hal, sizeof hal / sizeof(WCHAR) - 1, ".dll");
    cursor = 0;
    unsigned prefix = sizeof(DRIVER_NAME_PREFIX) - 1;
    for (unsigned i = 2; i < total && i < fit; i++) {
        PDRIVER_OBJECT d = driver_objects_next_mapped(&cursor);
        module(&list->Modules[i], (USHORT)i, d->DriverStart, d->DriverSize, DRIVER_IMAGE_PATH_PREFIX,
               d->DriverName.Buffer + prefix, d->DriverName.Length / sizeof(WCHAR) - prefix, ".sys");
    }
    return fit >= total ? STATUS_SUCCESS : STATUS_INFO_LENGTH_MISMATCH;
}

NTSTATUS NTAPI ZwQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass, PVOID SystemInformation,
                                        ULONG SystemInformationLength, PULONG ReturnLength)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwQuerySystemInformation above PASSIVE_LEVEL");
    ULONG needed = 0;
    NTSTATUS status;
    switch (SystemInformationClass) {
    case SystemBasicInformation:
        needed = sizeof(SYSTEM_BASIC_INFORMATION);
        status = basic(SystemInformation, SystemInformationLength);
        break;
    case SystemProcessorInformation:
        needed = sizeof(SYSTEM_PROCESSOR_INFORMATION);
        status = processor(SystemInformation, SystemInformationLength);
        break;
    case SystemTimeOfDayInformation:
        needed = sizeof(SYSTEM_TIMEOFDAY_INFORMATION);
        status = time_of_day(SystemInformation, SystemInformationLength, &needed);
        break;
    case SystemModuleInformation:
        status = modules(SystemInformation, SystemInformationLength, &needed);
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    if (ReturnLength)
        *ReturnLength = needed;
    return status;
}
