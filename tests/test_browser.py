"""The review page in a real browser: headless Chromium runs its script and renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures_results import plan_result

from pipeline.review.html import render_review

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """Path of Debian's chromium; skip outside CI when absent, fail in CI."""
    found = shutil.which("chromium") or (Path("/usr/bin/chromium").is_file() and "/usr/bin/chromium") or ""
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: install the Debian package chromium")
        pytest.skip("chromium is not installed")
    return str(found)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "review.html"
    path.write_text(render_review(plan_result()), encoding="utf-8")
    return path


def run_browser(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = page.parent / "profile"
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_dom_has_marks_and_script_ran(page: Path) -> None:
    done = run_browser(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-500:]
    dom = done.stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None
    attrs = dict(re.findall(r'(data-[\w-]+)="([^"]*)"', body.group(0)))
    # the page's script counted the labels after load and wrote the counts on <body>
    assert attrs["data-rendered"] == "yes"
    assert attrs["data-rendered-task"] == "4" == attrs["data-tasks"]
    assert attrs["data-rendered-lead"] == "4"
    assert attrs["data-rendered-coord"] == "5"
    assert attrs["data-rendered-deadline"] == "4"
    assert dom.count('class="hl t-task t-lead') == 4
    assert "&lt;kho dữ liệu&gt;" in dom


def test_screenshot(page: Path) -> None:
    shot = page.parent / "review.png"
    done = run_browser(page, f"--screenshot={shot}", "--window-size=1280,900")
    assert done.returncode == 0, done.stderr[-500:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB
