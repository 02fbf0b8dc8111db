/* Parsing of user-typed values: numbers in decimal or 0x hexadecimal with overflow caught, and the
 * splitting of a command line into words. */
#ifndef PAGODA_KPARSE_H
#define PAGODA_KPARSE_H

#include <stddef.h>
#include <stdint.h>

enum parse_status {
    PARSE_OK = 0,
    PARSE_EMPTY,     /* nothing to parse */
    PARSE_BAD_DIGIT, /* a character that is not a digit of the base */
    PARSE_OVERFLOW,  /* does not fit in 32 bits */
    PARSE_RANGE,     /* a valid number outside the allowed range */
};

/* Parses all of s as an unsigned 32-bit number: decimal, or hexadecimal after 0x/0X. */
enum parse_status parse_u32(const char *s, uint32_t *out);
/* parse_u32, then checks min <= value <= max. */
enum parse_status parse_u32_range(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* A short phrase for a status, for error lines ("not a number", "too large", ...). */
const char *parse_status_text(enum parse_status st);

/* Splits line in place at runs of spaces and tabs. Returns the number of words, or -1 if there are
 * more than max_words (argv then holds the first max_words). */
int split_words(char *line, char **argv, int max_words);

#endif
