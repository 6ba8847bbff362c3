# Shared by install.sh and deb.sh: the check that an installed opskit builds the kit from outside
# the source tree with the theme it was installed with (ok, fail, check, finish: tests/lib.sh).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# Sets WORK to an empty folder (the given one, or a new temporary folder removed at the end
# unless OPSKIT_KEEP=1). It must be outside the build folder: a binary inside it may use the
# source tree's theme, which is what the tests must rule out.  make_work_folder [DIR]
make_work_folder() {
  if [ -n "$1" ]; then WORK=$1; else WORK=$(mktemp -d); [ "${OPSKIT_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT; fi
  export NO_COLOR=1
  rm -rf "$WORK" && mkdir -p "$WORK"
}

# The site's index.html exists and links the theme's stylesheet, and that stylesheet is the
# theme's file, byte for byte.  site_uses_theme SITE_DIR THEME_DIR
site_uses_theme() {
  local site=$1 theme=$2
  test -f "$site/index.html" || { echo "    no $site/index.html"; return 1; }
  grep -q 'href="assets/css/site.css"' "$site/index.html" || { echo "    index.html does not link assets/css/site.css"; return 1; }
  cmp -s "$site/assets/css/site.css" "$theme/assets/css/site.css" || { echo "    $site/assets/css/site.css is not $theme's"; return 1; }
}

# An installed opskit, in PREFIX (bin/opskit, share/opskit/site-theme), run from WORK (outside
# the source tree), builds the kit in SRC, and a copy of the kit without a theme of its own
# (so opskit's installed theme is the one used; a marker is added to its CSS to tell it apart
# from the source tree's).  installed_builds_kit PREFIX SRC WORK
installed_builds_kit() {
  local prefix=$1 src=$2 work=$3 bin=$1/bin/opskit theme=$1/share/opskit/site-theme
  check "bin/opskit is installed and executable" test -x "$bin"
  check "the theme is installed under share/opskit/site-theme" test -f "$theme/templates/layout.mustache"
  check "the installed binary runs (--version)" bash -c "'$bin' --version | grep -q '^opskit [0-9]'"
  echo "/* installed-theme-marker $RANDOM */" >>"$theme/assets/css/site.css"
  mkdir -p "$work/cwd"
  pushd "$work/cwd" >/dev/null || { fail "cd $work/cwd"; return; }
  if "$bin" build -q -C "$src" --out "$work/kit-out" 2>"$work/kit.err"; then ok "builds the kit (-C the source tree, from $work/cwd)"
  else fail "builds the kit"; sed 's/^/    /' "$work/kit.err" | head -20; fi
  check "the kit's site has index.html using its theme's CSS" site_uses_theme "$work/kit-out/site" "$src/site-theme"
  check "the kit's bundles and packages are written" bash -c "ls '$work/kit-out/bundles/'*.zip '$work/kit-out/packages/'*.zip >/dev/null"

  mkdir -p "$work/kit-copy"
  cp -r "$src/opskit.yaml" "$src/content" "$src/workshops" "$work/kit-copy/"
  if "$bin" build -q -C "$work/kit-copy" --out "$work/copy-out" 2>"$work/copy.err"; then ok "builds a copy of the kit without a site-theme/"
  else fail "builds a copy of the kit without a site-theme/"; sed 's/^/    /' "$work/copy.err" | head -20; fi
  check "that site uses the installed theme's CSS (marker included)" site_uses_theme "$work/copy-out/site" "$theme"
  check "the installed theme's CSS carries the marker" grep -q installed-theme-marker "$work/copy-out/site/assets/css/site.css"

  # The binary alone, away from its share/ folder, finds no theme: it must say so, not fall
  # back to the source tree the machine happens to have.
  mkdir -p "$work/alone" && cp "$bin" "$work/alone/opskit"
  "$work/alone/opskit" build -q -C "$work/kit-copy" --out "$work/alone-out" 2>"$work/alone.err"
  local rc=$?
  if [ "$rc" != 0 ] && grep -q "theme" "$work/alone.err"; then ok "a binary without its share/ folder reports the missing theme (exit $rc)"
  else fail "a binary without its share/ folder: exit $rc, wanted an error naming the theme"; sed 's/^/    /' "$work/alone.err" | head -5; fi
  popd >/dev/null
}
