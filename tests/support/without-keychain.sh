#!/bin/sh
# Runs a command where no keychain can be reached (no session bus, no X11
# to autolaunch one), with a throwaway HOME to search for leaked secrets.
set -e
HOME=$(mktemp -d)
trap 'rm -rf "$HOME"' EXIT
unset DISPLAY WAYLAND_DISPLAY
DBUS_SESSION_BUS_ADDRESS="unix:path=$HOME/no-bus"
FLOTILLA_TEST_NO_KEYCHAIN=1
export HOME DBUS_SESSION_BUS_ADDRESS FLOTILLA_TEST_NO_KEYCHAIN
"$@"
