/* reg: the registry (drivers/registry.h) from the console, like Windows' reg.exe: query a key, add a key
 * or a value, delete one, so a user can give a driver its Parameters before `load`. Paths are
 * \Registry\... (HKLM\ for \Registry\Machine\ too), compared case-insensitively; `reg query` takes the
 * rest of the line as the path, so a name with a space (Windows NT) can be typed. */
#include "shell/cmd_registry.h"

#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"
#include "drivers/registry.h"
#include "shell/lineedit.h"
#include "shell/status_names.h"

#define DATA_SHOWN 32 /* bytes of binary data a query line shows */

static const struct {
    const char *name;
    ULONG type;
} types[] = {
    { "REG_NONE", REG_NONE },   { "REG_SZ", REG_SZ },       { "REG_EXPAND_SZ", REG_EXPAND_SZ },
    { "REG_BINARY", REG_BINARY }, { "REG_DWORD", REG_DWORD }, { "REG_MULTI_SZ", REG_MULTI_SZ },
    { "REG_QWORD", REG_QWORD },
};
#define TYPES (sizeof types / sizeof types[0])

static const char *type_name(ULONG type)
{
    for (unsigned i = 0; i < TYPES; i++)
        if (types[i].type == type)
            return types[i].name;
    return "REG_(other)";
}

static bool same_text(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20))
            return false;
    return *a == *b;
}

/* The word as a wide string in buffer; HKLM\ stands for \Registry\Machine\. */
static UNICODE_STRING wide_path(const char *word, WCHAR *buffer, size_t capacity)
{
    size_t n = 0;
    if (strncmp(word, "HKLM", 4) == 0 && (word[4] == '\\' || !word[4])) {
        for (const char *c = "\\Registry\\Machine"; *c; c++)
            buffer[n++] = (WCHAR)*c;
        word += 4;
    }
    for (; *word && n < capacity; word++)
        buffer[n++] = (WCHAR)(UCHAR)*word;
    return (UNICODE_STRING){ (USHORT)(n * sizeof(WCHAR)), (USHORT)(capacity * sizeof(WCHAR)), buffer };
}

static void print_wide(const WCHAR *s, ULONG chars)
{
    for (ULONG i = 0; i < chars && s[i]; i++)
        console_putc(s[i] >= ' ' && s[i] <= '~' ? (char)s[i] : '?');
}

static int failed(const char *what, const char *word, NTSTATUS status)
{
    const char *name = status_name(status);
    const char *why = status == STATUS_OBJECT_NAME_NOT_FOUND    ? "no such key or value"
                      : status == STATUS_OBJECT_PATH_NOT_FOUND  ? "not under \\Registry"
                      : status == STATUS_OBJECT_PATH_SYNTAX_BAD ? "a path starts \\Registry\\ or HKLM\\"
                      : status == STATUS_OBJECT_NAME_INVALID    ? "an empty name or one over 255 characters"
                      : status == STATUS_CANNOT_DELETE          ? "it has subkeys, or the registry starts with it"
                                                                : "the registry refused";
    console_error("reg: %s '%s': %s (%s, 0x%08x)", what, word, why, name ? name : "NTSTATUS", (unsigned)status);
    return -1;
}

static void print_value(const struct reg_value *v)
{
    kprintf("    ");
    if (v->name_length)
        print_wide(v->name, v->name_length / sizeof(WCHAR));
    else
        kprintf("(Default)");
    kprintf("    %s    ", type_name(v->type));
    const WCHAR *w = (const WCHAR *)v->data;
    ULONG chars = v->data_length / sizeof(WCHAR);
    if (v->type == REG_DWORD && v->data_length == 4) {
        kprintf("0x%x", (unsigned)*(const ULONG *)v->data);
    } else if (v->type == REG_QWORD && v->data_length == 8) {
        const ULONG *q = (const ULONG *)v->data;
        if (q[1])
            kprintf("0x%x%08x", (unsigned)q[1], (unsigned)q[0]);
        else
            kprintf("0x%x", (unsigned)q[0]);
    } else if (v->type == REG_SZ || v->type == REG_EXPAND_SZ) {
        print_wide(w, chars);
    } else if (v->type == REG_MULTI_SZ) { /* the strings joined by \0, as reg.exe shows them */
        for (ULONG i = 0; i < chars && w[i]; i++) {
            ULONG start = i;
            while (i < chars && w[i])
                i++;
            if (start)
                kprintf("\\0");
            print_wide(w + start, i - start);
        }
    } else {
        for (ULONG i = 0; i < v->data_length && i < DATA_SHOWN; i++)
            kprintf("%02X", v->data[i]);
        if (v->data_length > DATA_SHOWN)
            kprintf("...");
    }
    kprintf("\n");
}

static void print_key_name(const struct reg_key *key)
{
    WCHAR name[REGISTRY_PATH_MAX];
    ULONG bytes = registry_full_name(key, name, sizeof name);
    print_wide(name, (bytes < sizeof name ? bytes : sizeof name) / sizeof(WCHAR));
    kprintf("\n");
}

/* The key's full name, its values, then each subkey's full name after an empty line. */
static int reg_query(int argc, char **argv)
{
    char line[LINEEDIT_MAX];
    size_t n = 0;
    for (int i = 2; i < argc; i++) { /* the rest of the line: a name may hold a space */
        n += strlcpy(line + n, argv[i], sizeof line - n);
        if (i + 1 < argc && n + 1 < sizeof line)
            line[n++] = ' ';
    }
    line[n < sizeof line ? n : sizeof line - 1] = '\0';
    WCHAR buffer[REGISTRY_PATH_MAX];
    UNICODE_STRING path = wide_path(line, buffer, REGISTRY_PATH_MAX);
    struct reg_key *key;
    NTSTATUS status = registry_open(0, &path, &key);
    if (!NT_SUCCESS(status))
        return failed("key", line, status);
    print_key_name(key);
    const struct reg_value *v;
    for (ULONG i = 0; (v = registry_value_at(key, i)); i++)
        print_value(v);
    const struct reg_key *sub;
    for (ULONG i = 0; (sub = registry_subkey_at(key, i)); i++) {
        if (i == 0)
            kprintf("\n");
        print_key_name(sub);
    }
    registry_release(key);
    return 0;
}

static bool hex_digit(char c, UCHAR *out)
{
    char l = (char)(c | 0x20);
    if (c >= '0' && c <= '9')
        *out = (UCHAR)(c - '0');
    else if (l >= 'a' && l <= 'f')
        *out = (UCHAR)(l - 'a' + 10);
    else
        return false;
    return true;
}

/* The data word as the type stores it: a number for REG_DWORD and REG_QWORD (decimal or 0x), the text
 * for the strings (terminated; REG_MULTI_SZ's strings separated by \0, as reg.exe takes them), hex
 * digits for REG_BINARY and REG_NONE. Returns the phrase for the error line, or NULL. */
static const char *parse_data(ULONG type, const char *word, UCHAR *out, ULONG capacity, ULONG *length)
{
    if (type == REG_DWORD) {
        uint32_t v;
        if (parse_u32(word, &v) != PARSE_OK)
            return "not a 32-bit number (decimal or 0x hex)";
        memcpy(out, &v, sizeof v);
        *length = sizeof v;
    } else if (type == REG_QWORD) {
        uint32_t v;
        if (parse_u32(word, &v) != PARSE_OK)
            return "not a number up to 32 bits (decimal or 0x hex)";
        memset(out, 0, 8);
        memcpy(out, &v, sizeof v);
        *length = 8;
    } else if (type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ) {
        WCHAR *w = (WCHAR *)out;
        ULONG n = 0, max = capacity / sizeof(WCHAR) - 2;
        for (const char *c = word; *c && n < max; c++) {
            bool separator = type == REG_MULTI_SZ && c[0] == '\\' && c[1] == '0';
            w[n++] = separator ? 0 : (WCHAR)(UCHAR)*c;
            c += separator;
        }
        w[n++] = 0;
        if (type == REG_MULTI_SZ)
            w[n++] = 0;
        *length = n * sizeof(WCHAR);
    } else {
        ULONG n = 0;
        for (const char *c = word; c[0]; c += 2) {
            UCHAR hi, lo;
            if (!c[1] || !hex_digit(c[0], &hi) || !hex_digit(c[1], &lo) || n == capacity)
                return "not an even number of hex digits";
            out[n++] = (UCHAR)(hi << 4 | lo);
        }
        *length = n;
    }
    return 0;
}

static UNICODE_STRING wide_name(const char *word, WCHAR *buffer, size_t capacity)
{
    size_t n = 0;
    if (!same_text(word, "(default)"))
        for (; word[n] && n < capacity; n++)
            buffer[n] = (WCHAR)(UCHAR)word[n];
    return (UNICODE_STRING){ (USHORT)(n * sizeof(WCHAR)), (USHORT)(capacity * sizeof(WCHAR)), buffer };
}

/* The key and every missing one above it (as reg.exe does), then the value when one is given. */
static int reg_add(int argc, char **argv)
{
    if (argc != 3 && argc != 6)
        return ARGS_USAGE;
    UCHAR data[LINEEDIT_MAX * sizeof(WCHAR)];
    ULONG length = 0, type = REG_NONE;
    if (argc == 6) {
        unsigned i = 0;
        while (i < TYPES && !same_text(argv[4], types[i].name))
            i++;
        if (i == TYPES) {
            console_error("reg: '%s': not a value type (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD, "
                          "REG_BINARY or REG_NONE)",
                          argv[4]);
            return -1;
        }
        type = types[i].type;
        const char *why = parse_data(type, argv[5], data, sizeof data, &length);
        if (why) {
            console_error("reg: '%s': %s (data for %s)", argv[5], why, types[i].name);
            return -1;
        }
    }
    WCHAR buffer[REGISTRY_PATH_MAX], name[LINEEDIT_MAX];
    UNICODE_STRING path = wide_path(argv[2], buffer, REGISTRY_PATH_MAX);
    struct reg_key *key;
    ULONG disposition;
    NTSTATUS status = registry_create(0, &path, 0, true, &key, &disposition);
    if (!NT_SUCCESS(status))
        return failed("key", argv[2], status);
    if (argc == 6) {
        UNICODE_STRING value = wide_name(argv[3], name, LINEEDIT_MAX);
        status = registry_set_value(key, &value, type, data, length);
    }
    registry_release(key);
    if (!NT_SUCCESS(status))
        return failed("value", argv[3], status);
    if (argc == 6)
        kprintf("reg: %s set on %s\n", argv[3], argv[2]);
    else
        kprintf("reg: %s %s\n", argv[2], disposition == REG_CREATED_NEW_KEY ? "created" : "exists already");
    return 0;
}

/* A key without subkeys (as ZwDeleteKey: delete them first), or one value of it. */
static int reg_delete(int argc, char **argv)
{
    if (argc != 3 && argc != 4)
        return ARGS_USAGE;
    WCHAR buffer[REGISTRY_PATH_MAX], name[LINEEDIT_MAX];
    UNICODE_STRING path = wide_path(argv[2], buffer, REGISTRY_PATH_MAX);
    struct reg_key *key;
    NTSTATUS status = registry_open(0, &path, &key);
    if (!NT_SUCCESS(status))
        return failed("key", argv[2], status);
    if (argc == 4) {
        UNICODE_STRING value = wide_name(argv[3], name, LINEEDIT_MAX);
        status = registry_delete_value(key, &value);
    } else {
        status = registry_delete_key(key);
    }
    registry_release(key);
    if (!NT_SUCCESS(status))
        return failed(argc == 4 ? "value" : "key", argv[argc - 1], status);
    kprintf("reg: %s deleted\n", argv[argc - 1]);
    return 0;
}

/* The registry is in paged pool, as on Windows: at PASSIVE_LEVEL only (`at` cannot raise it here). */
int cmd_reg(int argc, char **argv)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
        console_error("reg: the registry is pageable: only at PASSIVE_LEVEL (the IRQL is %s)",
                      irql_name(KeGetCurrentIrql()));
        return -1;
    }
    if (strcmp(argv[1], "query") == 0)
        return argc >= 3 ? reg_query(argc, argv) : ARGS_USAGE;
    if (strcmp(argv[1], "add") == 0)
        return reg_add(argc, argv);
    if (strcmp(argv[1], "delete") == 0)
        return reg_delete(argc, argv);
    console_error("reg: '%s': not a subcommand (query, add or delete)", argv[1]);
    return -1;
}
