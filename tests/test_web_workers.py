"""``serve(db, workers=N)``: N server processes answer on one port, each building its app from the settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_web_data import build_web_db

from newsevents.errors import SettingsError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts the server's processes through Linux /proc")
def test_two_worker_processes_serve_the_dashboard(tmp_path):
    db = build_web_db(tmp_path / "web.db")
    port = free_port()
    code = "import sys; from newsevents.web import serve; serve(sys.argv[1], port=int(sys.argv[2]), workers=2)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_")}
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            while True:
                try:
                    if client.get("/api/stats").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
            answers = [client.get(url) for url in ("/events", "/api/events?type=ACCUSE", "/map", "/dyads/RUS/IRN") * 3]
            assert all(r.status_code == 200 for r in answers)
            assert client.get("/api/events", headers={"host": "evil.example"}).status_code == 400  # the trusted hosts reach the workers
        workers = [c for c in children(proc.pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == 2, workers
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_workers_must_be_one_or_more(tmp_path):
    from newsevents.web import serve

    with pytest.raises(SettingsError, match="workers"):
        serve(str(build_web_db(tmp_path / "web.db")), workers=0)


def test_cli_serve_passes_its_processes_to_the_server(tmp_path, monkeypatch):
    import newsevents.web
    from click.testing import CliRunner

    from newsevents.cli import main

    seen = {}
    monkeypatch.setattr(newsevents.web, "serve", lambda db, **kw: seen.update(kw, db=db))
    db = str(build_web_db(tmp_path / "web.db"))
    result = CliRunner().invoke(main, ["serve", "--db", db, "--processes", "2"])
    assert result.exit_code == 0, result.output
    assert seen["workers"] == 2 and seen["db"] == db
    result = CliRunner().invoke(main, ["serve", "--db", db, "--processes", "0"])
    assert result.exit_code != 0 and "processes" in result.output
