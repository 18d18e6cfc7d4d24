#!/usr/bin/env bash
# The .desktop file and the AppStream metainfo pass their validators, name one
# app id, and the metainfo lists the project's version as a release.
#   tst_desktopfiles.sh RESOURCES_DIR APP_ID VERSION
set -euo pipefail
resources=$1 app_id=$2 version=$3
desktop=$resources/$app_id.desktop
metainfo=$resources/$app_id.metainfo.xml
failed=0
fail() { echo "FAIL: $*"; failed=1; }

for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing; ./dev.sh build installs it"; exit 1; }
done

# Hints count too: the file should say nothing a validator would remark on.
report=$(desktop-file-validate "$desktop" 2>&1) || true
[ -z "$report" ] || fail "desktop-file-validate $desktop: $report"
appstreamcli validate --no-net --strict "$metainfo" || fail "appstreamcli validate $metainfo (see above)"

grep -qx "Icon=$app_id" "$desktop" || fail "$desktop: Icon= is not $app_id"
# %u: a flotilla:// link clicked elsewhere comes as the argument (single-instance hands it over).
grep -qx "Exec=flotilla-desktop %u" "$desktop" || fail "$desktop: Exec= is not flotilla-desktop %u"
grep -qx "MimeType=x-scheme-handler/flotilla;" "$desktop" \
    || fail "$desktop: MimeType= does not register the flotilla:// scheme (x-scheme-handler/flotilla)"
grep -q "<id>$app_id</id>" "$metainfo" || fail "$metainfo: <id> is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    || fail "$metainfo: the launchable is not $app_id.desktop"
grep -q "<release version=\"$version\"" "$metainfo" \
    || fail "$metainfo: no <release version=\"$version\"> for the project's version; add one with its date"

[ "$failed" -eq 0 ] && echo "PASS: $desktop and $metainfo"
exit "$failed"
