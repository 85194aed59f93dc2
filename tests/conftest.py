"""Shared fixtures: where ../shared is, and a skip that never fires in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def require_shared() -> Path:
    """Return ../shared; skip outside CI when it is absent, fail in CI."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing in CI: the corpus tests must run there")
        pytest.skip("../shared is not present (outside CI)")
    return SHARED


@pytest.fixture
def corpus() -> Path:
    """Folder of real documents (../shared/corpus)."""
    return require_shared() / "corpus"


@pytest.fixture
def gold() -> Path:
    """Folder of answer keys (../shared/gold)."""
    return require_shared() / "gold"
