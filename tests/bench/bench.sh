#!/usr/bin/env bash
# opskit benchmark: `opskit check` and `opskit build` (site + bundle) on generated Workshop
# Studio corpora of 1,000 and 10,000 pages, against a peer measured in the same run: Debian's
# cmark-gfm command-line tool rendering the same Markdown files. Prints one table: medians,
# min/max, ratio to the peer, pages/second, peak memory, output sizes (to show whether the
# site grows linearly) and, on the largest site, the browser search check (search-10k.mjs).
#
#   tests/bench/bench.sh                 # about 10-20 minutes on the 2-core machine
#   BENCH_SIZES="1000" BENCH_BROWSER=0 tests/bench/bench.sh   # a quick look
#
# Absolute times on a shared machine mean little: read the medians as ratios to the peer and
# the 1k -> 10k scaling (10x the pages; linear work is 10x the time).
#
# Environment:
#   OPSKIT         opskit binary (default: build-bench/opskit, configured Release and built if missing)
#   BENCH_SIZES    page counts (default "1000 10000")
#   BENCH_RUNS     timed rounds per size, in the order of BENCH_SIZES (default "7 3"; the last
#                  number serves any further size); a round is 3 peer runs, 2 check runs and one
#                  build (BENCH_PEER_PER_ROUND, BENCH_CHECK_PER_ROUND)
#   BENCH_WORK     work folder (default: a new temporary one, removed at the end unless BENCH_KEEP=1)
#   BENCH_OPSKIT_ARGS  extra arguments to check and build (default below, see the note it prints)
#   BENCH_BROWSER  0 skips the browser search check (default 1)
#   GEN_CORPUS     the corpus generator (default tests/bench/gen-corpus.py)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZES=(${BENCH_SIZES:-1000 10000})
RUNS=(${BENCH_RUNS:-7 3})
PEER_PER_ROUND="${BENCH_PEER_PER_ROUND:-3}"
CHECK_PER_ROUND="${BENCH_CHECK_PER_ROUND:-2}"
BROWSER="${BENCH_BROWSER:-1}"
GEN_CORPUS="${GEN_CORPUS:-$HERE/gen-corpus.py}"
# gen-corpus.py nests `:::code` inside `:::tab` with the same number of colons, which opskit
# reports as an error for bundles (bundle.directive-nesting): the build would stop before
# writing anything. The benchmark keeps it as a warning so that the whole build is measured.
if [ -n "${BENCH_OPSKIT_ARGS+set}" ]; then OPSKIT_ARGS=($BENCH_OPSKIT_ARGS); else OPSKIT_ARGS=(--rule bundle.directive-nesting=warning); fi
CMARK_ARGS=(-e table -e strikethrough -e autolink -e tagfilter -e tasklist)

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ tools
need_pkgs=()
command -v hyperfine >/dev/null || need_pkgs+=(hyperfine)
command -v cmark-gfm >/dev/null || need_pkgs+=(cmark-gfm)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_pkgs[@]}"; } >&2 \
    || log "could not install ${need_pkgs[*]}"
fi
command -v cmark-gfm >/dev/null || die "cmark-gfm (the peer) is missing: apt-get install cmark-gfm"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install time"
HAVE_HYPERFINE=0; command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
[ -f "$GEN_CORPUS" ] || die "no corpus generator at $GEN_CORPUS (set GEN_CORPUS)"

if [ -z "${OPSKIT:-}" ]; then
  OPSKIT="$ROOT/build-bench/opskit"
  if [ ! -x "$OPSKIT" ]; then
    log "building opskit (Release) in $ROOT/build-bench"
    cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >&2
    make -C "$ROOT/build-bench" -j"$(nproc)" opskit >&2
  fi
fi
[ -x "$OPSKIT" ] || die "no opskit binary at $OPSKIT"

if [ "$BROWSER" = 1 ]; then
  command -v node >/dev/null || die "node is missing (scripts/setup.sh installs it), or run with BENCH_BROWSER=0"
  if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
    log "installing the browser-test driver (npm ci in tests/browser)"
    (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
fi

# ------------------------------------------------------------------ work folder
if [ -n "${BENCH_WORK:-}" ]; then
  WORK="$BENCH_WORK"; mkdir -p "$WORK"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/opskit-bench.XXXXXX")"
  [ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
fi
DATA="$WORK/data"; mkdir -p "$DATA"
log "work folder $WORK"
q() { printf '%q ' "$@"; }   # a shell-quoted command line for hyperfine

# Runs a command once under /usr/bin/time -v: peak RSS (KiB), exit status, stderr lines.
# (Also the warm-up run: it fills the page cache before the timed runs.)
measure_memory() {  # name N command...
  local name="$1" n="$2"; shift 2
  local tv="$DATA/$n.$name.time" err="$DATA/$n.$name.stderr"
  /usr/bin/time -v -o "$tv" "$@" >/dev/null 2>"$err" || true
  python3 - "$tv" "$err" "$DATA/$n.$name.mem.json" <<'PY'
import json, re, sys
tv, err, out = sys.argv[1:4]
t = open(tv, errors="replace").read()
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
st = re.search(r"Exit status: (\d+)", t)
sig = re.search(r"Command terminated by signal (\d+)", t)
lines = open(err, errors="replace").read().splitlines()
json.dump({"rss_kib": int(rss.group(1)) if rss else None,
           "exit": int(st.group(1)) if st else (128 + int(sig.group(1)) if sig else None),
           "errors": sum(1 for l in lines if ": error: " in l),
           "warnings": sum(1 for l in lines if ": warning: " in l),
           "stderr_tail": lines[-3:]}, open(out, "w"))
PY
}

# Timed runs without hyperfine: a loop under /usr/bin/time, JSON like hyperfine's.
loop_time() {  # json runs prepare command
  local json="$1" runs="$2" prepare="$3" cmd="$4" i
  : >"$json.runs"
  for ((i = 0; i < runs; i++)); do
    bash -c "$prepare"
    /usr/bin/time -f '%e %U %S' -a -o "$json.runs" bash -c "$cmd" >/dev/null 2>&1 || die "failed: $cmd"
  done
  python3 - "$json" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1] + ".runs") if l.strip() and not l.startswith("Command")]
t = [float(r[0]) for r in rows]
json.dump({"results": [{"times": t, "user": sum(float(r[1]) for r in rows) / len(rows),
                        "system": sum(float(r[2]) for r in rows) / len(rows)}]}, open(sys.argv[1], "w"))
PY
}

# ------------------------------------------------------------------ per size
i=0
for n in "${SIZES[@]}"; do
  runs="${RUNS[$i]:-${RUNS[-1]}}"; i=$((i + 1))
  corpus="$WORK/corpus-$n"; out="$WORK/out-$n"
  log "$n pages: generating the corpus"
  rm -rf "$corpus"
  python3 "$GEN_CORPUS" "$corpus" --pages "$n" >/dev/null
  python3 - "$corpus" "$DATA/$n.corpus.json" <<'PY'
import json, os, sys
root, out = sys.argv[1:3]
files = sizes = 0
for d, _, fs in os.walk(os.path.join(root, "content")):
    for f in fs:
        if f.endswith(".md"):
            files += 1; sizes += os.path.getsize(os.path.join(d, f))
json.dump({"md_files": files, "md_bytes": sizes}, open(out, "w"))
PY

  peer_cmd="find $(q "$corpus/content") -name '*.md' -print0 | xargs -0 cmark-gfm ${CMARK_ARGS[*]} > /dev/null"
  check_cmd="$(q "$OPSKIT" check -C "$corpus" -q "${OPSKIT_ARGS[@]}")"
  build_cmd="$(q "$OPSKIT" build -C "$corpus" --out "$out" -q "${OPSKIT_ARGS[@]}")"
  clean_cmd="rm -rf $(q "$out")"

  log "$n pages: peak memory (one run each, also the warm-up)"
  measure_memory peer "$n" bash -c "$peer_cmd"
  measure_memory check "$n" bash -c "$check_cmd"
  rm -rf "$out"
  measure_memory build "$n" bash -c "$build_cmd"
  for name in check build; do
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["exit"]==0 else 1)' "$DATA/$n.$name.mem.json" \
      || { cat "$DATA/$n.$name.stderr" | tail -5 >&2; die "opskit $name failed on the $n-page corpus (see above)"; }
  done

  # Interleaved rounds (peer, check, build; again ...) so that a change in the shared machine's
  # load hits the peer and opskit alike. Each round: PEER_PER_ROUND runs of the peer,
  # CHECK_PER_ROUND of check, one build from an empty output folder.
  log "$n pages: timing, $runs rounds of ${PEER_PER_ROUND} peer + ${CHECK_PER_ROUND} check + 1 build ($([ $HAVE_HYPERFINE = 1 ] && echo hyperfine || echo 'a shell loop'))"
  for ((r = 1; r <= runs; r++)); do
    names=(peer check build); counts=("$PEER_PER_ROUND" "$CHECK_PER_ROUND" 1)
    preps=(true true "$clean_cmd"); cmds=("$peer_cmd" "$check_cmd" "$build_cmd")
    for j in 0 1 2; do
      name="${names[$j]}" k="${counts[$j]}" prep="${preps[$j]}" cmd="${cmds[$j]}"
      json="$DATA/$n.$name.round$r.json"
      if [ $HAVE_HYPERFINE = 1 ]; then
        hyperfine --runs "$k" --warmup 0 --style basic --export-json "$json" -n "$name" --prepare "$prep" "$cmd" \
          >>"$DATA/$n.hyperfine.log" 2>&1 || { tail -20 "$DATA/$n.hyperfine.log" >&2; die "hyperfine failed: $cmd"; }
      else
        loop_time "$json" "$k" "$prep" "$cmd"
      fi
    done
  done
  for name in peer check build; do
    python3 - "$DATA/$n.$name.times.json" "$DATA/$n.$name".round*.json <<'PY'
import json, sys
rounds = [json.load(open(f))["results"][0] for f in sys.argv[2:]]
t = [x for r in rounds for x in r["times"]]
cpu = [r["user"] + r["system"] for r in rounds]   # per round: mean CPU seconds of one run
json.dump({"results": [{"times": t, "cpu": cpu}]}, open(sys.argv[1], "w"))
PY
  done

  log "$n pages: output sizes"
  python3 - "$out" "$DATA/$n.sizes.json" <<'PY'
import json, os, re, statistics, sys
out, dest = sys.argv[1:3]
site = os.path.join(out, "site")
total = files = 0
pages = []      # content pages: index.html of a folder under workshops/ (not a section index)
sidebar = []
largest = (0, "")
side_re = re.compile(rb'<nav id="sidebar".*?</nav>', re.S)
for d, _, fs in os.walk(site):
    for f in fs:
        p = os.path.join(d, f)
        s = os.path.getsize(p)
        total += s; files += 1
        if f.endswith(".html"):
            if s > largest[0]:
                largest = (s, os.path.relpath(p, site))
            rel = os.path.relpath(p, site).split(os.sep)
            if rel[0] == "workshops" and len(rel) >= 5 and f == "index.html" and rel[-2].endswith("-page"):
                pages.append(s)
                m = side_re.search(open(p, "rb").read())
                sidebar.append(len(m.group(0)) if m else 0)
def size(p):
    return os.path.getsize(p) if os.path.exists(p) else None
bundles = [os.path.join(out, "bundles", f) for f in sorted(os.listdir(os.path.join(out, "bundles")))] if os.path.isdir(os.path.join(out, "bundles")) else []
json.dump({
    "site_bytes": total, "site_files": files,
    "page_html_count": len(pages),
    "page_html_mean": statistics.mean(pages) if pages else None,
    "page_html_median": statistics.median(pages) if pages else None,
    "page_html_max": max(pages) if pages else None,
    "sidebar_mean": statistics.mean(sidebar) if sidebar else None,
    "largest_html": largest,
    "search_index": size(os.path.join(site, "assets", "search-index.js")),
    "nav_tree": size(os.path.join(site, "assets", "nav-tree.js")),
    "bundle_zip": sum(os.path.getsize(b) for b in bundles) if bundles else None,
    "bundles": [os.path.basename(b) for b in bundles],
}, open(dest, "w"))
PY
done

# ------------------------------------------------------------------ browser check on the largest site
if [ "$BROWSER" = 1 ]; then
  big="${SIZES[-1]}"
  for n in "${SIZES[@]}"; do [ "$n" -gt "$big" ] && big="$n"; done
  log "$big pages: browser search check (search-10k.mjs)"
  (cd "$ROOT/tests/browser" && node ../bench/search-10k.mjs "$WORK/out-$big/site" --runs 3) >"$DATA/browser.log" 2>&1 || true
  grep '^BENCH_JSON ' "$DATA/browser.log" | tail -1 | sed 's/^BENCH_JSON //' >"$DATA/browser.json" || true
  [ -s "$DATA/browser.json" ] || echo '{"ok": false, "problems": ["search-10k.mjs printed no result; see its log"]}' >"$DATA/browser.json"
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["pages"]=int(sys.argv[2]); json.dump(j, open(sys.argv[1],"w"))' "$DATA/browser.json" "$big"
fi

# ------------------------------------------------------------------ the table
python3 - "$DATA" "$OPSKIT" "$HAVE_HYPERFINE" "${OPSKIT_ARGS[*]}" "${SIZES[@]}" <<'PY'
import json, os, statistics, subprocess, sys, time
data, opskit, have_hf, oargs = sys.argv[1:5]
sizes = [int(s) for s in sys.argv[5:]]
def load(name):
    p = os.path.join(data, name)
    return json.load(open(p)) if os.path.exists(p) else None
def times(n, c):
    return load(f"{n}.{c}.times.json")["results"][0]["times"]
def cpu(n, c):
    return statistics.median(load(f"{n}.{c}.times.json")["results"][0]["cpu"])
def fmt_bytes(b):
    if b is None: return "-"
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= div: return f"{b / div:.1f} {unit}"
    return f"{b} B"
def grp(x): return f"{x:,.0f}"

version = subprocess.run([opskit, "--version"], capture_output=True, text=True).stdout.strip()
load1 = os.getloadavg()[0]
names = {"peer": "cmark-gfm (peer)", "check": "opskit check", "build": "opskit build"}
print(f"opskit benchmark  {time.strftime('%Y-%m-%d %H:%M')}  {version} ({opskit})")
print(f"machine: {os.cpu_count()} cores, load average {load1:.1f} at the end (shared: read ratios, not seconds)")
print(f"corpus: gen-corpus.py --pages N (seed 7, one locale); opskit args: {oargs or '(none)'}")
print("peer: find content -name '*.md' | xargs cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist > /dev/null")
print(f"timing: {'hyperfine' if have_hf == '1' else 'a shell loop'}, wall time, in interleaved rounds (peer, check, build); each build starts from an empty output folder;")
print("        CPU s = user + system seconds of one run (median over rounds): less disturbed by the other load than wall time;")
print("        peak RSS from one extra run under /usr/bin/time -v (also the warm-up)")
print()
hdr = (f"{'pages':>6}  {'command':<17} {'runs':>4} {'median s':>9} {'min s':>8} {'max s':>8} {'x peer':>7} {'pages/s':>8} "
       f"{'CPU s':>8} {'x peer':>7} {'peak RSS':>9}  diagnostics")
print(hdr); print("-" * len(hdr))
med = {}
cpus = {}
for n in sizes:
    peer_med = statistics.median(times(n, "peer"))
    peer_cpu = cpu(n, "peer")
    for c in ("peer", "check", "build"):
        t = times(n, c)
        m = statistics.median(t); med[(n, c)] = m
        cp = cpu(n, c); cpus[(n, c)] = cp
        mem = load(f"{n}.{c}.mem.json") or {}
        rss = mem.get("rss_kib")
        diag = "" if c == "peer" else f"{mem.get('errors', 0)} errors, {mem.get('warnings', 0)} warnings"
        ratio = "1.00" if c == "peer" else f"{m / peer_med:.2f}"
        cratio = "1.00" if c == "peer" else f"{cp / peer_cpu:.2f}"
        print(f"{n:>6}  {names[c]:<17} {len(t):>4} {m:>9.3f} {min(t):>8.3f} {max(t):>8.3f} {ratio:>7} {n / m:>8.0f} "
              f"{cp:>8.3f} {cratio:>7} {(f'{rss / 1024:.0f} MB' if rss else '-'):>9}  {diag}")
    print()
if len(sizes) >= 2:
    a, b = sizes[0], sizes[-1]
    k = b / a
    print(f"scaling {grp(a)} -> {grp(b)} pages ({k:g}x the pages; linear work = {k:g}x)")
    for c in ("peer", "check", "build"):
        ma, mb = med[(a, c)], med[(b, c)]
        ra = (load(f"{a}.{c}.mem.json") or {}).get("rss_kib"); rb = (load(f"{b}.{c}.mem.json") or {}).get("rss_kib")
        per_a, per_b = ma / a * 1000, mb / b * 1000
        ca, cb = cpus[(a, c)], cpus[(b, c)]
        print(f"  {names[c]:<17} wall x{mb / ma:6.1f} (ms/page {per_a:6.2f} -> {per_b:6.2f})   CPU x{cb / ca:6.1f} "
              f"(ms/page {ca / a * 1000:6.2f} -> {cb / b * 1000:6.2f})   peak RSS x{(rb / ra if ra and rb else float('nan')):5.1f}")
    print()

print("output of opskit build (site + bundle)")
hdr2 = (f"{'pages':>6} {'site total':>11} {'B/page':>7} {'page HTML mean':>15} {'sidebar/page':>13} {'largest HTML':>13} "
        f"{'search-index.js':>16} {'B/page':>7} {'nav-tree.js':>12} {'B/page':>7} {'bundle zip':>11} {'B/page':>7}")
print(hdr2); print("-" * len(hdr2))
sz = {}
for n in sizes:
    s = load(f"{n}.sizes.json"); sz[n] = s
    print(f"{n:>6} {fmt_bytes(s['site_bytes']):>11} {s['site_bytes'] / n:>7.0f} {fmt_bytes(s['page_html_mean']):>15} {fmt_bytes(s['sidebar_mean']):>13} "
          f"{fmt_bytes(s['largest_html'][0]):>13} {fmt_bytes(s['search_index']):>16} {(s['search_index'] or 0) / n:>7.0f} "
          f"{fmt_bytes(s['nav_tree']):>12} {(s['nav_tree'] or 0) / n:>7.0f} {fmt_bytes(s['bundle_zip']):>11} {(s['bundle_zip'] or 0) / n:>7.0f}")
print(f"  (page HTML: the {sz[sizes[-1]]['page_html_count']:,} content pages' index.html; sidebar: the <nav id=\"sidebar\"> part of it; "
      f"largest HTML at {grp(sizes[-1])}: {sz[sizes[-1]]['largest_html'][1]})")
if len(sizes) >= 2:
    a, b = sizes[0], sizes[-1]
    def growth(key, per_page=True):
        va, vb = sz[a][key], sz[b][key]
        if not va or not vb: return None
        return (vb / b) / (va / a) if per_page else vb / va
    rows = [("site bytes per page", growth("site_bytes")), ("page HTML mean", growth("page_html_mean", False)),
            ("sidebar per page", growth("sidebar_mean", False)), ("search index per page", growth("search_index")),
            ("nav tree per page", growth("nav_tree")), ("bundle zip per page", growth("bundle_zip"))]
    print(f"per-page size growth {grp(a)} -> {grp(b)} pages (flat = x1.00; within 10% counts as flat):")
    for label, g in rows:
        if g is None: continue
        verdict = "flat" if g <= 1.10 else "GROWS with N"
        print(f"  {label:<22} x{g:5.2f}  {verdict}")
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
PY
if [ "$BROWSER" = 1 ]; then
  python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("ok") else 1)' "$DATA/browser.json" \
    || { sed -n '1,40p' "$DATA/browser.log" >&2; die "the browser search check failed"; }
fi
