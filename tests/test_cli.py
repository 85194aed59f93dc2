"""The command line: start-up time, exit codes, the batch contract, README commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "quangngai_kh_167_2021.txt"


def _kehoach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_help_is_fast() -> None:
    best = min(_timed("--help") for _ in range(3))
    assert best < 0.5, f"kehoach --help took {best:.2f}s"


def _timed(*args: str) -> float:
    started = time.perf_counter()
    result = _kehoach(*args)
    assert result.returncode == 0
    return time.perf_counter() - started


def test_unknown_command_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err


def test_bad_option_is_usage_error() -> None:
    assert main(["extract", "--no-such-option", "x"]) == 2


def test_readme_documents_every_command_and_only_real_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^\$ kehoach (\w+)", readme, re.MULTILINE))
    assert shown <= set(COMMANDS), f"README shows unknown commands: {shown - set(COMMANDS)}"
    assert set(COMMANDS) <= shown, f"README does not show: {set(COMMANDS) - shown}"
    assert "make run" in readme and "make test" in readme


def test_batch_goes_on_past_bad_files_and_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"this is not a zip")
    out = tmp_path / "out"
    result = _kehoach("extract", str(SEED), str(empty), str(fake), str(tmp_path / "missing.pdf"),
                      "--out", str(out), "-q", "--jobs", "2")
    assert result.returncode == 1
    assert "missing.pdf" in result.stderr
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    statuses = {Path(d["path"]).name: d["status"] for d in run["documents"]}
    assert statuses == {"quangngai_kh_167_2021.txt": "ok", "empty.txt": "failed", "fake.docx": "failed"}
    seed = json.loads((out / "quangngai_kh_167_2021.txt.json").read_text(encoding="utf-8"))
    assert len(seed["tasks"]) == 21
    failed = json.loads((out / "empty.txt.json").read_text(encoding="utf-8"))
    assert failed["problems"][0]["code"] == "E002"


def test_all_good_exits_0_and_schema_prints(tmp_path: Path) -> None:
    result = _kehoach("extract", str(SEED), "--out", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    schema = json.loads(_kehoach("schema").stdout)
    assert {"schema_version", "source", "document", "tasks", "problems"} <= set(schema["properties"])


def test_text_that_is_no_plan_is_partial_with_a_reason(tmp_path: Path) -> None:
    letter = tmp_path / "thu.txt"
    letter.write_text("Kính gửi anh chị,\nHôm nay trời đẹp. Chúc mọi người một tuần vui vẻ.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _kehoach("extract", str(letter), "--out", str(out), "-q")
    assert result.returncode == 0  # read fine: not a failure, but flagged
    data = json.loads((out / "thu.txt.json").read_text(encoding="utf-8"))
    assert data["status"] == "partial"
    assert "W201" in {p["code"] for p in data["problems"]}
    assert data["tasks"] == []


def test_parallel_batch_keeps_input_order_and_output(tmp_path: Path) -> None:
    """The largest file starts first in a parallel batch; results and run.json keep input order."""
    from models import Settings
    from pipeline.runner import map_documents

    small = tmp_path / "a_small.txt"
    small.write_text("Sở Tài chính chủ trì rà soát kinh phí, hoàn thành trước ngày 30/6/2026.\n", encoding="utf-8")
    paths = [str(small), str(SEED), str(tmp_path / "missing.txt")]
    settings = Settings(ocr=False)
    serial = [r.model_dump(exclude={"seconds"}) for r in map_documents(paths, settings, jobs=1)]
    parallel = [r.model_dump(exclude={"seconds"}) for r in map_documents(paths, settings, jobs=2)]
    assert parallel == serial
    assert [Path(r["source"]["path"]).name for r in parallel] == ["a_small.txt", SEED.name, "missing.txt"]
