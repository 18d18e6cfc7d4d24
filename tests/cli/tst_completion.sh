#!/usr/bin/env bash
# `flotilla completion bash|zsh|fish` in each shell: the scripts complete
# commands, options, profile names, and the aliases and run ids of a real
# flotilla-local, driven as each shell's completion drives them.
#   tst_completion.sh BIN_DIR
set -euo pipefail
bin=$1
work=$(mktemp -d)
local_pid=
cleanup() {
    [ -n "$local_pid" ] && kill "$local_pid" 2>/dev/null && wait "$local_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
export PATH="$bin:$PATH" XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data

"$bin/flotilla-local" --listen 127.0.0.1:0 --data-dir "$work/local" --no-token >"$work/local.log" 2>&1 &
local_pid=$!
for _ in $(seq 300); do
    grep -q '^listening on ' "$work/local.log" && break
    kill -0 "$local_pid" 2>/dev/null || { cat "$work/local.log"; echo "FAIL: flotilla-local exited"; exit 1; }
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/local.log")
[ -n "$url" ] || { cat "$work/local.log"; echo "FAIL: flotilla-local did not say where it listens"; exit 1; }

exec 3>"$work/setup.log"
flotilla --server "$url" create --alias completion-hello --image alpine --command true >&3 2>&3
flotilla --server "$url" create --alias other-job --image alpine --command true >&3 2>&3
run_id=$(flotilla --server "$url" --output json launch completion-hello --cluster local --owner tester 2>&3 \
    | sed -n 's/^  "run_id": "\(.*\)",$/\1/p')
[ -n "$run_id" ] || fail "no run was launched"
flotilla profiles add ci-profile "$url" >&3 2>&3

# Each LINE (the cursor at its end) and the words the completion offers, one
# a line, sorted: bash through COMP_LINE/COMP_WORDS and compgen, zsh through
# words/CURRENT with compadd caught, fish with its own `complete -C`.
cat >"$work/drive.bash" <<'DRIVE'
source "$1"
spec=$(complete -p flotilla)
[[ $spec == *"-F _flotilla "* ]] || { echo "not registered: $spec"; exit 1; }
while IFS= read -r line; do
    COMP_LINE=$line COMP_POINT=${#line}
    read -ra COMP_WORDS <<<"$line"
    [[ $line == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _flotilla
    printf '%s => %s\n' "$line" "$(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' ')"
done
DRIVE
cat >"$work/drive.zsh" <<'DRIVE'
registered=
compdef() { registered="$*"; }
# compadd offers what starts with the word being completed, as zsh's does.
compadd() {
    [[ $1 == -- ]] && shift
    local word
    for word in "$@"; do [[ $word == "${words[CURRENT]}"* ]] && print -r -- $word; done
}
_files() { print -r -- FILES; }
source "$1"
[[ $registered == "_flotilla flotilla" ]] || { print "not registered: $registered"; exit 1; }
while IFS= read -r line; do
    words=(${(z)line})
    [[ $line == *' ' ]] && words+=('')
    CURRENT=${#words}
    print -r -- "$line => $(_flotilla | sort | paste -sd' ')"
done
DRIVE
cat >"$work/drive.fish" <<'DRIVE'
source $argv[1]
while read -l line
    echo "$line => "(complete -C "$line" | cut -f1 | sort | paste -sd' ')
end
DRIVE
lines=(
    "flotilla defin"
    "flotilla --server $url definition comp"
    "flotilla --server $url launch --cluster local "
    "flotilla --server $url run "
    "flotilla create --from"
    "flotilla --profile ci"
    "flotilla completion "
    "flotilla help exp"
)
flotilla completion bash >"$work/flotilla.bash"
printf '%s\n' "${lines[@]}" | bash --norc --noprofile -i "$work/drive.bash" "$work/flotilla.bash" \
    >"$work/out.bash" 2>"$work/err.bash" || { cat "$work/out.bash" "$work/err.bash"; fail "the completion failed in bash -i"; }
for shell in zsh fish; do
    flotilla completion "$shell" >"$work/flotilla.$shell" || fail "flotilla completion $shell exited $?"
    if ! command -v "$shell" >/dev/null; then
        echo "SKIP: $shell is not installed (./dev.sh installs it)"
        continue
    fi
    case $shell in
        zsh) runner=(zsh -f) ;;
        fish) runner=(fish --no-config) ;;
    esac
    printf '%s\n' "${lines[@]}" | "${runner[@]}" "$work/drive.$shell" "$work/flotilla.$shell" \
        >"$work/out.$shell" 2>"$work/err.$shell" \
        || { cat "$work/out.$shell" "$work/err.$shell"; fail "the completion failed in $shell"; }
done
expect() {
    local out
    for out in "$work"/out.*; do
        grep -qxF "$1 => $2" "$out" \
            || fail "${out##*.}: \"$1\" completes to \"$(grep -F "$1 => " "$out" | sed 's/^.* => //')\", not \"$2\""
    done
}
cat "$work"/out.*
expect "flotilla defin" "definition definitions"
expect "flotilla --server $url definition comp" "completion-hello"
# hello-flotilla is the example a new control plane has.
expect "flotilla --server $url launch --cluster local " "completion-hello hello-flotilla other-job"
expect "flotilla --server $url run " "$run_id"
expect "flotilla create --from" "--from-file"
expect "flotilla --profile ci" "ci-profile"
expect "flotilla completion " "bash fish zsh"
expect "flotilla help exp" "export"
flotilla completion tcsh >/dev/null 2>&1 && fail "completion tcsh succeeded"

[ "$failed" -eq 0 ] && echo "PASS: bash, zsh and fish complete commands, options, profiles, aliases and run ids"
exit "$failed"
