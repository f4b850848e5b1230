import gzip
import os
import shutil
import threading
from pathlib import Path


class RotatingWriter:
    """Append lines to a file, rotating it once it grows past max_bytes.

    Backups are named ``app.log.1``, ``app.log.2`` ... (``.gz`` when
    compress=True); ``.1`` is always the newest and anything beyond
    ``backups`` is removed.
    """

    def __init__(
        self, path, max_bytes=1_000_000, backups=5, compress=False, encoding="utf-8"
    ):
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if backups < 0:
            raise ValueError("backups must be >= 0")
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.backups = backups
        self.compress = compress
        self.encoding = encoding
        self._lock = threading.Lock()
        self._fh = None
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def _backup(self, n):
        suffix = f".{n}.gz" if self.compress else f".{n}"
        return self.path.with_name(self.path.name + suffix)

    def _open(self):
        if self._fh is None:
            self._fh = open(self.path, "a", encoding=self.encoding)
        return self._fh

    def _size(self):
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def should_rotate(self, incoming):
        size = self._size()
        return size > 0 and size + incoming > self.max_bytes

    def rotate(self):
        with self._lock:
            self._rotate_locked()

    def _rotate_locked(self):
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if not self.path.exists():
            return
        if self.backups == 0:
            self.path.unlink()
            return
        oldest = self._backup(self.backups)
        if oldest.exists():
            oldest.unlink()
        for n in range(self.backups - 1, 0, -1):
            src = self._backup(n)
            if src.exists():
                os.replace(src, self._backup(n + 1))
        if self.compress:
            with open(self.path, "rb") as src, gzip.open(self._backup(1), "wb") as dst:
                shutil.copyfileobj(src, dst)
            self.path.unlink()
        else:
            os.replace(self.path, self._backup(1))

    def write(self, line):
        if not line.endswith("\n"):
            line += "\n"
        data_len = len(line.encode(self.encoding))
        with self._lock:
            if self.should_rotate(data_len):
                self._rotate_locked()
            fh = self._open()
            fh.write(line)
            fh.flush()

    def backups_on_disk(self):
        return [
            p for n in range(1, self.backups + 1) if (p := self._backup(n)).exists()
        ]

    def close(self):
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
