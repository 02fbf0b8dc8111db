#include "drivers/driver.h"

#include "kernel/bugcheck.h"
#include "kernel/dpc.h"
#include "kernel/lib/kstring.h"
#include "kernel/timer.h"
#include "drivers/driver_debug.h"

/* How the WDK calls into a driver on x86: stdcall, whatever Pagoda's own convention. */
typedef NTSTATUS __attribute__((stdcall)) image_entry_fn(PDRIVER_OBJECT, PUNICODE_STRING);
typedef VOID __attribute__((stdcall)) image_unload_fn(PDRIVER_OBJECT);

static struct driver drivers[DRIVERS_MAX];
static unsigned driver_count;

struct driver *driver_next(unsigned *cursor)
{
    return *cursor < driver_count ? &drivers[(*cursor)++] : 0;
}

struct driver *driver_find(const char *name)
{
    for (unsigned i = 0; i < driver_count; i++)
        if (strcmp(drivers[i].name, name) == 0)
            return &drivers[i];
    return 0;
}

const char *driver_status_name(enum driver_status status)
{
    static const char *const names[] = { "unloaded", "loaded", "failed" };
    return names[status];
}

bool driver_add_image(const char *file_name, uint32_t phys, uint32_t size, const char **why)
{
    const char *base = file_name;
    for (const char *p = file_name; *p; p++)
        if (*p == '/')
            base = p + 1;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".sys") == 0)
        n -= 4;
    *why = n == 0 || n > DRIVER_NAME_MAX ? "name empty or longer than 15 characters"
           : driver_count == DRIVERS_MAX ? "too many driver images"
                                         : 0;
    if (*why)
        return false;
    struct driver *d = &drivers[driver_count];
    memcpy(d->name, base, n);
    d->name[n] = '\0';
    if (driver_find(d->name)) {
        *why = "a driver of that name was given already";
        return false;
    }
    d->file_phys = phys;
    d->file_size = size;
    d->verifier.name = d->name;
    d->verifier.name_string = &d->object.DriverName;
    driver_count++;
    return true;
}

/* The driver whose image holds address: mapped, so also during its DriverEntry. */
static struct driver *driver_at(uint32_t address)
{
    for (unsigned i = 0; i < driver_count; i++)
        if (drivers[i].image.pages && address - drivers[i].image.base < drivers[i].image.size)
            return &drivers[i];
    return 0;
}

const char *driver_name_at(uint32_t address, uint32_t *offset)
{
    struct driver *d = driver_at(address);
    if (d)
        *offset = address - d->image.base;
    return d ? d->name : 0;
}

void *driver_enter_code(const void *address)
{
    struct driver *d = driver_at((uint32_t)address);
    return verifier_enter_driver(d ? &d->verifier : 0);
}

void driver_leave_code(void *before)
{
    verifier_enter_driver(before);
}

/* prefix and name as a counted wide string in buffer. */
static UNICODE_STRING wide(WCHAR *buffer, size_t capacity, const char *prefix, const char *name)
{
    USHORT n = 0;
    for (const char *c = prefix; *c; c++)
        buffer[n++] = (WCHAR)*c;
    for (const char *c = name; *c && n < capacity - 1; c++)
        buffer[n++] = (WCHAR)*c;
    buffer[n] = 0;
    return (UNICODE_STRING){ (USHORT)(n * sizeof(WCHAR)), (USHORT)(capacity * sizeof(WCHAR)), buffer };
}

/* A fresh DRIVER_OBJECT for the mapped image, as the I/O manager hands it to DriverEntry. */
static void init_object(struct driver *d)
{
    d->object = (DRIVER_OBJECT){
        .Type = IO_TYPE_DRIVER,
        .Size = sizeof(DRIVER_OBJECT),
        .DriverStart = (PVOID)d->image.base,
        .DriverSize = d->image.size,
        .DriverExtension = (struct _DRIVER_EXTENSION *)&d->extension,
        .DriverName = wide(d->name_buffer, sizeof(d->name_buffer) / sizeof(WCHAR), DRIVER_NAME_PREFIX, d->name),
        .DriverInit = (PDRIVER_INITIALIZE)d->image.entry,
    };
    d->registry_path =
        wide(d->registry_buffer, sizeof(d->registry_buffer) / sizeof(WCHAR), DRIVER_REGISTRY_PREFIX, d->name);
    /* The service key's name is the driver's: the tail of the registry path. */
    USHORT prefix = (USHORT)((sizeof(DRIVER_REGISTRY_PREFIX) - 1) * sizeof(WCHAR));
    d->extension = (struct driver_extension){
        .DriverObject = &d->object,
        .ServiceKeyName = { (USHORT)(d->registry_path.Length - prefix), (USHORT)(d->registry_path.Length - prefix),
                            d->registry_buffer + sizeof(DRIVER_REGISTRY_PREFIX) - 1 },
    };
}

/* 0xC7 TIMER_OR_DPC_INVALID when a set timer or a queued DPC (or its routine) lies in the image about to
 * go: p1 0 timer / 1 DPC / 2 DPC routine, p2 the object, p3-p4 the range checked. */
static void check_timers_and_dpcs(const struct loaded_image *image)
{
    uintptr_t lo = image->base, hi = image->base + image->size;
    const void *object;
    enum timer_dpc_found found = timer_find_in_range(lo, hi, &object);
    bool routine_only;
    if (found == TIMER_FOUND_NONE && (object = dpc_find_queued_in_range(lo, hi, &routine_only)))
        found = routine_only ? TIMER_FOUND_DPC_ROUTINE : TIMER_FOUND_DPC;
    if (found != TIMER_FOUND_NONE)
        KeBugCheckEx(BUGCHECK_TIMER_OR_DPC_INVALID, found, (ULONG_PTR)object, lo, hi);
}

static void finish(struct driver *d, enum driver_status status, driver_leak_report *report, void *ctx)
{
    d->status = status;
    check_timers_and_dpcs(&d->image);
    verifier_driver_unloaded(&d->verifier, report, ctx);
    driver_debug_event(d, DRIVER_DEBUG_UNMAPPING);
    loader_unmap(&d->image);
}

NTSTATUS driver_load(struct driver *d, const char **why, driver_leak_report *report, void *ctx)
{
    /* The file is read through a mapping of its frames: they may lie anywhere in RAM. */
    PHYSICAL_ADDRESS phys = { .QuadPart = d->file_phys };
    const uint8_t *file = MmMapIoSpace(phys, d->file_size, MmCached);
    *why = file ? loader_map(file, d->file_size, &d->image) : "cannot map the image file";
    if (file)
        MmUnmapIoSpace((PVOID)file, d->file_size);
    if (*why) {
        d->status = DRIVER_FAILED;
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    driver_debug_event(d, DRIVER_DEBUG_MAPPED);
    init_object(d);
    struct verifier_driver *before = verifier_enter_driver(&d->verifier);
    NTSTATUS status = ((image_entry_fn *)d->image.entry)(&d->object, &d->registry_path);
    verifier_enter_driver(before);
    if (NT_SUCCESS(status)) {
        d->status = DRIVER_LOADED;
        driver_debug_event(d, DRIVER_DEBUG_INIT_RELEASING);
        loader_release_init(&d->image);
    } else {
        finish(d, DRIVER_FAILED, report, ctx);
    }
    return status;
}

bool driver_unload(struct driver *d, driver_leak_report *report, void *ctx)
{
    uintptr_t unload = (uintptr_t)d->object.DriverUnload;
    if (!unload)
        return false;
    struct verifier_driver *before = verifier_enter_driver(&d->verifier);
    ((image_unload_fn *)unload)(&d->object);
    verifier_enter_driver(before);
    finish(d, DRIVER_UNLOADED, report, ctx);
    return true;
}
