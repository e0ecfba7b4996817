#!/usr/bin/env bash
# The commands of the README:
#   packaging/bootstrap.sh run    build LossCast (Release, build/) and open it on the bundled example
#   packaging/bootstrap.sh test   what CI runs (.ci/run): build everything with clang under AddressSanitizer +
#                                 UndefinedBehaviorSanitizer (build-test/), run the whole test suite under them,
#                                 then every libFuzzer harness for a fixed time on its corpus and every saved
#                                 regression input. One build serves the suite and the fuzzers.
#   packaging/bootstrap.sh check  the same as test (its former name)
# On Debian/Ubuntu the missing packages are installed first (with sudo when not root).
# On macOS and Windows install the dependencies as the README says, then run the cmake lines below by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in run|test|check) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac
[ "$mode" = check ] && mode=test

packages=(g++ cmake ninja-build qt6-base-dev qt6-tools-dev qt6-svg-dev libqcustomplot-dev libeigen3-dev
          libboost-math-dev xvfb xauth fonts-dejavu-core
          # the package test (tst_package): cpack's DEB generator and the validators it runs
          dpkg-dev file desktop-file-utils appstream shared-mime-info lintian
          # Chinese glyphs for the zh_CN interface (without them its labels render as boxes)
          fonts-wqy-microhei)
# The sanitizer build and the fuzzers: clang (its runtimes come with it or in libclang-rt-N-dev, below).
[ "$mode" = test ] && packages+=(clang)

install_missing() {
    command -v apt-get >/dev/null 2>&1 || return 0
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
        -o DPkg::Lock::Timeout=300 "${missing[@]}"
}
install_missing "${packages[@]}"

if [ "$mode" = test ]; then
    start=$(date +%s)
    # Debian 12 and newer Ubuntus ship clang's sanitizer and libFuzzer runtimes in their own package.
    if command -v apt-cache >/dev/null 2>&1; then
        rt=libclang-rt-$(clang++ -dumpversion | cut -d. -f1)-dev
        if apt-cache show "$rt" >/dev/null 2>&1; then install_missing "$rt"; fi
    fi
    # 1. Core, CLI, window, every test and the fuzz harnesses, with ASan + UBSan (LOSSCAST_FUZZ implies them;
    #    see the top CMakeLists.txt). -O0 here and -O1 for the engine (core/CMakeLists.txt) keep the build and
    #    the suite within CI's time on two cores.
    build=${LOSSCAST_TEST_BUILD_DIR:-build-test}
    CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
        -DCMAKE_CXX_FLAGS_SANITIZE="-O0 -g1" -DLOSSCAST_FUZZ=ON
    cmake --build "$build" --parallel
    echo "build done after $(( $(date +%s) - start )) s"
    # 2. The whole suite under the sanitizers. Leaks are not checked: Qt and fontconfig keep caches until exit,
    #    which LeakSanitizer would report. Widget tests run on Qt's offscreen platform (set per test).
    (cd "$build" && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --output-on-failure --parallel 2 --timeout 900)
    echo "test suite done after $(( $(date +%s) - start )) s"

    # 3. The libFuzzer harnesses (tests/fuzz), each for a fixed time on its corpus, then on every saved
    #    regression input. New inputs go to a scratch folder; the corpus in the repository is only read.
    seconds=${LOSSCAST_FUZZ_SECONDS:-20}
    harnesses=(fuzz_csv:csv fuzz_text:text fuzz_json:json fuzz_jsonl:jsonl fuzz_csv_chunks:chunks fuzz_csvtext:csvtext)
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    for h in "${harnesses[@]}"; do
        name=${h%%:*} corpus=tests/fuzz/corpus/${h#*:}
        mkdir -p "$scratch/$name"
        echo "fuzzing $name for $seconds s on $corpus"
        ASAN_OPTIONS=detect_leaks=1 "$build/tests/fuzz/$name" -max_total_time="$seconds" -timeout=20 \
            -rss_limit_mb=2560 -print_final_stats=1 "$scratch/$name" "$corpus" 2>"$scratch/$name.log" ||
            { tail -n 60 "$scratch/$name.log"; exit 1; }
        grep -E "^stat::number_of_executed_units" "$scratch/$name.log" || true
    done
    for r in tests/fuzz/regressions/*; do
        case "$(basename "$r")" in csv-*) name=fuzz_csv ;; csvtext-*) name=fuzz_csvtext ;; text-*) name=fuzz_text ;;
                                    jsonl-*) name=fuzz_jsonl ;; json-*) name=fuzz_json ;; chunks-*) name=fuzz_csv_chunks ;;
                                    *) continue ;; esac
        "$build/tests/fuzz/$name" -runs=1 "$r" >/dev/null 2>&1 || { echo "regression $r fails" >&2; exit 1; }
    done
    echo "test done after $(( $(date +%s) - start )) s"
    exit 0
fi

build=${LOSSCAST_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" --parallel

example=resources/examples/session/example.losscast
[ -f "$example" ] || example=resources/examples/mpl/25M_cosine_24000.csv
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: starting LossCast under xvfb-run (nothing will be visible)." >&2
    exec xvfb-run -a "$build/app/gui/losscast" "$example"
fi
exec "$build/app/gui/losscast" "$example"
