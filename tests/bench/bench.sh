#!/usr/bin/env bash
# opskit benchmark (issue 16): `opskit check`, `opskit build` and `opskit bundle` on generated
# Workshop Studio corpora, side by side in the same run with
#   - Hugo (Debian's hugo) rendering the same pages through a minimal site this script writes
#     (page, table of contents, section navigation),
#   - the cmark-gfm command-line tool rendering the same Markdown files (the floor),
#   - `zip -r -X -6` of opskit's own bundle tree, unzipped, set against the time opskit says
#     (with -v) its zips took ("time: zip bundles N ms"; the whole `opskit bundle` command too),
#   - `opskit build --jobs 1` against `--jobs 2`, when `opskit build --help` lists --jobs.
# Every command runs under /usr/bin/time -f (wall, user+sys CPU, peak RSS of one run) in
# interleaved rounds (A B C A B C ...) so that a change in the shared machine's load hits all
# alike; the table shows medians, the ratios of the issue's target table and whether each is
# met, output sizes per page and, on the largest site, the browser search check.
#
#   tests/bench/bench.sh                                  # 1k, 10k and 50k pages: long
#   BENCH_SIZES="1000 10000" BENCH_RUNS="3 1" tests/bench/bench.sh   # about 10-20 minutes
#   BENCH_SIZES="1000" BENCH_RUNS=1 BENCH_BROWSER=0 tests/bench/bench.sh   # a quick look
#
# Absolute times on a shared machine mean little: read the medians as ratios.
#
# Environment:
#   OPSKIT         opskit binary (default: build-bench/opskit, configured Release and built if missing)
#   BENCH_SIZES    page counts (default "1000 10000 50000")
#   BENCH_RUNS     timed rounds per size, in the order of BENCH_SIZES (default "5 3 1"; the last
#                  number serves any further size). A round is BENCH_PEER_PER_ROUND (3) cmark-gfm
#                  runs, BENCH_CHECK_PER_ROUND (2) check runs, then one run each of build, Hugo,
#                  opskit bundle, zip -6 and (with --jobs) build --jobs 1. One untimed warm-up
#                  run of each comes first.
#   BENCH_KIT_RUNS timed runs of `opskit check` on the shipped kit (the repository; default 7)
#   BENCH_WORK     work folder (default: a new temporary one, removed at the end unless BENCH_KEEP=1)
#   BENCH_OPSKIT_ARGS  extra arguments to check, build and bundle (default below)
#   BENCH_BROWSER  0 skips the browser search check (default 1)
#   BENCH_OUTPUTS  fresh (default): each run writes into a new folder, and the outputs are removed
#                  only at the end; replace: each run's output folder is removed right before it
#                  (rm -rf), as a rebuild in place would. On ext4 without a journal (this machine's
#                  root) the two differ: inodes freed in the last minute (six while their inode
#                  table block is unwritten; fs/ext4/ialloc.c, RECENTCY_MIN and RECENTCY_DIRTY) are
#                  skipped, one by one, each time a new one is allocated, so a run that follows the removal of
#                  20,000 files and folders pays for it in system time (README, Performance).
#   GEN_CORPUS     the corpus generator (default tests/bench/gen-corpus.py)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZES=(${BENCH_SIZES:-1000 10000 50000})
RUNS=(${BENCH_RUNS:-5 3 1})
PEER_PER_ROUND="${BENCH_PEER_PER_ROUND:-3}"
CHECK_PER_ROUND="${BENCH_CHECK_PER_ROUND:-2}"
KIT_RUNS="${BENCH_KIT_RUNS:-7}"
BROWSER="${BENCH_BROWSER:-1}"
GEN_CORPUS="${GEN_CORPUS:-$HERE/gen-corpus.py}"
OUTPUTS="${BENCH_OUTPUTS:-fresh}"
case "$OUTPUTS" in fresh|replace) ;; *) echo "bench: BENCH_OUTPUTS is fresh or replace, not '$OUTPUTS'" >&2; exit 2 ;; esac
# gen-corpus.py nests `:::code` inside `:::tab` with the same number of colons, which opskit
# reports as an error for bundles (bundle.directive-nesting): the build would stop before
# writing anything. The benchmark keeps it as a warning so that the whole build is measured.
if [ -n "${BENCH_OPSKIT_ARGS+set}" ]; then OPSKIT_ARGS=($BENCH_OPSKIT_ARGS); else OPSKIT_ARGS=(--rule bundle.directive-nesting=warning); fi
CMARK_ARGS=(-e table -e strikethrough -e autolink -e tagfilter -e tasklist)

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: FAILED: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ tools
need_pkgs=()
command -v cmark-gfm >/dev/null || need_pkgs+=(cmark-gfm)
command -v hugo >/dev/null || need_pkgs+=(hugo)
command -v zip >/dev/null || need_pkgs+=(zip)
command -v unzip >/dev/null || need_pkgs+=(unzip)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_pkgs[@]}"; } >&2 \
    || log "could not install ${need_pkgs[*]}"
fi
for tool in cmark-gfm hugo zip unzip; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install $tool"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install time"
[ -f "$GEN_CORPUS" ] || die "no corpus generator at $GEN_CORPUS (set GEN_CORPUS)"

if [ -z "${OPSKIT:-}" ]; then
  OPSKIT="$ROOT/build-bench/opskit"
  if [ ! -x "$OPSKIT" ]; then
    log "building opskit (Release) in $ROOT/build-bench"
    cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build "$ROOT/build-bench" -j"$(nproc)" --target opskit >&2
  fi
fi
[ -x "$OPSKIT" ] || die "no opskit binary at $OPSKIT"
# --jobs is compared only if this opskit has it; the main build then names --jobs 2 (this
# machine's cores) so that the jobs ratio compares two explicit settings.
HAVE_JOBS=0
"$OPSKIT" build --help 2>&1 | grep -q -- '--jobs' && HAVE_JOBS=1
JOBS_ARGS=(); [ $HAVE_JOBS = 1 ] && JOBS_ARGS=(--jobs 2)

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
WORK="$(cd "$WORK" && pwd)"
DATA="$WORK/data"; rm -rf "$DATA"; mkdir -p "$DATA"
log "work folder $WORK"
q() { printf '%q ' "$@"; }   # a shell-quoted command line

# One run of a command under /usr/bin/time -f: "wall user sys peak-RSS-KiB" appended to
# $DATA/<n>.<name>.<record> (runs, or warmup for the untimed first run). stdout and stderr are
# kept per run. A failing command stops the benchmark: a failed run's time is no figure.
# (RSS is the largest single process among those waited for: for a pipeline, its largest.)
# Commands write to <folder>/$BENCH_RUN: "warmup" for the warm-up (kept: the zip and size figures
# and the browser check read it), then a new number per timed run (fresh) or "timed" each time
# (replace, where the prepare step removes it first).
RUN_SEQ=0
# The output folder argument for a command line (expanded when the command runs), and the
# prepare step that removes it first (replace) or nothing (fresh).
at() { printf '%q/"$BENCH_RUN"' "$1"; }
clear_first() { if [ "$OUTPUTS" = replace ]; then printf 'rm -rf %s' "$(at "$1")"; else echo true; fi; }
run_timed() {  # name n prepare command record
  local name="$1" n="$2" prep="$3" cmd="$4" rec="$5"
  if [ "$rec" = warmup ]; then BENCH_RUN=warmup
  elif [ "$OUTPUTS" = fresh ]; then RUN_SEQ=$((RUN_SEQ + 1)); BENCH_RUN="$RUN_SEQ"
  else BENCH_RUN=timed; fi
  export BENCH_RUN
  bash -c "$prep" || die "could not prepare $name: $prep"
  # The last run's files go to disk now, so that their writeback is not timed as part of this
  # run (a 10,000-page build writes some 260 MB).
  sync
  if ! /usr/bin/time -f '%e %U %S %M' -a -o "$DATA/$n.$name.$rec" bash -c "$cmd" \
      >"$DATA/$n.$name.stdout" 2>"$DATA/$n.$name.stderr"; then
    tail -5 "$DATA/$n.$name.stderr" >&2
    die "$name failed on the $n-page corpus: $cmd"
  fi
}

# Hugo's own page count from its stats table ("Pages | 1023"): it must equal the corpus's
# Markdown files, or Hugo rendered something else than opskit and the comparison is void.
check_hugo_pages() {  # n expected
  local got
  got="$(sed -n 's/^ *Pages *| *\([0-9][0-9]*\) *$/\1/p' "$DATA/$1.hugo.stdout" | head -1)"
  [ "$got" = "$2" ] || { cat "$DATA/$1.hugo.stdout" >&2; die "Hugo rendered ${got:-no} pages, the corpus has $2 (see its stats above)"; }
}

# A minimal Hugo site over the corpus: the Markdown files hard-linked (no copy to pay for), a
# page folder's index.en.md as a leaf bundle (index.en.md), the root's and each chapter's as
# a section's _index.en.md, so Hugo renders each corpus page exactly once. The images are
# linked as static files under the same /static/images/ URLs the pages use.
write_hugo_site() {  # corpus site
  local corpus="$1" site="$2"
  rm -rf "$site"; mkdir -p "$site/layouts/_default" "$site/static"
  python3 - "$corpus/content" "$site/content" <<'PY'
import os, sys
src, dst = sys.argv[1:3]
for d, _, fs in os.walk(src):
    rel = os.path.relpath(d, src)
    for f in fs:
        if not f.endswith(".md"):
            continue
        # gen-corpus.py: content/index.en.md, content/<chapter>/index.en.md (sections, with
        # page folders below) and content/<chapter>/<page>/index.en.md (no folders below).
        stem, _, ext = f.partition(".")
        has_children = any(os.path.isdir(os.path.join(d, x)) for x in os.listdir(d))
        name = ("_index." if has_children or rel == "." else "index.") + ext
        if stem != "index":
            name = f
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        os.link(os.path.join(d, f), os.path.join(dst, rel, name))
PY
  [ -d "$corpus/static" ] && cp -al "$corpus/static" "$site/static/static"
  cat >"$site/hugo.toml" <<'EOF'
baseURL = "http://example.org/"
title = "opskit benchmark corpus"
defaultContentLanguage = "en"
# Only the pages: no taxonomies, feeds, sitemap, robots.txt or 404 page, so that the stats'
# page count is the corpus's pages.
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true   # raw HTML rendered, as opskit does
EOF
  cat >"$site/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<nav class="section">{{ with .CurrentSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</nav>
<aside class="toc">{{ .TableOfContents }}</aside>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main>
</body></html>
EOF
  cat >"$site/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<nav class="section"><ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<aside class="toc">{{ .TableOfContents }}</aside>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main>
</body></html>
EOF
}

# ------------------------------------------------------------------ per size
i=0
for n in "${SIZES[@]}"; do
  runs="${RUNS[$i]:-${RUNS[-1]}}"; i=$((i + 1))
  corpus="$WORK/corpus-$n"; out="$WORK/out-$n"; site="$WORK/hugo-site-$n"; hout="$WORK/hugo-out-$n"
  bout="$WORK/bundle-out-$n"; tree="$WORK/bundle-tree-$n"; zout="$WORK/zip6-$n"
  rm -rf "$out" "$hout" "$bout" "$zout"   # a reused BENCH_WORK's earlier runs
  log "$n pages: generating the corpus and the Hugo site"
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
  md_files="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["md_files"])' "$DATA/$n.corpus.json")"
  write_hugo_site "$corpus" "$site"

  names=(peer check build hugo bundle zip6)
  declare -A cmd prep per_round
  cmd[peer]="find $(q "$corpus/content") -name '*.md' -print0 | xargs -0 cmark-gfm ${CMARK_ARGS[*]} > /dev/null"
  prep[peer]=true; per_round[peer]="$PEER_PER_ROUND"
  cmd[check]="$(q "$OPSKIT" check -C "$corpus" -q "${OPSKIT_ARGS[@]}")"
  prep[check]=true; per_round[check]="$CHECK_PER_ROUND"
  # Each command's output folder is <base>/$BENCH_RUN (at, clear_first: above run_timed).
  cmd[build]="$(q "$OPSKIT" build -C "$corpus" -q "${JOBS_ARGS[@]}" "${OPSKIT_ARGS[@]}") --out $(at "$out")"
  prep[build]="$(clear_first "$out")"; per_round[build]=1
  cmd[hugo]="$(q hugo --source "$site" --cacheDir "$WORK/hugo-cache") --destination $(at "$hout")"
  prep[hugo]="$(clear_first "$hout")"; per_round[hugo]=1
  # -v: opskit says how long its zips took ("time: zip bundles N ms"), set against zip -6 below.
  cmd[bundle]="$(q "$OPSKIT" bundle -C "$corpus" -v "${OPSKIT_ARGS[@]}") --out $(at "$bout")"
  prep[bundle]="$(clear_first "$bout")"; per_round[bundle]=1
  # zip -6 of each bundle's tree as opskit wrote it (unzipped below after the warm-up build).
  zq="$(at "$zout")"
  cmd[zip6]="mkdir -p $zq && cd $(q "$tree") && for b in *; do (cd \"\$b\" && zip -r -X -6 -q $zq/\"\$b\".zip .) && test -s $zq/\"\$b\".zip || exit 1; done"
  prep[zip6]="$(clear_first "$zout")"; per_round[zip6]=1
  if [ $HAVE_JOBS = 1 ]; then
    names+=(build_j1)
    cmd[build_j1]="$(q "$OPSKIT" build -C "$corpus" -q --jobs 1 "${OPSKIT_ARGS[@]}") --out $(at "$out")"
    prep[build_j1]="$(clear_first "$out")"; per_round[build_j1]=1
  fi

  log "$n pages: warm-up (one untimed run of each: ${names[*]})"
  for name in "${names[@]}"; do
    if [ "$name" = zip6 ]; then   # the bundle tree comes from the warm-up build
      rm -rf "$tree"; mkdir -p "$tree"
      ls "$out"/warmup/bundles/*.zip >/dev/null 2>&1 || die "opskit build wrote no bundle zip in $out/warmup/bundles"
      for z in "$out"/warmup/bundles/*.zip; do unzip -q "$z" -d "$tree/$(basename "$z" .zip)"; done
    fi
    run_timed "$name" "$n" "${prep[$name]}" "${cmd[$name]}" warmup
    if [ "$name" = hugo ]; then check_hugo_pages "$n" "$md_files"; fi
    cp "$DATA/$n.$name.stderr" "$DATA/$n.$name.warmup.stderr"   # diagnostics counted in the table
  done
  [ -d "$out/warmup/site" ] || die "opskit build wrote no site in $out/warmup"

  log "$n pages: timing, $runs interleaved rounds of ${names[*]} (peer x$PEER_PER_ROUND, check x$CHECK_PER_ROUND)"
  for ((r = 1; r <= runs; r++)); do
    for name in "${names[@]}"; do
      for ((k = 0; k < ${per_round[$name]}; k++)); do
        run_timed "$name" "$n" "${prep[$name]}" "${cmd[$name]}" runs
        if [ "$name" = hugo ]; then check_hugo_pages "$n" "$md_files"; fi
        if [ "$name" = bundle ]; then
          ms="$(sed -n 's/^opskit: time: zip bundles \([0-9][0-9]*\) ms\(,.*\)\{0,1\}$/\1/p' "$DATA/$n.bundle.stderr")"
          [ -n "$ms" ] || die "opskit bundle -v printed no 'time: zip bundles' line (see $DATA/$n.bundle.stderr)"
          echo "$ms" >>"$DATA/$n.bundle_zip.ms"
        fi
      done
    done
  done

  log "$n pages: output sizes"
  python3 - "$out/warmup" "$DATA/$n.sizes.json" "$zout/warmup" <<'PY'
import json, os, re, statistics, sys
out, dest, zout = sys.argv[1:4]
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
def zips(folder):
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".zip")] if os.path.isdir(folder) else []
bundles = zips(os.path.join(out, "bundles"))
json.dump({
    "site_bytes": total, "site_files": files,
    "page_html_count": len(pages),
    "page_html_mean": statistics.mean(pages) if pages else None,
    "page_html_median": statistics.median(pages) if pages else None,
    "page_html_max": max(pages) if pages else None,
    "sidebar_mean": statistics.mean(sidebar) if sidebar else None,
    "largest_html": largest,
    # search-index.js and, past a size, the parts it loads (search-index-1.js ...)
    "search_index": sum(os.path.getsize(os.path.join(site, "assets", f)) for f in os.listdir(os.path.join(site, "assets"))
                        if f.startswith("search-index") and f.endswith(".js")) or None,
    "nav_tree": size(os.path.join(site, "assets", "nav-tree.js")),
    "bundle_zip": sum(os.path.getsize(b) for b in bundles) if bundles else None,
    "zip6": sum(os.path.getsize(b) for b in zips(zout)) or None,
    "bundles": [os.path.basename(b) for b in bundles],
}, open(dest, "w"))
PY
done

# ------------------------------------------------------------------ opskit check on the shipped kit
log "the shipped kit: opskit check, 1 warm-up + $KIT_RUNS runs"
kit_cmd="$(q "$OPSKIT" check -C "$ROOT" -q)"
run_timed kitcheck kit true "$kit_cmd" warmup
for ((r = 0; r < KIT_RUNS; r++)); do run_timed kitcheck kit true "$kit_cmd" runs; done
kit_pages="$(find "$ROOT/content" "$ROOT/workshops" -name '*.md' 2>/dev/null | wc -l)"

# ------------------------------------------------------------------ browser check on the largest site
if [ "$BROWSER" = 1 ]; then
  big="${SIZES[-1]}"
  for n in "${SIZES[@]}"; do [ "$n" -gt "$big" ] && big="$n"; done
  log "$big pages: browser search check (search-10k.mjs)"
  (cd "$ROOT/tests/browser" && node ../bench/search-10k.mjs "$WORK/out-$big/warmup/site" --runs 3) >"$DATA/browser.log" 2>&1 || true
  grep '^BENCH_JSON ' "$DATA/browser.log" | tail -1 | sed 's/^BENCH_JSON //' >"$DATA/browser.json" || true
  [ -s "$DATA/browser.json" ] || echo '{"ok": false, "problems": ["search-10k.mjs printed no result; see its log"]}' >"$DATA/browser.json"
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["pages"]=int(sys.argv[2]); json.dump(j, open(sys.argv[1],"w"))' "$DATA/browser.json" "$big"
fi

# ------------------------------------------------------------------ the table
python3 "$HERE/bench_report.py" "$DATA" "$OPSKIT" "$HAVE_JOBS" "${OPSKIT_ARGS[*]}" "$kit_pages" "$(hugo version | cut -d' ' -f1-2)" "$OUTPUTS" "${SIZES[@]}"
if [ "$BROWSER" = 1 ]; then
  python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("ok") else 1)' "$DATA/browser.json" \
    || { sed -n '1,40p' "$DATA/browser.log" >&2; die "the browser search check failed"; }
fi
