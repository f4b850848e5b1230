import os
import threading
import time

from .encoding import base64_encode
from .encoding import want_bytes
from .exc import BadSignature
from .exc import BadTimeSignature
from .exc import SignatureExpired
from .timed import TimedSerializer
from .timed import TimestampSigner


class SignatureReused(BadTimeSignature):
    """Raised if a one-time signature has already been accepted once.
    This is a subclass of :exc:`.BadTimeSignature`.

    .. versionadded:: 1.2
    """


class MemoryNonceStore(object):
    """Remembers nonces in a dict until they expire. Good enough for a
    single process; anything that runs more than one worker needs a
    shared store with the same interface (for example a Redis ``SET``
    with ``NX`` and ``EX``).

    .. versionadded:: 1.2
    """

    def __init__(self):
        self._seen = {}
        self._lock = threading.Lock()

    def _now(self):
        return time.time()

    def add(self, nonce, expires_at):
        """Records the nonce. Returns ``False`` if it was already known
        and has not expired yet, ``True`` otherwise.
        """
        now = self._now()
        with self._lock:
            self._purge(now)
            if nonce in self._seen:
                return False
            self._seen[nonce] = expires_at
            return True

    def _purge(self, now):
        expired = [n for n, exp in self._seen.items() if exp <= now]
        for n in expired:
            del self._seen[n]

    def __len__(self):
        with self._lock:
            self._purge(self._now())
            return len(self._seen)


class OneTimeSigner(TimestampSigner):
    """Works like :class:`.TimestampSigner` but every signature can only
    be unsigned once. A random nonce is signed together with the value
    and recorded in the ``nonce_store`` when the value is unsigned.
    Unsigning it a second time raises :exc:`SignatureReused`.

    Because the store has to remember nonces for as long as the
    signature would be valid, :meth:`unsign` requires a ``max_age``.

    :param nonce_store: An object with an ``add(nonce, expires_at)``
        method. Defaults to a new :class:`MemoryNonceStore`.
    :param nonce_bytes: How many random bytes to use for the nonce.

    .. versionadded:: 1.2
    """

    #: The number of random bytes in the nonce.
    default_nonce_bytes = 16

    def __init__(self, secret_key, nonce_store=None, nonce_bytes=None, **kwargs):
        TimestampSigner.__init__(self, secret_key, **kwargs)
        if nonce_store is None:
            nonce_store = MemoryNonceStore()
        if nonce_bytes is None:
            nonce_bytes = self.default_nonce_bytes
        self.nonce_store = nonce_store
        self.nonce_bytes = nonce_bytes

    def make_nonce(self):
        """Returns a new random nonce. Override this to use a different
        source of randomness.
        """
        return base64_encode(os.urandom(self.nonce_bytes))

    def sign(self, value):
        """Signs the given string together with a fresh nonce and the
        current time.
        """
        value = want_bytes(value)
        sep = want_bytes(self.sep)
        return TimestampSigner.sign(self, value + sep + self.make_nonce())

    def unsign(self, value, max_age=None, return_timestamp=False):
        """Works like :meth:`.TimestampSigner.unsign` but also checks
        and records the nonce. ``max_age`` is required.
        """
        if max_age is None:
            raise TypeError("OneTimeSigner.unsign requires max_age")

        result, ts = TimestampSigner.unsign(
            self, value, max_age=max_age, return_timestamp=True
        )
        sep = want_bytes(self.sep)

        if sep not in result:
            raise BadTimeSignature("nonce missing", payload=result, date_signed=ts)

        value, nonce = result.rsplit(sep, 1)
        # The nonce only needs to be remembered until the signature
        # would have expired anyway.
        expires_at = self.get_timestamp() + max_age + 1

        if not self.nonce_store.add(nonce, expires_at):
            raise SignatureReused(
                "Signature has already been used", payload=value, date_signed=ts
            )

        if return_timestamp:
            return value, ts
        return value

    def validate(self, signed_value, max_age=None):
        """Not supported: validating a one-time signature would use it
        up. Call :meth:`unsign` and handle the exception instead.
        """
        raise NotImplementedError(
            "validate() would consume the signature, use unsign()"
        )


class OneTimeSerializer(TimedSerializer):
    """Uses :class:`OneTimeSigner` instead of the default
    :class:`.TimestampSigner`. A new signer is made for every call, so
    the serializer keeps one nonce store for all of them. Pass
    ``signer_kwargs={"nonce_store": store}`` to share a nonce store
    between serializers.

    .. versionadded:: 1.2
    """

    default_signer = OneTimeSigner

    def __init__(self, secret_key, *args, **kwargs):
        TimedSerializer.__init__(self, secret_key, *args, **kwargs)
        # Copy so that a dict passed by the caller is not modified.
        self.signer_kwargs = dict(self.signer_kwargs)
        store = self.signer_kwargs.setdefault("nonce_store", MemoryNonceStore())

        # Fallback signers given as a dict of arguments are made from
        # the same signer class, so they need the same store, or a
        # payload could be loaded once through each of them.
        fallback_signers = []
        for fallback in self.fallback_signers:
            if type(fallback) is dict:
                fallback = dict(fallback)
                fallback.setdefault("nonce_store", store)
            fallback_signers.append(fallback)
        self.fallback_signers = fallback_signers

    def loads(self, s, max_age=None, return_timestamp=False, salt=None):
        """Like :meth:`.TimedSerializer.loads`, ``max_age`` is required
        and every payload can only be loaded once.
        """
        if max_age is None:
            raise TypeError("OneTimeSerializer.loads requires max_age")

        s = want_bytes(s)
        last_exception = None
        for signer in self.iter_unsigners(salt):
            try:
                base64d, timestamp = signer.unsign(s, max_age, return_timestamp=True)
            # An expired or reused signature was signed correctly, so
            # there is no point in trying the fallback signers, and
            # their errors would hide the real reason.
            except (SignatureExpired, SignatureReused):
                raise
            except BadSignature as err:
                last_exception = err
                continue
            payload = self.load_payload(base64d)
            if return_timestamp:
                return payload, timestamp
            return payload
        raise last_exception
