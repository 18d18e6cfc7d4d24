#!/usr/bin/env bash
# format_check: every tracked .cpp/.h is as .clang-format says.
#   checkformat.sh CLANG_FORMAT         list the unformatted files, fail if any
#   checkformat.sh CLANG_FORMAT --fix   reformat them in place
set -euo pipefail
cd "$(dirname "$0")/../.."
clang_format=${1:-}
if [ -z "$clang_format" ] || ! "$clang_format" --version >/dev/null 2>&1; then
    echo "checkformat.sh: clang-format not found; install the Debian package clang-format (./dev.sh does)" >&2
    exit 2
fi

files=()
while IFS= read -r file; do
    files+=("$file")
done < <(git ls-files -- '*.cpp' '*.h')
[ ${#files[@]} -gt 0 ] || { echo "checkformat.sh: no tracked sources found (not a git checkout?)" >&2; exit 2; }

if [ "${2:-}" = --fix ]; then
    "$clang_format" -i "${files[@]}"
    exit 0
fi
unformatted=()
for file in "${files[@]}"; do
    "$clang_format" --dry-run --Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if [ ${#unformatted[@]} -gt 0 ]; then
    printf 'not formatted: %s\n' "${unformatted[@]}"
    echo "fix with: ./dev.sh format   (or: $clang_format -i FILE...)"
    exit 1
fi
echo "checked ${#files[@]} files: all formatted"
