"""Validators for lists and other collections."""
import decimal
import typing
from operator import attrgetter, itemgetter

from marshmallow.exceptions import ValidationError
from marshmallow.validate import Validator


class Unique(Validator):
    """Validator which succeeds if the items of a collection are unique.

    :param key: Optional name of an attribute or dictionary key to compare
        items by, or a callable that returns the value to compare. If not
        provided, the items themselves are compared.
    :param error: Error message to raise in case of a validation error.
        Can be interpolated with `{input}` and `{duplicates}`.
    """

    default_message = "Found duplicate items: {duplicates}."

    def __init__(
        self,
        key: typing.Union[str, typing.Callable[[typing.Any], typing.Any]] = None,
        *,
        error: str = None
    ):
        self.key = key
        self.error = error or self.default_message

    def _repr_args(self) -> str:
        return "key={!r}".format(self.key)

    def _get_key(self, item):
        if self.key is None:
            return item
        if callable(self.key):
            return self.key(item)
        if isinstance(item, typing.Mapping):
            return itemgetter(self.key)(item)
        return attrgetter(self.key)(item)

    def _format_error(self, value, duplicates) -> str:
        return self.error.format(
            input=value, duplicates=", ".join(repr(d) for d in duplicates)
        )

    def __call__(self, value) -> typing.Any:
        seen = []
        duplicates = []
        for item in value:
            try:
                key = self._get_key(item)
            except (KeyError, AttributeError) as error:
                raise ValidationError(
                    "Invalid item {!r}: missing {}.".format(item, error)
                ) from error
            # Lists are used rather than a set so unhashable keys (dicts,
            # lists) work too. Inputs here are small in practice.
            if key in seen:
                if key not in duplicates:
                    duplicates.append(key)
            else:
                seen.append(key)

        if duplicates:
            raise ValidationError(self._format_error(value, duplicates))
        return value


class Sorted(Validator):
    """Validator which succeeds if the items of a collection are in order.

    :param key: Optional callable applied to each item before comparing.
    :param reverse: Whether the items should be in descending order.
    :param strict: Whether equal neighbours are forbidden.
    :param error: Error message to raise in case of a validation error.
        Can be interpolated with `{input}`, `{index}`, `{previous}` and
        `{current}`.
    """

    message_ascending = "Items must be in ascending order."
    message_descending = "Items must be in descending order."

    def __init__(
        self,
        key: typing.Callable[[typing.Any], typing.Any] = None,
        *,
        reverse: bool = False,
        strict: bool = False,
        error: str = None
    ):
        self.key = key
        self.reverse = reverse
        self.strict = strict
        self.error = error

    def _repr_args(self) -> str:
        return "key={!r}, reverse={!r}, strict={!r}".format(
            self.key, self.reverse, self.strict
        )

    def _format_error(self, value, index, previous, current) -> str:
        message = self.message_descending if self.reverse else self.message_ascending
        return (self.error or message).format(
            input=value, index=index, previous=previous, current=current
        )

    def _in_order(self, previous, current) -> bool:
        if self.reverse:
            previous, current = current, previous
        if self.strict:
            return previous < current
        return previous <= current

    def __call__(self, value) -> typing.Any:
        keys = [self.key(item) if self.key else item for item in value]
        for index in range(1, len(keys)):
            if not self._in_order(keys[index - 1], keys[index]):
                raise ValidationError(
                    self._format_error(value, index, value[index - 1], value[index])
                )
        return value


class MultipleOf(Validator):
    """Validator which succeeds if the value is a multiple of ``base``.

    Uses :class:`decimal.Decimal` arithmetic for floats so that values like
    ``0.3`` are multiples of ``0.1``.

    :param base: The number the value must be a multiple of. Must not be zero.
    :param error: Error message to raise in case of a validation error.
        Can be interpolated with `{input}` and `{base}`.
    """

    default_message = "Must be a multiple of {base}."

    def __init__(self, base, *, error: str = None):
        if base == 0:
            raise ValueError("`base` must not be zero.")
        self.base = base
        self.error = error or self.default_message

    def _repr_args(self) -> str:
        return "base={!r}".format(self.base)

    def _format_error(self, value) -> str:
        return self.error.format(input=value, base=self.base)

    @staticmethod
    def _to_decimal(number) -> decimal.Decimal:
        if isinstance(number, float):
            return decimal.Decimal(repr(number))
        return decimal.Decimal(number)

    def __call__(self, value) -> typing.Any:
        try:
            remainder = self._to_decimal(value) % self._to_decimal(self.base)
        except (TypeError, decimal.InvalidOperation) as error:
            raise ValidationError(self._format_error(value)) from error
        if remainder != 0:
            raise ValidationError(self._format_error(value))
        return value


class Each(Validator):
    """Validator which applies one or more validators to every item of a
    collection. Errors are collected per index, so the error messages look
    like those of a `List <marshmallow.fields.List>` field.

    :param validators: Validators to apply to each item.
    :param error: Error message to raise in case of a validation error.
        Can be interpolated with `{input}`. If not provided, the item errors
        are raised as a dict keyed by index.
    """

    def __init__(self, *validators: typing.Callable, error: str = None):
        if not validators:
            raise ValueError("At least one validator is required.")
        self.validators = validators
        self.error = error

    def _repr_args(self) -> str:
        return "validators={!r}".format(list(self.validators))

    def __call__(self, value) -> typing.Any:
        errors = {}
        for index, item in enumerate(value):
            messages = []
            for validator in self.validators:
                try:
                    result = validator(item)
                except ValidationError as error:
                    messages.extend(error.messages)
                    continue
                # Follow marshmallow's convention for function validators.
                if result is False:
                    messages.append("Invalid value.")
            if messages:
                errors[index] = messages

        if errors:
            if self.error:
                raise ValidationError(self.error.format(input=value))
            raise ValidationError(errors)
        return value
