"""Sample code the tests share: hand-written-looking handlers and an assistant-style
function (written here, by an AI model, for the tests)."""

from __future__ import annotations


def handlers(n: int) -> str:
    """`n` small hand-written-looking request handlers."""
    return "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(n))


# An assistant-style function: typed, documented, commented, formatted; long enough
# (over 150 tokens) for the content model to judge; ends with a blank line.
AI_BLOCK = '''def parse_duration(value: str) -> int:
    """Parse a duration such as '1h30m' into seconds.

    Args:
        value: The duration string, made of numbers followed by h, m or s.

    Returns:
        The total number of seconds.

    Raises:
        ValueError: If the string contains an unknown unit or a unit without a number.
    """
    # Map each unit suffix to its length in seconds.
    units = {"h": 3600, "m": 60, "s": 1}
    total, number = 0, ""
    for ch in value:
        if ch.isdigit():
            # Accumulate the digits of the current number.
            number += ch
        elif ch in units and number:
            # Apply the unit to the number collected so far.
            total += int(number) * units[ch]
            number = ""
        else:
            raise ValueError(f"Invalid duration string: {value!r} (unexpected {ch!r})")
    return total

'''


# An answer as a chat assistant gives it: two helpers, pasted whole into an editor.
AI_ANSWER = '''def chunked(items: list, size: int) -> list[list]:
    """Split items into consecutive chunks of at most `size` elements."""
    if size <= 0:
        raise ValueError("size must be a positive integer")
    return [items[i : i + size] for i in range(0, len(items), size)]


def flatten(nested: list[list]) -> list:
    """Flatten one level of nesting, keeping the original order of the elements."""
    result = []
    for group in nested:
        # Extend rather than append so that every element lands at the top level.
        result.extend(group)
    return result
'''
