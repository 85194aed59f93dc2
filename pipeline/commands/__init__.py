"""Subcommands: each module has HELP, configure(parser) and run(args) -> exit code."""

from __future__ import annotations

import sys
from pathlib import Path


def error_exit(error: Exception, target: Path | None = None) -> int:
    """Print a library or file error as ``error: ...`` on stderr; the exit code for it (2)."""
    if isinstance(error, OSError):
        where = error.filename or target
        message = f"cannot write {where}: {error.strerror or error}"
    else:
        message = str(error)
    print(f"error: {message}", file=sys.stderr)
    return 2
