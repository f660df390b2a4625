#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Shows the OutOfMemoryError policy of `dense4j serve`: a server misconfigured to accept what its
# heap cannot hold (48 MiB of heap, 64 MiB bodies, 2^20 samples per request) gets one body of
# about 40 MB of samples on 127.0.0.1; it must exit with status 3 within 60 s rather than linger.
#   benchmarks/reliability/oom-exit.sh [MODEL]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="$root/../shared"
[[ -d "$shared" ]] || shared="$root/../../shared" # from a git worktree
model="${1:-$shared/keras-models/Pankaj116-andc__NN/mnist_mlp.keras}"
port="${PORT:-18082}"
log="$(mktemp -t dense4j-oom.XXXXXX.log)"
body="$(mktemp -t dense4j-oom-body.XXXXXX.json)"
trap 'rm -f "$body"' EXIT

cd "$root"
./dense4j help >/dev/null # builds on first use
JAVA_TOOL_OPTIONS="-Xmx48m" ./dense4j serve "$model" --port "$port" --max-body-bytes 67108864 \
  --max-batch 1048576 >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  grep -q "listening on" "$log" && break
  sleep 0.5
done
width="$(sed -n 's/.* \[\([0-9]*\)\] -> .*/\1/p' "$log" | head -n 1)"
python3 -c "
import sys
row = '[' + ','.join(['0.5'] * $width) + ']'
sys.stdout.write('{\"inputs\": [' + ','.join([row] * 12000) + ']}')" >"$body"
echo "body: $(stat -c %s "$body") bytes, $((12000 * width)) values ($((12000 * width * 4 / 1048576)) MiB as floats), heap 48 MiB"
code="$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H 'Expect:' -X POST "http://127.0.0.1:$port/v1/predict" \
  --data-binary "@$body" || true)"
echo "client: HTTP $code (000: the connection closed without an answer)"
status=0
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  echo "server: STILL RUNNING after an OutOfMemoryError"; kill -KILL "$pid"; exit 1
fi
wait "$pid" || status=$?
grep "OutOfMemoryError" "$log" | head -n 2
echo "server: exited with status $status"
[[ "$status" == 3 ]]
