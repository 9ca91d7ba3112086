"""WARC reading and extraction throughput (records/s), for `make bench` (#10).

Writes a synthetic web archive in memory (seeded: article pages in our own words, plus the
request records, redirects and images a crawl holds), then times two things on it, best of
``--repeat`` runs:

- the bare iteration of warcio over every record (the floor any reader pays);
- ``newsevents.ingest.warc.read_warc`` with our HTML extractor (what ingest pays before the NLP).

Usage: .venv/bin/python bench/warc_bench.py [--pages 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import random
import time

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest.html import extract_html
from newsevents.ingest.warc import read_warc

PLACES = ["Lagos", "Quito", "Hanoi", "Tbilisi", "Nairobi", "Lima", "Dhaka", "Tunis", "Riga", "Accra"]
ACTS = ["met", "criticised", "signed a trade pact with", "urged", "rejected a proposal from", "hosted"]
PAGE = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | Bench Post</title>"
        "<meta property='og:title' content='{title}'></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<main><article><h1>{title}</h1><p class='byline'>By Bench Desk</p>{body}</article></main>"
        "<aside><h2>Most read</h2><ul><li><a href='/x'>Other story</a></li></ul></aside>"
        "<footer>Subscribe to our newsletter</footer></body></html>")


def _page(rng: random.Random, n: int) -> tuple[str, bytes]:
    a, b = rng.sample(PLACES, 2)
    title = f"Officials in {a} {rng.choice(ACTS)} counterparts from {b}"
    body = "".join(f"<p>Paragraph {k} of story {n}: officials in {rng.choice(PLACES)} {rng.choice(ACTS)} "
                   f"delegates from {rng.choice(PLACES)} on Tuesday, aides said.</p>" for k in range(rng.randint(6, 14)))
    return f"https://bench.example.org/world/{n}", PAGE.format(title=title, body=body).encode("utf-8")


def make_archive(pages: int, seed: int = 7) -> tuple[bytes, int]:
    """A gzip WARC with ``pages`` article responses plus one request, one redirect and one image per 4 pages."""
    rng = random.Random(seed)
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    records = 0
    for n in range(pages):
        url, html = _page(rng, n)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
        records += 1
        if n % 4 == 0:
            request = StatusAndHeaders("GET /world HTTP/1.1", [("Host", "bench.example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            moved = StatusAndHeaders("301 Moved Permanently", [("Location", url)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url + "/old", "response", payload=io.BytesIO(b""), http_headers=moved))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url + ".png", "response", payload=io.BytesIO(b"\x89PNG" + bytes(512)),
                                                          http_headers=image))
            records += 3
    return out.getvalue(), records


def _best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data, records = make_archive(args.pages)

    def bare() -> None:
        for record in ArchiveIterator(io.BytesIO(data)):
            record.content_stream().read()

    result = read_warc("bench.warc.gz", data, extract_html)
    assert len(result.documents) == args.pages, result.summary()
    bare_s = _best(bare, args.repeat)
    ours_s = _best(lambda: read_warc("bench.warc.gz", data, extract_html), args.repeat)
    print(f"WARC bench: {records} records ({args.pages} article pages), {len(data) / 1e6:.1f} MB gzip, best of {args.repeat}")
    print(f"  warcio iteration only      {records / bare_s:8.0f} records/s  ({bare_s:.2f} s)")
    print(f"  read_warc + HTML extraction {records / ours_s:7.0f} records/s  ({ours_s:.2f} s; "
          f"{args.pages / ours_s:.0f} articles/s; {bare_s / ours_s:.2f}x of bare iteration)")


if __name__ == "__main__":
    main()
