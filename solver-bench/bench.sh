#!/usr/bin/env bash
# Runs the JMH suite with a profile and turns the results into a report.
#
#   solver-bench/bench.sh [default|full] [OUT_DIR] [JMH benchmark regex ...]
#
# default: the @Param defaults of every benchmark (about 10 minutes on 2 cores);
# full:    the large sizes, all discounts, 1..nproc threads, 2 forks (hours; needs a big heap).
# Writes OUT_DIR/results.json (JMH), OUT_DIR/machine.md, OUT_DIR/footprint.md, OUT_DIR/report.md and
# the PNG charts. Build first: ./mvnw -B -q -DskipTests package
# Environment: MARKDOWN=FILE writes the report there instead of OUT_DIR/report.md (images are linked
# relative to it); NOTES=FILE appends a hand-written section to the preamble; FOOTPRINT="kind:states ..." replaces the footprint instances; JAVA_OPTS are passed to the JMH launcher (e.g. -Djmh.ignoreLock=true).
set -euo pipefail
profile=${1:-default}
out=${2:-bench-out}
shift $(( $# > 2 ? 2 : $# )) || true
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "bench.sh: $jar missing; run ./mvnw -B -q -DskipTests package" >&2; exit 2; }
mkdir -p "$out"
markdown=${MARKDOWN:-$out/report.md}
java_opts=${JAVA_OPTS:-}

case "$profile" in
  default)
    jmh_args=()
    heap=-Xmx3g
    footprint=(grid:1000000 forest:1000000 inventory:1000 substation:100000 forest:10000000)
    ;;
  full)
    n=$(nproc)
    threads=1; t=2; while [ "$t" -lt "$n" ]; do threads="$threads,$t"; t=$((t * 2)); done
    [ "$n" -gt 1 ] && threads="$threads,$n"
    jmh_args=(-f 2 -wi 3 -i 5
              -p states=10000,100000,1000000,10000000
              -p gamma=0.9,0.99,0.999
              -p threads="$threads"
              -p kind=grid,forest
              -jvmArgsAppend "-Xms16g -Xmx16g")
    heap=-Xmx16g
    footprint=(grid:10000000 forest:10000000 inventory:3000 substation:100000)
    ;;
  *) echo "bench.sh: unknown profile '$profile' (default or full)" >&2; exit 2 ;;
esac
if [ -n "${FOOTPRINT:-}" ]; then read -r -a footprint <<< "$FOOTPRINT"; fi

{
  echo "## Machine and commands"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), profile \`$profile\`. Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
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
  echo "${MARKDOWN:+MARKDOWN=$MARKDOWN }${NOTES:+NOTES=$NOTES }${FOOTPRINT:+FOOTPRINT='$FOOTPRINT' }${JAVA_OPTS:+JAVA_OPTS='$JAVA_OPTS' }solver-bench/bench.sh $profile $out $*"
  echo "# which runs:"
  echo "java $java_opts -jar solver-bench/target/benchmarks.jar ${jmh_args[*]} $* -rf json -rff $out/results.json"
  echo "java $heap -XX:+UseSerialGC -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.ModelFootprint ${footprint[*]}"
  echo "java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.report.BenchReport $out/results.json -o $out --preamble $out/preamble.md --markdown $markdown"
  echo '```'
  echo
} > "$out/machine.md"

# shellcheck disable=SC2086
java $java_opts -jar "$jar" "${jmh_args[@]}" "$@" -rf json -rff "$out/results.json" | tee "$out/jmh.log"

{
  echo "## Model footprint (ModelFootprint)"
  echo
  echo "Bytes per transition of each generated model: of its arrays (exact), and the retained heap"
  echo "measured around generation (used heap after full GCs, model alive, minus before). Peak heap /"
  echo "retained ≈ 1 means generation never held a second copy of the model. Generation time: the"
  echo "fastest of 3 wall-clock runs after a warm-up (not JMH)."
  echo
  java "$heap" -XX:+UseSerialGC -cp "$jar" org.sparsemdp.bench.ModelFootprint "${footprint[@]}"
  echo
} > "$out/footprint.md"

cat "$out/machine.md" "$out/footprint.md" ${NOTES:+"$NOTES"} > "$out/preamble.md"
java -cp "$jar" org.sparsemdp.bench.report.BenchReport "$out/results.json" -o "$out" --preamble "$out/preamble.md" \
    --markdown "$markdown"
echo "report: $markdown"
