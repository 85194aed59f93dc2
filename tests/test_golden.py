"""Golden outputs: corpus/golden/<name>.json is the expected result for corpus/<name>.

``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` rewrites them on purpose; review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from models import Settings
from pipeline.runner import process_bytes, to_json

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())


def test_update_flag_is_off_in_ci() -> None:
    if os.environ.get("CI"):
        assert not os.environ.get("UPDATE_GOLDEN"), "UPDATE_GOLDEN must not be set in CI"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    relative = f"corpus/{path.name}"
    actual = to_json(process_bytes(path.read_bytes(), relative, Settings()))
    golden = ROOT / "corpus" / "golden" / f"{path.name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden output for {path.name}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_output_is_deterministic() -> None:
    path = DOCUMENTS[0]
    first = to_json(process_bytes(path.read_bytes(), "x", Settings()))
    second = to_json(process_bytes(path.read_bytes(), "x", Settings()))
    assert first == second
