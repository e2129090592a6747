"""Atomic file writes: a temporary file in the same folder, flushed to disk, then renamed.

Files are created with the user's umask (0644 with the usual 022), not the
0600 of temporary files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Temporary files of `write_atomic` (and of the earlier one-temp-per-table layout):
# `.<final name>.<random>.tmp`.
TMP_SUFFIX = ".tmp"


def file_mode() -> int:
    """The mode of a new file under the user's umask (0o644 with the usual 022).

    Read by setting and restoring the umask, the only way to read it; done once
    per run, before any thread starts writing.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def fsync(path: Path) -> None:
    """Flush a file or folder to disk, so a rename never publishes an empty file after a crash."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file in the same folder and a rename (mode under the umask)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    os.fchmod(fd, file_mode())
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
