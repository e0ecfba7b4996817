#!/usr/bin/env bash
# The installable package, end to end: cpack builds the .deb and .tgz from this build folder; the .deb is
# extracted (not installed) and checked: its files, its Depends (from the linked libraries), the extracted
# losscast-cli fitting and predicting a bundled curve, the desktop entry, AppStream metainfo, MIME type and man
# pages through their validators, and lintian reporting no error.
#   tst_package.sh BUILD_DIR SOURCE_DIR
# Exits 77 (ctest: skipped) where dpkg-deb or the validators are missing (not Debian; see the README's Install).
set -uo pipefail
build=$1
src=$2
for tool in cpack dpkg-deb desktop-file-validate appstreamcli update-mime-database; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (packaging/bootstrap.sh installs it)"; exit 77; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/losscast-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

# cpack's own temporary tree goes to $tmp too, so the test never races a cpack run in the build folder.
if ! (cd "$build" && cpack -G "DEB;TGZ" -B "$tmp/out" >"$tmp/cpack.log" 2>&1); then
    cat "$tmp/cpack.log"
    echo "FAIL: cpack"
    exit 1
fi
deb=$(ls "$tmp"/out/losscast_*.deb 2>/dev/null | head -1)
tgz=$(ls "$tmp"/out/losscast-*.tar.gz 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$tmp/cpack.log"; echo "FAIL: no .deb made"; exit 1; }
[ -n "$tgz" ] || fail "no .tar.gz made"
pass "cpack made $(basename "$deb") and $(basename "${tgz:-none}")"

root=$tmp/root
dpkg-deb -x "$deb" "$root" || { echo "FAIL: dpkg-deb -x"; exit 1; }
app=org.losscast.LossCast
for f in usr/bin/losscast usr/bin/losscast-cli \
         usr/share/applications/$app.desktop usr/share/metainfo/$app.metainfo.xml \
         usr/share/mime/packages/$app.xml \
         usr/share/icons/hicolor/scalable/apps/$app.svg usr/share/icons/hicolor/48x48/apps/$app.png \
         usr/share/icons/hicolor/256x256/apps/$app.png \
         usr/share/man/man1/losscast.1.gz usr/share/man/man1/losscast-cli.1.gz \
         usr/share/doc/losscast/copyright usr/share/doc/losscast/changelog.gz \
         usr/share/losscast/examples/mpl/25M_cosine_24000.csv; do
    [ -e "$root/$f" ] || fail "/$f is not in the package"
done
for f in usr/bin/losscast usr/bin/losscast-cli; do
    [ -x "$root/$f" ] || fail "/$f is not executable"
    if command -v readelf >/dev/null; then
        dynamic=$(readelf -d "$root/$f")
        [[ "$dynamic" == *PATH* ]] && fail "/$f carries an RPATH/RUNPATH"
    fi
done
pass "file list checked"

# Depends from the libraries actually linked (CPACK_DEBIAN_PACKAGE_SHLIBDEPS): libc, libstdc++, Qt Widgets.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
names=" $(tr ',' '\n' <<<"$depends" | awk '{ print $1 }' | tr '\n' ' ') "
for lib in libc6 libstdc++6 libqt6widgets6 libqt6gui6 libqt6core6 qt6-qpa-plugins; do
    [[ "$names" == *" $lib "* ]] || fail "Depends lacks $lib"
done
linked=$(ldd "$root/usr/bin/losscast" 2>/dev/null || true)
if [[ "$linked" == *qcustomplot* ]] && [[ "$depends" != *qcustomplot* ]]; then
    fail "losscast links QCustomPlot but Depends lacks it"
fi

# The extracted programs run: the CLI fits MTL to a bundled curve and predicts another schedule with it.
cli=$root/usr/bin/losscast-cli
curve=$root/usr/share/losscast/examples/mpl/25M_cosine_24000.csv
version=$("$cli" --version)
[[ "$version" == "losscast-cli "[0-9]* ]] || fail "losscast-cli --version: $version"
if "$cli" fit --law mtl --train "$curve" --out "$tmp/fit.json" 2>"$tmp/fit.err"; then
    grep -q '"law": "mtl"' "$tmp/fit.json" || fail "fit.json names no mtl law"
    grep -q '"L0": [0-9]' "$tmp/fit.json" || fail "fit.json has no L0"
    "$cli" predict --params "$tmp/fit.json" --every 1000 \
        --schedule "wsd:peak=2e-4,final=2e-5,steps=24000,warmup=0,decay=0.2" --out "$tmp/pred.csv" ||
        fail "losscast-cli predict"
    rows=$(grep -cE '^[0-9]+,' "$tmp/pred.csv" 2>/dev/null || echo 0)
    [ "$rows" -ge 24 ] || fail "predict wrote $rows rows, expected 25"
    last=$(tail -1 "$tmp/pred.csv" | cut -d, -f3)
    awk -v l="$last" 'BEGIN { exit !(l > 2 && l < 5) }' || fail "predicted final loss '$last' is not a loss"
    pass "extracted losscast-cli fitted and predicted (final loss $last)"
else
    cat "$tmp/fit.err"
    fail "losscast-cli fit on the bundled curve"
fi
version=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/losscast" --version 2>&1)
[[ "$version" == *LossCast* ]] || fail "losscast --version: $version"

# Desktop integration files through their validators.
desktop-file-validate "$root/usr/share/applications/$app.desktop" || fail "desktop-file-validate"
grep -q "^Categories=.*Science;.*Education;.*DataVisualization;" "$root/usr/share/applications/$app.desktop" ||
    fail "desktop entry categories"
grep -q "^MimeType=.*application/x-losscast-session;" "$root/usr/share/applications/$app.desktop" ||
    fail "desktop entry lacks the session MIME type"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app.metainfo.xml" || fail "appstreamcli validate"
mkdir -p "$tmp/mime/packages" && cp "$root/usr/share/mime/packages/$app.xml" "$tmp/mime/packages/"
# (update-mime-database notes on stderr that the folder is not in XDG_DATA_DIRS: expected here.)
if update-mime-database "$tmp/mime" 2>"$tmp/mime.err"; then
    grep -q "application/x-losscast-session:\*\.losscast" "$tmp/mime/globs2" || fail "*.losscast glob not registered"
else
    cat "$tmp/mime.err"; fail "update-mime-database"
fi

# Man pages: one section per command, rendered without groff errors.
# (Captured into variables first: with pipefail, `producer | grep -q` fails when grep stops reading early.)
if command -v man >/dev/null; then
    for page in losscast losscast-cli; do
        out=$(LC_ALL=C.UTF-8 MANWIDTH=100 man -l "$root/usr/share/man/man1/$page.1.gz" 2>"$tmp/man.err")
        [[ "$out" == *$'\nSYNOPSIS\n'* ]] || fail "$page.1 has no SYNOPSIS"
        if grep -qi "error" "$tmp/man.err"; then cat "$tmp/man.err"; fail "$page.1 renders with errors"; fi
    done
fi
zcat "$root/usr/share/man/man1/losscast-cli.1.gz" > "$tmp/cli.1"
for cmd in $("$cli" --help | sed -n '/^commands:/,$p' | awk 'NR > 1 { print $1 }'); do
    grep -qxF ".SS $(sed 's/-/\\-/g' <<<"$cmd")" "$tmp/cli.1" || fail "losscast-cli.1 has no section for '$cmd'"
done
zcat "$root/usr/share/man/man1/losscast.1.gz" > "$tmp/gui.1"
grep -q "screenshot" "$tmp/gui.1" || fail "losscast.1 lacks --screenshot"

# The TGZ holds the same programs.
if [ -n "$tgz" ]; then
    tar -tzf "$tgz" > "$tmp/tgz.list" || fail "tar -t on the .tar.gz"
    grep -q "/bin/losscast-cli$" "$tmp/tgz.list" || fail "the .tar.gz lacks bin/losscast-cli"
    grep -q "/bin/losscast$" "$tmp/tgz.list" || fail "the .tar.gz lacks bin/losscast"
fi

# lintian: no error (warnings are listed, not fatal).
if command -v lintian >/dev/null; then
    lintian --tag-display-limit 0 "$deb" >"$tmp/lintian.log" 2>&1
    cat "$tmp/lintian.log"
    grep -q "^E: " "$tmp/lintian.log" && fail "lintian reports errors"
    pass "lintian: $(grep -c '^E: ' "$tmp/lintian.log") errors, $(grep -c '^W: ' "$tmp/lintian.log") warnings"
else
    echo "lintian not installed: not run"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
