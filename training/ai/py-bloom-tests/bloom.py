from __future__ import annotations

import hashlib
import math
import struct
from typing import Iterable


def optimal_params(capacity: int, error_rate: float) -> tuple[int, int]:
    """Return (bits, hashes) for the given capacity and false-positive rate."""
    if capacity <= 0:
        raise ValueError("capacity must be positive")
    if not 0 < error_rate < 1:
        raise ValueError("error_rate must be in (0, 1)")
    m = math.ceil(-capacity * math.log(error_rate) / (math.log(2) ** 2))
    k = max(1, round(m / capacity * math.log(2)))
    return m, k


class BloomFilter:
    def __init__(self, capacity: int = 1000, error_rate: float = 0.01):
        self.capacity = capacity
        self.error_rate = error_rate
        self.num_bits, self.num_hashes = optimal_params(capacity, error_rate)
        self._bits = bytearray((self.num_bits + 7) // 8)
        self.count = 0

    @staticmethod
    def _key(item) -> bytes:
        if isinstance(item, bytes):
            return item
        if isinstance(item, str):
            return item.encode("utf-8")
        if isinstance(item, int):
            return item.to_bytes((item.bit_length() + 8) // 8 or 1, "big", signed=True)
        raise TypeError(f"unsupported type {type(item).__name__}")

    def _positions(self, item) -> Iterable[int]:
        digest = hashlib.sha256(self._key(item)).digest()
        h1, h2 = struct.unpack_from("<QQ", digest)
        for i in range(self.num_hashes):
            yield (h1 + i * h2) % self.num_bits

    def add(self, item) -> bool:
        """Add item; return True if it was (probably) not present before."""
        new = False
        for pos in self._positions(item):
            byte, bit = divmod(pos, 8)
            if not self._bits[byte] & (1 << bit):
                new = True
                self._bits[byte] |= 1 << bit
        if new:
            self.count += 1
        return new

    def update(self, items: Iterable) -> None:
        for item in items:
            self.add(item)

    def __contains__(self, item) -> bool:
        return all(self._bits[p // 8] & (1 << (p % 8)) for p in self._positions(item))

    def __len__(self) -> int:
        return self.count

    def fill_ratio(self) -> float:
        ones = sum(bin(b).count("1") for b in self._bits)
        return ones / self.num_bits

    def estimated_fp_rate(self) -> float:
        return self.fill_ratio() ** self.num_hashes

    def _check_compatible(self, other: "BloomFilter") -> None:
        if (self.num_bits, self.num_hashes) != (other.num_bits, other.num_hashes):
            raise ValueError("filters have different parameters")

    def __or__(self, other: "BloomFilter") -> "BloomFilter":
        self._check_compatible(other)
        out = BloomFilter(self.capacity, self.error_rate)
        out._bits = bytearray(a | b for a, b in zip(self._bits, other._bits))
        out.count = max(self.count, other.count)
        return out

    def to_bytes(self) -> bytes:
        header = struct.pack("<IdQ", self.capacity, self.error_rate, self.count)
        return header + bytes(self._bits)

    @classmethod
    def from_bytes(cls, data: bytes) -> "BloomFilter":
        size = struct.calcsize("<IdQ")
        if len(data) < size:
            raise ValueError("truncated header")
        capacity, error_rate, count = struct.unpack_from("<IdQ", data)
        bf = cls(capacity, error_rate)
        body = data[size:]
        if len(body) != len(bf._bits):
            raise ValueError("bit array length does not match header")
        bf._bits = bytearray(body)
        bf.count = count
        return bf
