#!/usr/bin/env bash
# Runs the benchmark suite with a profile and turns the results into a report.
#
#   solver-bench/bench.sh [default|benchmarks|full|smoke] [OUT_DIR] [extra JMH options ...]
#
# Each profile is a list of groups; each group is one JMH run (its own benchmarks and -p sizes) or
# one plain measurement main. All JMH runs write OUT_DIR/<group>.json; the report reads them all.
#   default: Garnet and banded 10^4..10^6 sweeps (1..2 threads) with the plain-CSR and previous-gs
#            references and the triad, time to eps at 10^4 and 10^5
#            (gamma 0.99; 0.9 and 0.999 at 10^5), thread speed-up of vi/gs (the multithreaded methods), generators, every
#            reader at 10^5 states, the LP at 10^3; model and solver peak heap. About 10 minutes
#            on 2 cores.
#   benchmarks: the default groups plus the peers side by side (peers.sh: MDPSolver, PRISM) and the
#            locality probe at 10^6 states; by default its NOTES and APPENDIX are the hand-written
#            sections in solver-bench/report-notes/ (see its README). This regenerates BENCHMARKS.md:
#              MARKDOWN=BENCHMARKS.md MDPSOLVER_SRC=... PRISM=... solver-bench/bench.sh benchmarks docs/bench
#            About 25 minutes on 2 idle cores (the default groups ~10, peers ~10, locality ~3).
#   full:    the issue's grid: Garnet 10^4..10^7, gamma 0.9/0.99/0.999, threads 1,2,4,..,nproc,
#            2 forks, 16 GB heap (hours; a machine with >= 24 GB of RAM).
#   smoke:   the benchmarks groups at tiny sizes with one short iteration: checks the whole pipeline
#            (JMH runs, footprint mains, peers, locality, report) in about 5 minutes; its numbers mean
#            nothing. NOTES/APPENDIX default to report-notes/ as for benchmarks.
# Extra JMH options are appended to every JMH run (e.g. a smoke test: -f 1 -wi 0 -i 1 -w 100ms -r 100ms).
# Environment:
#   ONLY=REGEX      run only the groups whose name matches (groups: sweep convergence gammas threads
#                   generate load lp loadheap footprint solverheap locality peers); the report covers the
#                   JSON files present, and in an OUT_DIR of an earlier run its header keeps that run's
#                   start and load (so "run FROM to TO" spans both).
#   MARKDOWN=FILE   write the report there instead of OUT_DIR/report.md (images linked relative to it)
#   NOTES=FILE      append a hand-written section after the machine description
#   APPENDIX=FILE   append a hand-written section at the end of the report
#                   (benchmarks and smoke: default the concatenation of report-notes/notes/*.md and
#                   report-notes/appendix/*.md, in file-name order; NOTES= or APPENDIX= empty: none)
#   MDPSOLVER_SRC, PRISM   where the peers are (see peers.sh); a missing peer is reported, not fatal
#   JAVA_OPTS       passed to every java command (e.g. -Djmh.ignoreLock=true)
#   DRY_RUN=1       only print the machine description and the exact commands (OUT_DIR/machine.md)
# Build first: ./mvnw -B -q -DskipTests package
set -euo pipefail
profile=${1:-default}
out=${2:-bench-out}
shift $(( $# > 2 ? 2 : $# )) || true
extra=("$@")
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "bench.sh: $jar missing; run ./mvnw -B -q -DskipTests package" >&2; exit 2; }
mkdir -p "$out"
markdown=${MARKDOWN:-$out/report.md}
only=${ONLY:-.}
# shellcheck disable=SC2206
java_opts=(${JAVA_OPTS:-})
jarrel=solver-bench/target/benchmarks.jar

# Group tables: name | kind (jmh or main) | arguments (for jmh: regex and options; for main: class and args).
case "$profile" in
  default)
    heap=-Xmx3g
    groups=(
      "sweep|jmh|\\.(SweepBenchmark|SweepReferenceBenchmark|TriadBenchmark)\\. -p states=10000,100000,1000000 -p threads=1,2 -p model=garnet,banded"
      "convergence|jmh|\\.ConvergenceBenchmark\\. -p states=10000,100000 -p gamma=0.99 -p threads=1"
      "gammas|jmh|\\.ConvergenceBenchmark\\. -p states=100000 -p gamma=0.9,0.999 -p threads=1"
      "threads|jmh|\\.ConvergenceBenchmark\\. -p states=100000 -p gamma=0.99 -p method=vi,gs -p threads=2"
      "generate|jmh|\\.GenerateBenchmark\\. -p kind=grid,forest -p states=10000,100000,1000000"
      "load|jmh|\\.io\\.LoadBenchmark\\. -p states=100000 -jvmArgsAppend -Xmx3g"
      "lp|jmh|\\.LpBenchmark\\. -p lpStates=1000"
      "loadheap|main|org.sparsemdp.bench.io.LoadMinHeap 100000 4 8"
      "footprint|main|$heap org.sparsemdp.bench.ModelFootprint garnet:1000000 grid:1000000 forest:1000000 inventory:1000 substation:100000 forest:10000000"
      "solverheap|main|$heap -Xmn64m org.sparsemdp.bench.SolverFootprint 100000 0.99 vi gs sor topological pi mpi"
    )
    ;;
  benchmarks)
    heap=-Xmx3g
    groups=(
      "sweep|jmh|\\.(SweepBenchmark|SweepReferenceBenchmark|TriadBenchmark)\\. -p states=10000,100000,1000000 -p threads=1,2 -p model=garnet,banded"
      "convergence|jmh|\\.ConvergenceBenchmark\\. -p states=10000,100000 -p gamma=0.99 -p threads=1"
      "gammas|jmh|\\.ConvergenceBenchmark\\. -p states=100000 -p gamma=0.9,0.999 -p threads=1"
      "threads|jmh|\\.ConvergenceBenchmark\\. -p states=100000 -p gamma=0.99 -p method=vi,gs -p threads=2"
      "generate|jmh|\\.GenerateBenchmark\\. -p kind=grid,forest -p states=10000,100000,1000000"
      "load|jmh|\\.io\\.LoadBenchmark\\. -p states=100000 -jvmArgsAppend -Xmx3g"
      "lp|jmh|\\.LpBenchmark\\. -p lpStates=1000"
      "loadheap|main|org.sparsemdp.bench.io.LoadMinHeap 100000 4 8"
      "footprint|main|$heap org.sparsemdp.bench.ModelFootprint garnet:1000000 grid:1000000 forest:1000000 inventory:1000 substation:100000 forest:10000000"
      "solverheap|main|$heap -Xmn64m org.sparsemdp.bench.SolverFootprint 100000 0.99 vi gs sor topological pi mpi"
      "locality|main|$heap org.sparsemdp.bench.LocalityProbe garnet 1000000 4 8 5 ; $heap org.sparsemdp.bench.LocalityProbe banded-shuffled 1000000 4 8 5"
      "peers|peers|100000 3"
    )
    notes_default=1
    ;;
  smoke)
    # The benchmarks groups at tiny sizes, one short iteration each: checks the pipeline in ~2 minutes.
    heap=-Xmx1g
    quick="-f 1 -wi 0 -i 1 -w 1ms -r 1ms"
    groups=(
      "sweep|jmh|\\.(SweepBenchmark|SweepReferenceBenchmark|TriadBenchmark)\\. $quick -p states=1000,10000 -p threads=1,2 -p model=garnet,banded"
      "convergence|jmh|\\.ConvergenceBenchmark\\. $quick -p states=1000,10000 -p gamma=0.99 -p threads=1"
      "gammas|jmh|\\.ConvergenceBenchmark\\. $quick -p states=10000 -p gamma=0.9,0.999 -p threads=1"
      "threads|jmh|\\.ConvergenceBenchmark\\. $quick -p states=10000 -p gamma=0.99 -p method=vi,gs -p threads=2"
      "generate|jmh|\\.GenerateBenchmark\\. $quick -p kind=grid,forest -p states=1000,10000"
      "load|jmh|\\.io\\.LoadBenchmark\\. $quick -p states=10000 -jvmArgsAppend -Xmx1g"
      "lp|jmh|\\.LpBenchmark\\. $quick -p lpStates=200 -p method=vi,pi,pdlp"
      "loadheap|main|org.sparsemdp.bench.io.LoadMinHeap 10000 4 8 mdp,drn 2"
      "footprint|main|$heap org.sparsemdp.bench.ModelFootprint garnet:10000 grid:10000 forest:100000 inventory:100 substation:1000"
      "solverheap|main|$heap -Xmn16m org.sparsemdp.bench.SolverFootprint 10000 0.99 vi gs sor topological pi mpi"
      "locality|main|$heap org.sparsemdp.bench.LocalityProbe garnet 20000 4 8 1 ; $heap org.sparsemdp.bench.LocalityProbe banded-shuffled 20000 4 8 1"
      "peers|peers|2000 1"
    )
    notes_default=1
    ;;
  full)
    n=$(nproc)
    threads=1; t=2; while [ "$t" -lt "$n" ]; do threads="$threads,$t"; t=$((t * 2)); done
    [ "$n" -gt 1 ] && threads="$threads,$n"
    big="-f 2 -jvmArgsAppend -Xms16g~-Xmx16g"
    heap=-Xmx16g
    groups=(
      "sweep|jmh|\\.(SweepBenchmark|SweepReferenceBenchmark|TriadBenchmark)\\. $big -wi 3 -i 5 -p states=10000,100000,1000000,10000000 -p threads=$threads -p model=garnet,banded"
      "convergence|jmh|\\.ConvergenceBenchmark\\. $big -wi 2 -i 3 -p states=10000,100000,1000000,10000000 -p gamma=0.9,0.99,0.999 -p threads=1"
      "threads|jmh|\\.ConvergenceBenchmark\\. $big -wi 2 -i 3 -p states=1000000,10000000 -p gamma=0.99 -p method=vi,gs -p threads=$threads"
      "generate|jmh|\\.GenerateBenchmark\\. $big -p kind=grid,forest -p states=10000,100000,1000000,10000000"
      "load|jmh|\\.io\\.LoadBenchmark\\. $big -p states=1000000"
      "lp|jmh|\\.LpBenchmark\\. -p lpStates=1000,10000 -p method=vi,pi,pdlp"
      "loadheap|main|org.sparsemdp.bench.io.LoadMinHeap 1000000 4 8 mdp,mdp.gz,umb,umb.gz,cassandra,cassandra.gz,cassandra-by-action,tra,drn,drn.gz 16"
      "footprint|main|$heap org.sparsemdp.bench.ModelFootprint garnet:10000000 grid:10000000 forest:10000000 inventory:3000 substation:100000"
      "solverheap|main|$heap -Xmn64m org.sparsemdp.bench.SolverFootprint 1000000 0.99 vi gs sor topological pi mpi"
    )
    ;;
  *) echo "bench.sh: unknown profile '$profile' (default, benchmarks, full or smoke)" >&2; exit 2 ;;
esac

# The command as typed (before NOTES/APPENDIX take their defaults).
invocation="${ONLY:+ONLY='$ONLY' }${MARKDOWN:+MARKDOWN=$MARKDOWN }${NOTES:+NOTES=$NOTES }${APPENDIX:+APPENDIX=$APPENDIX }${MDPSOLVER_SRC:+MDPSOLVER_SRC=$MDPSOLVER_SRC }${PRISM:+PRISM=$PRISM }${JAVA_OPTS:+JAVA_OPTS='$JAVA_OPTS' }solver-bench/bench.sh $profile $out${extra[*]:+ ${extra[*]}}"
# Hand-written sections: every file of report-notes/notes/ (after the machine description) and of
# report-notes/appendix/ (at the end), in file-name order, unless NOTES / APPENDIX are set.
concat_notes() { # DIR OUT_FILE: prints OUT_FILE if DIR has .md files
  local f files=()
  for f in "$1"/*.md; do [ -f "$f" ] && files+=("$f"); done
  [ ${#files[@]} -gt 0 ] || return 0
  for f in "${files[@]}"; do cat "$f"; echo; done > "$2"
  echo "$2"
}
if [ -n "${notes_default:-}" ]; then
  [ -n "${NOTES+set}" ] || NOTES=$(concat_notes "$here/report-notes/notes" "$out/notes.md")
  [ -n "${APPENDIX+set}" ] || APPENDIX=$(concat_notes "$here/report-notes/appendix" "$out/appendix.md")
fi

# The words of a group's arguments; '~' stands for a space inside one word (e.g. -jvmArgsAppend).
words() { local -n _w=$2; read -r -a _w <<< "$1"; _w=("${_w[@]//\~/ }"); }
# Splits the words of a main group into JVM options (before the class name) and the class + its arguments.
split_main() {
  local i
  jvm=(); main=()
  for ((i = 0; i < ${#cmd[@]}; i++)); do
    if [[ ${cmd[i]} == org.* ]]; then main=("${cmd[@]:i}"); return; fi
    jvm+=("${cmd[i]}")
  done
}
# Calls FUNCTION once per command of a main group (commands separated by ' ; '), with jvm/main set.
for_each_main() {
  local part rest=$1
  while [ -n "$rest" ]; do
    part=${rest%% ; *}
    [ "$part" = "$rest" ] && rest="" || rest=${rest#* ; }
    words "$part" cmd
    split_main
    "$2"
  done
}
print_main() {
  echo "$(quoted java "${java_opts[@]}" "${jvm[@]}" -XX:+UseSerialGC -cp $jarrel "${main[@]}") $sep $out/$name.md"
  sep=">>"
}
run_main() { java "${java_opts[@]}" "${jvm[@]}" -XX:+UseSerialGC -cp "$jar" "${main[@]}" >> "$out/$name.md"; echo >> "$out/$name.md"; }
# A command line as the shell would need it typed.
quoted() {
  local w s=""
  for w in "$@"; do
    if [[ $w =~ ^[A-Za-z0-9_./=,:+@%-]+$ ]]; then s+="$w "; else s+="'${w//\'/\'\\\'\'}' "; fi
  done
  echo "${s% }"
}

# A run of some groups only (ONLY=...) into an OUT_DIR of a whole run keeps that run's start and
# load, so the report's "run FROM to TO" spans both.
if [ "$only" = "." ] || [ ! -f "$out/started" ] || [ ! -f "$out/loadavg" ]; then
  cut -d' ' -f1-3 /proc/loadavg > "$out/loadavg"
  date -u '+%Y-%m-%d %H:%M UTC' > "$out/started"
fi
{
  echo "## Machine and commands"
  echo
  echo "Run $(cat "$out/started"), profile \`$profile\`. Load average before the run: $(cat "$out/loadavg")."
  echo
  echo '```'
  echo "\$ nproc"; nproc
  echo "\$ lscpu | grep -v '^Flags' | head -n 24"; lscpu | grep -v '^Flags' | head -n 24
  echo "\$ free -g | head -n 2"; free -g | head -n 2
  echo "\$ java -version"; java -version 2>&1
  echo '```'
  echo
  echo "Commands (from the repository root, after \`./mvnw -B -q -DskipTests package\`):"
  echo
  echo '```'
  echo "$invocation"
  echo "# which runs:"
  for g in "${groups[@]}"; do
    IFS='|' read -r name kind args <<< "$g"
    [[ $name =~ $only ]] || continue
    words "$args" cmd
    if [ "$kind" = jmh ]; then
      quoted java "${java_opts[@]}" -jar $jarrel "${cmd[@]}" "${extra[@]}" -rf json -rff "$out/$name.json"
    elif [ "$kind" = peers ]; then
      echo "${MDPSOLVER_SRC:+MDPSOLVER_SRC=$MDPSOLVER_SRC }${PRISM:+PRISM=$PRISM }$(quoted solver-bench/peers.sh "$out" "${cmd[@]}")   # writes $out/peers.md"
    else
      sep=">"
      for_each_main "$args" print_main
    fi
  done
  echo "java -cp $jarrel org.sparsemdp.bench.report.BenchReport $out/GROUP.json ... -o $out --machine '...' --preamble $out/preamble.md${APPENDIX:+ --appendix $APPENDIX} --markdown $markdown"
  echo '```'
  echo
} > "$out/machine.md"

if [ -n "${DRY_RUN:-}" ]; then cat "$out/machine.md"; exit 0; fi

for g in "${groups[@]}"; do
  IFS='|' read -r name kind args <<< "$g"
  [[ $name =~ $only ]] || continue
  echo "== $name ($(date -u +%H:%M:%S))" >&2
  words "$args" cmd
  if [ "$kind" = jmh ]; then
    java "${java_opts[@]}" -jar "$jar" "${cmd[@]}" "${extra[@]}" -rf json -rff "$out/$name.json" | tee "$out/$name.log"
  elif [ "$kind" = peers ]; then
    "$here/peers.sh" "$out" "${cmd[@]}"
  else
    : > "$out/$name.md"
    for_each_main "$args" run_main
  fi
done

{
  cat "$out/machine.md"
  if [ -f "$out/footprint.md" ]; then
    echo "## Model footprint (ModelFootprint)"
    echo
    echo "Bytes per transition of each generated model: of its arrays (exact), and the retained heap"
    echo "measured around generation (used heap after full GCs, model alive, minus before). Peak heap /"
    echo "retained ≈ 1 means generation never held a second copy of the model. Generation time: the"
    echo "fastest of 3 wall-clock runs after a warm-up (not JMH)."
    echo
    cat "$out/footprint.md"
    echo
  fi
  if [ -f "$out/loadheap.md" ]; then
    echo "## Peak heap of each reader (LoadMinHeap)"
    echo
    cat "$out/loadheap.md"
    echo
  fi
  if [ -f "$out/solverheap.md" ]; then
    echo "## Peak heap of each solver (SolverFootprint)"
    echo
    cat "$out/solverheap.md"
    echo
  fi
  if [ -f "$out/locality.md" ]; then
    echo "## State reordering and locality (LocalityProbe)"
    echo
    echo "Time of one Jacobi (\`vi\`) and one Gauss–Seidel (\`gs\`) sweep in the model's own numbering and"
    echo "after BFS / reverse Cuthill–McKee renumbering, one thread, interleaved rounds, medians; \"order s\" and"
    echo "\"copy s\" are what \`--reorder\` costs before the first sweep (computing the order, building the"
    echo "renumbered copy); \"break-even\" is the number of \`vi\` sweeps after which it has paid for itself."
    echo
    cat "$out/locality.md"
    echo
  fi
  if [ -f "$out/peers.md" ]; then cat "$out/peers.md"; echo; fi
  if [ -n "${NOTES:-}" ]; then cat "$NOTES"; echo; fi
} > "$out/preamble.md"

json=()
for g in "${groups[@]}"; do # this profile's groups only (earlier runs' groups too, e.g. with ONLY)
  name=${g%%|*}
  [ -f "$out/$name.json" ] && json+=("$out/$name.json")
done
[ ${#json[@]} -gt 0 ] || { echo "bench.sh: no JMH results in $out" >&2; exit 1; }
machine="$(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(java -version 2>&1 | head -n 1 | tr -d '"'), run $(cat "$out/started") to $(date -u '+%Y-%m-%d %H:%M UTC'), load average before the run $(cut -d' ' -f1-3 < "$out/loadavg"), at its end $(cut -d' ' -f1-3 /proc/loadavg)"
java "${java_opts[@]}" -cp "$jar" org.sparsemdp.bench.report.BenchReport "${json[@]}" -o "$out" \
    --machine "$machine" --preamble "$out/preamble.md" ${APPENDIX:+--appendix "$APPENDIX"} --markdown "$markdown"
echo "report: $markdown"
