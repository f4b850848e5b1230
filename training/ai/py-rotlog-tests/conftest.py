import pytest

from rotlog import RotatingWriter


@pytest.fixture
def log_path(tmp_path):
    return tmp_path / "logs" / "app.log"


@pytest.fixture
def make_writer(log_path):
    created = []

    def factory(**kwargs):
        kwargs.setdefault("max_bytes", 50)
        kwargs.setdefault("backups", 3)
        w = RotatingWriter(log_path, **kwargs)
        created.append(w)
        return w

    yield factory
    for w in created:
        w.close()
