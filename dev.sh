#!/usr/bin/env bash
# Flotilla Desktop: set-up, build, run and test on Debian 12.
#   ./dev.sh run [ARGS]   install what is missing, build, start the product
#   ./dev.sh test         install what is missing, build, run every test
#   ./dev.sh build        install what is missing, build
#   ./dev.sh bench        build, then run the benchmark programs
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
    cmake ninja-build g++ pkg-config curl
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    qtkeychain-qt6-dev nlohmann-json3-dev
    wrk podman runc busybox-static
    xvfb xauth imagemagick gnome-keyring dbus
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
    echo "dev.sh: starting flotilla-local in the foreground (Ctrl+C stops it)."
    echo "dev.sh: try: curl -s http://127.0.0.1:5000/api/v6/health (the README walks through a first run)"
    exec "$BUILD_DIR/bin/flotilla-local" "$@"
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
    bench) install_packages; build; "$BUILD_DIR/bin/bench_controlplane"; "$BUILD_DIR/bin/bench_runs"
           "$BUILD_DIR/bin/bench_logview"; "$BUILD_DIR/bin/bench_logview" --e2e ;;
    *)
        echo "usage: ./dev.sh run|test|build|bench" >&2
        exit 2
        ;;
esac
