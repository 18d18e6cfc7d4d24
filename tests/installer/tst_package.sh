#!/usr/bin/env bash
# Builds the DEB from the built tree with cpack, unpacks it with dpkg -x into a
# temporary root and runs the installed programs from there.
#   tst_package.sh BUILD_DIR APP_ID VERSION
set -euo pipefail
build=$1 app_id=$2 version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$work/out/flotilla-desktop_${version}_amd64.deb
[ -f "$deb" ] || { ls "$work/out"; echo "FAIL: no $(basename "$deb")"; exit 1; }

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6httpserver6 libstdc++6; do
    [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] || fail "Depends lacks $package"
done

root=$work/root
dpkg -x "$deb" "$root"
for file in usr/bin/flotilla-local usr/bin/flotilla \
            "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml" \
            "usr/share/icons/hicolor/scalable/apps/$app_id.svg" usr/lib/systemd/user/flotilla-local.service; do
    [ -f "$root/$file" ] || fail "the package lacks /$file"
done
# The wrapper of every run, where flotilla-local and flotilla-desktop look for it
# (../libexec/flotilla from their own dir); it must start fast, so without Qt.
wrapper=$root/usr/libexec/flotilla/flotilla-run
if [ -x "$wrapper" ]; then
    ! ldd "$wrapper" | grep -q 'libQt' || fail "flotilla-run links Qt: $(ldd "$wrapper" | grep libQt)"
else
    fail "the package lacks an executable /usr/libexec/flotilla/flotilla-run"
fi
unit=$root/usr/lib/systemd/user/flotilla-local.service
grep -qx "ExecStart=/usr/bin/flotilla-local" "$unit" || fail "flotilla-local.service does not start /usr/bin/flotilla-local"
# systemd checks the unit's syntax and that ExecStart is executable (here: in the unpacked root);
# it exits 0 after lines it ignores, so any remark fails.
if command -v systemd-analyze >/dev/null; then
    sed "s#=/usr/bin/#=$root/usr/bin/#" "$unit" >"$work/flotilla-local.service"
    report=$(systemd-analyze verify "$work/flotilla-local.service" 2>&1) && [ -z "$report" ] \
        || fail "systemd-analyze verify flotilla-local.service: $report"
else
    echo "SKIP: systemd-analyze is missing; the unit's syntax is not checked"
fi

# The man pages (help2man, at build time) and the bash completion (`flotilla completion bash`).
for program in flotilla flotilla-local flotilla-desktop; do
    page=$root/usr/share/man/man1/$program.1.gz
    if [ -f "$page" ]; then
        title=$(zcat "$page" | grep '^\.TH ') || true
        [[ "$title" == ".TH ${program^^} \"1\""*"\"$program $version\""* ]] \
            || fail "$program.1.gz has the title \"$title\""
        zcat "$page" | grep -qF -- '\-\-help' || fail "$program.1.gz does not describe --help"
        ! zcat "$page" | grep -q "$HOME\|/work/\|/build/" || fail "$program.1.gz names a path of the build machine"
    else
        fail "the package lacks /usr/share/man/man1/$program.1.gz"
    fi
done
zcat "$root/usr/share/man/man1/flotilla.1.gz" | grep -q '^completion' || fail "flotilla.1 lists no completion command"
completion=$root/usr/share/bash-completion/completions/flotilla
if [ -f "$completion" ]; then
    bash -n "$completion" || fail "the bash completion does not parse"
    grep -q '^complete -F _flotilla flotilla$' "$completion" || fail "the bash completion registers no _flotilla"
else
    fail "the package lacks /usr/share/bash-completion/completions/flotilla"
fi

for program in flotilla-local flotilla; do
    out=$("$root/usr/bin/$program" --version 2>&1) || fail "$program --version exited $?: $out"
    [ "$out" = "$program $version" ] || fail "$program --version prints \"$out\", not \"$program $version\""
    out=$("$root/usr/bin/$program" --help 2>&1) || fail "$program --help exited $?"
    [[ "$out" == *"--version"* ]] || fail "$program --help does not mention --version: $out"
done

[ "$failed" -eq 0 ] && echo "PASS: $(basename "$deb") unpacks and its programs run"
exit "$failed"
