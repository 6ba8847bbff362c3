#!/usr/bin/env bash
# End-to-end tests of the opskit command line: exit codes, diagnostics formats, atomic output,
# deterministic bundles and packages checked with real zip readers (unzip, Python's zipfile).
# usage: run.sh OPSKIT_BINARY WORK_DIR
set -uo pipefail
OPSKIT=$(realpath "$1")
WORK=${2:-$(mktemp -d)}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REAL="$SRC/tests/fixtures/real-workshops"
rm -rf "$WORK" && mkdir -p "$WORK"
export NO_COLOR=1
source "$SRC/tests/lib.sh"  # ok, fail, check, expect_exit
tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }

# A small project: one docs page, one workshop.
make_project() {
  local dir=$1
  mkdir -p "$dir/content" "$dir/workshops/lab/content/step-1" "$dir/workshops/lab/static/images"
  cat >"$dir/opskit.yaml" <<'YAML'
site:
  title: Test kit
  base_url: https://docs.example.com/kit/
version: 2.1.0
packages:
  - name: ops
    audience: operations-team
    include: [index, guide]
YAML
  printf -- '---\ntitle: Home\n---\n# Home\n\nSee the [guide](xref:guide).\n' >"$dir/content/index.md"
  printf -- '---\ntitle: Guide\nweight: 1\n---\n## Steps\n\nText.\n' >"$dir/content/guide.md"
  printf 'version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n' >"$dir/workshops/lab/contentspec.yaml"
  printf -- '---\ntitle: Lab\nweight: 1\n---\nStart with [step 1](/step-1/).\n' >"$dir/workshops/lab/content/index.en.md"
  printf -- '---\ntitle: Step 1\nweight: 1\n---\n![diagram](/static/images/d.svg)\n\nRead the [guide](xref:guide#steps).\n' \
    >"$dir/workshops/lab/content/step-1/index.en.md"
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n' >"$dir/workshops/lab/static/images/d.svg"
}

echo "# command line"
expect_exit 0 "--version" "$OPSKIT" --version
grep -q "^opskit [0-9]" "$WORK/last.out" && ok "--version prints the version" || fail "--version prints the version"
for cmd in build check bundle package verify; do
  expect_exit 0 "$cmd --help" "$OPSKIT" "$cmd" --help
done
expect_exit 2 "unknown option is a usage error" "$OPSKIT" build --no-such-option
expect_exit 2 "no command is a usage error" "$OPSKIT"

echo "# exit codes and diagnostics"
P="$WORK/project"; make_project "$P"
expect_exit 0 "clean project builds" "$OPSKIT" build -C "$P"
check "site written" test -f "$P/build/out/site/index.html"
check "bundle written" test -f "$P/build/out/bundles/lab.zip"
check "package written with its version" test -f "$P/build/out/packages/ops-2.1.0.zip"

B="$WORK/broken"; make_project "$B"
printf -- '---\ntitle: [not, a, string]\n---\nBody\n' >"$B/content/bad.md"
printf -- '---\ntitle: Open\n\nNo closing fence\n' >"$B/content/open.md"
printf -- 'See [x](xref:gide).\n' >>"$B/content/guide.md"
expect_exit 1 "content errors exit 1" "$OPSKIT" check -C "$B"
grep -q "content/bad.md:2:8: error: 'title' must be a non-empty string \[frontmatter.type\]" "$WORK/last.err" \
  && ok "text diagnostic has file:line:col, severity, message, rule" || { fail "text diagnostic format"; cat "$WORK/last.err"; }
grep -q "content/guide.md:8:9: error: link target 'xref:gide' not found; did you mean 'xref:guide'? \[link.unresolved\]" "$WORK/last.err" \
  && ok "unresolved link with a suggestion" || { fail "unresolved link with a suggestion"; cat "$WORK/last.err"; }
grep -q "content/open.md:1:1: error: .*\[frontmatter.unclosed\]" "$WORK/last.err" && ok "all problems reported, not just the first" || fail "all problems reported"
cp "$WORK/last.err" "$WORK/text.txt"
"$OPSKIT" check -C "$B" --format json >"$WORK/diag.json" 2>/dev/null
"$OPSKIT" check -C "$B" --format sarif --report "$WORK/diag.sarif" 2>/dev/null
python3 - "$WORK/diag.json" "$WORK/diag.sarif" "$WORK/text.txt" <<'PY' && ok "JSON and SARIF parse and carry the same findings as the text" || fail "JSON and SARIF agree with the text"
import json, re, sys
j = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
text = [l for l in open(sys.argv[3]) if re.match(r"^\S.*: (error|warning): ", l)]
jf = [(d["file"], d["line"], d["column"], d["rule"]) for d in j["diagnostics"]]
assert s["version"] == "2.1.0" and s["runs"][0]["tool"]["driver"]["name"] == "opskit"
sf = []
for r in s["runs"][0]["results"]:
    loc = r["locations"][0]["physicalLocation"]
    sf.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"].get("startColumn", 0), r["ruleId"]))
tf = []
for l in text:
    m = re.match(r"^(.+?):(\d+):(\d+): (?:error|warning): .* \[([\w.-]+)\]$", l.strip())
    tf.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))
assert jf == sf == tf, (jf, sf, tf)
assert j["errors"] >= 3
PY

C="$WORK/badconfig"; make_project "$C"
printf 'site:\n  title: [1, 2]\nsitee: x\n' >"$C/opskit.yaml"
expect_exit 2 "configuration errors exit 2" "$OPSKIT" check -C "$C"
grep -q "opskit.yaml:2:10: error: 'title' must be a string" "$WORK/last.err" && ok "wrong type in opskit.yaml has line and column" || { fail "config type error"; cat "$WORK/last.err"; }
grep -q "opskit.yaml:3:1: warning: unknown key 'sitee' in opskit.yaml; did you mean 'site'?" "$WORK/last.err" && ok "unknown key names the closest known key" || { fail "unknown key suggestion"; cat "$WORK/last.err"; }
expect_exit 2 "an output that cannot be written is an environment error (exit 2), not an internal one" "$OPSKIT" build -C "$P" --out /dev/null/out
expect_exit 2 "--report into a folder that cannot exist is exit 2" "$OPSKIT" check -C "$P" --format json --report /dev/null/report.json
expect_exit 2 "--out may not be the sources" "$OPSKIT" build -C "$P" --out content
expect_exit 2 "--out may not hold the sources" "$OPSKIT" build -C "$P" --out .
check "the sources are still there after the refused --out" test -f "$P/content/index.md"
printf -- '---\ntitle: Home\nwieght: 1\n---\nText\n' >"$WORK/warn.md"; cp "$WORK/warn.md" "$P/content/warned.md"
expect_exit 0 "warnings alone pass" "$OPSKIT" check -C "$P"
expect_exit 1 "--strict turns warnings into failure" "$OPSKIT" check -C "$P" --strict
rm "$P/content/warned.md"

echo "# atomic output"
"$OPSKIT" build -C "$P" -q >/dev/null 2>&1
before=$(tree_hash "$P/build/out/site")
printf -- '---\ntitle: Broken\n---\n[x](xref:missing)\n' >"$P/content/broken.md"
expect_exit 1 "a build with errors fails" "$OPSKIT" build -C "$P"
check "a failed build leaves the earlier site byte for byte" test "$before" = "$(tree_hash "$P/build/out/site")"
check "no temporary folders left behind" test -z "$(ls -a "$P/build/out" | grep -E 'opskit-(new|old|tmp|staging)')"
rm "$P/content/broken.md"
# An error found only once pages are rendered (a broken link in the theme's layout): the site's
# pages were already being staged, and must not reach the output.
T="$WORK/render-fail"; make_project "$T"
"$OPSKIT" build -C "$T" -q >/dev/null 2>&1
before=$(tree_hash "$T/build/out")
mkdir -p "$T/site-theme" && cp -r "$SRC/site-theme/." "$T/site-theme/"
sed -i 's|</body>|<a href="{{root}}planted/missing.html">planted</a></body>|' "$T/site-theme/templates/layout.mustache"
expect_exit 1 "a build whose rendered pages have a broken link fails" "$OPSKIT" build -C "$T"
grep -q "planted/missing.html' points at no file of the output \[output.broken-link\]" "$WORK/last.err" \
  && ok "the rendered page's broken link is reported" || { fail "output.broken-link reported"; cat "$WORK/last.err"; }
check "a build failing after its pages were staged leaves the earlier output byte for byte" test "$before" = "$(tree_hash "$T/build/out")"
check "and no staging folder behind" test -z "$(ls -a "$T/build/out" | grep -E 'opskit-(new|old|tmp|staging)')"

echo "# bundles"
out_before=$(tree_hash "$P/build/out")
rm -rf "$WORK/list-out"
"$OPSKIT" bundle -C "$P" --list --out "$WORK/list-out" >"$WORK/list.out" 2>&1
grep -q "lab.zip:" "$WORK/list.out" && grep -q "content/step-1/index.en.md" "$WORK/list.out" && ok "bundle --list prints entries" || fail "bundle --list"
check "bundle --list writes nothing" test ! -e "$WORK/list-out"
check "bundle --list leaves the earlier output alone" test "$out_before" = "$(tree_hash "$P/build/out")"
"$OPSKIT" bundle -C "$P" -q --out "$WORK/b1" && "$OPSKIT" bundle -C "$P" -q --out "$WORK/b2"
check "building twice gives the same bytes" cmp -s "$WORK/b1/bundles/lab.zip" "$WORK/b2/bundles/lab.zip"
check "unzip -t passes" unzip -tqq "$WORK/b1/bundles/lab.zip"
python3 - "$WORK/b1/bundles/lab.zip" <<'PY' && ok "zipfile.testzip passes; sorted, fixed time and mode, no extra fields" || fail "zip structure"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
assert names == sorted(names), names
assert set(n.split("/")[0] for n in names) <= {"contentspec.yaml", "content", "static", "assets"}, names
for i in z.infolist():
    assert i.date_time == z.infolist()[0].date_time and i.date_time[0] >= 1980
    assert i.extra == b"", i.extra
    assert (i.external_attr >> 16) == 0o100644
    assert not i.filename.startswith("/") and ".." not in i.filename.split("/") and "\\" not in i.filename
PY
mkdir -p "$WORK/unpacked" && (cd "$WORK/unpacked" && unzip -q "$WORK/b1/bundles/lab.zip")
diff -r -x step-1 "$WORK/unpacked" "$P/workshops/lab" >/dev/null && ok "bundle unpacks to the workshop, file by file" || fail "bundle tree differs from the workshop"
grep -q "(https://docs.example.com/kit/guide/index.html#steps)" "$WORK/unpacked/content/step-1/index.en.md" \
  && ok "a cross-reference to the docs becomes the published site's URL in the bundle" || { fail "xref rewritten"; cat "$WORK/unpacked/content/step-1/index.en.md"; }
grep -q "xref:guide#steps" "$P/workshops/lab/content/step-1/index.en.md" && ok "the source stays untouched" || fail "source untouched"
diff <(grep -v "guide" "$WORK/unpacked/content/step-1/index.en.md") <(grep -v "guide" "$P/workshops/lab/content/step-1/index.en.md") >/dev/null \
  && ok "only the cross-reference changed" || fail "only the cross-reference changed"

echo "# two clones at different paths"
if git -C "$SRC" rev-parse HEAD >/dev/null 2>&1; then
  for n in 1 2; do
    rm -rf "$WORK/clone$n-$n"; git clone -q "$SRC" "$WORK/clone$n-$n"
    SOURCE_DATE_EPOCH= "$OPSKIT" bundle -C "$WORK/clone$n-$n" -q --out "$WORK/clone-out$n" >/dev/null 2>&1
    (cd "$WORK/clone-out$n/bundles" && sha256sum *.zip) >"$WORK/clone$n.sha"
  done
  test -s "$WORK/clone1.sha" && cmp -s "$WORK/clone1.sha" "$WORK/clone2.sha" \
    && ok "two clones give bundles with the same SHA-256 ($(wc -l <"$WORK/clone1.sha") bundles)" || { fail "clones differ"; cat "$WORK/clone1.sha" "$WORK/clone2.sha"; }
else
  fail "the source is not a git checkout, so the two-clone test cannot run"
fi

echo "# real workshops bundle"
RULES=(--rule link.unresolved=warning --rule link.image-missing=warning --rule bundle.directive-nesting=warning
       --rule contentspec.template-invalid=warning --rule contentspec.missing-file=warning --rule link.anchor=warning)
for w in eks-security-immersion-day multi-az-workshop; do
  expect_exit 0 "$w bundles (its reviewed findings as warnings)" "$OPSKIT" bundle -C "$REAL/$w" --out "$WORK/real-$w" "${RULES[@]}"
  check "$w bundle passes unzip -t" unzip -tqq "$WORK/real-$w/bundles/$w.zip"
  mkdir -p "$WORK/real-$w/unpacked" && (cd "$WORK/real-$w/unpacked" && unzip -q "../bundles/$w.zip")
  diff -r -x LICENSE "$WORK/real-$w/unpacked" "$REAL/$w" >/dev/null \
    && ok "$w bundle equals the repository's publishable part" || { fail "$w bundle differs"; diff -rq -x LICENSE "$WORK/real-$w/unpacked" "$REAL/$w" | head; }
done

echo "# what git says: page dates, the revision, a modified tree, the bundle's time"
# A project path with a quote and a space: git is run with it as one argument, not through a shell.
G="$WORK/git project's kit"
make_project "$G"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
git -C "$G" init -q && git -C "$G" add -A
GIT_AUTHOR_DATE=2024-03-05T12:00:00Z GIT_COMMITTER_DATE=2024-03-05T12:00:00Z git -C "$G" commit -q -m first
printf '\nMore.\n' >>"$G/content/guide.md" && git -C "$G" add -A
GIT_AUTHOR_DATE=2024-04-09T12:00:00Z GIT_COMMITTER_DATE=2024-04-09T12:00:00Z git -C "$G" commit -q -m second
SOURCE_DATE_EPOCH= "$OPSKIT" build -C "$G" -q --out "$WORK/git-out" >/dev/null 2>"$WORK/git.err" || { fail "build of a git checkout"; cat "$WORK/git.err"; }
grep -q '<time datetime="2024-03-05">' "$WORK/git-out/site/index.html" \
  && grep -q '<time datetime="2024-04-09">' "$WORK/git-out/site/guide/index.html" \
  && ok "each page's last update is its last commit's date" || fail "page dates from git"
python3 - "$WORK/git-out" "$(git -C "$G" rev-parse HEAD)" <<'PY' && ok "the package names the commit, the tree is clean, the bundle's entries carry the commit's time" || fail "revision and zip time from git"
import json, sys, zipfile, glob
out, head = sys.argv[1:3]
pkg = glob.glob(out + "/packages/*.zip")[0]
m = json.loads(zipfile.ZipFile(pkg).read("manifest.json"))
assert m["source"]["revision"] == head, m["source"]
assert m["source"].get("modified") in (False, None), m["source"]
times = {i.date_time for i in zipfile.ZipFile(out + "/bundles/lab.zip").infolist()}
assert times == {(2024, 4, 9, 12, 0, 0)}, times
PY
printf 'x\n' >"$G/untracked.txt"
SOURCE_DATE_EPOCH= "$OPSKIT" package -C "$G" -q --out "$WORK/git-out2" >/dev/null 2>&1
python3 -c 'import json,sys,zipfile,glob; m=json.loads(zipfile.ZipFile(glob.glob(sys.argv[1]+"/packages/*.zip")[0]).read("manifest.json")); sys.exit(0 if m["source"].get("modified") else 1)' "$WORK/git-out2" \
  && ok "a tree with uncommitted files is said to be modified" || fail "modified tree"

echo "# packages"
"$OPSKIT" package -C "$P" -q --out "$WORK/p1" && "$OPSKIT" package -C "$P" -q --out "$WORK/p2"
PKG="$WORK/p1/packages/ops-2.1.0.zip"
check "two package builds give the same SHA-256" cmp -s "$PKG" "$WORK/p2/packages/ops-2.1.0.zip"
check "package passes unzip -t" unzip -tqq "$PKG"
expect_exit 0 "verify passes on a fresh package" "$OPSKIT" verify "$PKG"
mkdir -p "$WORK/pk" && (cd "$WORK/pk" && unzip -q "$PKG")
python3 - "$WORK/pk" <<'PY' && ok "manifest hashes match sha256sum of the unpacked files" || fail "manifest hashes"
import hashlib, json, os, sys
root = sys.argv[1]
m = json.load(open(os.path.join(root, "manifest.json")))
assert m["package"] == "ops" and m["audience"] == "operations-team" and m["version"] == "2.1.0"
assert "revision" in m["source"] and "build_time" in m
listed = {f["path"]: f for f in m["files"]}
on_disk = set()
for d, _, files in os.walk(root):
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), root)
        if rel != "manifest.json": on_disk.add(rel)
assert on_disk == set(listed), on_disk ^ set(listed)
for rel, f in listed.items():
    data = open(os.path.join(root, rel), "rb").read()
    assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["size"], rel
for need in ("README.txt", "ops.html", "site/index.html", "site/guide/index.html"):
    assert need in listed, need
PY
tamper() {  # tamper MODE ENTRY OUT
  python3 - "$PKG" "$1" "$2" "$3" <<'PY'
import sys, zipfile
src, mode, entry, out = sys.argv[1:]
zin = zipfile.ZipFile(src)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
    for i in zin.infolist():
        data = zin.read(i.filename)
        if i.filename == entry and mode == "remove": continue
        if i.filename == entry and mode == "change": data = bytes([data[0] ^ 1]) + data[1:]
        zout.writestr(i, data)
    if mode == "add": zout.writestr(entry, b"extra\n")
PY
}
tamper change README.txt "$WORK/changed.zip"
expect_exit 1 "verify fails after a byte is changed" "$OPSKIT" verify "$WORK/changed.zip"
grep -q ": error: README.txt: changed .*\[verify.changed-file\]" "$WORK/last.err" && ok "verify names the changed file" || fail "verify names the changed file"
tamper remove site/guide/index.html "$WORK/removed.zip"
expect_exit 1 "verify fails after a file is removed" "$OPSKIT" verify "$WORK/removed.zip"
grep -q ": error: site/guide/index.html: missing .*\[verify.missing-file\]" "$WORK/last.err" && ok "verify names the missing file" || fail "verify names the missing file"
tamper add site/new.html "$WORK/added.zip"
expect_exit 1 "verify fails after a file is added" "$OPSKIT" verify "$WORK/added.zip"
grep -q ": error: site/new.html: extra .*\[verify.extra-file\]" "$WORK/last.err" && ok "verify names the extra file" || fail "verify names the extra file"
tamper add ../evil "$WORK/evil.zip"
expect_exit 1 "verify refuses an entry that leaves its folder" "$OPSKIT" verify "$WORK/evil.zip"
grep -q "'../evil' would be written outside" "$WORK/last.err" && ok "verify names the escaping entry" || fail "verify names ../evil"
printf 'not a zip' >"$WORK/not.zip"
expect_exit 2 "verify on a file that is not a zip" "$OPSKIT" verify "$WORK/not.zip"
# Hostile packages: a symlink listed in the manifest, a manifest of the wrong types, a duplicate
# name, and a deflate bomb (120 MiB of zeros in a 120 KB zip).
python3 - "$WORK" <<'PY'
import hashlib, json, os, sys, zipfile
work = sys.argv[1]
def listing(files):
    return {"package": "ops", "version": "1", "files": [
        {"path": p, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for p, b in files]}
def entry(name, mode=0o100644):
    i = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)); i.create_system = 3; i.external_attr = mode << 16
    i.compress_type = zipfile.ZIP_DEFLATED
    return i
with zipfile.ZipFile(os.path.join(work, "symlink.zip"), "w") as z:
    z.writestr(entry("files/passwd", 0o120777), b"/etc/passwd")
    z.writestr("manifest.json", json.dumps(listing([("files/passwd", b"/etc/passwd")])))
with zipfile.ZipFile(os.path.join(work, "types.zip"), "w") as z:
    z.writestr("a.txt", b"a")
    z.writestr("manifest.json", json.dumps({"package": "ops", "version": "1", "files": [{"path": "a.txt", "size": "1", "sha256": 5}]}))
with zipfile.ZipFile(os.path.join(work, "dup.zip"), "w") as z:
    import warnings; warnings.simplefilter("ignore")
    z.writestr("a.txt", b"a"); z.writestr("a.txt", b"b")
    z.writestr("manifest.json", json.dumps(listing([("a.txt", b"a")])))
with zipfile.ZipFile(os.path.join(work, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    with z.open(entry("zeros.bin"), "w", force_zip64=True) as f:
        for _ in range(120): f.write(bytes(1 << 20))
    z.writestr("manifest.json", json.dumps({"package": "ops", "version": "1", "files": []}))
PY
expect_exit 1 "verify refuses a symlink entry listed in the manifest" "$OPSKIT" verify "$WORK/symlink.zip"
grep -q "'files/passwd' is a symbolic link" "$WORK/last.err" && ok "verify names the symlink" || fail "verify names the symlink"
expect_exit 1 "verify: a manifest with wrong types is a bad package, not a crash" "$OPSKIT" verify "$WORK/types.zip"
grep -q "files\[0\].size must be an unsigned integer" "$WORK/last.err" && ok "verify names the wrong type" || fail "verify names the wrong type"
expect_exit 1 "verify refuses duplicate entry names" "$OPSKIT" verify "$WORK/dup.zip"
grep -q "entry 'a.txt' appears more than once" "$WORK/last.err" && ok "verify names the duplicate" || fail "verify names the duplicate"
expect_exit 1 "verify refuses a deflate bomb before inflating it" "$OPSKIT" verify "$WORK/bomb.zip"
grep -q "zeros.bin' would inflate from .* zip bomb" "$WORK/last.err" && ok "verify says zip bomb" || fail "verify says zip bomb"

# --jobs: pages are parsed and rendered on several threads; the outputs and the report must be
# the same bytes for any number of them (the shipped kit, and a corpus with planted problems).
for n in 1 4; do
  expect_exit 0 "the kit builds with --jobs $n" "$OPSKIT" build -C "$SRC" --out "$WORK/jobs$n" --jobs "$n" --format json --report "$WORK/jobs$n.json"
done
check "the kit's outputs are byte-identical with --jobs 1 and --jobs 4" test "$(tree_hash "$WORK/jobs1")" = "$(tree_hash "$WORK/jobs4")"
check "the kit's report is identical with --jobs 1 and --jobs 4" cmp -s "$WORK/jobs1.json" "$WORK/jobs4.json"
python3 "$SRC/tests/bench/gen-corpus.py" "$WORK/jobs-corpus" --pages 400 --seed 5 --broken 7 >/dev/null 2>&1
# With more than one job the orphan check runs beside Workshop Studio's rules: plant a finding of each.
mkdir -p "$WORK/jobs-corpus/content/zz-no-weight" "$WORK/jobs-corpus/content/zz-orphan"
printf -- '---\ntitle: "No weight"\n---\n\nNothing links here and it has no weight.\n' > "$WORK/jobs-corpus/content/zz-no-weight/index.en.md"
printf -- '---\ntitle: "Unlinked"\nweight: 999\nhidden: true\n---\n\nHidden, and nothing links here.\n' > "$WORK/jobs-corpus/content/zz-orphan/index.en.md"
for n in 1 4; do
  expect_exit 1 "a corpus with broken links fails alike with --jobs $n" "$OPSKIT" check -C "$WORK/jobs-corpus" --jobs "$n" --format json --report "$WORK/jobs-corpus$n.json"
done
check "the corpus's findings are identical with --jobs 1 and --jobs 4" cmp -s "$WORK/jobs-corpus1.json" "$WORK/jobs-corpus4.json"
check "the corpus's report names the 7 planted broken links" test "$(grep -o '"rule": *"link.unresolved"' "$WORK/jobs-corpus4.json" | wc -l)" -ge 7
check "the corpus's report names the planted orphan and missing weight" sh -c "grep -q '\"rule\": *\"link.orphan\"' '$WORK/jobs-corpus4.json' && grep -q '\"rule\": *\"bundle.weight-missing\"' '$WORK/jobs-corpus4.json'"
expect_exit 2 "--jobs 0 is a usage error" "$OPSKIT" check -C "$SRC" --jobs 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
