"""Write examples/corpus/warc/harbour_gazette_2024.warc.gz: a small web archive for the example corpus.

It holds a request record, two article pages (HTTP 200, HTML), a redirect, a 404 page and an
image, one gzip member per record, as a crawler would save them. The pages are written here, in
our own words; record dates are fixed, so running it again gives the same archive content.

Usage: .venv/bin/python scripts/make_example_warc.py [OUTPUT]   (needs warcio: pip install 'newsevents[warc]')
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "warc" / "harbour_gazette_2024.warc.gz"
SITE = "https://harbour-gazette.example.org"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Harbour Gazette</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="{author}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>
{paragraphs}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Port strike enters second week</a></li>
<li><a href="/b">City council approves new ferry route</a></li></ul></aside>
<footer><p>Subscribe to our newsletter</p><p>&copy; 2024 Harbour Gazette</p></footer></body></html>
"""

ARTICLES = [
    (
        "/politics/2024/06/12/chile-senate-pension-reform",
        "2024-06-12T18:30:00Z",
        "Chile's Senate backs pension overhaul after months of talks",
        "Lucia Fernandez",
        [
            "Chile's Senate approved on Wednesday a reform of the private pension system, handing President Gabriel Boric "
            "a rare legislative victory after more than a year of negotiations with opposition parties.",
            "The bill raises the contribution paid by employers by six percentage points over nine years and creates a "
            "public fund that will top up the pensions of retired workers with low savings.",
            "Opposition senators who had rejected earlier drafts voted in favour after the government agreed to keep "
            "individual accounts at the centre of the system, the labour minister told reporters in Valparaiso.",
            "The reform now returns to the lower house, where the governing coalition expects a final vote next month.",
        ],
    ),
    (
        "/world/2024/06/13/baltic-ministers-meet-vilnius",
        "2024-06-13T09:10:00Z",
        "Baltic foreign ministers meet in Vilnius to discuss border security",
        "Tomas Kalnins",
        [
            "The foreign ministers of Estonia, Latvia and Lithuania met in Vilnius on Thursday to coordinate their "
            "response to repeated airspace violations along their eastern borders.",
            "Lithuania's foreign minister said the three governments would ask NATO allies for more air defence "
            "systems and would share radar data in real time from the autumn.",
            "The ministers also agreed to press the European Union for funding to build fences and surveillance posts "
            "along the border with Belarus, which they accused of steering migrants towards the frontier.",
        ],
    ),
]


def _http(status: str, content_type: str) -> StatusAndHeaders:
    """HTTP response headers for a record."""
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def build(out: Path) -> None:
    """Write the archive to ``out``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    def add(kind: str, path: str, date: str, body: bytes, http: StatusAndHeaders | None) -> None:
        headers = {"WARC-Date": date, "WARC-Record-ID": f"<urn:example:{kind}:{path}>"}
        record = writer.create_warc_record(
            SITE + path, kind, payload=io.BytesIO(body), length=len(body), http_headers=http, warc_headers_dict=headers
        )
        writer.write_record(record)

    first_path, first_date = ARTICLES[0][0], ARTICLES[0][1]
    request = StatusAndHeaders(f"GET {first_path} HTTP/1.1", [("Host", SITE.split("//")[1])], is_http_request=True)
    add("request", first_path, first_date, b"", request)
    for path, date, title, author, paragraphs in ARTICLES:
        body = PAGE.format(title=title, author=author, paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs))
        add("response", path, date, body.encode("utf-8"), _http("200 OK", "text/html; charset=utf-8"))
    add("response", "/politics", "2024-06-13T09:11:00Z", b"", _http("301 Moved Permanently", "text/html"))
    add("response", "/missing", "2024-06-13T09:12:00Z", b"<html><body>Not found</body></html>", _http("404 Not Found", "text/html"))
    add("response", "/logo.png", "2024-06-13T09:13:00Z", b"\x89PNG\r\n\x1a\n" + bytes(32), _http("200 OK", "image/png"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
