#!/usr/bin/env bash
# End-to-end tests of `opskit new` and `opskit diff` (issue 21).
# usage: run.sh OPSKIT_BINARY WORK_DIR PART   (PART: pages, project, workshop, diff, hostile, installed)
set -uo pipefail
OPSKIT=$(realpath "$1")
WORK=$2
PART=$3
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CLEAN="$SRC/tests/fixtures/operating-model/clean"
rm -rf "$WORK" && mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
export NO_COLOR=1 SOURCE_DATE_EPOCH=1796083200   # 2026-12-01
source "$SRC/tests/lib.sh"  # ok, fail, check, expect_exit
has() { grep -qF -- "$2" "$1"; }          # has FILE TEXT
err_has() { has "$WORK/last.err" "$1"; }
out_has() { has "$WORK/last.out" "$1"; }

# ---- opskit new KIND PATH: each kind starts valid -------------------------------------------
pages() {
  local kit="$WORK/kit"
  cp -r "$CLEAN" "$kit"
  expect_exit 0 "the fixture kit is clean before" "$OPSKIT" check --strict -C "$kit"
  local pages_before; pages_before=$(sed -n 's/^opskit: pages: //p' "$WORK/last.err")
  expect_exit 0 "new workshop in a project" "$OPSKIT" new workshop demo -C "$kit"
  check "the workshop went under workshops/" test -f "$kit/workshops/demo/contentspec.yaml"
  expect_exit 0 "new runbook" "$OPSKIT" new runbook runbooks/patch-the-fleet -C "$kit"
  check "new runbook names its file" out_has "content/runbooks/patch-the-fleet.md"
  expect_exit 0 "new sop" "$OPSKIT" new sop framework/sops/monthly-review -C "$kit" --title "Monthly review: costs & risks"
  expect_exit 0 "new playbook" "$OPSKIT" new playbook playbooks/handle-a-p1 -C "$kit"
  expect_exit 0 "new lab" "$OPSKIT" new lab workshops/demo/content/lab-2 -C "$kit"
  expect_exit 0 "new page" "$OPSKIT" new page content/about.md -C "$kit"
  local rb="$kit/content/runbooks/patch-the-fleet.md"
  check "runbook: kind" has "$rb" "kind: runbook"
  check "runbook: title from the file name" has "$rb" 'title: "Patch the fleet"'
  check "runbook: owner accountable in the RACI" has "$rb" "owner: security-lead"
  check "runbook: area of that RACI row" has "$rb" "area: patch-management"
  check "runbook: last_reviewed is SOURCE_DATE_EPOCH's day" has "$rb" "last_reviewed: 2026-12-01"
  for s in "## Purpose and outcome" "## Tools and permissions" "## Procedure" "## Error handling and escalation" \
           "## Validation" "## Trigger" "## Rollback" "## Automation" "## Sources"; do
    check "runbook: has '$s'" has "$rb" "$s"
  done
  check "runbook: numbered steps" grep -q '^1\. ' "$rb"
  check "runbook: dated source" has "$rb" "(checked 2026-12-01)"
  local sop="$kit/content/framework/sops/monthly-review.md"
  check "sop: --title quoted for YAML" has "$sop" 'title: "Monthly review: costs & risks"'
  check "sop: framework_area" has "$sop" "framework_area: operations-leadership"
  check "sop: owner" has "$sop" "owner: head-of-cloud-operations"
  # A runbook of the playbook's area (patch-management, from the RACI) first: the new one.
  check "playbook: links a runbook of its area" has "$kit/content/playbooks/handle-a-p1.md" "(xref:runbooks/patch-the-fleet)"
  check "lab: index page of its folder" test -f "$kit/workshops/demo/content/lab-2/index.en.md"
  check "lab: weight after lab-1" has "$kit/workshops/demo/content/lab-2/index.en.md" "weight: 20"
  check "page: written" has "$kit/content/about.md" 'title: "About"'
  expect_exit 0 "check --strict passes with every new page" "$OPSKIT" check --strict -C "$kit"
  # The workshop's two pages and the five new ones.
  check "check read every new page" test "$(sed -n 's/^opskit: pages: //p' "$WORK/last.err")" = $((pages_before + 7))

  # Refusals: never overwrite, never leave the project.
  cp "$rb" "$WORK/runbook.before"
  expect_exit 2 "new refuses an existing file" "$OPSKIT" new runbook runbooks/patch-the-fleet -C "$kit"
  check "the refusal says why" err_has "already exists"
  check "the existing file is untouched" cmp -s "$rb" "$WORK/runbook.before"
  expect_exit 2 "new refuses '..'" "$OPSKIT" new page ../../outside -C "$kit"
  check "the '..' refusal says why" err_has "may not contain '..'"
  check "nothing was written outside" test ! -e "$WORK/outside.md"
  expect_exit 2 "new refuses an absolute PATH" "$OPSKIT" new page "$WORK/abs" -C "$kit"
  mkdir -p "$WORK/elsewhere" && ln -s "$WORK/elsewhere" "$kit/content/escape"
  expect_exit 2 "new refuses a PATH through a symbolic link out of the project" "$OPSKIT" new page escape/x -C "$kit"
  check "the symlink refusal says why" err_has "outside the project folder"
  check "nothing was written through the link" test -z "$(ls -A "$WORK/elsewhere")"
  rm "$kit/content/escape"
  expect_exit 2 "new refuses a workshop PATH outside content/" "$OPSKIT" new lab workshops/demo/static/x -C "$kit"
  expect_exit 2 "new refuses an unknown kind" "$OPSKIT" new gameday x -C "$kit"
  mkdir -p "$WORK/not-a-project"
  expect_exit 2 "new refuses a folder that is not a project" "$OPSKIT" new runbook runbooks/x -C "$WORK/not-a-project"
  check "it says so" err_has "not a project"
  check "nothing was written there" test -z "$(ls -A "$WORK/not-a-project")"

  # The project's own archetype wins over the theme's.
  mkdir -p "$kit/archetypes"
  printf -- '---\ntitle: {{title_yaml}}\n---\n\nHouse style for {{title}} ({{id}}).\n' >"$kit/archetypes/page.md"
  expect_exit 0 "new page from the project's archetype" "$OPSKIT" new page notes/house -C "$kit"
  check "the project's archetype was used" has "$kit/content/notes/house.md" "House style for House (notes/house)."
  printf -- '---\ntitle: {{title_yaml}}\n---\n{{#never}} closed\n' >"$kit/archetypes/sop.md"
  expect_exit 2 "new refuses an archetype that does not parse" "$OPSKIT" new sop framework/sops/broken -C "$kit"
  check "it names the archetype" err_has "archetypes/sop.md: not a valid template"
  check "nothing was written from it" test ! -e "$kit/content/framework/sops/broken.md"
}

# ---- opskit new project DIR: a kit that builds clean ----------------------------------------
project() {
  expect_exit 0 "new project" "$OPSKIT" new project "$WORK/kit"
  for f in opskit.yaml content/index.md content/runbooks/index.md content/runbooks/restart-a-service.md; do
    check "new project wrote $f" test -f "$WORK/kit/$f"
  done
  expect_exit 0 "the new project builds clean (--strict)" "$OPSKIT" build --strict -C "$WORK/kit" --out "$WORK/out"
  check "its site has the runbook" test -f "$WORK/out/site/runbooks/restart-a-service/index.html"
  check "its package was written" test -f "$WORK/out/packages/operations-team-0.1.0.zip"
  expect_exit 0 "its package verifies" "$OPSKIT" verify "$WORK/out/packages/operations-team-0.1.0.zip"
  expect_exit 2 "new project refuses a folder that holds files" "$OPSKIT" new project "$WORK/kit"
  check "the refusal says why" err_has "not an empty folder"
  expect_exit 0 "new project -C DIR is relative to DIR" "$OPSKIT" new project second -C "$WORK"
  check "the second project is under -C" test -f "$WORK/second/opskit.yaml"
}

# ---- opskit new workshop NAME: a Workshop Studio repository that bundles clean --------------
workshop() {
  expect_exit 0 "new workshop" "$OPSKIT" new workshop first-steps -C "$WORK"
  local ws="$WORK/first-steps"
  for f in contentspec.yaml content/index.en.md content/lab-1/index.en.md static/iam_policy.json; do
    check "new workshop wrote $f" test -f "$ws/$f"
  done
  expect_exit 0 "the new workshop bundles clean (--strict)" "$OPSKIT" bundle --strict -C "$ws" --out "$WORK/out"
  local zip="$WORK/out/bundles/first-steps.zip"
  check "the bundle was written" test -f "$zip"
  check "unzip -t finds the bundle sound" unzip -tq "$zip"
  unzip -Z1 "$zip" >"$WORK/entries.txt"
  for f in contentspec.yaml content/index.en.md content/lab-1/index.en.md static/iam_policy.json; do
    check "the bundle holds $f" grep -qx "$f" "$WORK/entries.txt"
  done
  expect_exit 0 "new lab in the bare workshop" "$OPSKIT" new lab lab-2 -C "$ws"
  check "the lab went under content/" test -f "$ws/content/lab-2/index.en.md"
  expect_exit 0 "the workshop still bundles clean" "$OPSKIT" bundle --strict -C "$ws" --out "$WORK/out"
  expect_exit 2 "new workshop refuses a bad name" "$OPSKIT" new workshop Bad_Name -C "$WORK"
  expect_exit 2 "new workshop refuses an existing one" "$OPSKIT" new workshop first-steps -C "$WORK"
}

# ---- opskit diff OLD.zip NEW.zip: exactly the planted changes -------------------------------
diff_packages() {
  local v1="$WORK/v1" v2="$WORK/v2"
  cp -r "$CLEAN" "$v1"
  cat >>"$v1/opskit.yaml" <<'YAML'
version: 1.0.0
packages:
  - name: operations-team
    title: Operations team handover
    audience: operations-team
    include: [runbooks/**, playbooks/*]
YAML
  printf -- '---\ntitle: Old notes\n---\n\n## Notes\n\nTo be retired.\n' >"$v1/content/runbooks/old-notes.md"
  expect_exit 0 "version 1.0.0 builds" "$OPSKIT" package -C "$v1" --out "$WORK/out1"
  cp -r "$v1" "$v2"
  rm -rf "$v2/build"
  sed -i 's/^version: 1.0.0/version: 1.1.0/' "$v2/opskit.yaml"
  rm "$v2/content/runbooks/old-notes.md"                                          # a page removed
  sed -i 's/^2\. Run the automation\./2. Run the automation.\n3. Watch the alarm clear./' "$v2/content/runbooks/restart-service.md"  # a section changed
  "$OPSKIT" new runbook runbooks/rotate-keys -C "$v2" >/dev/null                  # a page added
  sed -i '/id: patch-fleet/,/security-lead/ s/security-lead: I/security-lead: C/' "$v2/content/data/raci.yaml"   # a RACI letter moved
  sed -i 's/threshold: {value: 15, unit: minutes/threshold: {value: 30, unit: minutes/' "$v2/content/data/sla.yaml"  # an SLA threshold
  expect_exit 0 "version 1.1.0 builds" "$OPSKIT" package -C "$v2" --out "$WORK/out2"
  local old="$WORK/out1/packages/operations-team-1.0.0.zip" new="$WORK/out2/packages/operations-team-1.1.0.zip"
  expect_exit 0 "diff of the two packages" "$OPSKIT" diff "$old" "$new"
  cp "$WORK/last.out" "$WORK/diff.md"
  sed 's/^/    /' "$WORK/diff.md"
  check "diff: heading names both versions" has "$WORK/diff.md" "# Changes in operations-team from 1.0.0 to 1.1.0"
  check "diff: the page added" has "$WORK/diff.md" '- `runbooks/rotate-keys`: Rotate keys'
  check "diff: the page removed" has "$WORK/diff.md" '- `runbooks/old-notes`: Old notes'
  check "diff: the page changed" has "$WORK/diff.md" '- `runbooks/restart-service`: Restart the service'
  check "diff: its changed section" has "$WORK/diff.md" "  - section 'Procedure' changed"
  check "diff: the RACI letter" has "$WORK/diff.md" "\`data/raci.csv\`, row 'patch-fleet': Security Lead: 'I' → 'C'"
  check "diff: the SLA threshold" grep -q "data/sla-ola.csv\`, row 'sla-p1-response': threshold: '<= 15 minutes' → '<= 30 minutes'" "$WORK/diff.md"
  # Nothing else: one line per planted change, and one detail line.
  check "diff: nothing but the planted changes" test "$(grep -c '^- ' "$WORK/diff.md")" = 5
  check "diff: one section line" test "$(grep -c '^  - ' "$WORK/diff.md")" = 1
  expect_exit 0 "diff of a package with itself" "$OPSKIT" diff "$old" "$old"
  check "diff of the same package: no changes" out_has "No changes."
  expect_exit 0 "diff --report writes the Markdown" "$OPSKIT" diff "$old" "$new" --report "$WORK/changes.md"
  check "the report file is the same Markdown" cmp -s "$WORK/changes.md" "$WORK/diff.md"
  # package --since OLD.zip: the new package carries the same report as CHANGES.md, in its manifest.
  expect_exit 0 "version 1.1.0 builds with --since" "$OPSKIT" package -C "$v2" --out "$WORK/out3" --since "$old"
  local with_changes="$WORK/out3/packages/operations-team-1.1.0.zip"
  unzip -p "$with_changes" CHANGES.md >"$WORK/changes-in-package.md"
  check "--since: CHANGES.md in the package is the diff's report" cmp -s "$WORK/changes-in-package.md" "$WORK/diff.md"
  check "--since: the manifest lists CHANGES.md" grep -q '"path": "CHANGES.md"' <(unzip -p "$with_changes" manifest.json)
  expect_exit 0 "--since: the package verifies" "$OPSKIT" verify "$with_changes"
  expect_exit 1 "--since: an unusable previous package is an error" "$OPSKIT" package -C "$v2" --out "$WORK/out4" --since "$WORK/diff.md"
  check "--since: the error names the rule" err_has "package.since-unreadable"
  check "--since: and why, as verify says it" err_has "diff.md: error: not a readable zip: Not a zip archive [verify.unreadable]"
  check "--since: nothing is written on the error" test ! -e "$WORK/out4/packages/operations-team-1.1.0.zip"
}

# ---- opskit diff on bad and hostile zips: a message and exit 2, never a crash ---------------
hostile() {
  local kit="$WORK/kit"
  cp -r "$CLEAN" "$kit"
  printf 'version: 1.0.0\npackages:\n  - name: ops\n    audience: ops\n    include: [runbooks/**]\n' >>"$kit/opskit.yaml"
  expect_exit 0 "a good package builds" "$OPSKIT" package -C "$kit" --out "$WORK/out"
  local good="$WORK/out/packages/ops-1.0.0.zip"
  printf 'not a zip' >"$WORK/text.zip"
  expect_exit 2 "diff refuses a file that is not a zip" "$OPSKIT" diff "$WORK/text.zip" "$good"
  check "it says why" err_has "not a readable zip"
  expect_exit 2 "diff refuses a missing file" "$OPSKIT" diff "$good" "$WORK/missing.zip"
  check "it names the file and the rule" err_has "missing.zip: error: cannot read: No such file or directory [verify.unreadable]"
  python3 - "$WORK" <<'PY'
import sys, zipfile, json
w = sys.argv[1]
def make(name, entries):
    with zipfile.ZipFile(f"{w}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries:
            z.writestr(n, data)
manifest = json.dumps({"package": "ops", "version": "9", "files": []})
make("traversal.zip", [("manifest.json", manifest), ("../evil.txt", "x")])
make("no-manifest.zip", [("site/index.html", "<html></html>")])
make("bad-manifest.zip", [("manifest.json", '{"package": 1, "files": "all"}')])
make("not-json.zip", [("manifest.json", "{")])
make("bomb.zip", [("manifest.json", manifest), ("data/zeros.csv", b"\0" * (8 << 20))])
make("listed-missing.zip", [("manifest.json", json.dumps({"package": "ops", "version": "9", "files": [
    {"path": "site/runbooks/x/index.html", "size": 1, "sha256": "0" * 64}]}))])
PY
  expect_exit 2 "diff refuses an entry leaving the folder" "$OPSKIT" diff "$WORK/traversal.zip" "$good"
  check "it names the entry" err_has "'../evil.txt' would be written outside"
  expect_exit 2 "diff refuses a zip without a manifest" "$OPSKIT" diff "$good" "$WORK/no-manifest.zip"
  check "it says so" err_has "no manifest.json"
  expect_exit 2 "diff refuses a manifest of the wrong shape" "$OPSKIT" diff "$good" "$WORK/bad-manifest.zip"
  check "it says what is wrong" err_has "'package' must be a string"
  expect_exit 2 "diff refuses a manifest that is not JSON" "$OPSKIT" diff "$good" "$WORK/not-json.zip"
  expect_exit 2 "diff refuses a zip bomb" "$OPSKIT" diff "$good" "$WORK/bomb.zip"
  check "it says so" err_has "zip bomb"
  expect_exit 2 "diff refuses a page listed but absent" "$OPSKIT" diff "$good" "$WORK/listed-missing.zip"
  check "it says so" err_has "listed in the manifest"
  expect_exit 2 "diff without its arguments is a usage error" "$OPSKIT" diff "$good"
}

# ---- the installed opskit finds the archetypes in its installed theme ---------------------
installed() {
  local build; build=$(dirname "$OPSKIT")
  if cmake --install "$build" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1; then ok "cmake --install"
  else fail "cmake --install"; sed 's/^/    /' "$WORK/install.log" | tail -20; return; fi
  for kind in runbook sop playbook lab page; do
    check "the installed theme has archetypes/$kind.md" test -f "$WORK/prefix/share/opskit/site-theme/archetypes/$kind.md"
  done
  mv "$WORK/prefix" "$WORK/moved"
  expect_exit 0 "the moved install writes a project" "$WORK/moved/bin/opskit" new project "$WORK/kit"
  check "its runbook came from the installed archetype" has "$WORK/kit/content/runbooks/restart-a-service.md" "## Error handling and escalation"
  expect_exit 0 "the moved install builds it clean" "$WORK/moved/bin/opskit" build --strict -C "$WORK/kit" --out "$WORK/out"
}

case "$PART" in
  installed) installed ;;
  pages) pages ;;
  project) project ;;
  workshop) workshop ;;
  diff) diff_packages ;;
  hostile) hostile ;;
  *) echo "unknown part '$PART'"; exit 2 ;;
esac
echo "# scaffold $PART: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
