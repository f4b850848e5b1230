from __future__ import annotations

import logging
import os
import socket
import sys
from errno import EEXIST, ENOENT, EPERM, ESRCH
from typing import Any

from ._soft import SoftFileLock
from ._util import raise_on_exist_ro_file

_LOGGER = logging.getLogger("filelock")


def _pid_alive(pid: int) -> bool:
    """
    :param pid: the process id to check
    :return: ``True`` if a process with this id exists on this host (or we cannot tell), ``False`` otherwise
    """
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: win32 cover
        # os.kill with signal 0 terminates the process on Windows, so be conservative and assume it is alive
        return True
    try:  # pragma: win32 no cover
        os.kill(pid, 0)
    except OSError as exception:
        if exception.errno == ESRCH:  # no such process
            return False
        if exception.errno == EPERM:  # the process exists but belongs to someone else
            return True
        raise
    return True


class PidFileLock(SoftFileLock):
    """
    A soft file lock that writes the owner's process id and host name into the lock file, so that a lock left behind
    by a crashed process on the same host can be detected and broken.

    .. versionadded:: 3.9.0
    """

    def __init__(
        self,
        lock_file: str | os.PathLike[Any],
        timeout: float = -1,
        *,
        break_stale: bool = True,
    ) -> None:
        """
        Create a new lock object.

        :param lock_file: path to the file
        :param timeout: default timeout when acquiring the lock, in seconds, see :class:`BaseFileLock`
        :param break_stale: if true, a lock file whose owner process is no longer running on this host is removed
         and the acquire is retried right away
        """
        super().__init__(lock_file, timeout=timeout)
        self.break_stale: bool = break_stale

    @property
    def owner(self) -> tuple[str, int] | None:
        """
        :return: the ``(hostname, pid)`` pair recorded in the lock file, or ``None`` if there is no lock file or it
         cannot be parsed (e.g. it was created by a plain :class:`SoftFileLock`)
        """
        try:
            with open(self._lock_file, encoding="utf-8") as stream:
                content = stream.read(256)
        except OSError:
            return None
        host, sep, pid = content.strip().rpartition(":")
        if not sep or not pid.isdigit():
            return None
        return host, int(pid)

    def is_stale(self) -> bool:
        """
        :return: ``True`` if the lock file exists, was written by a process on this host and that process is gone
        """
        owner = self.owner
        if owner is None:
            return False
        host, pid = owner
        if host != socket.gethostname():  # we cannot say anything about processes on other machines
            return False
        if pid == os.getpid():
            return False
        return not _pid_alive(pid)

    def _acquire(self) -> None:
        super()._acquire()
        if self._lock_file_fd is not None:
            self._write_owner()
            return
        if self.break_stale and self.is_stale():
            _LOGGER.debug("Breaking stale lock %s owned by %s", self._lock_file, self.owner)
            self._break()
            super()._acquire()
            if self._lock_file_fd is not None:
                self._write_owner()

    def _write_owner(self) -> None:
        record = f"{socket.gethostname()}:{os.getpid()}\n"
        os.write(self._lock_file_fd, record.encode("utf-8"))  # type: ignore # we hold the lock, so it is not None
        os.fsync(self._lock_file_fd)  # type: ignore

    def _break(self) -> None:
        raise_on_exist_ro_file(self._lock_file)
        try:
            os.remove(self._lock_file)
        except OSError as exception:
            if exception.errno not in (ENOENT, EEXIST):  # someone else was quicker, that's fine
                raise


__all__ = [
    "PidFileLock",
]
