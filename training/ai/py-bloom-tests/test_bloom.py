import math
import random
import string

import pytest

from bloom import BloomFilter, optimal_params


@pytest.fixture
def bf():
    return BloomFilter(capacity=500, error_rate=0.01)


@pytest.fixture
def words():
    rng = random.Random(1234)
    return ["".join(rng.choices(string.ascii_lowercase, k=12)) for _ in range(500)]


@pytest.mark.parametrize(
    "capacity, rate, bits, hashes",
    [
        (1000, 0.01, 9586, 7),
        (100, 0.1, 480, 3),
        (1, 0.5, 2, 1),
    ],
)
def test_optimal_params_known_values(capacity, rate, bits, hashes):
    assert optimal_params(capacity, rate) == (bits, hashes)


@pytest.mark.parametrize("capacity", [0, -5])
def test_optimal_params_rejects_bad_capacity(capacity):
    with pytest.raises(ValueError, match="capacity"):
        optimal_params(capacity, 0.01)


@pytest.mark.parametrize("rate", [0, 1, -0.1, 1.5])
def test_optimal_params_rejects_bad_rate(rate):
    with pytest.raises(ValueError, match="error_rate"):
        optimal_params(10, rate)


def test_lower_error_rate_needs_more_bits():
    assert optimal_params(1000, 0.001)[0] > optimal_params(1000, 0.01)[0]


def test_empty_filter_contains_nothing(bf, words):
    assert not any(w in bf for w in words)
    assert len(bf) == 0
    assert bf.fill_ratio() == 0


@pytest.mark.parametrize("item", ["hello", "", "ünïcödé", b"\x00\xff", 0, -1, 2**70])
def test_added_item_is_found(bf, item):
    bf.add(item)
    assert item in bf


def test_str_and_bytes_are_equivalent(bf):
    bf.add("abc")
    assert b"abc" in bf


def test_unsupported_type(bf):
    with pytest.raises(TypeError, match="float"):
        bf.add(1.5)
    with pytest.raises(TypeError):
        _ = [1] in bf


def test_no_false_negatives(bf, words):
    bf.update(words)
    assert all(w in bf for w in words)


def test_add_reports_new_items(bf):
    assert bf.add("x") is True
    assert bf.add("x") is False
    assert len(bf) == 1


def test_false_positive_rate_close_to_target(bf, words):
    bf.update(words)
    rng = random.Random(99)
    probes = ["".join(rng.choices(string.ascii_uppercase, k=12)) for _ in range(20_000)]
    fp = sum(p in bf for p in probes) / len(probes)
    # generous bound: three times the configured rate
    assert fp < 0.03


def test_estimated_fp_rate_tracks_fill(bf, words):
    before = bf.estimated_fp_rate()
    bf.update(words)
    after = bf.estimated_fp_rate()
    assert before == 0
    assert 0 < after < 0.05
    assert math.isclose(after, bf.fill_ratio() ** bf.num_hashes)


class TestUnion:
    def test_union_contains_both(self, words):
        a, b = BloomFilter(500, 0.01), BloomFilter(500, 0.01)
        a.update(words[:250])
        b.update(words[250:])
        u = a | b
        assert all(w in u for w in words)

    def test_union_does_not_mutate_operands(self):
        a, b = BloomFilter(10, 0.1), BloomFilter(10, 0.1)
        a.add("a")
        b.add("b")
        snapshot = a.to_bytes(), b.to_bytes()
        _ = a | b
        assert (a.to_bytes(), b.to_bytes()) == snapshot

    def test_incompatible_filters(self):
        with pytest.raises(ValueError, match="different parameters"):
            BloomFilter(10, 0.1) | BloomFilter(1000, 0.1)


class TestSerialization:
    def test_round_trip(self, bf, words):
        bf.update(words[:100])
        clone = BloomFilter.from_bytes(bf.to_bytes())
        assert clone.num_bits == bf.num_bits
        assert clone.num_hashes == bf.num_hashes
        assert len(clone) == 100
        assert all(w in clone for w in words[:100])

    def test_round_trip_through_file(self, bf, tmp_path):
        bf.add("persisted")
        path = tmp_path / "filter.bin"
        path.write_bytes(bf.to_bytes())
        assert "persisted" in BloomFilter.from_bytes(path.read_bytes())

    def test_truncated_header(self):
        with pytest.raises(ValueError, match="truncated"):
            BloomFilter.from_bytes(b"\x00" * 4)

    def test_body_length_mismatch(self, bf):
        with pytest.raises(ValueError, match="does not match"):
            BloomFilter.from_bytes(bf.to_bytes()[:-1])
