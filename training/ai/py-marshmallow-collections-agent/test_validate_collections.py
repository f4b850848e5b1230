"""Tests for marshmallow.validate_collections"""
from collections import namedtuple

import pytest

from marshmallow import Schema, fields, validate, ValidationError
from marshmallow.validate_collections import Each, MultipleOf, Sorted, Unique

Point = namedtuple("Point", ["x", "y"])


@pytest.mark.parametrize(
    "value", [[], [1], [1, 2, 3], "abc", ("a", "b"), [[1], [2]], [{"a": 1}, {"a": 2}]]
)
def test_unique_valid(value):
    assert Unique()(value) == value


@pytest.mark.parametrize(
    "value,duplicates",
    [
        ([1, 2, 1], "1"),
        ([1, 1, 1], "1"),
        ("hello", "'l'"),
        ([1, 2, 1, 2], "1, 2"),
        ([[1], [1]], "[1]"),
    ],
)
def test_unique_invalid(value, duplicates):
    with pytest.raises(
        ValidationError, match=r"Found duplicate items: {}\.".format(
            duplicates.replace("[", r"\[").replace("]", r"\]")
        )
    ):
        Unique()(value)


def test_unique_key_attribute():
    validator = Unique("x")
    assert validator([Point(1, 1), Point(2, 1)])
    with pytest.raises(ValidationError, match="duplicate items: 1"):
        validator([Point(1, 1), Point(1, 2)])


def test_unique_key_dict():
    validator = Unique("id")
    assert validator([{"id": 1}, {"id": 2}])
    with pytest.raises(ValidationError, match="duplicate items: 1"):
        validator([{"id": 1}, {"id": 1, "name": "x"}])


def test_unique_key_callable():
    validator = Unique(str.lower)
    assert validator(["a", "b"]) == ["a", "b"]
    with pytest.raises(ValidationError):
        validator(["a", "A"])


def test_unique_missing_key():
    with pytest.raises(ValidationError, match="Invalid item"):
        Unique("id")([{"id": 1}, {"name": "x"}])


def test_unique_custom_message():
    validator = Unique(error="{input} has repeats: {duplicates}")
    with pytest.raises(ValidationError, match=r"\[1, 1\] has repeats: 1"):
        validator([1, 1])


def test_unique_repr():
    assert repr(Unique(key="id", error=None)) == (
        "<Unique(key='id', error='Found duplicate items: {duplicates}.')>"
    )


def test_sorted():
    assert Sorted()([]) == []
    assert Sorted()([1]) == [1]
    assert Sorted()([1, 2, 2, 3]) == [1, 2, 2, 3]
    assert Sorted(reverse=True)([3, 2, 2, 1]) == [3, 2, 2, 1]
    assert Sorted(strict=True)([1, 2, 3]) == [1, 2, 3]
    assert Sorted(key=len)(["a", "bb", "ccc"]) == ["a", "bb", "ccc"]

    with pytest.raises(ValidationError, match="ascending"):
        Sorted()([2, 1])
    with pytest.raises(ValidationError, match="descending"):
        Sorted(reverse=True)([1, 2])
    with pytest.raises(ValidationError, match="ascending"):
        Sorted(strict=True)([1, 1])
    with pytest.raises(ValidationError, match="descending"):
        Sorted(reverse=True, strict=True)([2, 2])


def test_sorted_custom_message():
    validator = Sorted(error="{current} comes after {previous} at {index}")
    with pytest.raises(ValidationError, match="1 comes after 5 at 2"):
        validator([0, 5, 1])


def test_sorted_repr():
    assert repr(Sorted(reverse=True, strict=True)) == (
        "<Sorted(key=None, reverse=True, strict=True, error=None)>"
    )


@pytest.mark.parametrize(
    "base,value",
    [(2, 0), (2, 4), (2, -6), (5, 25), (0.1, 0.3), (0.25, 1.75), (3, 3.0)],
)
def test_multiple_of_valid(base, value):
    assert MultipleOf(base)(value) == value


@pytest.mark.parametrize(
    "base,value", [(2, 3), (5, 26), (0.1, 0.35), (0.25, 1.3), (3, 3.5)]
)
def test_multiple_of_invalid(base, value):
    with pytest.raises(ValidationError, match="Must be a multiple of {}.".format(base)):
        MultipleOf(base)(value)


def test_multiple_of_not_a_number():
    with pytest.raises(ValidationError):
        MultipleOf(2)("four")


def test_multiple_of_zero_base():
    with pytest.raises(ValueError, match="must not be zero"):
        MultipleOf(0)


def test_multiple_of_custom_message():
    with pytest.raises(ValidationError, match="7 is not in steps of 5"):
        MultipleOf(5, error="{input} is not in steps of {base}")(7)


def test_multiple_of_repr():
    assert repr(MultipleOf(5)) == "<MultipleOf(base=5, error='Must be a multiple of {base}.')>"


def test_each():
    validator = Each(validate.Range(min=0), MultipleOf(2))
    assert validator([0, 2, 4]) == [0, 2, 4]

    with pytest.raises(ValidationError) as excinfo:
        validator([2, -1, 3])
    assert excinfo.value.messages == {
        1: ["Must be greater than or equal to 0.", "Must be a multiple of 2."],
        2: ["Must be a multiple of 2."],
    }


def test_each_function_validator_returning_false():
    with pytest.raises(ValidationError) as excinfo:
        Each(lambda item: item != "x")(["a", "x"])
    assert excinfo.value.messages == {1: ["Invalid value."]}


def test_each_custom_message():
    with pytest.raises(ValidationError, match="Bad list"):
        Each(validate.Length(max=1), error="Bad list")(["ab"])


def test_each_requires_validators():
    with pytest.raises(ValueError):
        Each()


def test_validators_in_schema():
    class TagSchema(Schema):
        tags = fields.List(
            fields.Str(), validate=[Unique(str.lower), Each(validate.Length(min=1))]
        )
        sizes = fields.List(fields.Int(), validate=Sorted(strict=True))

    schema = TagSchema()
    assert schema.load({"tags": ["a", "b"], "sizes": [1, 2]}) == {
        "tags": ["a", "b"],
        "sizes": [1, 2],
    }

    errors = schema.validate({"tags": ["a", "A"], "sizes": [2, 1]})
    assert errors == {
        "tags": ["Found duplicate items: 'a'."],
        "sizes": ["Items must be in ascending order."],
    }
