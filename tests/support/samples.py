"""Sample code the tests share: hand-written-looking handlers and an assistant-style
function (written here, by an AI model, for the tests)."""

from __future__ import annotations


def handlers(n: int) -> str:
    """`n` small hand-written-looking request handlers."""
    return "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(n))


# An assistant-style function: typed, documented, formatted; ends with a blank line.
AI_BLOCK = '''def parse_duration(value: str) -> int:
    """Parse a duration such as '1h30m' into seconds."""
    units = {"h": 3600, "m": 60, "s": 1}
    total, number = 0, ""
    for ch in value:
        if ch.isdigit():
            number += ch
        elif ch in units and number:
            total += int(number) * units[ch]
            number = ""
        else:
            raise ValueError(f"bad duration: {value!r}")
    return total

'''
