#!/usr/bin/env bash
# Times Atelier's benchmark and the PyTorch reference (shared/benchmarks/MODELS.md) on this machine,
# alternately for a few rounds so that both see the same machine state, and prints the medians as ratios.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/compare.sh [--only NAME] [--threads N] [--rounds N] [--scaling] [--help]

Runs `atelier bench` and pytorch_bench.py alternately, then prints each workload's medians and a ratio
(> 1 means Atelier is better), Atelier's managed allocation per step, and peak RSS (Atelier / PyTorch).

  --only NAME    only this workload (exact name, or text in the names as `atelier bench --only` takes it)
  --threads N    threads for both (default 2)
  --rounds N     alternating rounds; the tables show medians over them (default 3)
  --scaling      also run Atelier with --threads 1 and 2 and print each workload's speedup t1/t2

Environment: ATELIER_ROOT   the checkout to build and time (default: the repo holding this script)
             PYTORCH_BENCH  the reference script (default: ../shared/benchmarks/pytorch_bench.py beside the repo)
EOF
}

fail_usage() { echo "compare.sh: $1 (see --help)" >&2; exit 2; }

positive_integer() { [[ $2 =~ ^[1-9][0-9]*$ ]] || fail_usage "$1 takes a positive whole number, got '$2'"; }

only="" threads=2 rounds=3 scaling=0
while (($#)); do
    case "$1" in
        --only) (($# >= 2)) || fail_usage "--only needs a workload name"; only=$2; shift 2 ;;
        --threads) (($# >= 2)) || fail_usage "--threads needs a number"; positive_integer --threads "$2"; threads=$2; shift 2 ;;
        --rounds) (($# >= 2)) || fail_usage "--rounds needs a number"; positive_integer --rounds "$2"; rounds=$2; shift 2 ;;
        --scaling) scaling=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) fail_usage "unknown option '$1'" ;;
    esac
done

script_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${ATELIER_ROOT:-$script_repo}"
pytorch_bench="${PYTORCH_BENCH:-$script_repo/../shared/benchmarks/pytorch_bench.py}"
[[ -d $root/src/Atelier.Cli ]] || fail_usage "ATELIER_ROOT '$root' is not an Atelier checkout (no src/Atelier.Cli)"

# pytorch_bench.py's --only takes exact names and times all three sgemm sizes as one workload "sgemm".
# Apply atelier's rule (an exact name, else any name containing the text) and pass a name only when one
# PyTorch workload matches; otherwise PyTorch runs everything and the table keeps the rows atelier printed.
pytorch_only() {
    local filter=${1,,} name matches=()
    [[ -z $filter ]] && return
    for name in seed-gan dcgan mlp-vae conv-vae dcgan-sample sgemm-256 sgemm-512 sgemm-1024; do
        if [[ $name == "$filter" ]]; then matches=("${name%%-[0-9]*}"); break; fi
        [[ $name == *"$filter"* ]] && matches+=("${name%%-[0-9]*}")
    done
    mapfile -t matches < <(printf '%s\n' "${matches[@]}" | sort -u | sed '/^$/d')
    ((${#matches[@]} == 1)) && echo "${matches[0]}"
    return 0
}

pytorch_ready=1
if [[ ! -f $pytorch_bench ]]; then
    echo "PyTorch reference not found at $pytorch_bench (set PYTORCH_BENCH); printing Atelier's figures only." >&2
    pytorch_ready=0
elif ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "PyTorch is not installed for /usr/bin/python3: install it with 'sudo apt-get install -y python3-torch libopenblas0-pthread'; printing Atelier's figures only." >&2
    pytorch_ready=0
fi

# Alternating rounds cancel slow drifts of the machine, not other programs competing for the cores.
[[ -r /proc/loadavg ]] && read -r load _ </proc/loadavg || load=0
if awk -v load="$load" 'BEGIN { exit !(load > 0.5) }'; then
    echo "warning: load average $load: other processes are using the CPU, so the timings will be noisy" >&2
fi

echo "building Atelier (Release) in $root ..." >&2
build_log=$(mktemp)
if ! dotnet build "$root/src/Atelier.Cli" -c Release -nologo -v quiet >"$build_log" 2>&1; then
    cat "$build_log" >&2; rm -f "$build_log"; exit 1
fi
rm -f "$build_log"
atelier_dll=$(ls -t "$root"/src/Atelier.Cli/bin/Release/net*/Atelier.Cli.dll | head -n 1)

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# run LABEL ROUND COMMAND...: runs one benchmark into $results/LABEL.ROUND, echoing its lines to stderr.
run() {
    local label=$1 round=$2; shift 2
    echo "round $round/$rounds: $label" >&2
    (cd "$root" && "$@") >"$results/$label.$round"
    sed 's/^/    /' "$results/$label.$round" >&2
}

only_args=(); [[ -n $only ]] && only_args=(--only "$only")
pytorch_args=(); pytorch_name=$(pytorch_only "$only"); [[ -n $pytorch_name ]] && pytorch_args=(--only "$pytorch_name")
pytorch_ran_all=0; [[ -n $only && -z $pytorch_name ]] && pytorch_ran_all=1

for ((round = 1; round <= rounds; round++)); do
    run atelier "$round" dotnet "$atelier_dll" bench "${only_args[@]}" --threads "$threads"
    if ((pytorch_ready)); then
        # Exactly as MODELS.md prescribes: one BLAS thread under the PyTorch threads (anything else oversubscribes 2 cores).
        run pytorch "$round" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
            /usr/bin/python3 "$pytorch_bench" --threads "$threads" "${pytorch_args[@]}"
    fi
    if ((scaling)); then
        run atelier-t1 "$round" dotnet "$atelier_dll" bench "${only_args[@]}" --threads 1
        ((threads == 2)) || run atelier-t2 "$round" dotnet "$atelier_dll" bench "${only_args[@]}" --threads 2
    fi
done

t2_label=atelier-t2; ((threads == 2)) && t2_label=atelier
echo >&2
python3 - "$results" "$rounds" "$threads" "$pytorch_ready" "$scaling" "$t2_label" "$pytorch_ran_all" <<'PY'
import glob, re, statistics, sys

results, rounds, threads, has_pytorch, scaling, t2_label, pytorch_ran_all = sys.argv[1:]
has_pytorch, scaling, pytorch_ran_all = has_pytorch == "1", scaling == "1", pytorch_ran_all == "1"

def load(label):
    """name -> [unit, [value per round], [KiB allocated per round], "step" or "batch"], in the order printed."""
    table = {}
    for path in sorted(glob.glob(f"{results}/{label}.*")):
        for line in open(path):
            f = line.split()
            if len(f) < 3:
                continue
            # pytorch_bench.py names its sgemm lines sgemm256-gflops; atelier names them sgemm-256.
            name = re.sub(r"^sgemm(\d+)-gflops$", r"sgemm-\1", f[0])
            unit, values, allocs, per = table.setdefault(name, [f[2], [], [], ""])
            values.append(float(f[1]))
            if len(f) >= 6 and f[4] == "KiB":  # "8437.0 KiB allocated/step"
                allocs.append(float(f[3]))
                table[name][3] = f[5].split("/")[-1]
    return table

def median(xs):
    return statistics.median(xs) if xs else None

def better_ratio(unit, pytorch, atelier):
    """> 1 means Atelier is better: time over time for ms/step and us/image, rate over rate for GFLOP/s."""
    return atelier / pytorch if unit == "GFLOP/s" else pytorch / atelier

def allocation(entry):
    _, _, allocs, per = entry
    return "-" if not allocs else f"{median(allocs):.1f} KiB/{per}"

DECIMALS = {"ms/step": 2}  # everything else (us/image, GFLOP/s, MiB) with one

def number(x, unit):
    return "-" if x is None else f"{x:.{DECIMALS.get(unit, 1)}f}"

def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    for r in [header] + rows:
        # Names and units left-aligned, figures right-aligned.
        print("  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())

atelier = load("atelier")
pytorch = load("pytorch") if has_pytorch else {}
workloads = [n for n in atelier if n != "peak-rss"]

print(f"Medians of {rounds} round(s), --threads {threads}.")
if has_pytorch:
    print("ratio = PyTorch time / Atelier time (ms/step, us/image), Atelier GFLOP/s / PyTorch GFLOP/s (sgemm): > 1 means Atelier is faster.")
    rows = []
    for name in workloads:
        unit, a_values = atelier[name][:2]
        a = median(a_values)
        p = median(pytorch[name][1]) if name in pytorch else None
        rows.append([name, unit, number(p, unit), number(a, unit), "-" if p is None else f"{better_ratio(unit, p, a):.2f}",
                     allocation(atelier[name])])
    a_rss = median(atelier["peak-rss"][1])
    p_rss = median(pytorch["peak-rss"][1]) if "peak-rss" in pytorch else None
    rows.append(["peak-rss", "MiB", number(p_rss, "MiB"), number(a_rss, "MiB"), "-" if not p_rss else f"{a_rss / p_rss:.2f}", ""])
    print_table(["workload", "unit", "PyTorch", "Atelier", "ratio", "Atelier allocated"], rows)
    print("peak-rss ratio is the other way round, Atelier / PyTorch: < 1 means Atelier uses less memory.")
    if pytorch_ran_all:
        print("(PyTorch ran all its workloads for this --only, so its peak-rss covers more work than Atelier's.)")
else:
    rows = [[n, atelier[n][0], number(median(atelier[n][1]), atelier[n][0]), allocation(atelier[n])] for n in workloads]
    rows.append(["peak-rss", "MiB", number(median(atelier["peak-rss"][1]), "MiB"), ""])
    print_table(["workload", "unit", "Atelier", "Atelier allocated"], rows)

if scaling:
    one, two = load("atelier-t1"), load(t2_label)
    print()
    print("Thread scaling of Atelier: speedup = time with 1 thread / time with 2 (GFLOP/s: 2 threads / 1).")
    rows = []
    for name in workloads:
        unit = one[name][0]
        t1, t2 = median(one[name][1]), median(two[name][1])
        rows.append([name, unit, number(t1, unit), number(t2, unit), f"{(t2 / t1 if unit == 'GFLOP/s' else t1 / t2):.2f}"])
    print_table(["workload", "unit", "1 thread", "2 threads", "speedup"], rows)
PY
