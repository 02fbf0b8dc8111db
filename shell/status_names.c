#include "shell/status_names.h"

/* The statuses a DriverEntry commonly returns (values from ntstatus.h). */
static const struct {
    unsigned value;
    const char *name;
} names[] = {
    { 0x00000000u, "STATUS_SUCCESS" },
    { 0x00000103u, "STATUS_PENDING" },
    { 0xC0000001u, "STATUS_UNSUCCESSFUL" },
    { 0xC0000002u, "STATUS_NOT_IMPLEMENTED" },
    { 0xC000000Du, "STATUS_INVALID_PARAMETER" },
    { 0xC000000Eu, "STATUS_NO_SUCH_DEVICE" },
    { 0xC0000010u, "STATUS_INVALID_DEVICE_REQUEST" },
    { 0xC0000017u, "STATUS_NO_MEMORY" },
    { 0xC0000022u, "STATUS_ACCESS_DENIED" },
    { 0x8000001Au, "STATUS_NO_MORE_ENTRIES" },
    { 0xC0000008u, "STATUS_INVALID_HANDLE" },
    { 0xC0000033u, "STATUS_OBJECT_NAME_INVALID" },
    { 0xC0000034u, "STATUS_OBJECT_NAME_NOT_FOUND" },
    { 0xC0000035u, "STATUS_OBJECT_NAME_COLLISION" },
    { 0xC000003Au, "STATUS_OBJECT_PATH_NOT_FOUND" },
    { 0xC000003Bu, "STATUS_OBJECT_PATH_SYNTAX_BAD" },
    { 0xC000007Bu, "STATUS_INVALID_IMAGE_FORMAT" },
    { 0xC000009Au, "STATUS_INSUFFICIENT_RESOURCES" },
    { 0xC00000BBu, "STATUS_NOT_SUPPORTED" },
    { 0xC0000121u, "STATUS_CANNOT_DELETE" },
    { 0xC000017Cu, "STATUS_KEY_DELETED" },
    { 0xC0000181u, "STATUS_CHILD_MUST_BE_VOLATILE" },
    { 0xC0000182u, "STATUS_DEVICE_CONFIGURATION_ERROR" },
    { 0xC0000225u, "STATUS_NOT_FOUND" },
    { 0xC0000365u, "STATUS_FAILED_DRIVER_ENTRY" },
};

const char *status_name(NTSTATUS status)
{
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].value == (unsigned)status)
            return names[i].name;
    return 0;
}
