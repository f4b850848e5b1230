import pytest

from vrange import Constraint, Version


@pytest.fixture
def parse():
    return Constraint.parse


@pytest.fixture
def releases():
    return [
        "0.9.0",
        "1.0.0",
        "1.2.0",
        "1.2.5",
        "1.10.0",
        "2.0.0-rc.1",
        "2.0.0",
        "2.3.1",
        "3.0.0",
    ]


@pytest.fixture
def v():
    return Version.parse
