import collections

from .cache import Cache


class SLRUCache(Cache):
    """Segmented Least Recently Used (SLRU) cache implementation.

    New items enter a probationary segment; an item that is accessed
    again while on probation is promoted to the protected segment,
    which holds at most `protected` items.  Items evicted from the
    protected segment are moved back to probation instead of being
    discarded, so a single scan cannot flush frequently used items.
    """

    def __init__(self, maxsize, protected=None, getsizeof=None):
        Cache.__init__(self, maxsize, getsizeof)
        if protected is None:
            protected = maxsize * 4 // 5
        if protected < 0 or protected > maxsize:
            raise ValueError('protected must be between 0 and maxsize')
        self.__probation = collections.OrderedDict()
        self.__protected = collections.OrderedDict()
        self.__maxprotected = protected

    def __getitem__(self, key, cache_getitem=Cache.__getitem__):
        value = cache_getitem(self, key)
        if key in self:  # __missing__ may not store item
            self.__touch(key)
        return value

    def __setitem__(self, key, value, cache_setitem=Cache.__setitem__):
        cache_setitem(self, key, value)
        if key in self.__protected:
            self.__protected.move_to_end(key)
        else:
            self.__probation[key] = None
            self.__probation.move_to_end(key)

    def __delitem__(self, key, cache_delitem=Cache.__delitem__):
        cache_delitem(self, key)
        try:
            del self.__probation[key]
        except KeyError:
            del self.__protected[key]

    @property
    def protected(self):
        """The maximum number of items in the protected segment."""
        return self.__maxprotected

    def popitem(self):
        """Remove and return the `(key, value)` pair least recently used,
        taking items on probation first."""
        if self.__probation:
            key = next(iter(self.__probation))
        elif self.__protected:
            key = next(iter(self.__protected))
        else:
            raise KeyError('%s is empty' % type(self).__name__) from None
        # not self.pop(key), which would promote the item first
        value = Cache.__getitem__(self, key)
        del self[key]
        return (key, value)

    def __touch(self, key):
        try:
            self.__protected.move_to_end(key)
        except KeyError:
            del self.__probation[key]
            self.__protected[key] = None
            while len(self.__protected) > self.__maxprotected:
                demoted, _ = self.__protected.popitem(last=False)
                self.__probation[demoted] = None
