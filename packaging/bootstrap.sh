#!/usr/bin/env bash
# The two commands of the README:
#   packaging/bootstrap.sh run    build LossCast and open it on the bundled example
#   packaging/bootstrap.sh test   build LossCast and run the whole test suite
# On Debian/Ubuntu the missing packages are installed first (with sudo when not root).
# On macOS and Windows install the dependencies as the README says, then run the cmake lines below by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in run|test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

packages=(g++ cmake ninja-build qt6-base-dev qt6-tools-dev qt6-svg-dev libqcustomplot-dev libeigen3-dev
          libboost-math-dev xvfb xauth fonts-dejavu-core
          # the package test (tst_package): cpack's DEB generator and the validators it runs
          dpkg-dev file desktop-file-utils appstream shared-mime-info lintian
          # Chinese glyphs for the zh_CN interface (without them its labels render as boxes)
          fonts-wqy-microhei)

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
