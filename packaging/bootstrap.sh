#!/usr/bin/env bash
# The commands of the README:
#   packaging/bootstrap.sh run    build LossCast and open it on the bundled example
#   packaging/bootstrap.sh test   build LossCast and run the whole test suite
#   packaging/bootstrap.sh check  the whole test suite again under AddressSanitizer + UndefinedBehaviorSanitizer
#                                 (build-asan/), then every libFuzzer harness for a fixed time on its corpus
#                                 (build-fuzz/, clang). CI (.ci/run) runs `test` and then `check`.
# On Debian/Ubuntu the missing packages are installed first (with sudo when not root).
# On macOS and Windows install the dependencies as the README says, then run the cmake lines below by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in run|test|check) ;; *) echo "usage: $0 run|test|check" >&2; exit 2 ;; esac

packages=(g++ cmake ninja-build qt6-base-dev qt6-tools-dev qt6-svg-dev libqcustomplot-dev libeigen3-dev
          libboost-math-dev xvfb xauth fonts-dejavu-core
          # the package test (tst_package): cpack's DEB generator and the validators it runs
          dpkg-dev file desktop-file-utils appstream shared-mime-info lintian
          # Chinese glyphs for the zh_CN interface (without them its labels render as boxes)
          fonts-wqy-microhei)
# The fuzzers need clang and its runtime (libFuzzer, the sanitizers).
[ "$mode" = check ] && packages+=(clang libclang-rt-14-dev)

if command -v apt-get >/dev/null 2>&1; then
    missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "Installing missing packages: ${missing[*]}"
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
            -o DPkg::Lock::Timeout=300 "${missing[@]}"
    fi
fi

if [ "$mode" = check ]; then
    start=$(date +%s)
    # 1. Core, CLI, window and every test (widget tests included) with ASan + UBSan; any finding fails the run.
    #    -O1 keeps the build and the suite fast enough for CI on two cores.
    asan=${LOSSCAST_ASAN_BUILD_DIR:-build-asan}
    san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    cmake -S . -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1 $san" \
        -DCMAKE_EXE_LINKER_FLAGS_SANITIZE="$san" -DCMAKE_SHARED_LINKER_FLAGS_SANITIZE="$san"
    cmake --build "$asan" --parallel
    # Leaks are not checked: Qt and fontconfig keep caches until exit, which LeakSanitizer would report.
    (cd "$asan" && ASAN_OPTIONS=detect_leaks=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --output-on-failure --parallel 2 --timeout 900 -LE packaging)
    # (tst_package, label packaging, checks the .deb/.tgz files and runs in the Release suite of `test`.)
    echo "sanitizer suite done after $(( $(date +%s) - start )) s"

    # 2. The libFuzzer harnesses (tests/fuzz), each for a fixed time on its corpus, then on every saved
    #    regression input. New inputs go to a scratch folder; the corpus in the repository is only read.
    fuzz=${LOSSCAST_FUZZ_BUILD_DIR:-build-fuzz}
    seconds=${LOSSCAST_FUZZ_SECONDS:-20}
    CC=clang CXX=clang++ cmake -S . -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g1" \
        -DLOSSCAST_FUZZ=ON -DLOSSCAST_BUILD_GUI=OFF -DLOSSCAST_BUILD_TESTS=OFF
    harnesses=(fuzz_csv:csv fuzz_text:text fuzz_json:json fuzz_jsonl:jsonl fuzz_csv_chunks:chunks)
    cmake --build "$fuzz" --parallel --target "${harnesses[@]%%:*}"
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    for h in "${harnesses[@]}"; do
        name=${h%%:*} corpus=tests/fuzz/corpus/${h#*:}
        mkdir -p "$scratch/$name"
        echo "fuzzing $name for $seconds s on $corpus"
        "$fuzz/tests/fuzz/$name" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
            "$scratch/$name" "$corpus" 2>"$scratch/$name.log" || { tail -n 60 "$scratch/$name.log"; exit 1; }
        grep -E "^stat::number_of_executed_units" "$scratch/$name.log" || true
    done
    for r in tests/fuzz/regressions/*; do
        case "$(basename "$r")" in csv-*) name=fuzz_csv ;; text-*) name=fuzz_text ;; jsonl-*) name=fuzz_jsonl ;;
                                    json-*) name=fuzz_json ;; chunks-*) name=fuzz_csv_chunks ;; *) continue ;; esac
        "$fuzz/tests/fuzz/$name" -runs=1 "$r" >/dev/null 2>&1 || { echo "regression $r fails" >&2; exit 1; }
    done
    echo "check done after $(( $(date +%s) - start )) s"
    exit 0
fi

build=${LOSSCAST_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" --parallel

if [ "$mode" = test ]; then
    cd "$build"
    # Widgets tests run on Qt's offscreen platform (set per test), so no display is needed.
    exec ctest --output-on-failure --parallel 2 --timeout 600
fi

example=resources/examples/session/example.losscast
[ -f "$example" ] || example=resources/examples/mpl/25M_cosine_24000.csv
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: starting LossCast under xvfb-run (nothing will be visible)." >&2
    exec xvfb-run -a "$build/app/gui/losscast" "$example"
fi
exec "$build/app/gui/losscast" "$example"
