#!/usr/bin/env bash
# Flotilla Desktop: set-up, build, run and test on Debian 12.
#   ./dev.sh run [ARGS]   install what is missing, build, start flotilla-desktop
#                         (flotilla-local when there is no display)
#   ./dev.sh test         install what is missing, build, run every test, then
#                         the non-GUI tests again under ASan+UBSan and each fuzzer briefly
#   ./dev.sh build        install what is missing, build
#   ./dev.sh bench        build, then run the benchmark programs
#   ./dev.sh package      build, then the DEB: build/flotilla-desktop_<version>_amd64.deb
#   ./dev.sh screenshots  build, then render every main view into build/screenshots (Xvfb)
#   ./dev.sh soak [ARGS]  build, then kill -9 flotilla-local 20 times under load (soak --help)
#   ./dev.sh fuzz [SECS]  build the fuzzers, run each for SECS seconds (default 600)
#   ./dev.sh format       reformat every tracked source file (.clang-format)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
    cmake ninja-build g++ pkg-config curl
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    qtkeychain-qt6-dev nlohmann-json3-dev libvalijson-dev
    wrk podman runc busybox-static docker.io
    xvfb xauth imagemagick gnome-keyring dbus chromium
    qt6-svg-dev qt6-charts-dev appstream desktop-file-utils dpkg-dev file
    clang libclang-rt-14-dev clang-format ccache
    qt6-translations-l10n help2man zsh fish
)
BUILD_DIR=build
ASAN_DIR=build-asan
FUZZ_DIR=build-fuzz

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

# ccache: a second run, or a fresh clone on the same machine, compiles only what changed.
# Paths below the clone are hashed relative to it, so a clone elsewhere hits the same cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
CONFIGURE=(-G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DFLOTILLA_WERROR=ON)

build() {
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        cmake -S . -B "$BUILD_DIR" "${CONFIGURE[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    fi
    cmake --build "$BUILD_DIR" -j2
}

# A Docker daemon for the docker cluster and its tests, started where none
# runs: root only, without iptables or a bridge (the runs need no network
# setup) on vfs storage, which works on any filesystem. `./dev.sh test` stops
# the one it started when it ends.
DOCKERD_STARTED=
start_docker() {
    command -v dockerd >/dev/null || return 0
    docker info >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "dev.sh: no Docker daemon runs and starting one needs root; the docker tests will be skipped"
        return 0
    fi
    mkdir -p "$BUILD_DIR"
    dockerd --iptables=false --bridge=none --storage-driver=vfs >"$BUILD_DIR/dockerd.log" 2>&1 &
    DOCKERD_STARTED=$!
    local tries
    for tries in $(seq 60); do
        docker info >/dev/null 2>&1 && { echo "dev.sh: started dockerd (log: $BUILD_DIR/dockerd.log)"; return 0; }
        kill -0 "$DOCKERD_STARTED" 2>/dev/null || break
        sleep 0.5
    done
    echo "dev.sh: dockerd did not come up (see $BUILD_DIR/dockerd.log); the docker tests will be skipped"
}
stop_docker() {
    [ -n "$DOCKERD_STARTED" ] || return 0
    kill "$DOCKERD_STARTED" 2>/dev/null && wait "$DOCKERD_STARTED" 2>/dev/null || true
}

# localhost/flotilla-test/busybox:latest from Debian's busybox-static, for
# the podman and docker tests and the README's examples (no registry is
# reachable here), imported into each engine that works.
TEST_IMAGE=localhost/flotilla-test/busybox:latest
build_test_image() {
    local engine engines=()
    for engine in podman docker; do
        command -v "$engine" >/dev/null || continue
        "$engine" image inspect "$TEST_IMAGE" >/dev/null 2>&1 && continue
        if ! "$engine" info >/dev/null 2>&1; then
            echo "dev.sh: $engine does not work here; its container tests will be skipped"
            continue
        fi
        engines+=("$engine")
    done
    [ ${#engines[@]} -eq 0 ] && return 0
    local root
    root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    local applet
    for applet in $("$root/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
    done
    tar -C "$root" -cf "$root.tar" .
    for engine in "${engines[@]}"; do
        "$engine" import --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' "$root.tar" "$TEST_IMAGE" >/dev/null
        echo "dev.sh: built $TEST_IMAGE for $engine"
    done
    rm -rf "$root" "$root.tar"
}

# GCC's AddressSanitizer and UndefinedBehaviorSanitizer over the tests of the
# code that parses, stores, executes and serves (CTest label "sanitized", see
# tests/CMakeLists.txt): any report aborts the program, so its test fails.
# Line tables only (-g1): enough for the reports, and a shorter cold build.
build_asan() {
    if [ ! -f "$ASAN_DIR/build.ninja" ]; then
        cmake -S . -B "$ASAN_DIR" "${CONFIGURE[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
            -DCMAKE_CXX_FLAGS="-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
            -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
    fi
    cmake --build "$ASAN_DIR" -j2 --target flotilla_sanitized_tests
}

run_asan_tests() {
    (
        cd "$ASAN_DIR"
        export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
        export LSAN_OPTIONS=suppressions=$PWD/../tests/sanitizers/lsan.supp:print_suppressions=0
        export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        ctest --output-on-failure -j2 -L sanitized
    )
}

# libFuzzer harnesses (tests/fuzz), built with clang.
build_fuzz() {
    if [ ! -f "$FUZZ_DIR/build.ninja" ]; then
        cmake -S . -B "$FUZZ_DIR" "${CONFIGURE[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
            -DFLOTILLA_FUZZ=ON >/dev/null
    fi
    cmake --build "$FUZZ_DIR" -j2 --target flotilla_fuzzers
}

# Each harness for $1 seconds from its checked-in corpus; new inputs go to
# $FUZZ_DIR/corpus, a crash to $FUZZ_DIR/crash-* (keep it in tests/fuzz/corpus/).
run_fuzzers() {
    local seconds=$1 harness failed=0
    for harness in tests/fuzz/corpus/*/; do
        harness=$(basename "$harness")
        [ -x "$FUZZ_DIR/bin/fuzz_$harness" ] || continue
        mkdir -p "$FUZZ_DIR/corpus/$harness"
        echo "dev.sh: fuzzing $harness for ${seconds}s"
        if ! "$FUZZ_DIR/bin/fuzz_$harness" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
            -artifact_prefix="$FUZZ_DIR/" -print_final_stats=1 \
            "$FUZZ_DIR/corpus/$harness" "tests/fuzz/corpus/$harness" >"$FUZZ_DIR/fuzz_$harness.log" 2>&1; then
            tail -n 60 "$FUZZ_DIR/fuzz_$harness.log"
            echo "dev.sh: fuzz_$harness FAILED (log: $FUZZ_DIR/fuzz_$harness.log)"
            failed=1
        fi
        grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$FUZZ_DIR/fuzz_$harness.log" | tail -n 2 || true
    done
    return $failed
}

format_sources() {
    tests/support/checkformat.sh "$(command -v clang-format-14)" --fix
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

# Every main view of the desktop app as PNGs in build/screenshots (and in a dark
# palette in build/screenshots/dark), under Xvfb.
screenshots() {
    xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/bin/screenshots" "$BUILD_DIR/screenshots"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/bin/screenshots" --dark "$BUILD_DIR/screenshots/dark"
}

package() {
    (cd "$BUILD_DIR" && cpack)
}

run_tests() {
    (cd "$BUILD_DIR" && ctest --output-on-failure -j2)
}

# Runs "$@" and says how long it took: the cold time of ./dev.sh test is a
# figure in the README, and these lines show where it goes.
timed() {
    local start=$SECONDS
    "$@"
    echo "dev.sh: $1 took $((SECONDS - start)) s"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
    run) install_packages; start_docker; build_test_image; build; run "$@" ;;
    test)
        trap stop_docker EXIT
        timed install_packages; timed start_docker; timed build_test_image; timed build; timed run_tests
        timed build_asan; timed run_asan_tests
        timed build_fuzz; timed run_fuzzers 20
        echo "dev.sh: all tests passed in $SECONDS s"
        ;;
    build) install_packages; build ;;
    bench) install_packages; build; "$BUILD_DIR/bin/bench_controlplane"; "$BUILD_DIR/bin/bench_runs"; "$BUILD_DIR/bin/bench_runlistmodel"; "$BUILD_DIR/bin/bench_logview"
           "$BUILD_DIR/bin/bench_logview" --e2e; "$BUILD_DIR/bin/bench_sampling" ;;
    package) install_packages; build; package ;;
    screenshots) install_packages; build; screenshots ;;
    soak) install_packages; build; "$BUILD_DIR/bin/soak" --kills 20 "$@" ;;
    fuzz) install_packages; build_fuzz; run_fuzzers "${1:-600}" ;;
    format) install_packages; format_sources ;;
    *)
        echo "usage: ./dev.sh run|test|build|bench|package|screenshots|soak|fuzz [SECONDS]|format" >&2
        exit 2
        ;;
esac
