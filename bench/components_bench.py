"""Where the time goes: CPU seconds per pipeline component, bare spaCy against ours, same texts, one process.

`bench/bench.py` measures wall time end to end, which a busy machine distorts. This bench runs
each component of bare ``en_core_web_sm`` and of our pipeline (``parse=all`` and
``parse=candidates``) over the same article bodies, one component at a time over the whole batch,
and prints each component's process CPU time. It shows what bounds the pipeline's speed against
bare spaCy: the components every article needs (NER reads all text) and those we add.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from bench import corpus_articles

#: issue #9: the full pipeline with events at this many times bare spaCy's articles/s
TARGET = 1.5


def profile(nlp: Any, texts: list[str], batch_size: int = 64) -> dict[str, float]:
    """CPU seconds of each component of ``nlp`` over ``texts`` (tokenising included as 'tokenizer')."""
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    out = {"tokenizer": time.process_time() - t0}
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.process_time() - t0
    return out


def main() -> None:
    """Profile bare spaCy and our pipeline on the same bodies; print the table."""
    from newsevents.nlp.pipeline import load_model, load_pipeline
    from newsevents.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    bodies = ["\n\n".join(paras) for _, paras in corpus_articles()]
    random.Random(7).shuffle(bodies)
    texts = (bodies * (args.articles // max(1, len(bodies)) + 1))[: args.articles]
    runs = {"bare spaCy": profile(load_model(Settings.make(parse="all")), texts)}  # the model as bench.py runs it
    for parse in ("all", "candidates"):
        runs[f"ours, parse={parse}"] = profile(load_pipeline(Settings.make(parse=parse)), texts)
    runs["ours, hybrid coder"] = profile(load_pipeline(Settings.make(coder="newsevents.hybrid.v2")), texts)  # issue #7: >= 0.7x
    bare = sum(runs["bare spaCy"].values())
    print(f"\nCPU seconds per component over {len(texts)} articles (one process; batch 64)")
    for label, times in runs.items():
        total = sum(times.values())
        parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in times.items() if seconds >= 0.01)
        print(f"{label:<24} total {total:6.2f}  ({bare / total:.2f}x bare)  {parts}")
    ner = runs["bare spaCy"].get("ner", 0.0)
    print(f"NER alone (it reads every sentence) is {ner / bare:.0%} of bare spaCy; the {TARGET}x target leaves "
          f"{bare / TARGET - ner:.2f} s for everything else")


if __name__ == "__main__":
    main()
