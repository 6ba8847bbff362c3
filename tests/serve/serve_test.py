#!/usr/bin/env python3
"""Issue 17: `opskit serve` over real HTTP on 127.0.0.1.

usage: serve_test.py OPSKIT FIXTURE_PROJECT BARE_WORKSHOP WORK_DIR

Serves a temporary copy of a small kit (--port 0) and checks: the URL is printed; traversal in
every spelling is 404; content types; ETag and 304; idle connections do not block a request;
200 concurrent requests are all answered; an edit is announced on /__opskit/events and served;
a broken link and a broken opskit.yaml show in /__opskit/problems (the last good build still
served) and clear when fixed; SIGINT exits 0. Then serves a bare Workshop Studio repository.
Requests go through raw sockets where a client library would normalise the path.
"""
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

OPSKIT, FIXTURE, BARE, WORK = sys.argv[1:5]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


class Server:
    """`opskit serve --port 0` on a project; its stderr is collected in the background."""

    def __init__(self, project):
        self.proc = subprocess.Popen([OPSKIT, "serve", "--port", "0", "-C", project],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.url = None
        started = threading.Event()

        def read():
            for line in self.proc.stdout:
                self.lines.append(line)
                m = re.search(r"opskit: serving (http://127\.0\.0\.1:(\d+)/)", line)
                if m and not self.url:
                    self.url, self.port = m.group(1), int(m.group(2))
                    started.set()
            started.set()

        threading.Thread(target=read, daemon=True).start()
        if not started.wait(120) or not self.url:
            self.proc.kill()
            raise SystemExit("no 'opskit: serving http://127.0.0.1:PORT/' line; output:\n" + "".join(self.lines))

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


def raw_get(port, target, headers=(), timeout=10):
    """Sends the request line exactly as given; returns (status, headers dict, body bytes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        req = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
        for h in headers:
            req += h + "\r\n"
        s.sendall((req + "\r\n").encode("latin-1"))
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    hdrs = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs[k.strip().lower()] = v.strip()
    return status, hdrs, body


def get(port, path, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


class Events:
    """A raw reader of /__opskit/events: the build generations announced so far."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.sock.sendall(f"GET /__opskit/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.buf = b""

    def next_build(self, after, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [int(g) for g in re.findall(rb"event: build\ndata: (\d+)\n\n", self.buf)]
            newer = [g for g in found if g > after]
            if newer:
                return newer[-1]
            self.sock.settimeout(max(0.1, deadline - time.time()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            self.buf += chunk
        return None

    def close(self):
        self.sock.close()


def problems(port):
    return json.loads(get(port, "/__opskit/problems")[2])


def wait_for(pred, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(0.1)
    return None


def write(path, text):
    # As an editor that saves by rename does: a temporary file, then a rename over the page.
    tmp = os.path.join(os.path.dirname(path), ".opskit-test.tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    project = os.path.join(WORK, "kit")
    shutil.copytree(FIXTURE, project)
    os.makedirs(os.path.join(project, "content", "static"), exist_ok=True)
    with open(os.path.join(project, "content", "static", "sample.json"), "w") as f:
        f.write('{"ok": true}\n')
    page_src = os.path.join(project, "content", "runbooks", "restart-service.md")
    original = open(page_src).read()
    secret = open(os.path.join(project, "opskit.yaml")).read()

    server = Server(project)
    port = server.port
    check(server.url == f"http://127.0.0.1:{port}/", f"prints the URL ({server.url})")

    # / and /dir/ serve index.html, with the live-reload script.
    status, hdrs, body = get(port, "/")
    check(status == 200 and b"/__opskit/live-reload.js" in body, "/ is the home page, with the live-reload script")
    status, _, body = get(port, "/runbooks/restart-service/")
    check(status == 200 and b"Restart the service" in body, "/runbooks/restart-service/ serves its index.html")

    # Traversal, in every spelling, is 404 and never shows a source.
    for target in ["/../opskit.yaml", "/%2e%2e/opskit.yaml", "/%2E%2E/%2e%2e/etc/passwd", "/runbooks/..%2f..%2fopskit.yaml",
                   "/assets/%2e%2e/%2e%2e/opskit.yaml", "/..%5c..%5copskit.yaml", "/..\\opskit.yaml",
                   "/%252e%252e/opskit.yaml", "/./index.html", "//etc/passwd", "/etc/passwd", "/opskit.yaml",
                   "/content/index.md", "/assets/../../opskit.yaml", "/runbooks/%2fetc%2fpasswd",
                   f"http://127.0.0.1:{port}/../opskit.yaml", "/%00index.html"]:
        status, _, body = raw_get(port, target)
        check(status == 404 and secret.encode() not in body, f"{target} is 404 (got {status})")

    # Content types by extension.
    for path, want in [("/index.html", "text/html"), ("/assets/css/site.css", "text/css"),
                       ("/assets/js/site.js", "text/javascript"), ("/assets/favicon.svg", "image/svg+xml"),
                       ("/static/sample.json", "application/json")]:
        status, hdrs, _ = get(port, path)
        check(status == 200 and hdrs.get("content-type", "").startswith(want),
              f"{path} is {want} (got {status} {hdrs.get('content-type')})")

    # ETag, then If-None-Match: 304 with no body; another tag: 200.
    status, hdrs, body = get(port, "/assets/css/site.css")
    etag = hdrs.get("etag")
    check(bool(etag), f"site.css has an ETag ({etag})")
    status, _, body = get(port, "/assets/css/site.css", {"If-None-Match": etag})
    check(status == 304 and body == b"", f"If-None-Match with its ETag gives 304 (got {status})")
    status, _, _ = get(port, "/assets/css/site.css", {"If-None-Match": '"other"'})
    check(status == 200, f"If-None-Match with another tag gives 200 (got {status})")

    # Idle connections (five times httplib's default pool of 8 threads) do not block a request.
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
    time.sleep(0.3)
    start = time.time()
    try:
        status = get(port, "/", timeout=5)[0]
    except OSError:  # timed out: the idle connections hold every thread
        status = None
    took = time.time() - start
    check(status == 200 and took < 2, f"a request beside 40 idle connections is answered in {took:.2f} s (< 2 s)")
    events = Events(port)  # an open event stream holds a thread too
    first = events.next_build(0, 10)
    check(first is not None, f"/__opskit/events announces the current build ({first})")

    # 200 concurrent requests, all answered 200.
    paths = ["/", "/runbooks/restart-service/", "/assets/css/site.css", "/assets/js/site.js"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(lambda i: get(port, paths[i % len(paths)], timeout=30)[0], range(200)))
    check(results.count(200) == 200, f"200 concurrent requests: {results.count(200)} answered 200")
    for s in idle:
        s.close()

    # An edit (saved by rename) is one rebuild, announced, and served.
    write(page_src, original.replace("The service answers again.", "The service answers again, edited live."))
    gen = events.next_build(first, 20)
    check(gen is not None, f"the edit is announced on /__opskit/events (build {gen})")
    status, _, body = get(port, "/runbooks/restart-service/")
    check(b"edited live" in body, "the page shows the edit")
    time.sleep(0.5)
    extra = events.next_build(gen or first, 0.5)
    check(extra is None, f"one save is one rebuild (a second build was announced: {extra})")

    # A burst of saves (an editor's "save all", a formatter) is one rebuild too.
    for i in range(5):
        write(page_src, original.replace("The service answers again.", f"The service answers again, burst {i}."))
        time.sleep(0.02)
    gen = events.next_build(gen or first, 20)
    extra = events.next_build(gen or first, 1.0)
    check(gen is not None and extra is None, f"five saves 20 ms apart are one rebuild (builds {gen}, then {extra})")
    check(b"burst 4" in get(port, "/runbooks/restart-service/")[2], "the last save of the burst is served")

    # Without the slash, a folder redirects to it (its relative links need it).
    status, hdrs, _ = raw_get(port, "/runbooks/restart-service")
    check(status == 301 and hdrs.get("location") == "/runbooks/restart-service/", f"/runbooks/restart-service redirects ({status} {hdrs.get('location')})")

    # A broken link: the page is still served, the problem is listed with its place and rule.
    broken = original.replace("The service answers again.", "The service answers again.\n\nSee [missing](../no-such-page.md).")
    write(page_src, broken)
    gen = events.next_build(gen or first, 20)
    report = problems(port)
    mine = [p for p in report["problems"] if p["file"].endswith("runbooks/restart-service.md") and p["line"] > 0]
    check(bool(mine) and mine[0]["rule"].startswith("link."), f"the broken link is a problem with file, line and rule ({mine[:1]})")
    status, _, body = get(port, "/runbooks/restart-service/")
    check(status == 200 and b"missing" in body, "the page with the broken link is still served")
    write(page_src, original)
    gen = events.next_build(gen or first, 20)
    report = problems(port)
    check(not [p for p in report["problems"] if p["file"].endswith("restart-service.md")], "fixing the link clears its problem")

    # A body edit re-renders that page only (the server says so); the other pages are the same
    # bytes as before (but for the build number in the reload script), and search finds the new word.
    def without_generation(html):
        return re.sub(rb'data-generation="\d+"', b"", html)

    def save_and_say(text):
        """Saves the page; returns the build announced and the server's line about it (the line
        may come just after the event)."""
        seen = len(server.lines)
        write(page_src, text)
        built = events.next_build(gen or first, 20)
        found = wait_for(lambda: next((l for l in server.lines[seen:] if re.search(r"opskit: (built|updated) ", l)), None), 5)
        return built, found or ""

    home_before = without_generation(get(port, "/")[2])
    gen, said = save_and_say(original.replace("The service answers again.", "The service answers again, quokkaword."))
    check("updated 1 page in" in said, f"a body edit updates one page, not the site ({said.strip()})")
    check(b"quokkaword" in get(port, "/runbooks/restart-service/")[2], "the edited page shows the edit")
    check(without_generation(get(port, "/")[2]) == home_before, "another page is unchanged, byte for byte")
    def search_has(word):
        index = get(port, "/assets/search-index.js")[2]
        parts = re.findall(rb'"(assets/search-index-\d+\.js)"', index)
        return any(word in t for t in [index] + [get(port, "/" + p.decode())[2] for p in parts])

    # The search index follows once the writing pauses, without another build announced.
    check(bool(wait_for(lambda: search_has(b"quokkaword"), 10)), "the search index has the edited page's new word")
    check(events.next_build(gen, 1.0) is None, "the search index update announces no build (open pages do not reload)")
    etag_a = get(port, "/runbooks/restart-service/")[1].get("etag")
    # A new build number changes a page's ETag even when its bytes did not change (the reload script says which build).
    write(page_src, original.replace("The service answers again.", "The service answers again, quokkaword, twice."))
    gen = events.next_build(gen or first, 20)
    home_etag = get(port, "/")[1].get("etag")
    status, _, _ = raw_get(port, "/", [f"If-None-Match: {home_etag}"])
    check(status == 304, f"a page's ETag revalidates within one build (got {status})")
    check(etag_a != get(port, "/runbooks/restart-service/")[1].get("etag"), "the edited page has a new ETag")

    # An editor that writes in place, in two parts 30 ms apart: the server may read the page
    # between them (its front matter cut short), and must read it again once the writing is over:
    # one page update, with the whole text.
    seen = len(server.lines)
    in_place = original.replace("The service answers again.", "The service answers again, written in place.")
    with open(page_src, "w") as f:
        f.write(in_place[:20])
        f.flush()
        time.sleep(0.03)
        f.write(in_place[20:])
    gen = events.next_build(gen, 20)
    extra = events.next_build(gen or first, 1.0)
    said = wait_for(lambda: next((l for l in server.lines[seen:] if re.search(r"opskit: (built|updated) ", l)), None), 5) or ""
    check(gen is not None and extra is None and "updated 1 page in" in said,
          f"a page written in place in two parts is one page update ({said.strip()}; builds {gen}, then {extra})")
    check(b"written in place" in get(port, "/runbooks/restart-service/")[2], "the page written in place shows its whole text")

    # The checks over the whole model run again after the page is out: a Procedure without numbered
    # steps (runbook.no-numbered-steps, a rule of the operating model, not of the page's parse) is
    # listed once they have, in a second announced build; restoring the steps clears it the same way.
    seen = len(server.lines)
    write(page_src, original.replace("1. Open the alarm.\n2. Run the automation.", "- Open the alarm.\n- Run the automation."))
    found = wait_for(lambda: [p for p in problems(port)["problems"] if p["rule"] == "runbook.no-numbered-steps"], 20)
    check(bool(found) and found[0]["file"].endswith("restart-service.md") and found[0]["line"] > 0,
          f"a problem found by the whole-model checks after a page update is listed ({found[:1] if found else None})")
    check(any("checks over the whole site" in l for l in server.lines[seen:]), "the server says the checks ran again")
    write(page_src, original)
    gone = wait_for(lambda: not [p for p in problems(port)["problems"] if p["rule"] == "runbook.no-numbered-steps"], 20)
    check(bool(gone), "restoring the numbered steps clears it")
    gen = events.next_build(gen or first, 1) or gen

    # A title edit changes every page's navigation: the whole site is rebuilt, and another page shows it.
    gen, said = save_and_say(original.replace("title: Restart the service", "title: Restart the wombat service"))
    check("opskit: built " in said, f"a title edit rebuilds the whole site ({said.strip()})")
    check(b"Restart the wombat service" in get(port, "/assets/nav-tree.js")[2], "the navigation has the new title")
    # A renamed heading changes the page's anchors, which links elsewhere may name: a full rebuild too.
    gen, said = save_and_say(original.replace("## Trigger", "## What sets it off"))
    check("opskit: built " in said, f"a renamed heading rebuilds the whole site ({said.strip()})")
    write(page_src, original)
    gen = events.next_build(gen or first, 20)

    # A broken opskit.yaml: the last good build is still served, the error is listed, the build is stale.
    yaml_path = os.path.join(project, "opskit.yaml")
    write(yaml_path, "site: [unclosed\n")
    gen = events.next_build(gen or first, 20)
    report = problems(port)
    check(report["stale"] and any(p["severity"] == "error" for p in report["problems"]),
          f"a broken opskit.yaml is an error and the build is stale ({report['problems'][:1]})")
    status, _, body = get(port, "/runbooks/restart-service/")
    check(status == 200 and b"Restart the service" in body, "the last good build is still served")
    write(yaml_path, secret)
    gen = events.next_build(gen or first, 20)
    check(not problems(port)["stale"], "fixing opskit.yaml builds again")
    check(server.proc.poll() is None, "the server is still running")
    events.close()

    # A new folder with a new page is picked up.
    os.makedirs(os.path.join(project, "content", "guides"))
    time.sleep(0.3)
    write(os.path.join(project, "content", "guides", "fresh.md"), "---\ntitle: Fresh guide\n---\n\nNew here.\n")
    found = wait_for(lambda: get(port, "/guides/fresh/")[0] == 200)
    check(bool(found), "a page in a new folder is served")

    code = server.stop()
    check(code == 0, f"SIGINT stops it with exit code 0 (got {code})")

    # A bare Workshop Studio repository (contentspec.yaml and content/, no opskit.yaml).
    bare = os.path.join(WORK, "bare")
    shutil.copytree(BARE, bare)
    server = Server(bare)
    status, _, body = get(server.port, "/")
    check(status == 200 and b"/__opskit/live-reload.js" in body, f"a bare workshop is served (got {status})")
    code = server.stop()
    check(code == 0, f"SIGINT stops it with exit code 0 (got {code})")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
