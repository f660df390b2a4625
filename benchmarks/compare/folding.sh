#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# FoldedNormalizationBenchmark's variants run alternately (dense, dense+bn, relu, relu+bn, then
# in reverse order, and so on) for ROUNDS rounds of one fork each, so that the load of a shared
# machine, and any trend in it, falls on every variant alike; prints per shape and batch the median of each variant and the ratios
# dense+bn ÷ dense (folded: should be 1) and relu+bn ÷ relu (one unfolded affine pass).
#   benchmarks/compare/folding.sh [OUT_PREFIX]     (after ./mvnw -Pbench package -DskipTests -pl benchmarks -am
#                                                   -Dbench.suite.skip=true, which builds benchmarks.jar)
# JMH options come from JMH_OPTS (default: -wi 2 -i 3 -r 1 -w 1). The environment is passed as it
# is (OPENBLAS_CORETYPE included; the script prints it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || { echo "folding.sh: build $jar first (see the header of this script)" >&2; exit 2; }
out="${1:-$(mktemp -d -t dense4j-folding.XXXXXX)/folding}"
rounds="${ROUNDS:-5}"
read -r -a opts <<<"${JMH_OPTS:--wi 2 -i 3 -r 1 -w 1}"
java="$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*-2[2-9]* 2>/dev/null | head -n 1)/bin/java"
[[ -x "$java" ]] || java="$(command -v java)"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-(unset)} $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out.env"
: >"$out.csv"
for r in $(seq 1 "$rounds"); do
  order=(dense dense+bn relu relu+bn)
  (( r % 2 == 0 )) && order=(relu+bn relu dense+bn dense)
  for v in "${order[@]}"; do
    log="$(mktemp)"
    "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" FoldedNormalizationBenchmark -p variant="$v" "${opts[@]}" -f 1 \
      -rf csv -rff "$log.csv" >"$log" 2>&1 || { tail -n 20 "$log"; exit 1; }
    # Benchmark,Mode,Threads,Samples,Score,Score Error,Unit,Param: batch,Param: variant,Param: widths
    tail -n +2 "$log.csv" | tr -d '"' | awk -F, -v r="$r" '{print r "," $10 "," $8 "," $9 "," $5}' | tee -a "$out.csv"
    rm -f "$log" "$log.csv"
  done
done
# round,widths,batch,variant,score → medians per (widths, batch, variant) and the two ratios
sort -t, -k2,2 -k3,3n -k4,4 -k5,5g "$out.csv" | awk -F, '
  { key = $2 "," $3 "," $4; v[key, ++n[key]] = $5 }
  END {
    for (k in n) { c = n[k]; m[k] = (c % 2) ? v[k, (c + 1) / 2] : (v[k, c / 2] + v[k, c / 2 + 1]) / 2 }
    print "| widths | batch | dense µs | dense+bn µs | dense+bn ÷ dense | relu µs | relu+bn µs | relu+bn ÷ relu |"
    print "|---|---|---|---|---|---|---|---|"
    for (k in m) { split(k, p, ","); if (p[3] == "dense") {
      s = p[1] "," p[2]
      printf "| %s | %s | %.2f | %.2f | %.3f | %.2f | %.2f | %.3f |\n", p[1], p[2], m[s ",dense"], m[s ",dense+bn"],
        m[s ",dense+bn"] / m[s ",dense"], m[s ",relu"], m[s ",relu+bn"], m[s ",relu+bn"] / m[s ",relu"] } }
  }' | tee "$out.md"
