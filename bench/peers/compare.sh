#!/usr/bin/env bash
# Runs each workload on Trial's bench and on its peer, one right after the other on the same machine, and
# prints Trial's rate divided by the peer's. Quote these ratios, never one absolute time: machines are noisy.
#
# Usage: bench/peers/compare.sh [workload...]
#   workloads: clock clock-faketime async-timers iosim-bulk iosim-lines tcp-stream tcp-pingpong runner
# Twisted comes from Debian's python3-twisted (apt-get install -y python3-twisted) on the system Python;
# FakeTimeProvider runs inside the bench (workloads faketime-clock and async-timers).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
if ! $py -c 'import twisted' 2>/dev/null; then
  echo "Twisted is missing: apt-get install -y python3-twisted (the Twisted peers print n/a until then)" >&2
fi
bench() { dotnet "$root/bench/Trial.Bench/bin/Release/net10.0/Trial.Bench.dll" "$@" 2>&1; }
rate() { sed -n 's/.* \(rate\|MBps\) \([0-9.]*\).*/\2/p' | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.1f\n", a / b }'; }
dotnet build -c Release "$root/bench/Trial.Bench" -nologo -v q >/dev/null 2>&1 || { echo "bench does not build"; exit 1; }
want=${*:-clock clock-faketime async-timers iosim-bulk iosim-lines tcp-stream tcp-pingpong}
for w in $want; do
  case $w in
    clock) t=$(bench clock 10000 | rate); p=$($py "$here/twisted_clock.py" 10000 | rate); echo "clock 10k: trial/twisted = $(ratio "$t" "$p")";;
    clock-faketime) t=$(bench clock 100000 | rate); p=$(bench faketime-clock 100000 | rate); echo "clock 100k: trial/faketimeprovider = $(ratio "$t" "$p")";;
    async-timers)
      # The bench times Trial, the reference providers and the clock workload in interleaved rounds and prints the
      # ratios itself (see AsyncTimersWorkload).
      bench async-timers 10000 | sed -n 's/^ratios /async-timers 10k: /p';;
    iosim-bulk) t=$(bench iosim-bulk | rate); p=$($py "$here/twisted_iosim.py" | grep bulk | rate); echo "iosim-bulk: trial/twisted = $(ratio "$t" "$p")";;
    iosim-lines) t=$(bench iosim-lines | rate); p=$($py "$here/twisted_iosim.py" | grep lines | rate); echo "iosim-lines: trial/twisted = $(ratio "$t" "$p")";;
    tcp-stream) t=$(bench tcp-stream | grep trial-tcp-stream | rate); p=$($py "$here/twisted_tcp.py" | grep stream | rate); echo "tcp-stream: trial/twisted = $(ratio "$t" "$p")";;
    tcp-pingpong) t=$(bench tcp-pingpong | grep trial-tcp-pingpong | rate); p=$($py "$here/twisted_tcp.py" | grep pingpong | rate); echo "tcp-pingpong: trial/twisted = $(ratio "$t" "$p")";;
    runner) r=$(bench runner | grep '^trial-runner-ratio'); echo "runner 2000 tests: wall time over dotnet test --no-build and over Twisted's trial3 = ${r#trial-runner-ratio }";;
    *) echo "unknown workload $w";;
  esac
done
