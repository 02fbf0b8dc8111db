/* What drivers ask of a thread or the process through a handle: ZwQueryInformationThread,
 * ZwSetInformationThread and ZwQueryInformationProcess, for the classes Pagoda can answer truly; any
 * other class is STATUS_INVALID_INFO_CLASS. A buffer whose length is not the class's size is
 * STATUS_INFO_LENGTH_MISMATCH, as NT checks (ProcessImageFileName: at least its UNICODE_STRING). The
 * handle is a thread's (PsCreateSystemThread) or NtCurrentThread(), NtCurrentProcess() for the
 * process; another is STATUS_INVALID_HANDLE or STATUS_OBJECT_TYPE_MISMATCH. At PASSIVE_LEVEL: above it
 * 0xC4 (0x2001F, IrqlZwPassive). */
#include "kernel/thread.h"
#include "drivers/ob_handle.h"

#define THREAD_BASIC_INFORMATION_CLASS 0
#define THREAD_PRIORITY_CLASS 2
#define THREAD_AFFINITY_MASK_CLASS 4
#define THREAD_IS_TERMINATED_CLASS 20
#define PROCESS_BASIC_INFORMATION_CLASS 0
#define PROCESS_IMAGE_FILE_NAME_CLASS 27
#define LOW_PRIORITY 0
#define HIGH_PRIORITY 31

/* x86 Windows' layouts (ntddk.h's PROCESS_BASIC_INFORMATION; THREAD_BASIC_INFORMATION as NT has it). */
struct thread_basic_information {
    NTSTATUS ExitStatus;
    PVOID TebBaseAddress;
    CLIENT_ID ClientId;
    KAFFINITY AffinityMask;
    KPRIORITY Priority;
    KPRIORITY BasePriority;
};
struct process_basic_information {
    NTSTATUS ExitStatus;
    PVOID PebBaseAddress;
    ULONG_PTR AffinityMask;
    KPRIORITY BasePriority;
    ULONG_PTR UniqueProcessId;
    ULONG_PTR InheritedFromUniqueProcessId;
};

/* STATUS_INFO_LENGTH_MISMATCH unless length is size; *ReturnLength the size either way. */
static NTSTATUS sized(ULONG length, ULONG size, PULONG ReturnLength)
{
    if (ReturnLength)
        *ReturnLength = size;
    return length == size ? STATUS_SUCCESS : STATUS_INFO_LENGTH_MISMATCH;
}

NTSTATUS NTAPI ZwQueryInformationThread(HANDLE ThreadHandle, ULONG ThreadInformationClass, PVOID ThreadInformation,
                                        ULONG ThreadInformationLength, PULONG ReturnLength)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwQueryInformationThread above PASSIVE_LEVEL");
    if (ThreadInformationClass != THREAD_BASIC_INFORMATION_CLASS && ThreadInformationClass != THREAD_IS_TERMINATED_CLASS)
        return STATUS_INVALID_INFO_CLASS;
    PVOID object;
    NTSTATUS status = ObReferenceObjectByHandle(ThreadHandle, 0, *PsThreadType, KernelMode, &object, 0);
    if (!NT_SUCCESS(status))
        return status;
    PKTHREAD t = object;
    bool ended = t->state == THREAD_TERMINATED;
    if (ThreadInformationClass == THREAD_IS_TERMINATED_CLASS) {
        status = sized(ThreadInformationLength, sizeof(ULONG), ReturnLength);
        if (NT_SUCCESS(status))
            *(PULONG)ThreadInformation = ended;
    } else {
        status = sized(ThreadInformationLength, sizeof(struct thread_basic_information), ReturnLength);
        if (NT_SUCCESS(status))
            *(struct thread_basic_information *)ThreadInformation = (struct thread_basic_information){
                .ExitStatus = ended ? t->exit_status : STATUS_PENDING,
                .ClientId = { PsGetCurrentProcessId(), (HANDLE)(uintptr_t)t->id },
                .AffinityMask = 1,
                .Priority = t->priority,
                .BasePriority = t->priority, /* no boosts: the priority is the base */
            };
    }
    ObfDereferenceObject(object);
    return status;
}

/* ThreadPriority (LOW_PRIORITY < priority <= HIGH_PRIORITY, else STATUS_INVALID_PARAMETER), as
 * KeSetPriorityThread sets it; ThreadAffinityMask, which must hold the one processor. */
NTSTATUS NTAPI ZwSetInformationThread(HANDLE ThreadHandle, ULONG ThreadInformationClass, PVOID ThreadInformation,
                                      ULONG ThreadInformationLength)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwSetInformationThread above PASSIVE_LEVEL");
    if (ThreadInformationClass != THREAD_PRIORITY_CLASS && ThreadInformationClass != THREAD_AFFINITY_MASK_CLASS)
        return STATUS_INVALID_INFO_CLASS;
    PVOID object;
    NTSTATUS status = ObReferenceObjectByHandle(ThreadHandle, 0, *PsThreadType, KernelMode, &object, 0);
    if (!NT_SUCCESS(status))
        return status;
    status = sized(ThreadInformationLength, sizeof(ULONG), 0); /* KPRIORITY and KAFFINITY alike */
    if (NT_SUCCESS(status) && ThreadInformationClass == THREAD_PRIORITY_CLASS) {
        KPRIORITY priority = *(KPRIORITY *)ThreadInformation;
        if (priority <= LOW_PRIORITY || priority > HIGH_PRIORITY)
            status = STATUS_INVALID_PARAMETER;
        else
            KeSetPriorityThread(object, priority);
    } else if (NT_SUCCESS(status) && !(*(KAFFINITY *)ThreadInformation & 1)) {
        status = STATUS_INVALID_PARAMETER;
    }
    ObfDereferenceObject(object);
    return status;
}

/* ProcessBasicInformation, and ProcessImageFileName: the System process has no image file, so an
 * empty name, as Windows gives it. */
NTSTATUS NTAPI ZwQueryInformationProcess(HANDLE ProcessHandle, ULONG ProcessInformationClass,
                                         PVOID ProcessInformation, ULONG ProcessInformationLength,
                                         PULONG ReturnLength)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: ZwQueryInformationProcess above PASSIVE_LEVEL");
    if (ProcessInformationClass != PROCESS_BASIC_INFORMATION_CLASS &&
        ProcessInformationClass != PROCESS_IMAGE_FILE_NAME_CLASS)
        return STATUS_INVALID_INFO_CLASS;
    PVOID object;
    NTSTATUS status = ObReferenceObjectByHandle(ProcessHandle, 0, *PsProcessType, KernelMode, &object, 0);
    if (!NT_SUCCESS(status))
        return status;
    if (ProcessInformationClass == PROCESS_IMAGE_FILE_NAME_CLASS) {
        status = sized(ProcessInformationLength < sizeof(UNICODE_STRING) ? 0 : sizeof(UNICODE_STRING),
                       sizeof(UNICODE_STRING), ReturnLength);
        if (NT_SUCCESS(status))
            *(PUNICODE_STRING)ProcessInformation = (UNICODE_STRING){
                .Buffer = (PWCH)((PUNICODE_STRING)ProcessInformation + 1) };
    } else {
        status = sized(ProcessInformationLength, sizeof(struct process_basic_information), ReturnLength);
        if (NT_SUCCESS(status))
            *(struct process_basic_information *)ProcessInformation = (struct process_basic_information){
                .ExitStatus = STATUS_PENDING,
                .AffinityMask = 1,
                .BasePriority = THREAD_PRIORITY_DEFAULT,
                .UniqueProcessId = (ULONG_PTR)PsGetCurrentProcessId(),
            };
    }
    ObfDereferenceObject(object);
    return status;
}
