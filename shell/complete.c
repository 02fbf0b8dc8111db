#include "shell/complete.h"

#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"
#include "shell/args.h"

static void offer_commands(const struct complete_source *src, struct lineedit *le)
{
    for (unsigned i = 0; i < src->count; i++)
        lineedit_offer(le, src->commands[i].name);
}

static void offer_all(struct lineedit *le, const char *const *names)
{
    for (; *names; names++)
        lineedit_offer(le, *names);
}

/* argv holds the words before the one being completed; argc may be 0. */
static void offer_next(const struct complete_source *src, struct lineedit *le, char **argv, int argc)
{
    if (argc == 0) {
        offer_commands(src, le);
        return;
    }
    const struct command *cmd = 0;
    for (unsigned i = 0; i < src->count && !cmd; i++)
        if (strcmp(src->commands[i].name, argv[0]) == 0)
            cmd = &src->commands[i];
    if (!cmd)
        return;
    int arg = argc - 1; /* the position of the word being completed among cmd's arguments */
    for (int k = 0; k < COMMAND_ARG_SLOTS && k <= arg; k++)
        if (cmd->args[k] == ARG_COMMAND_LINE) {
            offer_next(src, le, argv + 1 + k, argc - 1 - k);
            return;
        }
    switch (arg < COMMAND_ARG_SLOTS ? cmd->args[arg] : ARG_OTHER) {
    case ARG_COMMAND:
        offer_commands(src, le);
        break;
    case ARG_POOL_TYPE:
        for (unsigned i = 0; i < ARGS_POOL_TYPES; i++)
            if (args_pool_type_names[i])
                lineedit_offer(le, args_pool_type_names[i]);
        break;
    case ARG_IRQL:
        offer_all(le, src->irql_names);
        break;
    case ARG_DRIVER:
        offer_all(le, src->driver_names);
        break;
    case ARG_COMMAND_LINE:
    case ARG_OTHER:
        break;
    }
}

void complete_words(void *ctx, struct lineedit *le, const char *line, size_t start)
{
    char words[LINEEDIT_MAX];
    char *argv[COMMAND_MAX_WORDS];
    if (start >= sizeof(words))
        return;
    memcpy(words, line, start);
    words[start] = '\0';
    int argc = split_words(words, argv, COMMAND_MAX_WORDS);
    if (argc >= 0)
        offer_next(ctx, le, argv, argc);
}
