#!/usr/bin/env bash
# libcurl is opened when `check --external` first needs it (compiler/check/curl_library), not
# linked: the binary does not name it, the external check still fetches over real HTTP (a server on
# 127.0.0.1), and a libcurl that cannot be opened is one clear error, not a crash or broken links.
#   curl-on-demand.sh OPSKIT WORK_DIR
set -uo pipefail
OPSKIT="$1"; WORK="$2"
rm -rf "$WORK"; mkdir -p "$WORK"
source "$(dirname "$0")/../lib.sh"  # ok, fail, check, expect_exit, finish

needed=$(readelf -d "$OPSKIT" | grep NEEDED)
echo "$needed"
check "the binary does not name libcurl among the libraries it needs" bash -c "! grep -q libcurl <<<'$needed'"

# A server on 127.0.0.1 with one page; the kit links to it and to a page it does not have. (-u: the
# port is read from its first line, which a buffered stdout would hold back.)
mkdir -p "$WORK/www" "$WORK/kit/content"
echo "<p>here</p>" > "$WORK/www/here.html"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/www" > "$WORK/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$WORK/server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { fail "the HTTP server started"; cat "$WORK/server.log"; exit 1; }
cat > "$WORK/kit/opskit.yaml" <<YAML
site:
  title: External links
version: 0.0.1
YAML
cat > "$WORK/kit/content/index.md" <<MD
---
title: Home
---

A [page that is there](http://127.0.0.1:$port/here.html) and
a [page that is not](http://127.0.0.1:$port/gone.html).
MD

# The report (diagnostics and summary) goes to standard error: $WORK/last.err.
expect_exit 0 "with libcurl: check --external passes (a failed external link is a warning)" \
  "$OPSKIT" check --external --format text -C "$WORK/kit"
cat "$WORK/last.err"
check "with libcurl: the missing page is reported at its line" grep -q \
  "^content/index.md:6:[0-9]*: warning: external link 'http://127.0.0.1:$port/gone.html' failed: HTTP 404 \\[link.external\\]" "$WORK/last.err"
check "with libcurl: the page that is there is not reported" bash -c "! grep -q 'here.html' '$WORK/last.err'"
check "with libcurl: both were fetched" grep -q "external links: 2 fetched" "$WORK/last.err"

rm -rf "$WORK/kit/.opskit-cache"  # else the answers above are reused and nothing needs libcurl
expect_exit 1 "without libcurl: check --external fails" \
  env OPSKIT_LIBCURL="$WORK/no-such-libcurl.so.4" "$OPSKIT" check --external --format text -C "$WORK/kit"
cat "$WORK/last.err"
check "without libcurl: one error says why and what to install" grep -qF \
  "error: 2 external link(s) not checked: libcurl could not be loaded ($WORK/no-such-libcurl.so.4: cannot open shared object file: No such file or directory); install Debian's libcurl4, or name the library in OPSKIT_LIBCURL [external.unavailable]" "$WORK/last.err"
check "without libcurl: no link is reported broken" bash -c "! grep -q 'link.external' '$WORK/last.err'"

finish
