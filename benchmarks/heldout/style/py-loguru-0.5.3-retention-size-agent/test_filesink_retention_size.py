import pytest
import datetime
import os
from loguru import logger
from loguru._file_sink import FileSink


def _write_old_log(tmpdir, name, size, age):
    file = tmpdir.join(name)
    file.write("x" * size)
    timestamp = datetime.datetime.now().timestamp() - age
    os.utime(str(file), (timestamp, timestamp))
    return file


@pytest.mark.parametrize("retention", ["25 B", "25B", " 25 B ", "200 b", "0.025 KB", "0.2kb"])
def test_retention_size(tmpdir, retention):
    _write_old_log(tmpdir, "test.log.1", 10, 100)
    _write_old_log(tmpdir, "test.log.2", 10, 200)
    _write_old_log(tmpdir, "test.log.3", 10, 300)

    i = logger.add(str(tmpdir.join("test.log")), format="{message}", retention=retention)
    logger.debug("test")
    logger.remove(i)

    assert tmpdir.join("test.log").read() == "test\n"
    assert tmpdir.join("test.log.1").check(exists=1)
    assert tmpdir.join("test.log.2").check(exists=1)
    assert tmpdir.join("test.log.3").check(exists=0)
    assert len(tmpdir.listdir()) == 3


def test_retention_size_keeps_everything_under_limit(tmpdir):
    _write_old_log(tmpdir, "test.log.1", 100, 100)
    _write_old_log(tmpdir, "test.log.2", 100, 200)

    i = logger.add(str(tmpdir.join("test.log")), format="{message}", retention="1 KiB")
    logger.debug("test")
    logger.remove(i)

    assert len(tmpdir.listdir()) == 3


def test_retention_size_removes_file_bigger_than_limit(tmpdir):
    _write_old_log(tmpdir, "test.log.1", 50, 100)
    _write_old_log(tmpdir, "test.log.2", 5, 200)

    i = logger.add(str(tmpdir.join("test.log")), format="{message}", retention="20 B")
    logger.debug("test")
    logger.remove(i)

    assert tmpdir.join("test.log").check(exists=1)
    assert tmpdir.join("test.log.1").check(exists=0)
    assert tmpdir.join("test.log.2").check(exists=0)
    assert len(tmpdir.listdir()) == 1


def test_retention_size_zero(tmpdir):
    _write_old_log(tmpdir, "test.log.1", 10, 100)

    i = logger.add(str(tmpdir.join("test.log")), retention="0 B")
    logger.debug("test")
    assert len(tmpdir.listdir()) == 2
    logger.remove(i)
    assert len(tmpdir.listdir()) == 0


def test_retention_size_ignores_unmanaged_files(tmpdir):
    _write_old_log(tmpdir, "test.log.1", 10, 100)
    _write_old_log(tmpdir, "other.log", 1000, 100)
    _write_old_log(tmpdir, "test.txt", 1000, 100)

    i = logger.add(str(tmpdir.join("test.log")), format="{message}", retention="16 B")
    logger.debug("test")
    logger.remove(i)

    assert tmpdir.join("test.log").check(exists=1)
    assert tmpdir.join("test.log.1").check(exists=1)
    assert tmpdir.join("other.log").check(exists=1)
    assert tmpdir.join("test.txt").check(exists=1)


def test_retention_size_at_rotation(tmpdir):
    _write_old_log(tmpdir, "test.log.1", 10, 100)
    _write_old_log(tmpdir, "test.log.2", 10, 200)

    logger.add(str(tmpdir.join("test.log")), format="{message}", retention="10 B", rotation=0)
    logger.debug("test")

    # The empty file renamed at rotation is the most recent one, it takes no space
    assert len(tmpdir.listdir()) == 3
    assert tmpdir.join("test.log").read() == "test\n"
    assert tmpdir.join("test.log.1").check(exists=1)
    assert tmpdir.join("test.log.2").check(exists=0)


@pytest.mark.parametrize("retention", ["e MB", "1.2.3 KB"])
def test_invalid_retention_size(retention):
    with pytest.raises(ValueError):
        logger.add("test.log", retention=retention)


def test_retention_size_with_missing_file(tmpdir):
    _write_old_log(tmpdir, "test.log.1", 10, 100)
    _write_old_log(tmpdir, "test.log.2", 10, 200)
    missing = str(tmpdir.join("test.log.3"))

    retention = FileSink._make_retention_function("10 B")
    retention([str(tmpdir.join("test.log.1")), str(tmpdir.join("test.log.2")), missing])

    assert tmpdir.join("test.log.1").check(exists=1)
    assert tmpdir.join("test.log.2").check(exists=0)
