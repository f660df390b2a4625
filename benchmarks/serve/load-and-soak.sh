#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load and soak of `dense4j serve`, on loopback only: starts the server with Native Memory
# Tracking, runs `dense4j loadtest` at 1, 2, 8 and 64 concurrent clients, then a soak of
# SOAK requests (default 10^6, batch 1) while sampling the server's RSS and threads from
# /metrics, and prints the NMT difference between the start and the end of the soak.
#   benchmarks/serve/load-and-soak.sh [MODEL]     (default: the Keras 3 MNIST MLP of the shared models)
#   PORT=18080 REQUESTS=20000 SOAK=1000000 benchmarks/serve/load-and-soak.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${1:-$root/../shared/keras-models/Pankaj116-andc__NN/mnist_mlp.keras}"
port="${PORT:-18080}"
requests="${REQUESTS:-20000}"
soak="${SOAK:-1000000}"
url="http://127.0.0.1:$port"
log="$(mktemp -t dense4j-serve.XXXXXX.log)"

cd "$root"
./dense4j help >/dev/null # builds on first use
jcmd="$(sed -n 's/^ *java.home = //p' java/cli/target/java-home.txt | head -n 1)/bin/jcmd"

JAVA_TOOL_OPTIONS="-XX:NativeMemoryTracking=summary" ./dense4j serve "$model" --port "$port" >"$log" 2>&1 &
pid=$! # the launcher execs java, so this is the server's JVM
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "listening on" "$log" && break
  sleep 0.5
done
grep "dense4j serve:" "$log"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"

./dense4j loadtest "$url" --clients 1,2,8,64 --requests "$requests" --warmup 5000

"$jcmd" "$pid" VM.native_memory baseline >/dev/null
./dense4j loadtest "$url" --soak "$soak" --clients 8 --samples 20 --warmup 0
echo "NMT, end of soak against its start (committed KB; only categories that changed):"
"$jcmd" "$pid" VM.native_memory summary.diff | grep -E "^Total|^-|committed=[0-9]+KB [+-]" | grep -E "^Total|[+-][0-9]+KB" || true

kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
tail -n 2 "$log"
