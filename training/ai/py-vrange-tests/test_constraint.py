import pytest

from vrange import Clause, Constraint, ConstraintError, Version


@pytest.mark.parametrize(
    "spec, version, allowed",
    [
        (">=1.2", "1.2.0", True),
        (">=1.2", "1.1.9", False),
        (">1.2", "1.2.0", False),
        ("<2", "1.99.0", True),
        ("<2", "2.0.0", False),
        ("<=2", "2.0.0", True),
        ("==1.4.1", "1.4.1", True),
        ("=1.4.1", "1.4.1", True),
        ("1.4.1", "1.4.2", False),
        ("!=1.4.1", "1.4.2", True),
        (">=1.2,<2", "1.5.0", True),
        (">=1.2, <2", "2.0.0", False),
        (">=1.2 <2", "1.1.0", False),
        ("*", "42.0.0", True),
    ],
)
def test_comparison_operators(parse, spec, version, allowed):
    assert parse(spec).allows(version) is allowed


@pytest.mark.parametrize(
    "spec, inside, outside",
    [
        ("^1.2.3", ["1.2.3", "1.9.9"], ["1.2.2", "2.0.0"]),
        ("^0.2.3", ["0.2.3", "0.2.99"], ["0.3.0", "0.2.2"]),
        ("^0.0.3", ["0.0.3"], ["0.0.4", "0.1.0"]),
        ("^1", ["1.0.0", "1.99.0"], ["2.0.0", "0.9.0"]),
        ("^0", ["0.0.0", "0.9.9"], ["1.0.0"]),
        ("^0.0", ["0.0.0", "0.0.9"], ["0.1.0"]),
        ("~1.2.3", ["1.2.3", "1.2.9"], ["1.3.0", "1.2.2"]),
        ("~1.2", ["1.2.0", "1.2.7"], ["1.3.0"]),
        ("~1", ["1.0.0", "1.9.0"], ["2.0.0"]),
    ],
)
def test_caret_and_tilde(parse, spec, inside, outside):
    c = parse(spec)
    for ver in inside:
        assert c.allows(ver), f"{spec} should allow {ver}"
    for ver in outside:
        assert not c.allows(ver), f"{spec} should reject {ver}"


def test_caret_expands_to_two_clauses(parse):
    (clauses,) = parse("^1.2.3").alternatives
    assert clauses == (
        Clause(">=", Version(1, 2, 3)),
        Clause("<", Version(2, 0, 0)),
    )


class TestAlternatives:
    def test_either_side_matches(self, parse):
        c = parse("^1.0 || ^3.0")
        assert c.allows("1.5.0")
        assert c.allows("3.1.0")
        assert not c.allows("2.0.0")

    def test_whitespace_around_pipes_is_ignored(self, parse):
        assert parse("1.0.0||2.0.0") == parse(" 1.0.0  ||  2.0.0 ")

    def test_empty_alternative_allows_everything(self, parse):
        # An empty side has no clauses, so it is satisfied trivially.
        assert parse("1.0.0 || *").allows("9.9.9")


class TestPrereleases:
    def test_excluded_by_default(self, parse):
        assert not parse(">=1.0.0").allows("2.0.0-rc.1")

    def test_included_when_asked(self, parse):
        assert parse(">=1.0.0").allows("2.0.0-rc.1", include_pre=True)

    def test_allowed_when_constraint_names_same_release(self, parse):
        c = parse(">=2.0.0-rc.1")
        assert c.allows("2.0.0-rc.2")
        assert not c.allows("2.1.0-rc.1")
        assert c.allows("2.1.0")

    def test_prerelease_below_lower_bound(self, parse):
        assert not parse(">=2.0.0-rc.2").allows("2.0.0-rc.1")


class TestBest:
    def test_picks_highest_match(self, parse, releases):
        assert str(parse("^1.0").best(releases)) == "1.10.0"

    def test_skips_prerelease(self, parse, releases):
        assert str(parse(">=2.0.0-rc.1,<2.1").best(releases)) == "2.0.0"

    def test_none_when_nothing_matches(self, parse, releases):
        assert parse(">=4").best(releases) is None

    def test_accepts_version_objects(self, parse, v):
        assert parse("~1.2").best([v("1.2.0"), v("1.2.9"), v("1.3.0")]) == v("1.2.9")

    def test_empty_candidates(self, parse):
        assert parse("*").best([]) is None


@pytest.mark.parametrize("bad", ["", "   ", ">=", ">>1.0", "^x", "1.0 <=banana"])
def test_invalid_constraints_raise(parse, bad):
    with pytest.raises(ConstraintError):
        parse(bad)


def test_constraints_are_immutable(parse):
    c = parse(">=1.0")
    with pytest.raises(AttributeError):
        c.alternatives = ()
