from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from _pytest.logging import LogCaptureFixture

from filelock import SoftFileLock, Timeout
from filelock._pid import PidFileLock, _pid_alive

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="liveness of a pid is not checked on Windows")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_pid_alive() -> None:
    assert _pid_alive(os.getpid())
    assert not _pid_alive(_dead_pid())
    assert not _pid_alive(0)


def test_owner_written(tmp_path: Path) -> None:
    lock_path = tmp_path / "a"
    lock = PidFileLock(lock_path)
    with lock:
        assert lock.owner == (socket.gethostname(), os.getpid())
        assert lock_path.read_text(encoding="utf-8") == f"{socket.gethostname()}:{os.getpid()}\n"
    assert not lock_path.exists()
    assert lock.owner is None


@pytest.mark.parametrize("content", ["", "garbage", "host:", "host:abc", f"{socket.gethostname()}"])
def test_owner_unparsable(tmp_path: Path, content: str) -> None:
    lock_path = tmp_path / "a"
    lock_path.write_text(content, encoding="utf-8")
    lock = PidFileLock(lock_path)
    assert lock.owner is None
    assert not lock.is_stale()


def test_break_stale(tmp_path: Path, caplog: LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    lock_path = tmp_path / "a"
    lock_path.write_text(f"{socket.gethostname()}:{_dead_pid()}\n", encoding="utf-8")

    lock = PidFileLock(lock_path, timeout=0)
    assert lock.is_stale()
    with lock:
        assert lock.is_locked
        assert lock.owner == (socket.gethostname(), os.getpid())
    assert any(msg.startswith(f"Breaking stale lock {lock_path}") for msg in caplog.messages)


def test_break_stale_disabled(tmp_path: Path) -> None:
    lock_path = tmp_path / "a"
    lock_path.write_text(f"{socket.gethostname()}:{_dead_pid()}\n", encoding="utf-8")

    lock = PidFileLock(lock_path, timeout=0, break_stale=False)
    with pytest.raises(Timeout, match="The file lock '.*' could not be acquired."):
        lock.acquire()
    assert lock_path.exists()


def test_other_host_not_stale(tmp_path: Path) -> None:
    lock_path = tmp_path / "a"
    lock_path.write_text(f"not-{socket.gethostname()}:{_dead_pid()}\n", encoding="utf-8")

    lock = PidFileLock(lock_path, timeout=0)
    assert not lock.is_stale()
    with pytest.raises(Timeout):
        lock.acquire()


def test_live_owner_not_broken(tmp_path: Path) -> None:
    lock_path = tmp_path / "a"
    first = PidFileLock(lock_path)
    second = PidFileLock(lock_path, timeout=0)
    with first:
        # same process, so never considered stale
        assert not second.is_stale()
        with pytest.raises(Timeout):
            second.acquire()
        assert first.is_locked
        assert not second.is_locked


def test_compatible_with_soft_lock(tmp_path: Path) -> None:
    lock_path = tmp_path / "a"
    soft = SoftFileLock(lock_path)
    pid_lock = PidFileLock(lock_path, timeout=0)
    with soft:
        # an empty lock file from SoftFileLock has no owner, so it is never broken
        assert pid_lock.owner is None
        with pytest.raises(Timeout):
            pid_lock.acquire()
    with pid_lock:
        with pytest.raises(Timeout):
            soft.acquire(blocking=False)
        assert not soft.is_locked
