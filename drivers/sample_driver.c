/* "sample": a well-behaved driver. DriverEntry allocates its context from nonpaged pool and a buffer
 * from paged pool under its tag, and takes a few entries of a nonpaged lookaside list of its own;
 * DriverUnload gives all of it back. With pool tracking on it unloads clean. */
#include "drivers/driver.h"

#define SAMPLE_TAG 'lpmS'         /* "Smpl" */
#define SAMPLE_REQUEST_TAG 'qRmS' /* "SmRq" */
#define SAMPLE_REQUESTS 4

struct sample_context {
    NPAGED_LOOKASIDE_LIST requests;
    PVOID held[SAMPLE_REQUESTS];
    PVOID buffer; /* paged */
};

static struct sample_context *context;

static VOID NTAPI SampleUnload(PDRIVER_OBJECT DriverObject)
{
    (void)DriverObject;
    for (unsigned i = 0; i < SAMPLE_REQUESTS; i++)
        if (context->held[i])
            ExFreeToNPagedLookasideList(&context->requests, context->held[i]);
    ExDeleteNPagedLookasideList(&context->requests);
    if (context->buffer)
        ExFreePoolWithTag(context->buffer, SAMPLE_TAG);
    ExFreePoolWithTag(context, SAMPLE_TAG);
    context = 0;
}

static NTSTATUS NTAPI SampleDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    (void)RegistryPath;
    context = ExAllocatePoolWithTag(NonPagedPool, sizeof(*context), SAMPLE_TAG);
    if (!context)
        return STATUS_INSUFFICIENT_RESOURCES;
    ExInitializeNPagedLookasideList(&context->requests, 0, 0, 0, 64, SAMPLE_REQUEST_TAG, 0);
    context->buffer = ExAllocatePoolWithTag(PagedPool, 1024, SAMPLE_TAG);
    bool complete = context->buffer != 0;
    for (unsigned i = 0; i < SAMPLE_REQUESTS; i++)
        complete &= (context->held[i] = ExAllocateFromNPagedLookasideList(&context->requests)) != 0;
    if (!complete) { /* under low-resources simulation: undo and fail, as a driver must */
        SampleUnload(DriverObject);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    DriverObject->DriverUnload = SampleUnload;
    return STATUS_SUCCESS;
}

DRIVER_BUILTIN(sample_driver, "sample", SampleDriverEntry);
