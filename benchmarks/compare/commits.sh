#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two commits' benchmarks back to back on this machine: builds each commit's benchmarks.jar in a
# temporary git worktree, then runs the same JMH selection alternately, old then new, for ROUNDS
# rounds of one fork each, so that load on a shared machine falls on both sides alike. Prints
# each round and, per benchmark and parameter set, the median score of each side and new ÷ old.
#   benchmarks/compare/commits.sh OLD NEW [JMH selection and options...]
#   ROUNDS=4 benchmarks/compare/commits.sh 3a65758 HEAD TrainStep -p backend=NATIVE -wi 3 -i 5
# The environment is passed as it is (OPENBLAS_CORETYPE included; the script prints it).
# KEEP_JARS=DIR keeps both benchmarks.jar files (old.jar, new.jar) for further runs.
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '3,9p' "$0"; exit 2; }
old="$1" new="$2"; shift 2
jmh=("$@"); [[ ${#jmh[@]} -gt 0 ]] || jmh=(TrainStep -p backend=NATIVE)
rounds="${ROUNDS:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d -t dense4j-compare.XXXXXX)"
trap 'git -C "$root" worktree remove --force "$work/old" 2>/dev/null || true;
      git -C "$root" worktree remove --force "$work/new" 2>/dev/null || true; rm -rf "$work"' EXIT

build() { # $1 side, $2 commit
  git -C "$root" worktree add --detach -q "$work/$1" "$2"
  echo "building $1 = $(git -C "$work/$1" log --oneline -1)"
  if grep -q bench.suite.skip "$work/$1/benchmarks/pom.xml"; then # benchmarks in the bench profile
    (cd "$work/$1" && ./mvnw -B -ntp -q -Pbench package -DskipTests -Dbench.suite.skip=true -pl benchmarks -am)
  else # older layout: a default module, and -Pbench would run the whole short suite
    (cd "$work/$1" && ./mvnw -B -ntp -q package -DskipTests -pl benchmarks -am)
  fi
  cp "$work/$1/benchmarks/target/benchmarks.jar" "$work/$1.jar"
}
build old "$old"
build new "$new"
if [[ -n "${KEEP_JARS:-}" ]]; then # keep both jars for later runs: KEEP_JARS=DIR
  mkdir -p "$KEEP_JARS" && cp "$work/old.jar" "$work/new.jar" "$KEEP_JARS/"
fi
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-(unset)} $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"

java="$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*-2[2-9]* 2>/dev/null | head -n 1)/bin/java"
[[ -x "$java" ]] || java="$(command -v java)"
for r in $(seq 1 "$rounds"); do
  for side in old new; do
    "$java" -jar "$work/$side.jar" "${jmh[@]}" -f 1 -rf csv -rff "$work/$side-$r.csv" >"$work/$side-$r.log" 2>&1 \
      || { tail -n 20 "$work/$side-$r.log"; exit 1; }
    tail -n +2 "$work/$side-$r.csv" | sed "s/^/$side,round $r,/"
  done
done

# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
echo
echo "median over $rounds rounds (new ÷ old < 1 is faster for time modes):"
for side in old new; do cat "$work/$side"-*.csv | grep -v '^"Benchmark"' | sed "s/^/$side,/"; done | awk -F, '
  { key=$2; for (i = 9; i <= NF; i++) key = key "," $i; v[$1, key, ++n[$1, key]] = $6; keys[key] = $8 }
  function median(side, key,   m, i, j, t, a) {
    m = n[side, key]; for (i = 1; i <= m; i++) a[i] = v[side, key, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
  END { for (k in keys) { o = median("old", k); w = median("new", k)
          printf "%s  old %.4g  new %.4g %s  new/old %.3f\n", k, o, w, keys[k], w / o } }'
