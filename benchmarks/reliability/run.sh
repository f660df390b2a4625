#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The reliability suite of `dense4j serve` (issue 17): starts the server on 127.0.0.1 with a 256 MiB
# heap, reload enabled and a health port, replays the attacks of benchmarks/reliability/Attacks.java
# against it (each bounded in connections and time) while probing the health port as a supervisor
# would, prints the table, then checks that the server never logged an OutOfMemoryError and is
# still alive. Not part of `./mvnw verify`.
#   benchmarks/reliability/run.sh [MODEL]     (default: the Keras 3 MNIST MLP of the shared models)
#   PORT=18081 HEALTH_PORT=18082 HEAP=256m benchmarks/reliability/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="$root/../shared"
[[ -d "$shared" ]] || shared="$root/../../shared" # from a git worktree
model="${1:-$shared/keras-models/Pankaj116-andc__NN/mnist_mlp.keras}"
port="${PORT:-18081}"
health_port="${HEALTH_PORT:-$((port + 1))}"
heap="${HEAP:-256m}"
log="$(mktemp -t dense4j-reliability.XXXXXX.log)"

cd "$root"
./dense4j help >/dev/null # builds on first use
java="$(sed -n 's/^ *java.home = //p' java/cli/target/java-home.txt | head -n 1)/bin/java"

JAVA_TOOL_OPTIONS="-Xmx$heap" ./dense4j serve "$model" --port "$port" --health-port "$health_port" \
  --enable-reload >"$log" 2>&1 &
pid=$! # the launcher execs java, so this is the server's JVM
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "health on" "$log" && break
  sleep 0.5
done
grep "dense4j serve:" "$log"
width="$(sed -n 's/.* \[\([0-9]*\)\] -> .*/\1/p' "$log" | head -n 1)"
echo "heap -Xmx$heap; machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

ulimit -n 20000 2>/dev/null || true
"$java" -Xss256k "$here/Attacks.java" "$port" "$health_port" "$pid" "$width"
echo "load average after the attacks: $(cut -d' ' -f1-3 /proc/loadavg)"

if kill -0 "$pid" 2>/dev/null; then echo "server: alive after every attack"; else echo "server: DIED"; fi
echo "OutOfMemoryError lines in the server log: $(grep -c OutOfMemoryError "$log" || true)"
kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
tail -n 1 "$log"
