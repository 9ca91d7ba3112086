"""The Ray runner on a real two-node Ray cluster on loopback (`ray start`): `ingest --runner ray` gives the local runner's Documents; poison items are reported."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'newsevents[ray]' (make test installs it)")

from newsevents.batch import map_batches  # noqa: E402
from newsevents.batch.ray_runner import RayRunner  # noqa: E402
from newsevents.process import annotate_batch  # noqa: E402
from newsevents.records import Article, Document, InputFailure  # noqa: E402
from newsevents.settings import Settings  # noqa: E402

# Ray 2.60 warns about its own deprecated fields when its data context is first made
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")]

ROOT = Path(__file__).resolve().parents[1]
RAY = str(Path(sys.executable).with_name("ray"))
#: a loopback test cluster: no token, no usage report
ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str], log: Path) -> subprocess.Popen:
    """`ray start --block ...` in its own process group, so the test stops exactly the nodes it started."""
    ports = [f"--dashboard-agent-listen-port={_free_port()}", f"--metrics-export-port={_free_port()}"]
    with log.open("w") as err:
        return subprocess.Popen([RAY, "start", "--block", "--node-ip-address=127.0.0.1", "--num-cpus=1", "--disable-usage-stats", *ports, *args],
                                env={**os.environ, **ENV}, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)  # fmt: skip


def _nodes(address: str) -> int:
    out = subprocess.run([RAY, "status", f"--address={address}"], env={**os.environ, **ENV}, capture_output=True, text=True, timeout=30)
    return out.stdout.count(" node_") if out.returncode == 0 else 0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A head and one worker node (`ray start`, one CPU each) on 127.0.0.1; yields the head's address."""
    logs = tmp_path_factory.mktemp("ray")
    port = _free_port()
    address = f"127.0.0.1:{port}"
    temp = f"/tmp/nr{os.getpid()}"  # short: Ray's socket paths must fit in 107 bytes
    nodes = [_start(["--head", f"--port={port}", "--include-dashboard=false", f"--temp-dir={temp}"], logs / "head.log")]
    saved = {k: os.environ.get(k) for k in ENV}
    os.environ.update(ENV)
    try:
        _wait(lambda: _nodes(address) >= 1, logs / "head.log")
        nodes.append(_start([f"--address={address}"], logs / "worker.log"))
        _wait(lambda: _nodes(address) >= 2, logs / "worker.log")
        yield address
    finally:
        for node in reversed(nodes):
            os.killpg(node.pid, signal.SIGTERM)
        time.sleep(2)
        for node in reversed(nodes):
            os.killpg(node.pid, signal.SIGKILL)  # `ray start --block` takes its time to go; the cluster is ours alone
            node.wait()
        shutil.rmtree(temp, ignore_errors=True)
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)


def _wait(ready, log: Path, timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            pytest.fail(f"the Ray node did not come up in {timeout:.0f} s; its log:\n{log.read_text()[-2000:]}")
        time.sleep(1)


#: five articles of the example corpus: a dump of three and two HTML pages
INPUTS = [str(ROOT / "examples/corpus" / name) for name in ("dumps/lakeside_herald_2024.txt", "html/pacific_chronicle_yemen_strikes.html",
                                                            "html/atlas_tribune_canada_india_expulsions.html")]  # fmt: skip


def test_ingest_on_ray_gives_the_documents_of_the_local_runner(cluster, tmp_path):
    from click.testing import CliRunner

    from newsevents.batch.dataset import read_dataset
    from newsevents.cli import main

    def ingest(name: str, *flags: str) -> list[Document]:
        args = ["ingest", *INPUTS, "--db", str(tmp_path / f"{name}.db"), "--out", str(tmp_path / name), "--batch-size", "2", "--quiet", *flags]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return sorted(read_dataset(tmp_path / name), key=lambda d: d.article.id)

    local = ingest("local", "--runner", "local")
    on_ray = ingest("ray", "--runner", "ray", "--address", cluster, "--workers", "2")
    assert len(local) == 5 and sum(len(doc.events) for doc in local) > 0
    assert on_ray == local  # every entity, event, quote, role and attribution (`load` of such a folder: test_batch_dataset.py)


def shout_or_die(items: list[Article], settings: Settings) -> list[str]:
    """A per-batch function with two poison articles: 'raise' raises, 'crash' kills its worker process."""
    for item in items:
        if item.id == "crash":
            os._exit(3)
        if item.id == "raise":
            raise ValueError("cannot shout this")
    return [item.title.upper() for item in items]


def _article(ident: str) -> Article:
    return Article(id=ident, title=f"title {ident}", paragraphs=("text",), origin=f"{ident}.txt")


def test_poison_articles_are_reported_and_the_job_goes_on(cluster):
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the Ray workers cannot import this test module
    batches = [[_article("a"), _article("raise"), _article("b")], [_article("x"), _article("crash")], [_article("c")]]
    with RayRunner(Settings.make(workers=2), address=cluster, retries=1) as runner:  # 2 tries: each costs a worker restart
        results = list(runner.map(shout_or_die, batches))
        again = list(runner.map(shout_or_die, [[_article("d")]]))  # one runner serves a job's several maps
    assert results[0][0] == "TITLE A" and results[0][2] == "TITLE B"
    assert isinstance(results[0][1], InputFailure) and results[0][1].origin == "raise.txt"
    assert "ValueError: cannot shout this" in results[0][1].reason
    kept, lost = results[1]  # the batch whose worker died is tried again article by article: only the poison is lost
    assert kept == "TITLE X"
    assert lost.origin == "crash.txt" and "died on each of 2 tries, with it alone" in lost.reason
    assert results[2] == ["TITLE C"]
    assert again == [["TITLE D"]]


def test_a_cluster_that_is_not_there_says_what_to_do():
    from newsevents.errors import SettingsError

    with pytest.raises(SettingsError, match="ray start --head"):
        list(map_batches([[_article("a")]], Settings.make(), annotate_batch, runner="ray", address=f"127.0.0.1:{_free_port()}"))
