"""
Compare two instances of an ``attrs`` class field by field.
"""

from __future__ import absolute_import, division, print_function

from ._compat import iteritems
from ._make import NOTHING, attrib, attrs, fields
from .exceptions import NotAnAttrsClassError


__all__ = ["Change", "changed", "diff"]


@attrs(slots=True, frozen=True, repr=False)
class Change(object):
    """
    A single difference between two instances.

    :ivar str path: Dotted path to the attribute that differs, e.g.
        ``"address.city"`` for a nested ``attrs`` instance.
    :ivar old: The value on the left-hand instance, or `attr.NOTHING` if the
        attribute is missing there.
    :ivar new: The value on the right-hand instance, or `attr.NOTHING` if the
        attribute is missing there.
    """

    path = attrib()
    old = attrib()
    new = attrib()

    def __repr__(self):
        return "<Change {path}: {old!r} -> {new!r}>".format(
            path=self.path, old=self.old, new=self.new
        )


def _has(obj):
    return getattr(obj.__class__, "__attrs_attrs__", None) is not None


def _walk(path, inst, other, filter, recurse, out):
    cls = inst.__class__
    for a in fields(cls):
        if not a.eq:
            continue
        old = getattr(inst, a.name)
        new = getattr(other, a.name, NOTHING)
        if filter is not None and not filter(a, old):
            continue
        name = a.name if not path else path + "." + a.name
        if (
            recurse is True
            and _has(old)
            and new is not NOTHING
            and new.__class__ is old.__class__
        ):
            _walk(name, old, new, filter, recurse, out)
            continue
        if old != new:
            out.append(Change(name, old, new))


def diff(inst, other, filter=None, recurse=True):
    """
    Return the differences between *inst* and *other* as a `list` of
    `Change`\\ s, in the order the attributes were defined.

    Attributes that have been defined using ``eq=False`` are skipped, just
    like they are ignored by the generated ``__eq__``.

    :param inst: Instance of an ``attrs``-decorated class.
    :param other: Instance to compare against.  It doesn't have to be of the
        same class; attributes it lacks are reported with `attr.NOTHING` as
        their *new* value.
    :param callable filter: A callable whose return code determines whether
        an attribute is compared (``True``) or skipped (``False``).  Is
        called with the `attr.Attribute` as the first argument and the value
        of *inst* as the second argument.  `attr.filters` work here, too.
    :param bool recurse: Descend into attributes that are ``attrs`` instances
        of the same class on both sides and report their fields with a dotted
        path instead of the whole value.

    :rtype: `list` of `Change`

    :raise attr.exceptions.NotAnAttrsClassError: If *inst* is not an
        instance of an ``attrs`` class.

    ..  versionadded:: 19.4.0
    """
    if not _has(inst):
        raise NotAnAttrsClassError(
            "{inst!r} is not an attrs-decorated class instance.".format(
                inst=inst
            )
        )

    rv = []
    _walk("", inst, other, filter, recurse, rv)
    return rv


def changed(inst, other, filter=None, recurse=True):
    """
    Same as `diff` but return a `dict` that maps each differing path to a
    ``(old, new)`` tuple.

    Handy for logging or for feeding the changes into `attr.evolve`::

        changes = attr.diff.changed(old_config, new_config, recurse=False)
        for name, (before, after) in changes.items():
            log.info("%s changed from %r to %r", name, before, after)

    ..  versionadded:: 19.4.0
    """
    return dict(
        (c.path, (c.old, c.new))
        for c in diff(inst, other, filter=filter, recurse=recurse)
    )


def _changes_to_evolve(changes):
    """
    Turn the output of `changed` with ``recurse=False`` into keyword
    arguments for `attr.evolve`.

    Private attributes lose their leading underscore, the same way
    ``__init__`` names them.
    """
    kw = {}
    for path, (_, new) in iteritems(changes):
        if "." in path:
            raise ValueError(
                "Can't evolve nested path {path!r}; use recurse=False.".format(
                    path=path
                )
            )
        init_name = path if path[0] != "_" else path[1:]
        kw[init_name] = new
    return kw
