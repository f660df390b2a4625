#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds libdense4j for every platform a Linux x86-64 machine can build, and runs the C tests of
# each: natively, under qemu-aarch64 (linux-aarch64) and under wine (windows-x86_64), through
# CTest's cross-compiling emulator (native/CMakePresets.json, cmake/toolchains/).
#
#   native/cross-build.sh [--install] [TARGET...]
#
# TARGET: linux-x86_64, linux-x86_64-asan (C tests under ASan + UBSan), linux-aarch64,
#         windows-x86_64; default: all four.
# --install: install the missing Debian packages with apt-get first (needs root; .ci/run uses it).
#
# The libraries land in native/build/natives/<platform>/; the next `./mvnw verify` packs every
# platform found there into dense4j-core's jar beside the host's own natives (`./mvnw clean`
# removes them). macOS is not buildable here: see .github/workflows/ci.yml.
set -euo pipefail

native="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$native/build"
all_targets=(linux-x86_64 linux-x86_64-asan linux-aarch64 windows-x86_64)

# Debian packages and the commands they provide, per target (the host compiler and CMake are
# prerequisites of the whole project, as for `./mvnw verify`).
packages_for() {
  case "$1" in
    linux-x86_64 | linux-x86_64-asan) ;;
    linux-aarch64) echo gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user ;;
    windows-x86_64) echo gcc-mingw-w64-x86-64 wine wine64 ;;
  esac
}
commands_for() {
  case "$1" in
    linux-x86_64 | linux-x86_64-asan) echo x86_64-linux-gnu-gcc ;;
    linux-aarch64) echo aarch64-linux-gnu-gcc qemu-aarch64 ;;
    windows-x86_64) echo x86_64-w64-mingw32-gcc wine ;;
  esac
}

die() {
  echo "cross-build: $*" >&2
  exit 1
}

install=false
targets=()
for arg in "$@"; do
  case "$arg" in
    --install) install=true ;;
    -h | --help) sed -n '3,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    linux-x86_64 | linux-x86_64-asan | linux-aarch64 | windows-x86_64) targets+=("$arg") ;;
    *) die "unknown target '$arg'; expected one of: ${all_targets[*]} (or --install)" ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] ||
  die "runs on a Linux x86-64 host; this is $(uname -s)-$(uname -m) (use the CMake presets directly)"

mkdir -p "$build"
cd "$native" # the presets are read from the current folder

# ---- toolchains ------------------------------------------------------------------------------
install_missing_packages() {
  local wanted=() missing=() p
  for t in "${targets[@]}"; do
    read -r -a wanted <<<"$(packages_for "$t")"
    for p in "${wanted[@]}"; do
      if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
        missing+=("$p")
      fi
    done
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  [[ $EUID -eq 0 ]] || die "missing packages ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}"
  echo "cross-build: apt-get install ${missing[*]}"
  local start=$SECONDS log="$build/apt-get.log"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "apt-get failed; full log in $log"
  fi
  echo "cross-build: installed in $((SECONDS - start)) s"
}

check_commands() {
  local t c
  for t in "${targets[@]}"; do
    for c in $(commands_for "$t"); do
      command -v "$c" >/dev/null ||
        die "$t needs '$c' (Debian: apt-get install $(packages_for "$t")); or pass --install"
    done
  done
}

if $install; then install_missing_packages; fi
check_commands

# ---- wine ------------------------------------------------------------------------------------
# The same environment as the windows-x86_64 preset; the prefix is created once, without dialogs.
export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
prepare_wine() {
  if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
    local start=$SECONDS
    wineboot --init >"$build/wineboot.log" 2>&1 || { cat "$build/wineboot.log" >&2; die "wineboot failed"; }
    wineserver --wait
    echo "cross-build: wine prefix $WINEPREFIX created in $((SECONDS - start)) s"
  fi
}

# ---- build and test --------------------------------------------------------------------------
summary=()
failed=0
for t in "${targets[@]}"; do
  [[ "$t" != windows-x86_64 ]] || prepare_wine
  echo "== $t"
  log="$build/$t.log"
  start=$SECONDS
  if ! { cmake --preset "$t" --log-level=WARNING &&
         cmake --build --preset "$t" --parallel "$(nproc)"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    summary+=("$(printf '%-18s build FAILED (log: %s)' "$t" "$log")")
    failed=1
    continue
  fi
  built=$((SECONDS - start))
  start=$SECONDS
  set +e
  ctest --preset "$t" 2>&1 | tee "$build/$t.ctest.log"
  rc=${PIPESTATUS[0]}
  set -e
  [[ "$t" != windows-x86_64 ]] || wineserver --wait
  tested=$((SECONDS - start))
  result="$(grep -E 'tests passed, [0-9]+ tests failed out of' "$build/$t.ctest.log" | tail -n 1)"
  [[ $rc -eq 0 ]] || failed=1
  summary+=("$(printf '%-18s build %4d s   tests %4d s   %s' "$t" "$built" "$tested" "${result:-ctest exit $rc}")")
done

echo "== cross-build summary"
printf '%s\n' "${summary[@]}"
if [[ -d "$build/natives" ]]; then
  (cd "$build/natives" && find . -type f | sort | sed 's|^\./|   natives/|')
fi
exit "$failed"
