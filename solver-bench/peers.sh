#!/usr/bin/env bash
# Runs the peers side by side with sparsemdp, interleaved on the same files, and writes a Markdown
# section with medians and time ratios (peer / sparsemdp).
#
#   solver-bench/peers.sh OUT_DIR [STATES [ROUNDS]]        (defaults: 100000 states, 3 rounds)
#
# Models (written once into OUT_DIR/peers/): a Garnet model, STATES x 4 actions x 8 successors,
# gamma 0.99, seed 1, as .mdp (read by both sparsemdp and the MDPSolver harness), and the same with
# the discount embedded as a stop state (.drn, discount 1, R max [F "stop"] = the discounted values),
# exported for PRISM by org.sparsemdp.bench.PrismExport (.tra/.lab/.trew).
# Runs, each round in this order:
#   sparsemdp  solve g.mdp -m vi|mpi|pi --json                 seconds: the JSON "seconds" (solve only)
#   MDPSolver  bench_main g.mdp 1e-6 vi|mpi|pi 1 discounted 0.99  its own solve duration (no file reading)
#   sparsemdp  solve gstop.drn --until stop --objective max --relative --json   (certified, relative 1e-6)
#   PRISM      -ex -ii -gs -relative -epsilon 1e-6 -pf 'Rmax=? [ F "stop" ]'  "Time for model checking"
# Peers are optional: a peer that is not available here is reported as such and skipped.
# Environment:
#   MDPSOLVER_SRC  MDPSolver's CPP_Source_Code directory, or a git directory / checkout of
#                  github.com/areenberg/MDPSolver (its CPP_Source_Code is extracted); the harness
#                  solver-bench/external/mdpsolver/bench_main.cpp is compiled into OUT_DIR/peers/.
#   PRISM          the prism launcher (default: prism on the PATH)
#   JAVA_OPTS      passed to the sparsemdp java commands
# Build first: ./mvnw -B -q -DskipTests package
set -euo pipefail
out=${1:?usage: peers.sh OUT_DIR [STATES [ROUNDS]]}
states=${2:-100000}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cli="$root/solver-cli/target/sparsemdp.jar"
bench="$here/target/benchmarks.jar"
for f in "$cli" "$bench"; do
  [ -f "$f" ] || { echo "peers.sh: $f missing; run ./mvnw -B -q -DskipTests package" >&2; exit 2; }
done
mkdir -p "$out/peers"
dir=$(cd "$out/peers" && pwd) # absolute: the MDPSolver harness is compiled from its source folder
# shellcheck disable=SC2206
java_opts=(${JAVA_OPTS:-})
heap=-Xmx3g
log="$dir/runs.tsv"
: > "$log"

# --- models
g="$dir/garnet.mdp"
stop="$dir/garnet-stop.drn"
if [ ! -f "$g" ]; then
  java "${java_opts[@]}" -jar "$cli" generate garnet -n "$states" --seed 1 --discount 0.99 -o "$g" >&2
  java "${java_opts[@]}" -jar "$cli" generate garnet -n "$states" --seed 1 --discount 0.99 --embed-discount \
      --drop objective -o "$stop" >&2
  java "${java_opts[@]}" -cp "$bench" org.sparsemdp.bench.PrismExport "$stop" "$dir/garnet-stop"
fi

# --- MDPSolver harness
mdpsolver=""
mdpsolver_note="not run: MDPSOLVER_SRC not set"
if [ -n "${MDPSOLVER_SRC:-}" ]; then
  src="$MDPSOLVER_SRC"
  if [ ! -f "$src/ModifiedPolicyIteration.cpp" ]; then # a repository: extract its C++ sources
    gitdir=$src; [ -d "$src/.git" ] && gitdir="$src/.git"
    rm -rf "$dir/mdpsolver-src"; mkdir -p "$dir/mdpsolver-src"
    git --git-dir="$gitdir" archive HEAD CPP_Source_Code | tar -x -C "$dir/mdpsolver-src"
    src="$dir/mdpsolver-src/CPP_Source_Code"
    mdpsolver_commit=$(git --git-dir="$gitdir" rev-parse --short HEAD)
  fi
  if [ ! -x "$dir/bench_main" ]; then
    (cd "$src" && g++ -O3 -march=native -std=c++17 -I. -Ipybind11/include $(python3-config --includes) \
        "$here/external/mdpsolver/bench_main.cpp" GeneralMDPmodel.cpp ModelType.cpp ModifiedPolicyIteration.cpp \
        Policy.cpp Rewards.cpp TransitionMatrix.cpp ValueVector.cpp -o "$dir/bench_main" \
        $(python3-config --embed --ldflags)) >&2 || echo "peers.sh: MDPSolver harness did not build" >&2
  fi
  if [ -x "$dir/bench_main" ]; then
    mdpsolver="$dir/bench_main"
    mdpsolver_note="github.com/areenberg/MDPSolver${mdpsolver_commit:+ at $mdpsolver_commit}, harness \`solver-bench/external/mdpsolver/bench_main.cpp\` built with g++ -O3 -march=native, single-threaded"
  else
    mdpsolver_note="not run: the harness did not build from $MDPSOLVER_SRC"
  fi
fi
export LD_LIBRARY_PATH="$(python3-config --prefix 2>/dev/null || echo /usr)/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# --- PRISM
prism=${PRISM:-$(command -v prism || true)}
prism_note="not run: no prism launcher (set PRISM)"
if [ -n "$prism" ] && [ -x "$prism" ]; then
  prism_note="$("$prism" -version 2>/dev/null | head -n 1 || echo PRISM), explicit engine"
else
  prism=""
fi

# record KEY ITERATIONS SECONDS STATUS
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$log"; }
ours() { # KEY ARGS...
  local key=$1; shift
  local json
  json=$(java "${java_opts[@]}" $heap -jar "$cli" solve "$@" --json --show 1 2>/dev/null || true)
  python3 - "$key" "$json" >> "$log" <<'PY'
import json, sys
key, text = sys.argv[1], sys.argv[2]
try:
    j = json.loads(text[text.index('{'):text.rindex('}') + 1])
    print(f"{key}\t{j['iterations']}\t{j['seconds']}\t{j['status']}")
except ValueError:
    print(f"{key}\t-\tnan\tfailed")
PY
}
theirs_mdpsolver() { # ALG
  local line
  line=$("$mdpsolver" "$g" 1e-6 "$1" 1 discounted 0.99 2>/dev/null | grep '^MDPSolver' | tail -n 1 || true)
  if [[ $line =~ :\ ([0-9]+)\ iterations,\ converged\ ([0-9]+),\ own\ duration\ ([0-9.e+-]+)\ ms ]]; then
    # (its 'converged' flag is set only in verbose mode: not a status)
    record "MDPSolver $1" "${BASH_REMATCH[1]}" "$(python3 -c "print(${BASH_REMATCH[3]} / 1000)")" done
  else
    record "MDPSolver $1" - nan failed
  fi
}
theirs_prism() {
  local text secs iters
  text=$("$prism" -javamaxmem 3g -importtrans "$dir/garnet-stop.tra" -importlabels "$dir/garnet-stop.lab" \
      -importtransrewards "$dir/garnet-stop.trew" -mdp -ex -ii -gs -relative -epsilon 1e-6 -maxiters 1000000 \
      -pf 'Rmax=? [ F "stop" ]' 2>&1 || true)
  secs=$(sed -n 's/^Time for model checking: \([0-9.]*\) seconds.*/\1/p' <<< "$text" | tail -n 1)
  iters=$(grep -o '[0-9]* iterations' <<< "$text" | tail -n 1 | cut -d' ' -f1)
  record "PRISM -ex -ii -gs" "${iters:--}" "${secs:-nan}" "$([ -n "$secs" ] && echo done || echo failed)"
}

for ((r = 1; r <= rounds; r++)); do
  echo "== peers round $r ($(date -u +%H:%M:%S))" >&2
  for m in vi mpi pi; do
    ours "sparsemdp $m" "$g" -m "$m"
    [ -n "$mdpsolver" ] && theirs_mdpsolver "$m"
  done
  ours "sparsemdp until stop" "$stop" --until stop --objective max --relative
  [ -n "$prism" ] && theirs_prism
done

python3 - "$log" "$states" "$rounds" "$mdpsolver_note" "$prism_note" > "$out/peers.md" <<'PY'
import sys, statistics, collections
log, states, rounds, mdpsolver_note, prism_note = sys.argv[1:]
runs = collections.OrderedDict()
for line in open(log):
    key, iters, secs, status = line.rstrip('\n').split('\t')
    runs.setdefault(key, []).append((iters, float(secs), status))
def median(key):
    xs = [s for _, s, _ in runs.get(key, []) if s == s]
    return statistics.median(xs) if xs else None
print("## Peers side by side (peers.sh)\n")
print(f"Garnet {int(states):,} states × 4 actions × 8 successors, γ = 0.99, seed 1, ε = 1e-6, one thread; "
      f"{rounds} rounds, each running every line below in turn (interleaved); medians. Seconds are each "
      "tool's own solve time, without reading the file (sparsemdp: JSON `seconds`; MDPSolver: its "
      "`duration`; PRISM: \"Time for model checking\"). MDPSolver stops on its own span criterion at "
      "tolerance 1e-6 (not a certified bound); PRISM solves R max [F \"stop\"] on the same model with "
      "the discount embedded as a stop state (interval iteration, relative 1e-6, certified), against "
      "sparsemdp's `--until stop --relative` on that file.\n")
print(f"- MDPSolver: {mdpsolver_note}.")
print(f"- PRISM: {prism_note}.\n")
print("| method | sparsemdp: iterations, median s | peer | peer: iterations, median s | ratio peer / sparsemdp |")
print("| --- | --- | --- | --- | ---: |")
pairs = [("vi", "sparsemdp vi", "MDPSolver vi"), ("mpi", "sparsemdp mpi", "MDPSolver mpi"),
         ("pi", "sparsemdp pi", "MDPSolver pi"), ("R max [F stop]", "sparsemdp until stop", "PRISM -ex -ii -gs")]
def cell(key):
    if key not in runs:
        return "not run"
    m = median(key)
    iters = sorted({i for i, _, _ in runs[key]})
    statuses = sorted({st for _, _, st in runs[key]})
    return f"{'/'.join(iters)}, {m:.3g}" + ("" if statuses in (["CONVERGED"], ["converged"], ["done"]) else f" ({', '.join(statuses)})") if m is not None else "failed"
for label, ours, peer in pairs:
    a, b = median(ours), median(peer)
    ratio = f"{b / a:.2f}" if a and b else "–"
    print(f"| {label} | {cell(ours)} | {peer.split()[0]} | {cell(peer)} | {ratio} |")
print()
PY
echo "peers: $out/peers.md" >&2
