#!/usr/bin/env python3
"""The table of tests/bench/bench.sh: reads the runs it recorded in its data folder and prints
medians, ratios to the peers, output sizes and issue 16's targets with whether each is met.

usage: bench_report.py DATA OPSKIT HAVE_JOBS OPSKIT_ARGS KIT_PAGES HUGO_VERSION SIZE...

Each <n>.<name>.runs file holds one line per timed run, "wall user sys peak-RSS-KiB" as
/usr/bin/time -f '%e %U %S %M' wrote it; <n>.<name>.warmup the untimed first run.
"""
import json, os, statistics, subprocess, sys, time

data, opskit, have_jobs, oargs, kit_pages, hugo_version, outputs = sys.argv[1:8]
sizes = [int(s) for s in sys.argv[8:]]
have_jobs = have_jobs == "1"

NAMES = {"peer": "cmark-gfm (floor)", "check": "opskit check", "build": "opskit build",
         "hugo": "Hugo", "bundle": "opskit bundle", "zip6": "zip -r -X -6", "build_j1": "build --jobs 1"}
if have_jobs:
    NAMES["build"] = "build --jobs 2"


def load(name):
    p = os.path.join(data, name)
    return json.load(open(p)) if os.path.exists(p) else None


def runs(n, c):
    """[(wall, cpu, rss_kib)] of the timed runs, or [] if the command was not run."""
    p = os.path.join(data, f"{n}.{c}.runs")
    if not os.path.exists(p):
        return []
    out = []
    for line in open(p):
        f = line.split()
        if len(f) == 4 and not line.startswith("Command"):
            out.append((float(f[0]), float(f[1]) + float(f[2]), int(f[3])))
    return out


def med(n, c, i):
    r = runs(n, c)
    return statistics.median(x[i] for x in r) if r else None


def diagnostics(n, c):
    p = os.path.join(data, f"{n}.{c}.warmup.stderr")
    if not os.path.exists(p):
        return ""
    lines = open(p, errors="replace").read().splitlines()
    return f"{sum(': error: ' in l for l in lines)} errors, {sum(': warning: ' in l for l in lines)} warnings"


def fmt_bytes(b):
    if b is None:
        return "-"
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= div:
            return f"{b / div:.1f} {unit}"
    return f"{b} B"


def grp(x):
    return f"{x:,.0f}"


def f2(x):
    return "-" if x is None else f"{x:.2f}"


def ratio(a, b):
    return a / b if a is not None and b else None


version = subprocess.run([opskit, "--version"], capture_output=True, text=True).stdout.strip()
print(f"opskit benchmark  {time.strftime('%Y-%m-%d %H:%M %Z')}  {version} ({opskit})")
print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared: read ratios, not seconds)")
print(f"corpus: gen-corpus.py --pages N (seed 7, one locale); opskit args: {oargs or '(none)'}")
print("floor: find content -name '*.md' | xargs cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist > /dev/null")
print(f"Hugo: {hugo_version}, a minimal site over the same Markdown files (page, {{{{ .TableOfContents }}}}, the section's pages "
      "as links; Goldmark unsafe = true; no taxonomies, feeds or sitemap), from an empty output folder")
print("zip: the time `opskit bundle -v` says its zips took ('time: zip bundles') is set against `zip -r -X -6` of the bundle's")
print("     tree as opskit wrote it (unzipped); the table's `opskit bundle` row is the whole command (load, check, render and zip)")
print(f"jobs: {'opskit build --jobs 1 against --jobs 2' if have_jobs else 'n/a: no --jobs (opskit build --help does not list it)'}")
print("timing: /usr/bin/time -f per run, in interleaved rounds; one untimed warm-up run of each first; `sync` before each run.")
print("        wall, CPU (user + system) and peak RSS are medians over the timed runs")
if outputs == "fresh":
    print("outputs: each run (opskit, Hugo, zip) writes into a new folder; nothing is removed until the end (BENCH_OUTPUTS=fresh)")
else:
    print("outputs: each run's folder is removed (rm -rf) right before it (BENCH_OUTPUTS=replace): on ext4 without a journal the")
    print("         runs then pay for the inodes just freed (README, Performance)")
print()
hdr = (f"{'pages':>6}  {'command':<18} {'runs':>4} {'wall s':>8} {'min s':>8} {'max s':>8} {'x floor':>7} {'x Hugo':>7} "
       f"{'pages/s':>8} {'CPU s':>8} {'x floor':>7} {'peak RSS':>9} {'x Hugo':>7}  diagnostics")
print(hdr)
print("-" * len(hdr))
for n in sizes:
    peer_w, peer_c = med(n, "peer", 0), med(n, "peer", 1)
    hugo_w, hugo_m = med(n, "hugo", 0), med(n, "hugo", 2)
    for c in NAMES:
        r = runs(n, c)
        if not r:
            continue
        w, cp, m = med(n, c, 0), med(n, c, 1), med(n, c, 2)
        walls = [x[0] for x in r]
        xf = ratio(w, peer_w)
        xh = ratio(w, hugo_w)
        xc = ratio(cp, peer_c)
        xm = ratio(m, hugo_m)
        print(f"{n:>6}  {NAMES[c]:<18} {len(r):>4} {w:>8.3f} {min(walls):>8.3f} {max(walls):>8.3f} {f2(xf):>7} {f2(xh):>7} "
              f"{n / w:>8.0f} {cp:>8.3f} {f2(xc):>7} {m / 1024:>6.0f} MB {f2(xm):>7}  {diagnostics(n, c) if c in ('check', 'build', 'bundle', 'build_j1') else ''}")
    c = load(f"{n}.corpus.json") or {}
    print(f"{'':>8}(corpus: {c.get('md_files', 0):,} Markdown files, {fmt_bytes(c.get('md_bytes'))}; Hugo's stats reported the same page count in every run)")
    print()

if len(sizes) >= 2:
    a, b = sizes[0], sizes[-1]
    k = b / a
    print(f"scaling {grp(a)} -> {grp(b)} pages ({k:g}x the pages; linear work = {k:g}x)")
    for c in NAMES:
        if not runs(a, c) or not runs(b, c):
            continue
        wa, wb, ca, cb, ma, mb = med(a, c, 0), med(b, c, 0), med(a, c, 1), med(b, c, 1), med(a, c, 2), med(b, c, 2)
        print(f"  {NAMES[c]:<18} wall x{wb / wa:6.1f} (ms/page {wa / a * 1000:6.2f} -> {wb / b * 1000:6.2f})   CPU x{cb / ca:6.1f} "
              f"(ms/page {ca / a * 1000:6.2f} -> {cb / b * 1000:6.2f})   peak RSS x{mb / ma:5.1f}")
    print()

print("output of opskit build (site + bundle)")
hdr2 = (f"{'pages':>6} {'site total':>11} {'B/page':>7} {'page HTML mean':>15} {'sidebar/page':>13} {'largest HTML':>13} "
        f"{'search index':>16} {'B/page':>7} {'nav-tree.js':>12} {'B/page':>7} {'bundle zip':>11} {'B/page':>7} {'zip -6':>9}")
print(hdr2)
print("-" * len(hdr2))
sz = {}
for n in sizes:
    s = load(f"{n}.sizes.json")
    sz[n] = s
    print(f"{n:>6} {fmt_bytes(s['site_bytes']):>11} {s['site_bytes'] / n:>7.0f} {fmt_bytes(s['page_html_mean']):>15} {fmt_bytes(s['sidebar_mean']):>13} "
          f"{fmt_bytes(s['largest_html'][0]):>13} {fmt_bytes(s['search_index']):>16} {(s['search_index'] or 0) / n:>7.0f} "
          f"{fmt_bytes(s['nav_tree']):>12} {(s['nav_tree'] or 0) / n:>7.0f} {fmt_bytes(s['bundle_zip']):>11} {(s['bundle_zip'] or 0) / n:>7.0f} "
          f"{fmt_bytes(s.get('zip6')):>9}")
print(f"  (page HTML: the {sz[sizes[-1]]['page_html_count']:,} content pages' index.html; sidebar: the <nav id=\"sidebar\"> part of it; search index: search-index*.js; "
      f"largest HTML at {grp(sizes[-1])}: {sz[sizes[-1]]['largest_html'][1]}; zip -6: the same bundle tree by zip -r -X -6)")
if len(sizes) >= 2:
    a, b = sizes[0], sizes[-1]

    def growth(key, per_page=True):
        va, vb = sz[a][key], sz[b][key]
        if not va or not vb:
            return None
        return (vb / b) / (va / a) if per_page else vb / va
    rows = [("site bytes per page", growth("site_bytes")), ("page HTML mean", growth("page_html_mean", False)),
            ("sidebar per page", growth("sidebar_mean", False)), ("search index per page", growth("search_index")),
            ("nav tree per page", growth("nav_tree")), ("bundle zip per page", growth("bundle_zip"))]
    print(f"per-page size growth {grp(a)} -> {grp(b)} pages (flat = x1.00; within 10% counts as flat):")
    for label, g in rows:
        if g is not None:
            print(f"  {label:<22} x{g:5.2f}  {'flat' if g <= 1.10 else 'GROWS with N'}")
print()

# ------------------------------------------------------------------ issue 16's targets
ref = 10000 if 10000 in sizes else max(sizes)
at = f"{grp(ref)} pages"
refnote = "" if ref == 10000 else "10,000 not run"
big = 50000 if 50000 in sizes else max(sizes)
small = 1000 if 1000 in sizes else min(sizes)
targets = []   # (figure, value, target text, met or None)


def target(label, value, op, limit, note=""):
    if label.startswith(at) and refnote:
        note = refnote + (", " + note if note else "")
    if value is None:
        targets.append((label, "n/a", f"{op} {limit:g}", None, note))
        return
    met = value <= limit if op == "at most" else value >= limit
    targets.append((label, f"{value:.2f}", f"{op} {limit:g}", met, note))


target(f"{at}: opskit build wall / Hugo wall", ratio(med(ref, "build", 0), med(ref, "hugo", 0)), "at most", 0.2)
target(f"{at}: opskit build peak RSS / Hugo peak RSS", ratio(med(ref, "build", 2), med(ref, "hugo", 2)), "at most", 0.25)
target(f"{at}: opskit build CPU / cmark-gfm CPU", ratio(med(ref, "build", 1), med(ref, "peer", 1)), "at most", 3)
if have_jobs:
    target(f"{at}: build --jobs 1 wall / --jobs 2 wall", ratio(med(ref, "build_j1", 0), med(ref, "build", 0)), "at least", 1.7)
else:
    targets.append((f"{at}: build --jobs 1 wall / --jobs 2 wall", "n/a: no --jobs", "at least 1.7", None, ""))
if big != small:
    per = ratio(med(big, "build", 0) / big, med(small, "build", 0) / small)
    note = "" if big == 50000 else "50,000 not run"
    target(f"build wall per page at {grp(big)} / at {grp(small)}", per, "at most", 1.3, note)
else:
    targets.append(("build wall per page at 50,000 / at 1,000", "n/a", "at most 1.3", None, "one size only"))
def zip_ms(n):
    p = os.path.join(data, f"{n}.bundle_zip.ms")
    return statistics.median(int(x) for x in open(p).read().split()) if os.path.exists(p) else None


zms = zip_ms(ref)
target(f"{at}: opskit's bundle zip time / zip -r -X -6 wall", ratio(zms / 1000 if zms is not None else None, med(ref, "zip6", 0)),
       "at most", 1.0, f"opskit bundle -v's 'time: zip bundles', median {zms:.0f} ms; the whole bundle command: "
       f"{f2(ratio(med(ref, 'bundle', 0), med(ref, 'zip6', 0)))}" if zms is not None else "no zip time recorded")
kw = med("kit", "kitcheck", 0)
targets.append((f"shipped kit ({kit_pages} .md files): opskit check wall, s",
                f"{kw:.3f}", "under 0.3", kw < 0.3,
                f"{len(runs('kit', 'kitcheck'))} runs, CPU {med('kit', 'kitcheck', 1):.2f} s"))

print("issue 16's targets (one run of this benchmark)")
hdr3 = f"{'figure':<62} {'value':>14} {'target':>13}  verdict"
print(hdr3)
print("-" * len(hdr3))
for label, value, tgt, met, note in targets:
    if met is None:
        verdict = "n/a"
    elif met:
        verdict = "met"
    elif "upper bound" in note:
        verdict = "not shown"
    else:
        verdict = "MISSED"
    print(f"{label:<62} {value:>14} {tgt:>13}  {verdict}{'  (' + note + ')' if note else ''}")
print()

br = load("browser.json")
if br is not None:
    print(f"browser (headless Chromium, file://): the {grp(br.get('pages', 0))}-page site's search")
    if br.get("index_bytes"):
        print(f"  assets/search-index.js {fmt_bytes(br['index_bytes'])} ({br['index_bytes']:,} bytes), {br.get('index_entries'):,} entries, "
              f"{br.get('loaded_entries')} loaded by the page")
        print(f"  cold: type \"{br['word']}\" -> results shown: median {br['cold_median_ms']} ms {br['cold_ms']} "
              f"(index loaded and built after {br['index_ready_median_ms']} ms), {br['results_shown']} results in the dropdown")
        print(f"  warm: type \"{br['warm_word']}\" -> results shown: median {br['warm_median_ms']} ms {br['warm_ms']} "
              f"(includes the box's 60 ms debounce), {br['warm_results_shown']} results")
    print(f"  {'PASS: the index loads and searches show results' if br.get('ok') else 'FAIL: ' + '; '.join(br.get('problems', []))}")
