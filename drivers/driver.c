#include "drivers/driver.h"

#include "kernel/bugcheck.h"
#include "kernel/bugcheck_callback.h"
#include "kernel/callout.h"
#include "kernel/driver_code.h"
#include "kernel/lib/kstring.h"
#include "kernel/thread.h"
#include "kernel/timer.h"
#include "kernel/work_queue.h"
#include "pool/lookaside.h"
#include "drivers/driver_debug.h"
#include "drivers/driver_objects.h"
#include "drivers/ex_callback.h"
#include "drivers/io_completion_ex.h"
#include "drivers/io_device.h"
#include "drivers/io_driver_extension.h"
#include "drivers/irp.h"
#include "drivers/ob_handle.h"
#include "drivers/io_workitem.h"
#include "drivers/ps_notify.h"
#include "drivers/registry.h"

static struct driver drivers[DRIVERS_MAX];
_Static_assert(DRIVERS_MAX == DRIVER_OBJECTS_MAX, "every driver object is known as one");
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
    d->verifier = verifier_driver(d->name, true);
    if (!d->verifier) {
        *why = "Driver Verifier's table of driver names is full";
        return false;
    }
    d->file_phys = phys;
    d->file_size = size;
    d->verifier->name_string = &d->object.DriverName;
    driver_objects_add(&d->object);
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

struct loaded_image *driver_image_at(uint32_t address)
{
    struct driver *d = driver_at(address);
    return d ? &d->image : 0;
}

bool driver_describe_at(uint32_t address, struct bugcheck_image *image)
{
    struct driver *d = driver_at(address);
    if (d)
        *image = (struct bugcheck_image){ d->name, d->image.base, d->image.timestamp };
    return d != 0;
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
    for (unsigned i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        d->object.MajorFunction[i] = io_invalid_device_request;
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
 * go, so that none ever fires into unmapped code: p1 0 timer / 1 DPC / 2 DPC routine, p2 the timer, DPC
 * or routine, p3-p4 the range checked. */
static void check_timers_and_dpcs(uintptr_t lo, uintptr_t hi)
{
    const void *object;
    enum timer_dpc_found found = timer_or_dpc_in_range(lo, hi, &object);
    if (found != TIMER_FOUND_NONE)
        KeBugCheckEx(BUGCHECK_TIMER_OR_DPC_INVALID, found, (ULONG_PTR)object, lo, hi);
}

/* 0xCE DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS when a lookaside list the driver
 * initialized (or one in its image, or whose routines lie there) was not deleted: the kernel's list of
 * lookaside lists would lead to it, and Windows stops so when it next touches one. p1 the memory that
 * would be referenced (the list if it lies in the image, else its routine there, else the list), p2 0
 * (a read), p3 0 (no instruction has referenced it yet), p4 reserved (0). */
static void check_lookasides(unsigned owner, uintptr_t lo, uintptr_t hi)
{
    const GENERAL_LOOKASIDE *l = lookaside_wdk_left_by(owner, lo, hi);
    if (!l)
        return;
    uintptr_t referenced = (uintptr_t)l;
    if (referenced - lo >= hi - lo && (uintptr_t)l->Allocate - lo < hi - lo)
        referenced = (uintptr_t)l->Allocate;
    else if (referenced - lo >= hi - lo && (uintptr_t)l->Free - lo < hi - lo)
        referenced = (uintptr_t)l->Free;
    KeBugCheckEx(BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS, referenced, 0, 0, 0);
}

/* 0xE4 WORKER_INVALID (0, the item, p3-p4 the range) when a work item still queued lies in the image
 * or has its routine there: the memory about to go holds an active work item. (The driver's I/O work
 * items have run by now: their device references keep the image on Windows until they have.) */
static void check_work_items(uintptr_t lo, uintptr_t hi)
{
    const WORK_QUEUE_ITEM *item = work_queue_find_in_range(lo, hi);
    if (item)
        KeBugCheckEx(BUGCHECK_WORKER_INVALID, 0, (ULONG_PTR)item, lo, hi);
}

/* The service key the service control manager would have made from the driver's INF or `sc create`
 * (drivers/registry.h): created at the first load with the values every service key has, a kernel
 * driver started on demand; values already there (a `reg add` before the load) are left as they are.
 * Nothing else: Parameters and the rest exist only when someone creates them. */
static void set_if_absent(struct reg_key *key, const char *name, ULONG type, const void *data, ULONG length)
{
    WCHAR text[16];
    USHORT n = 0;
    for (; name[n]; n++)
        text[n] = (WCHAR)name[n];
    UNICODE_STRING value = { (USHORT)(n * sizeof(WCHAR)), sizeof text, text };
    if (!registry_find_value(key, &value))
        registry_set_value(key, &value, type, data, length);
}

#define SERVICE_KERNEL_DRIVER 1
#define SERVICE_DEMAND_START 3
#define SERVICE_ERROR_NORMAL 1
#define IMAGE_PATH_CHARS (sizeof DRIVER_IMAGE_PATH_PREFIX + DRIVER_NAME_MAX + 5)

/* \SystemRoot\System32\drivers\<name>.sys: the service key's ImagePath, and the FullImageName the
 * load-image notify routines get, as Windows gives a driver's. */
static UNICODE_STRING image_path(const struct driver *d, WCHAR buffer[IMAGE_PATH_CHARS])
{
    char file[DRIVER_NAME_MAX + 5];
    memcpy(file, d->name, strlen(d->name));
    memcpy(file + strlen(d->name), ".sys", 5);
    return wide(buffer, IMAGE_PATH_CHARS, DRIVER_IMAGE_PATH_PREFIX, file);
}

static void create_service_key(struct driver *d)
{
    struct reg_key *key;
    if (!NT_SUCCESS(registry_create(0, &d->registry_path, 0, false, &key, 0)))
        return; /* out of pool: the driver finds no key, as it would find none on Windows uninstalled */
    static const ULONG type = SERVICE_KERNEL_DRIVER, start = SERVICE_DEMAND_START, errors = SERVICE_ERROR_NORMAL;
    WCHAR image[IMAGE_PATH_CHARS];
    UNICODE_STRING path = image_path(d, image);
    set_if_absent(key, "Type", REG_DWORD, &type, sizeof type);
    set_if_absent(key, "Start", REG_DWORD, &start, sizeof start);
    set_if_absent(key, "ErrorControl", REG_DWORD, &errors, sizeof errors);
    set_if_absent(key, "ImagePath", REG_EXPAND_SZ, image, path.Length + sizeof(WCHAR));
    registry_release(key);
}

/* Windows keeps a kernel handle a driver leaves open (and the key with it) for ever; Pagoda says so and
 * closes it, as it deletes the devices left, so that the handle table does not fill over reloads. */
static void report_handle(void *ctx, HANDLE handle, PVOID object, const struct ob_handle_type *type)
{
    const char *driver = ((struct driver *)ctx)->name;
    if (type != &registry_key_handles) {
        DbgPrint("%s: %s handle 0x%08x left open at unload; closed\n", driver, type->type->name,
                 (unsigned)(uintptr_t)handle);
        return;
    }
    const struct reg_key *key = object;
    WCHAR name[REGISTRY_PATH_MAX];
    ULONG bytes = key->deleted ? 0 : registry_full_name(key, name, sizeof name - sizeof(WCHAR));
    name[bytes < sizeof name ? bytes / sizeof(WCHAR) : REGISTRY_PATH_MAX - 1] = 0;
    DbgPrint("%s: registry key handle 0x%08x (%ws%s) left open at unload; closed\n", driver,
             (unsigned)(uintptr_t)handle, name, key->deleted ? "a deleted key" : "");
}

/* 0xCE DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS when a system thread whose start routine
 * lies in the image has not ended: it would run code about to be unmapped, which Windows lets happen
 * and crashes on later. p1 its start routine (the memory it would reference), p2 0 (executed, a read),
 * p3 the thread (Pagoda's addition, for the debugger; no instruction has referenced it yet), p4 0. */
static void check_threads(uintptr_t lo, uintptr_t hi)
{
    PKTHREAD t = thread_find_running_in_range(lo, hi);
    if (t)
        KeBugCheckEx(BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS, (ULONG_PTR)t->start_routine, 0,
                     (ULONG_PTR)t, 0);
}

/* 0xCE DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS when a bugcheck callback still registered
 * has its routine or its record in the image: the next STOP would call unmapped code or read an unmapped
 * record. p1 that address; p2 8 for the routine (an execute, as for notify routines) or 1 for the record
 * (the STOP writes its State); p3 the routine, 0 for a record; p4 0. */
static void check_bugcheck_callbacks(uintptr_t lo, uintptr_t hi)
{
    int routine;
    uintptr_t left = bugcheck_callback_in_range(lo, hi, &routine);
    if (left)
        KeBugCheckEx(BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS, left, routine ? 8 : 1,
                     routine ? left : 0, 0);
}

static void finish(struct driver *d, enum driver_status status, driver_leak_report *report, void *ctx)
{
    uintptr_t lo = d->image.base, hi = d->image.base + d->image.size;
    d->status = status;
    io_workitem_run_for_driver(&d->object);
    io_completion_ex_wait(lo, hi);
    io_device_delete_left(&d->object, d->verifier->number, d->name);
    ob_handle_close_left(d->verifier->number, report_handle, d);
    io_driver_extension_release(&d->object);
    check_threads(lo, hi);
    ex_callback_remove_left(lo, hi, d->name);
    ps_notify_check_unload(lo, hi);
    check_bugcheck_callbacks(lo, hi);
    check_timers_and_dpcs(lo, hi);
    check_work_items(lo, hi);
    check_lookasides(d->verifier->number, lo, hi);
    verifier_driver_unloaded(d->verifier, report, ctx);
    driver_code_remove(d->verifier->number);
    driver_objects_unmapped(&d->object);
    driver_debug_event(d, DRIVER_DEBUG_UNMAPPING);
    loader_unmap(&d->image);
}

/* The load-image notify routines, as Windows calls them for a driver: mapped, before DriverEntry. */
static void notify_loaded(struct driver *d)
{
    WCHAR buffer[IMAGE_PATH_CHARS];
    UNICODE_STRING name = image_path(d, buffer);
    IMAGE_INFO info = { .ImageAddressingMode = IMAGE_ADDRESSING_MODE_32BIT, .SystemModeImage = 1,
                        .ImageBase = (PVOID)d->image.base, .ImageSize = d->image.size };
    ps_notify_image(&name, &info);
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
    driver_objects_mapped(&d->object);
    driver_code_add(d->verifier->number, d->image.base, d->image.size);
    create_service_key(d);
    notify_loaded(d);
    uintptr_t args[] = { (uintptr_t)&d->object, (uintptr_t)&d->registry_path }; /* stdcall, as the WDK calls */
    NTSTATUS status = (NTSTATUS)callout_stdcall((const void *)d->image.entry, 2, args);
    if (NT_SUCCESS(status)) {
        d->status = DRIVER_LOADED;
        driver_debug_event(d, DRIVER_DEBUG_INIT_RELEASING);
        loader_release_init(&d->image);
        io_driver_reinitialize();
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
    uintptr_t arg = (uintptr_t)&d->object;
    callout_stdcall((const void *)unload, 1, &arg);
    finish(d, DRIVER_UNLOADED, report, ctx);
    return true;
}
