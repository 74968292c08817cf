"""What `newsfuse watch` costs when nothing is new, and what re-ingesting known articles costs.

    python benchmarks/watch_speed.py                    # both, 5,000 articles; 100 feeds x 50 items
    python benchmarks/watch_speed.py --articles 2000 --feeds 20
    python benchmarks/watch_speed.py --skip-poll         # the re-ingest only (about a minute)

1. Re-ingest: the first 5,000 articles of ../shared/eval/stories/multinews-train-articles.jsonl (real
   text) are ingested once (words only), then the same file again, in this process: read (the reader
   looks each raw article up by id and URL, and passes a stored one on uncleaned) + stream.ingest
   (known ones get no features) → articles/s. Target ≥ 2,000/s. Records that clean to nothing are
   never stored, so they are cleaned again on every read (about 5% of these: they count in the time).
2. A poll cycle with nothing new: 100 feeds x 50 full-text items served by a ThreadingHTTPServer on
   127.0.0.1 (the host delay set to 0: all the feeds are on one host). Cycle 1 stores the 5,000 items;
   then (a) the server answers If-None-Match with 304, (b) the server sends no validators and the same
   bytes (no parse: the body hash is the one stored), (c) each feed's bytes changed (a new
   lastBuildDate) but every item is stored (parse + one lookup per feed, nothing fetched). Target ≤ 2 s.
"""

from __future__ import annotations

import argparse
import http.server
import json
import socket
import tempfile
import threading
import time
from pathlib import Path

from newsfuse.cli.stories import known_to
from newsfuse.config import load_settings
from newsfuse.engine import LocalEngine
from newsfuse.ingest.poll import Poller
from newsfuse.ingest.sources import Sources
from newsfuse.store import Store
from newsfuse.stream import ingest
from newsfuse.watch import cycle

SHARED = Path(__file__).resolve().parents[2] / "shared"
TRAIN = SHARED / "eval" / "stories" / "multinews-train-articles.jsonl"
SETTINGS = load_settings(env={}, group_embedder="none", embedder="hashing", facts=False, watch_host_delay=0.0,
                         fetch_allow_private=True)


def reingest(n: int, folder: Path) -> dict[str, float]:
    data = folder / "known.jsonl"
    with TRAIN.open(encoding="utf-8") as source, data.open("w", encoding="utf-8") as out:
        for i, line in enumerate(source):
            if i >= n:
                break
            out.write(line)
    engine = LocalEngine()
    engine.start()  # forked before any writer lock is taken: the workers must not inherit its descriptor
    with Store.open(folder / "known.db") as store:
        started = time.perf_counter()
        first = ingest(Sources([str(data)], SETTINGS), store, engine, settings=SETTINGS)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        sources = Sources([str(data)], SETTINGS, known=lambda a: known_to(store, a))
        again = ingest(sources, store, engine, settings=SETTINGS)
        warm = time.perf_counter() - started
    engine.close()
    assert again.new == 0 and again.duplicates == again.read == first.read, (first, again)
    return {"articles": again.read, "first_ingest_s": round(cold, 2), "reingest_s": round(warm, 2),
            "reingest_per_s": round(again.read / warm)}


BODY = ("Officials said on {day} that the council of {town} had approved the new budget after a long debate, "
        "with {n} members voting in favour and the rest against; the mayor said the money would go to schools, "
        "roads and the hospital, and that taxes would not rise this year. ") * 4


class Feeds:
    def __init__(self, feeds: int, items: int) -> None:
        self.feeds, self.items, self.mode, self.build = feeds, items, "etag", 0
        self.bodies: dict[int, bytes] = {}

    def body(self, number: int) -> bytes:
        if number not in self.bodies:
            items = "".join(
                f"<item><title>Budget {number}-{i}</title><link>http://127.0.0.1/a/{number}/{i}</link>"
                f"<guid>http://127.0.0.1/a/{number}/{i}</guid><pubDate>Mon, 12 May 2025 08:00:00 GMT</pubDate>"
                f"<content:encoded><![CDATA[<p>{BODY.format(day='Monday', town=f'Town {number}-{i}', n=i)}</p>]]>"
                f"</content:encoded></item>" for i in range(self.items))
            self.bodies[number] = items.encode()
        head = (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                f"<channel><title>Feed {number}</title><lastBuildDate>{self.build}</lastBuildDate>")
        return head.encode() + self.bodies[number] + b"</channel></rss>"

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        feeds = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, Nagle and the client's delayed
                # ACK add 40 ms to every 200 (an artefact of http.server, not of the poller).
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:
                if not self.path.startswith("/feed/"):
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = f'"{feeds.build}"'
                if feeds.mode == "etag" and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                body = feeds.body(int(self.path.rsplit("/", 1)[1]))
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                if feeds.mode == "etag":
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def poll_cycle(feeds: int, items: int, folder: Path) -> dict[str, float]:
    site = Feeds(feeds, items)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (folder / "feeds.opml").write_text('<?xml version="1.0"?><opml version="2.0"><body>' + "".join(
        f'<outline type="rss" xmlUrl="{base}/feed/{i}"/>' for i in range(feeds)) + "</body></opml>")
    inputs = [str(folder / "feeds.opml")]
    out: dict[str, float] = {}
    try:
        with Store.open(folder / "poll.db") as store:
            poller = Poller(SETTINGS, store.known)
            engine = LocalEngine()
            engine.start()
            first = cycle(poller, inputs, store, engine, SETTINGS)
            out["cycle1_new"] = first.result.new
            out["cycle1_s"] = round(first.seconds, 2)
            for mode, name in (("etag", "304"), ("same", "same_bytes"), ("changed", "changed_all_known")):
                site.mode = "etag" if mode == "etag" else "none"
                if mode == "changed":
                    site.build += 1
                started = time.perf_counter()
                done = cycle(poller, inputs, store, engine, SETTINGS)
                out[f"{name}_s"] = round(time.perf_counter() - started, 3)
                assert done.result.new == 0 and done.counts.errors == 0, done.line()
                out[f"{name}_not_modified"] = done.counts.not_modified
                out[f"{name}_known"] = done.counts.known
            poller.close()
            engine.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--skip-reingest", action="store_true")
    parser.add_argument("--skip-poll", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results: dict[str, object] = {}
        if not args.skip_reingest:
            results["reingest"] = reingest(args.articles, folder)
        if not args.skip_poll:
            results["poll"] = poll_cycle(args.feeds, args.items, folder)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
