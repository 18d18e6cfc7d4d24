#!/bin/sh
# Runs a command with a throwaway, unlocked gnome-keyring as the Secret
# Service, for the keychain tests. Run as:
#   dbus-run-session -- sh with-keyring.sh COMMAND [ARGS]
set -e
XDG_RUNTIME_DIR=$(mktemp -d)
HOME=$(mktemp -d)
export XDG_RUNTIME_DIR HOME
trap 'rm -rf "$XDG_RUNTIME_DIR" "$HOME"' EXIT
printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
"$@"
