/* RtlHashUnicodeString: Windows' one string hash, x65599 (DEFAULT names it too): each character, upcased
 * when case does not count, is added to the hash times 65599, in 32 bits. */
#include "kernel/rtl_string.h"
#include "kernel/wdm.h"

NTSTATUS NTAPI RtlHashUnicodeString(PCUNICODE_STRING String, BOOLEAN CaseInSensitive, ULONG HashAlgorithm,
                                    PULONG HashValue)
{
    if (!String || !HashValue ||
        (HashAlgorithm != HASH_STRING_ALGORITHM_DEFAULT && HashAlgorithm != HASH_STRING_ALGORITHM_X65599))
        return STATUS_INVALID_PARAMETER;
    uint32_t hash = 0;
    for (USHORT i = 0; i < String->Length / sizeof(WCHAR); i++)
        hash = hash * 65599u + (CaseInSensitive ? rtl_upcase(String->Buffer[i]) : String->Buffer[i]);
    *HashValue = hash;
    return STATUS_SUCCESS;
}
