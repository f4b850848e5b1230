from collections import Counter
import re
import unicodedata


def slugify(text: str, max_length: int = 50) -> str:
    """
    Convert a string into a URL-friendly slug.

    Example:
        >>> slugify("Hello, World! Ça va?")
        'hello-world-ca-va'
    """
    # Normalize unicode characters to their closest ASCII equivalent
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    # Replace any run of non-alphanumeric characters with a single hyphen
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    # Truncate without cutting a word in half
    if len(text) > max_length:
        text = text[:max_length].rsplit("-", 1)[0]
    return text


def word_frequencies(text: str, top_n: int = 10, stopwords: set[str] | None = None) -> list[tuple[str, int]]:
    """Return the most common words in the text, ignoring case and stopwords."""
    stopwords = stopwords or {"the", "a", "an", "and", "or", "of", "to", "in", "is", "it"}
    words = re.findall(r"\b[a-z']+\b", text.lower())
    filtered_words = [word for word in words if word not in stopwords and len(word) > 1]
    return Counter(filtered_words).most_common(top_n)


def truncate(text: str, limit: int, suffix: str = "...") -> str:
    """Truncate text to at most `limit` characters, adding a suffix if it was cut."""
    if limit <= len(suffix):
        raise ValueError("limit must be greater than the length of the suffix")
    if len(text) <= limit:
        return text
    return text[: limit - len(suffix)].rstrip() + suffix


def is_palindrome(text: str) -> bool:
    """Check whether a string reads the same forwards and backwards (ignoring punctuation)."""
    cleaned = "".join(char.lower() for char in text if char.isalnum())
    return cleaned == cleaned[::-1]


if __name__ == "__main__":
    sample = "The quick brown fox jumps over the lazy dog. The dog sleeps."
    print(slugify("Hello, World! Ça va?"))
    print(word_frequencies(sample, top_n=3))
    print(truncate(sample, 20))
    print(is_palindrome("A man, a plan, a canal: Panama"))
