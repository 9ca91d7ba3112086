"""The same corpus gives byte-identical exports whatever Python's hash seed or worker count (#11 item 6, #7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SCRIPT = """
import sys
from newsevents.cli import main
db, out = sys.argv[1], sys.argv[2]
try:
    main(["ingest", sys.argv[3], "--db", db, "--quiet", "--workers", sys.argv[4]], standalone_mode=False)
except SystemExit as exc:
    if exc.code:
        raise
main(["export", "--db", db, "--format", "jsonl", "--out", out], standalone_mode=False)
"""


@pytest.mark.slow
def test_three_hash_seeds_and_two_worker_counts_give_byte_identical_exports(tmp_path):
    runs = []
    for seed, workers in (("0", "1"), ("1", "1"), ("4242", "1"), ("7", "2")):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        db, out = tmp_path / f"s{seed}.db", tmp_path / f"s{seed}.jsonl"
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(db), str(out), str(CORPUS), workers], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        runs.append((seed, proc, out))
    exports = {}
    for seed, proc, out in runs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
        exports[seed] = out.read_bytes()
    first = exports["0"]
    assert first.count(b"\n") >= 25 and b'"events": [{' in first
    for seed, data in exports.items():
        if data != first:
            a, b = first.splitlines(), data.splitlines()
            differing = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y) if len(a) == len(b) else "count"
            pytest.fail(f"PYTHONHASHSEED={seed} (or 2 workers, seed 7) gave a different export (first differing article line: {differing})")
