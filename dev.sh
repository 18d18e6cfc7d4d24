#!/usr/bin/env bash
# Flotilla Desktop: set-up, build, run and test on Debian 12.
#   ./dev.sh run [ARGS]   install what is missing, build, start flotilla-desktop
#                         (flotilla-local when there is no display)
#   ./dev.sh test         install what is missing, build, run every test
#   ./dev.sh build        install what is missing, build
#   ./dev.sh bench        build, then run the benchmark programs
#   ./dev.sh package      build, then the DEB: build/flotilla-desktop_<version>_amd64.deb
#   ./dev.sh screenshots  build, then render every main view into build/screenshots (Xvfb)
#   ./dev.sh soak [ARGS]  build, then kill -9 flotilla-local 20 times under load (soak --help)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
    cmake ninja-build g++ pkg-config curl
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    qtkeychain-qt6-dev nlohmann-json3-dev
    wrk podman runc busybox-static
    xvfb xauth imagemagick gnome-keyring dbus
    qt6-svg-dev appstream desktop-file-utils dpkg-dev file
    qt6-translations-l10n
)
BUILD_DIR=build

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
    local missing=() package
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

build() {
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    fi
    cmake --build "$BUILD_DIR" -j2
}

# localhost/flotilla-test/busybox:latest from Debian's busybox-static, for
# the podman tests and the README's examples (no registry is reachable here).
TEST_IMAGE=localhost/flotilla-test/busybox:latest
build_test_image() {
    command -v podman >/dev/null || return 0
    podman image exists "$TEST_IMAGE" 2>/dev/null && return 0
    podman info >/dev/null 2>&1 || { echo "dev.sh: podman does not work here; container tests will be skipped"; return 0; }
    local root
    root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    local applet
    for applet in $("$root/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
    done
    tar -C "$root" -cf "$root.tar" .
    podman import --quiet --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' "$root.tar" "$TEST_IMAGE" >/dev/null
    rm -rf "$root" "$root.tar"
    echo "dev.sh: built $TEST_IMAGE"
}

run() {
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        echo "dev.sh: starting flotilla-desktop (it runs the local control plane in-process)."
        exec "$BUILD_DIR/bin/flotilla-desktop" "$@"
    fi
    echo "dev.sh: no display, so starting the headless flotilla-local in the foreground (Ctrl+C stops it)."
    echo "dev.sh: try: curl -s http://127.0.0.1:5000/api/v6/health (the README walks through a first run)"
    exec "$BUILD_DIR/bin/flotilla-local" "$@"
}

# Every main view of the desktop app as PNGs in build/screenshots, under Xvfb.
screenshots() {
    xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/bin/screenshots" "$BUILD_DIR/screenshots"
}

package() {
    (cd "$BUILD_DIR" && cpack)
}

run_tests() {
    cd "$BUILD_DIR"
    ctest --output-on-failure -j2
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
    run) install_packages; build_test_image; build; run "$@" ;;
    test) install_packages; build_test_image; build; run_tests ;;
    build) install_packages; build ;;
    bench) install_packages; build; "$BUILD_DIR/bin/bench_controlplane"; "$BUILD_DIR/bin/bench_runs"; "$BUILD_DIR/bin/bench_runlistmodel"; "$BUILD_DIR/bin/bench_logview" ;;
    package) install_packages; build; package ;;
    screenshots) install_packages; build; screenshots ;;
    soak) install_packages; build; "$BUILD_DIR/bin/soak" --kills 20 "$@" ;;
    *)
        echo "usage: ./dev.sh run|test|build|bench|package|screenshots|soak" >&2
        exit 2
        ;;
esac
