from datetime import timedelta
from functools import partial

import pytest
from test_itsdangerous.test_timed import FreezeMixin

from itsdangerous.exc import BadSignature
from itsdangerous.exc import BadTimeSignature
from itsdangerous.exc import SignatureExpired
from itsdangerous.onetime import MemoryNonceStore
from itsdangerous.onetime import OneTimeSerializer
from itsdangerous.onetime import OneTimeSigner
from itsdangerous.onetime import SignatureReused
from itsdangerous.timed import TimestampSigner


class TestMemoryNonceStore(FreezeMixin):
    @pytest.fixture()
    def store(self):
        return MemoryNonceStore()

    def test_add_once(self, store):
        assert store.add(b"a", expires_at=2e9)
        assert not store.add(b"a", expires_at=2e9)
        assert store.add(b"b", expires_at=2e9)
        assert len(store) == 2

    def test_expired_nonces_are_forgotten(self, store, freeze):
        store.add(b"a", expires_at=store._now() + 5)
        freeze.tick(timedelta(seconds=5))
        assert len(store) == 0
        assert store.add(b"a", expires_at=store._now() + 5)


class TestOneTimeSigner(FreezeMixin):
    @pytest.fixture()
    def signer_factory(self):
        return partial(OneTimeSigner, secret_key="secret-key")

    @pytest.fixture()
    def signer(self, signer_factory):
        return signer_factory()

    def test_round_trip(self, signer):
        signed = signer.sign("value")
        assert signer.unsign(signed, max_age=10) == b"value"

    def test_second_use_fails(self, signer, ts):
        signed = signer.sign("value")
        signer.unsign(signed, max_age=10)

        with pytest.raises(SignatureReused) as exc_info:
            signer.unsign(signed, max_age=10)

        assert exc_info.value.payload == b"value"
        assert exc_info.value.date_signed == ts
        assert isinstance(exc_info.value, BadTimeSignature)

    def test_signatures_differ(self, signer):
        assert signer.sign("value") != signer.sign("value")

    def test_each_signature_used_once(self, signer):
        a = signer.sign("value")
        b = signer.sign("value")
        assert signer.unsign(a, max_age=10) == b"value"
        assert signer.unsign(b, max_age=10) == b"value"

    def test_max_age_required(self, signer):
        signed = signer.sign("value")

        with pytest.raises(TypeError):
            signer.unsign(signed)

    def test_expired(self, signer, freeze):
        signed = signer.sign("value")
        freeze.tick(timedelta(seconds=11))

        with pytest.raises(SignatureExpired):
            signer.unsign(signed, max_age=10)

    def test_failed_unsign_does_not_use_up_nonce(self, signer):
        signed = signer.sign("value")

        with pytest.raises(BadSignature):
            signer.unsign(signed[:-1], max_age=10)

        assert signer.unsign(signed, max_age=10) == b"value"

    def test_return_timestamp(self, signer, ts):
        signed = signer.sign("value")
        assert signer.unsign(signed, max_age=10, return_timestamp=True) == (
            b"value",
            ts,
        )

    def test_value_containing_separator(self, signer):
        signed = signer.sign("a.b.c")
        assert signer.unsign(signed, max_age=10) == b"a.b.c"

    def test_nonce_missing(self, signer):
        other = TimestampSigner("secret-key")
        signed = other.sign("value")

        with pytest.raises(BadTimeSignature) as exc_info:
            signer.unsign(signed, max_age=10)

        assert "nonce missing" in str(exc_info.value)

    def test_validate_not_supported(self, signer):
        with pytest.raises(NotImplementedError):
            signer.validate(signer.sign("value"))

    def test_shared_store(self, signer_factory):
        store = MemoryNonceStore()
        a = signer_factory(nonce_store=store)
        b = signer_factory(nonce_store=store)
        signed = a.sign("value")
        b.unsign(signed, max_age=10)

        with pytest.raises(SignatureReused):
            a.unsign(signed, max_age=10)

    def test_nonce_bytes(self, signer_factory):
        signer = signer_factory(nonce_bytes=4)
        assert len(signer.make_nonce()) == 6

    def test_reuse_allowed_after_store_forgets(self, signer, freeze):
        signed = signer.sign("value")
        signer.unsign(signed, max_age=100)
        freeze.tick(timedelta(seconds=102))

        # by now the signature itself has expired
        with pytest.raises(SignatureExpired):
            signer.unsign(signed, max_age=100)


class TestOneTimeSerializer(FreezeMixin):
    @pytest.fixture()
    def serializer_factory(self):
        return partial(OneTimeSerializer, secret_key="secret-key")

    @pytest.fixture()
    def serializer(self, serializer_factory):
        return serializer_factory()

    @pytest.fixture(params=([1, 2, 3], {"id": 42}, "string", 3.5, None))
    def value(self, request):
        return request.param

    def test_round_trip(self, serializer, value):
        signed = serializer.dumps(value)
        assert serializer.loads(signed, max_age=10) == value

    def test_loads_twice(self, serializer, value):
        signed = serializer.dumps(value)
        serializer.loads(signed, max_age=10)

        with pytest.raises(SignatureReused):
            serializer.loads(signed, max_age=10)

    def test_max_age_required(self, serializer):
        with pytest.raises(TypeError):
            serializer.loads(serializer.dumps("value"))

    def test_shared_store_between_serializers(self, serializer_factory):
        store = MemoryNonceStore()
        a = serializer_factory(signer_kwargs={"nonce_store": store})
        b = serializer_factory(signer_kwargs={"nonce_store": store})
        signed = a.dumps("value")
        b.loads(signed, max_age=10)

        with pytest.raises(SignatureReused):
            a.loads(signed, max_age=10)

    def test_separate_serializers_have_separate_stores(self, serializer_factory):
        a = serializer_factory()
        b = serializer_factory()
        signed = a.dumps("value")
        a.loads(signed, max_age=10)
        assert b.loads(signed, max_age=10) == "value"

    def test_fallback_signers_share_the_store(self, serializer_factory):
        import hashlib

        old = serializer_factory(signer_kwargs={"digest_method": hashlib.sha512})
        new = serializer_factory()
        signed = old.dumps("value")
        assert new.loads(signed, max_age=10) == "value"

        with pytest.raises(SignatureReused):
            new.loads(signed, max_age=10)

    def test_salt(self, serializer_factory):
        a = serializer_factory(salt="a")
        b = serializer_factory(salt="b")

        with pytest.raises(BadSignature):
            b.loads(a.dumps("value"), max_age=10)
