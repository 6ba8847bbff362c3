#!/usr/bin/env python3
"""`opskit serve` reload latency: the time from a saved edit to the reload event on
/__opskit/events, on a copy of the shipped kit and on a generated corpus.

usage: tests/bench/serve-reload.py [kit] [corpus]      (default: both)

Each target is served from a temporary copy (the sources here are never touched) with --port 0.
One page is edited SERVE_BENCH_EDITS times (saved as editors do: a temporary file renamed over
it); each edit is timed from the rename to the "event: build" line that announces its build.
Two kinds of edit, interleaved: a body edit (a paragraph added: opskit re-renders that page
only) and a title edit (the front matter's title changes: the navigation of every page changes,
a full rebuild), the peer the body edit is compared with in the same run.
Prints, per target and kind: the median, min and max of the edit-to-event latency and of the
rebuild time opskit reports, and the ratio of the medians. The watcher's 75 ms of quiet (one save,
one update) is the floor of every latency: a page update is made during it, a full rebuild after it.

Environment:
  OPSKIT             opskit binary (default: build/opskit)
  SERVE_BENCH_PAGES  pages of the generated corpus (default 10000; 1000 for a quick look)
  SERVE_BENCH_EDITS  timed body edits per target (default 7)
  SERVE_BENCH_TITLE_EDITS  timed title edits per target (default 3)
  SERVE_BENCH_PAUSE  seconds between edits (default 2.5: past the whole-model checks of a large corpus)
  GEN_CORPUS         the corpus generator (default tests/bench/gen-corpus.py, run with --seed 11)
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OPSKIT = os.environ.get("OPSKIT", os.path.join(ROOT, "build", "opskit"))
PAGES = int(os.environ.get("SERVE_BENCH_PAGES", "10000"))
EDITS = int(os.environ.get("SERVE_BENCH_EDITS", "7"))
PAUSE = float(os.environ.get("SERVE_BENCH_PAUSE", "2.5"))  # seconds between edits
TITLE_EDITS = int(os.environ.get("SERVE_BENCH_TITLE_EDITS", "3"))  # full rebuilds are slow at 10,000 pages
GEN_CORPUS = os.environ.get("GEN_CORPUS", os.path.join(HERE, "gen-corpus.py"))


def log(msg):
    print(f"serve-bench: {msg}", file=sys.stderr, flush=True)


class Serve:
    def __init__(self, project):
        self.proc = subprocess.Popen([OPSKIT, "serve", "--port", "0", "-C", project], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.builds = []  # the ms of each "built N files in X ms" or "updated 1 page in X ms" line
        self.checks = []  # of the latter, the ms its checks over the whole model took
        self.port = None
        ready = threading.Event()

        def read():
            for line in self.proc.stderr:
                m = re.search(r"opskit: (?:built \d+ files|updated \d+ pages?|build failed.*?) in (\d+) ms", line)
                if m:
                    self.builds.append(int(m.group(1)))
                m = re.search(r"\(checks (\d+) ms\)", line)
                if m:
                    self.checks.append(int(m.group(1)))
                m = re.search(r"opskit: serving http://127\.0\.0\.1:(\d+)/", line)
                if m:
                    self.port = int(m.group(1))
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(1800) or self.port is None:
            raise SystemExit("opskit serve did not start")

    def stop(self):
        self.proc.send_signal(2)
        self.proc.wait(60)


class Events:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(f"GET /__opskit/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.buf = b""

    def latest(self, known):
        """The newest generation announced so far (reads what has arrived, without waiting)."""
        self.sock.settimeout(0.01)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.buf += chunk
        except (socket.timeout, BlockingIOError):
            pass
        gens = [int(g) for g in re.findall(rb"event: build\ndata: (\d+)\n\n", self.buf)]
        return max(gens + [known])

    def wait_newer(self, after, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            gens = [int(g) for g in re.findall(rb"event: build\ndata: (\d+)\n\n", self.buf)]
            newer = [g for g in gens if g > after]
            if newer:
                return newer[-1], time.monotonic()
            self.sock.settimeout(max(0.05, deadline - time.monotonic()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("the event stream closed")
            self.buf += chunk


def save(path, text):
    tmp = os.path.join(os.path.dirname(path), ".bench-edit.tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def measure(name, project, page):
    log(f"{name}: serving {project}")
    start = time.monotonic()
    server = Serve(project)
    first = time.monotonic() - start
    events = Events(server.port)
    gen, _ = events.wait_newer(0)
    original = open(page).read()
    kinds = {"body": ([], []), "title": ([], [])}

    state = {"body": "", "title": None}  # each edit changes one of them and keeps the other

    # The body edit is a paragraph after the front matter (at the end it would fall into the
    # kit's Sources sections, whose rules it breaks).
    head_end = original.index("\n---", 3) + 4 if original.startswith("---") else 0

    def edited(kind, i):
        state[kind] = f"\n\nEdit number {i} for the benchmark.\n" if kind == "body" else f"Benchmark title {i}"
        text = original[:head_end] + state["body"] + original[head_end:]
        if state["title"] is not None:
            # The title is the navigation's: every page's menu shows it, so everything is rebuilt.
            text = re.sub(r"^title:.*$", f"title: {state['title']}", text, count=1, flags=re.M)
        return text

    try:
        for i in range(EDITS):
            for kind in (["body", "title"] if i % 2 == 0 else ["title", "body"]):
                if kind == "title" and i >= TITLE_EDITS:
                    continue
                latencies, rebuilds = kinds[kind]
                # Apart from the previous edit, and past the checks over the whole model that
                # serve runs once the writing pauses (they may announce a build of their own).
                time.sleep(PAUSE)
                gen = events.latest(gen)
                save(page, edited(kind, i))
                t0 = time.monotonic()
                gen, t1 = events.wait_newer(gen)
                latencies.append((t1 - t0) * 1000)
                time.sleep(0.05)  # the build line is printed before the event: let the reader see it
                rebuilds.append(server.builds[-1])
    finally:
        save(page, original)
        server.stop()
    pages = sum(1 for _, _, files in os.walk(project) for f in files if f.endswith(".md"))
    print(f"{name}: {pages} Markdown files; first build {server.builds[0]} ms (server up in {first:.1f} s)")
    for kind, (latencies, rebuilds) in kinds.items():
        print(f"  {kind} edit -> reload event: median {statistics.median(latencies):.0f} ms "
              f"(min {min(latencies):.0f}, max {max(latencies):.0f}, {len(latencies)} edits); "
              f"opskit's own figure: median {statistics.median(rebuilds):.0f} ms (min {min(rebuilds)}, max {max(rebuilds)})")
    if server.checks:
        print(f"  of a body edit's time, the checks over the whole model: median {statistics.median(server.checks):.0f} ms")
    body, title = statistics.median(kinds["body"][0]), statistics.median(kinds["title"][0])
    print(f"  body edit / title edit (full rebuild), median latency: {body / title:.3f} ({title / body:.0f}x faster)",
          flush=True)


def main():
    targets = sys.argv[1:] or ["kit", "corpus"]
    if not os.access(OPSKIT, os.X_OK):
        raise SystemExit(f"no opskit at {OPSKIT}: build it, or set OPSKIT")
    work = tempfile.mkdtemp(prefix="opskit-serve-bench-")
    try:
        if "kit" in targets:
            kit = os.path.join(work, "kit")
            os.makedirs(kit)
            for name in ["content", "workshops", "site-theme"]:
                if os.path.isdir(os.path.join(ROOT, name)):
                    shutil.copytree(os.path.join(ROOT, name), os.path.join(kit, name))
            shutil.copy(os.path.join(ROOT, "opskit.yaml"), kit)
            measure("kit", kit, os.path.join(kit, "content", "index.md"))
        if "corpus" in targets:
            corpus = os.path.join(work, "corpus")
            log(f"generating {PAGES} pages")
            subprocess.run([sys.executable, GEN_CORPUS, corpus, "--pages", str(PAGES), "--seed", "11"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            page = next(os.path.join(d, f) for d, _, files in sorted(os.walk(os.path.join(corpus, "content")))
                        for f in sorted(files) if f.endswith(".md") and d != os.path.join(corpus, "content"))
            measure(f"corpus ({PAGES} pages)", corpus, page)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
