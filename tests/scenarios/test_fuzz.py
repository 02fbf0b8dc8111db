"""Fuzzing the console: thousands of random lines full of editing keys and escape sequences, then raw
bytes; the shell must still answer and the kernel must not have stopped.

Nothing here contains a lowercase letter, and every command name is lowercase: no line, however the
keys edit it, completes it (TAB) or recalls it (up arrow), can name a command such as poweroff or crash."""
import random
import string

from qemu import Machine, check

WORD_CHARS = string.ascii_uppercase + string.digits + "!#$%&()*+,-./:;<=>?@[]^_{|}~"
KEYS = ["\x01", "\x05", "\x15", "\x0c", "\t", "\t\t", "\b", "\x7f", "\x03", "\x1b", "\x00", "\x07", "\x80", "\xff",
        "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1bOA", "\x1bOB", "\x1bOC", "\x1bOD", "\x1bOH", "\x1bOF",
        "\x1b[H", "\x1b[F", "\x1b[1~", "\x1b[3~", "\x1b[4~", "\x1b[7~", "\x1b[8~", "\x1b[200~", "\x1b[12;34R",
        "\x1b[?25H", "\x1b[1;5C", "\x1b[99999999999999~", "\x1bX", "\x1b[", "\x1bO", "\x1b[5"]
ENDS = ["\r", "\n", "\r\n"]


def random_line(rng):
    parts = []
    for _ in range(rng.randrange(1, 8)):
        if rng.random() < 0.6:
            parts.append("".join(rng.choice(WORD_CHARS) for _ in range(rng.randrange(1, 10))) + " ")
        else:
            parts.append(rng.choice(KEYS))
    return "".join(parts) + rng.choice(ENDS)


def chunks(data, size):
    """Pieces of at most size characters, lines kept whole: each fits in the kernel's 4 KiB receive
    ring with a sync line after it, however slowly the shell echoes, so no byte is dropped."""
    piece = data[0][:0]
    for item in data:
        if len(piece) + len(item) > size:
            yield piece
            piece = data[0][:0]
        piece += item
    yield piece


def test_thousands_of_random_lines_and_bytes_leave_a_working_shell():
    rng = random.Random(6)
    lines = [random_line(rng) for _ in range(2000)]
    no_lowercase = [b for b in range(256) if not ord("a") <= b <= ord("z")]
    raw = bytes(rng.choice(no_lowercase) for _ in range(10000))
    check(not any(c in string.ascii_lowercase for c in "".join(lines)), "the fuzz could type a command")
    with Machine(timeout=60) as m:
        m.wait_prompt()
        for piece in chunks(lines, 3500):
            m.send(piece)
            m.sync()
        check(m.text().count("error: unknown command") > 800, "the shell did not answer most fuzz lines")
        for piece in chunks([bytes([b]) for b in raw], 3500):
            m.send(piece)
            m.sync()
        check("poweroff" in m.command("help"), "no help after the fuzz")
        check("STOP" not in m.text(), "the fuzz caused a bugcheck")
