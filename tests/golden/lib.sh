# Shared by regenerate.sh and compare.sh (sourced, not run): builds one golden fixture and turns
# its output folder into the reviewable tree kept in tests/golden/<name>/expected/.
#
# The tree is the output of `opskit build --out DIR` with:
# - each zip unpacked into `<zip>.unzipped/` (so a diff shows the changed entry), after `unzip -t`
#   and Python's zipfile agree that it is sound and that its names are exactly the unpacked files;
# - the theme's vendored files (any path with assets/vendor/), files that are byte-for-byte copies
#   of a file of the theme's assets/ (site.css, site.js, ...: reviewed where they are written),
#   every file over 20 KB, and the zips' own bytes, replaced by one line each in
#   LARGE-FILES.sha256 (`sha256  path`), so the tree stays small text while a change to any of
#   their bytes still shows;
# - .opskit-lock and empty folders left out (the run's lock; git keeps no empty folder).

GOLDEN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$GOLDEN_DIR/../.." && pwd)
GOLDEN_FIXTURES=(ops-library workshop handover)
GOLDEN_LARGE_BYTES=20480
# The theme every build uses: the source tree's, or GOLDEN_THEME=DIR (for instance the committed
# theme, `git archive HEAD site-theme`, while the working tree holds unfinished theme edits).
GOLDEN_THEME=${GOLDEN_THEME:-$REPO_ROOT/site-theme}
# One fixed date, so neither the clock nor the files' mtimes reach the output (page dates,
# sitemap lastmod, zip timestamps, manifest build_time). The fixtures hold no .git of their
# own, so no git revision is recorded either.
GOLDEN_EPOCH=1767225600  # 2026-01-01T00:00:00Z

golden_fail() {
  echo "golden: $*" >&2
  exit 1
}

# golden_build NAME OPSKIT DEST: the normalised output tree of fixture NAME in DEST (made anew).
golden_build() {
  local name=$1 opskit=$2 dest=$3
  local work
  work=$(mktemp -d)
  # --theme always: a binary outside a build folder (a saved copy of main's, say) has no default
  # theme of its own.
  if ! SOURCE_DATE_EPOCH=$GOLDEN_EPOCH NO_COLOR=1 "$opskit" build -q -C "$GOLDEN_DIR/$name" \
       --out "$work/out" --theme "$GOLDEN_THEME" >"$work/log" 2>&1; then
    cat "$work/log" >&2
    rm -rf "$work"
    golden_fail "$name: opskit build failed"
  fi
  rm -f "$work/out/.opskit-lock"
  local large="$work/large"
  : >"$large"
  local zip
  while IFS= read -r -d '' zip; do
    local rel=${zip#"$work/out/"}
    unzip -tq "$zip" >/dev/null || golden_fail "$name: unzip -t fails on $rel"
    mkdir "$zip.unzipped"
    unzip -q "$zip" -d "$zip.unzipped" || golden_fail "$name: cannot unpack $rel"
    python3 - "$zip" "$zip.unzipped" <<'PY' || golden_fail "$name: zipfile disagrees with the unpacked $rel"
import os, sys, zipfile
path, tree = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(path) as z:
    bad = z.testzip()
    if bad:
        sys.exit(f"{path}: bad CRC in {bad}")
    names = [n for n in z.namelist() if not n.endswith("/")]
if len(names) != len(set(names)):
    sys.exit(f"{path}: duplicate entry names")
found = sorted(os.path.relpath(os.path.join(d, f), tree) for d, _, fs in os.walk(tree) for f in fs)
if sorted(names) != found:
    sys.exit(f"{path}: namelist {sorted(names)} != unpacked {found}")
PY
    (cd "$work/out" && sha256sum "$rel") >>"$large"
    rm "$zip"
  done < <(find "$work/out" -type f -name '*.zip' -print0)
  # Vendored files, large files and verbatim copies of the theme's own files (its CSS and JS,
  # copied into every site and package) become hash lines: the theme is reviewed in site-theme/.
  python3 - "$work/out" "$GOLDEN_THEME" "$GOLDEN_LARGE_BYTES" >>"$large" <<'PY' || golden_fail "$name: cannot hash the tree"
import hashlib, os, sys
out, theme, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
theme_files = {digest(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(theme, "assets")) for f in fs}
for d, _, fs in os.walk(out):
    for f in fs:
        path = os.path.join(d, f)
        rel = os.path.relpath(path, out)
        h = digest(path)
        if "assets/vendor/" in "/" + rel or os.path.getsize(path) > limit or h in theme_files:
            print(f"{h}  {rel}")
            os.remove(path)
PY
  # Folders left empty (assets/vendor/, a zip's directory entries) go too: git keeps no empty
  # folder, so a fresh clone's expected/ has none, and the build's tree must match it.
  find "$work/out" -mindepth 1 -type d -empty -delete
  LC_ALL=C sort -k2 "$large" >"$work/out/LARGE-FILES.sha256"
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  mv "$work/out" "$dest"
  rm -rf "$work"
}

# golden_names [NAME...]: the names given, or every fixture; an unknown name is an error.
golden_names() {
  if (($# == 0)); then
    printf '%s\n' "${GOLDEN_FIXTURES[@]}"
    return
  fi
  local n
  for n in "$@"; do
    [[ -d $GOLDEN_DIR/$n && -n $n ]] || golden_fail "no fixture '$n' in $GOLDEN_DIR"
    printf '%s\n' "$n"
  done
}

golden_opskit() {
  local opskit=${OPSKIT:-$REPO_ROOT/build/opskit}
  [[ -x $opskit ]] || golden_fail "no opskit binary at $opskit (set OPSKIT=path)"
  printf '%s\n' "$opskit"
}
