import gzip
import threading

import pytest

from rotlog import RotatingWriter


def read(path):
    return path.read_text(encoding="utf-8")


class TestConstruction:
    def test_creates_parent_directory(self, log_path):
        assert not log_path.parent.exists()
        RotatingWriter(log_path)
        assert log_path.parent.is_dir()

    def test_does_not_create_file_until_first_write(self, make_writer, log_path):
        make_writer()
        assert not log_path.exists()

    @pytest.mark.parametrize("max_bytes", [0, -1])
    def test_rejects_non_positive_max_bytes(self, log_path, max_bytes):
        with pytest.raises(ValueError, match="max_bytes"):
            RotatingWriter(log_path, max_bytes=max_bytes)

    def test_rejects_negative_backups(self, log_path):
        with pytest.raises(ValueError, match="backups"):
            RotatingWriter(log_path, backups=-1)


class TestWrite:
    def test_appends_newline(self, make_writer, log_path):
        w = make_writer()
        w.write("hello")
        assert read(log_path) == "hello\n"

    def test_keeps_existing_newline(self, make_writer, log_path):
        w = make_writer()
        w.write("hello\n")
        assert read(log_path) == "hello\n"

    def test_appends_to_existing_file(self, make_writer, log_path):
        log_path.parent.mkdir(parents=True)
        log_path.write_text("old\n")
        make_writer().write("new")
        assert read(log_path) == "old\nnew\n"

    def test_content_is_flushed_immediately(self, make_writer, log_path):
        w = make_writer()
        w.write("visible")
        # no close(): another reader must already see it
        assert "visible" in read(log_path)


class TestRotation:
    def test_no_rotation_below_limit(self, make_writer, log_path):
        w = make_writer(max_bytes=100)
        for i in range(5):
            w.write(f"line {i}")
        assert w.backups_on_disk() == []

    def test_rotates_when_next_line_would_overflow(self, make_writer, log_path):
        w = make_writer(max_bytes=20)
        w.write("a" * 9)  # 10 bytes
        w.write("b" * 9)  # 20 bytes, exactly at limit
        w.write("c")
        assert read(log_path) == "c\n"
        assert read(log_path.with_name("app.log.1")) == "a" * 9 + "\n" + "b" * 9 + "\n"

    def test_single_oversized_line_is_written_not_dropped(self, make_writer, log_path):
        w = make_writer(max_bytes=5)
        w.write("x" * 100)
        assert read(log_path) == "x" * 100 + "\n"

    def test_backups_shift_and_newest_is_one(self, make_writer, log_path):
        w = make_writer(max_bytes=1)
        for i in range(3):
            w.write(str(i))
        assert read(log_path) == "2\n"
        assert read(log_path.with_name("app.log.1")) == "1\n"
        assert read(log_path.with_name("app.log.2")) == "0\n"

    @pytest.mark.parametrize("backups", [1, 2, 4])
    def test_backup_count_is_capped(self, make_writer, log_path, backups):
        w = make_writer(max_bytes=1, backups=backups)
        for i in range(10):
            w.write(str(i))
        names = sorted(p.name for p in log_path.parent.iterdir())
        assert names == ["app.log"] + [f"app.log.{n}" for n in range(1, backups + 1)]
        assert read(log_path.with_name(f"app.log.{backups}")) == f"{9 - backups}\n"

    def test_zero_backups_truncates(self, make_writer, log_path):
        w = make_writer(max_bytes=1, backups=0)
        w.write("first")
        w.write("second")
        assert read(log_path) == "second\n"
        assert list(log_path.parent.iterdir()) == [log_path]

    def test_manual_rotate(self, make_writer, log_path):
        w = make_writer(max_bytes=10_000)
        w.write("before")
        w.rotate()
        w.write("after")
        assert read(log_path) == "after\n"
        assert read(log_path.with_name("app.log.1")) == "before\n"

    def test_rotate_without_file_is_noop(self, make_writer, log_path):
        make_writer().rotate()
        assert not log_path.exists()

    def test_multibyte_characters_count_as_bytes(self, make_writer, log_path):
        w = make_writer(max_bytes=8)
        w.write("ééé")  # 7 bytes with newline
        w.write("é")  # 3 more bytes -> overflow
        assert read(log_path) == "é\n"


class TestCompression:
    def test_backups_are_gzipped(self, make_writer, log_path):
        w = make_writer(max_bytes=1, compress=True)
        w.write("one")
        w.write("two")
        gz = log_path.with_name("app.log.1.gz")
        assert gz.exists()
        assert gzip.decompress(gz.read_bytes()) == b"one\n"
        assert not log_path.with_name("app.log.1").exists()

    def test_compressed_backups_shift(self, make_writer, log_path):
        w = make_writer(max_bytes=1, compress=True, backups=2)
        for word in ["a", "b", "c", "d"]:
            w.write(word)
        contents = [gzip.decompress(p.read_bytes()) for p in w.backups_on_disk()]
        assert contents == [b"c\n", b"b\n"]


def test_context_manager_closes(log_path):
    with RotatingWriter(log_path) as w:
        w.write("x")
    assert w._fh is None


def test_close_is_idempotent(make_writer):
    w = make_writer()
    w.write("x")
    w.close()
    w.close()


def test_concurrent_writes_do_not_lose_lines(make_writer, log_path):
    w = make_writer(max_bytes=200, backups=50)

    def worker(tid):
        for i in range(20):
            w.write(f"{tid}-{i}")

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    lines = read(log_path).splitlines()
    for p in w.backups_on_disk():
        lines += read(p).splitlines()
    assert sorted(lines) == sorted(f"{t}-{i}" for t in range(4) for i in range(20))


def test_encoding_error_surfaces(make_writer, monkeypatch):
    w = make_writer(encoding="ascii")
    with pytest.raises(UnicodeEncodeError):
        w.write("naïve")
