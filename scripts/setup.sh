#!/usr/bin/env bash
# The README's first command: installs what is missing (Debian packages, with apt-get), builds
# opskit, installs the browser-test driver, and compiles the shipped kit into build/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config git ca-certificates
          libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev libzip-dev zlib1g-dev libssl-dev
          libpugixml-dev libcli11-dev catch2 libmimalloc-dev libyaml-cpp-dev nlohmann-json3-dev libcurl4-openssl-dev libcpp-httplib-dev
          unzip zip python3 python3-yaml chromium nodejs npm
          poppler-utils   # pdftotext: the browser tests read the printed views' PDF text
          dpkg-dev file)   # cpack -G DEB: dpkg-shlibdeps works out the .deb's Depends:
packages+=(clang libclang-rt-14-dev)   # the libFuzzer targets (tests/fuzz/): clang and its fuzzer runtime
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A machine that already has Node.js and npm (not from Debian) keeps them.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${OPSKIT_CMAKE_FLAGS:-}
cmake --build build -j"$(nproc)"

# The libFuzzer targets (tests/fuzz/), built with clang, ASan and UBSan in build/fuzz; the test
# command runs each for a few seconds.
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPSKIT_FUZZ=ON
cmake --build build/fuzz -j"$(nproc)"

# The browser tests drive Debian's Chromium with playwright-core (no browser download).
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
[ -d tests/directive-oracle/node_modules ] && [ ! tests/directive-oracle/package-lock.json -nt tests/directive-oracle/node_modules ] || (cd tests/directive-oracle && npm ci --no-audit --no-fund --loglevel=error)

./build/opskit build
echo "setup: done. The site is in build/out/site/index.html"
