"""pg-tag: a pool tag both ways, as the console shows tags (memory byte order, '.' for unprintable)
and as C writes them (the value, which in source is the reversed multi-character literal)."""
import re

from .common import Command, Usage


def tag_text(value):
    """args_format_tag() of shell/args.c."""
    return "".join(chr(c) if 0x20 <= c < 0x7F else "." for c in ((value >> (8 * i)) & 0xFF for i in range(4)))


class TagCommand(Command):
    """pg-tag <value|text>: a pool tag as text and as the ULONG value (a number is a value, else text)."""
    NAME, USAGE = "pg-tag", "<0x hex or decimal value | 1 to 4 printable characters>"
    ARGS = (1, 1)

    def run(self, args):
        word = args[0]
        if re.fullmatch(r"0[xX][0-9a-fA-F]{1,8}|[0-9]+", word) and int(word, 0) <= 0xFFFFFFFF:
            value = int(word, 0)
        elif 1 <= len(word) <= 4 and all(0x20 <= ord(c) < 0x7F for c in word):
            value = sum(ord(c) << (8 * i) for i, c in enumerate(word.ljust(4)))  # padded with spaces
        else:
            raise Usage("'%s': not a tag (1 to 4 printable characters, or its value)" % word)
        text = tag_text(value)
        literal = text[::-1].replace("\\", "\\\\").replace("'", "\\'")
        print("tag %s value 0x%08x (C: '%s')" % (text, value, literal))
