#!/usr/bin/env bash
# Checks the bash, zsh and fish completion scripts against the real bmc binary on a temporary
# database, and that the manual page has a section for every command bmc has.
#   tests/shell/completions.sh BMC SOURCE_DIR
set -euo pipefail
bmc=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/bmc.db
"$bmc" --db "$db" --today 2026-11-22 add "Ada Lovelace" >/dev/null
"$bmc" --db "$db" --today 2026-11-22 add "Grace Hopper" >/dev/null
failures=0
expect() { # WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    printf 'FAIL: %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3" >&2
    failures=$((failures + 1))
  fi
}

# --- bash: run the completion function with COMP_WORDS as bash would set them.
bash_complete() {
  bash -c '
    source "$1/scripts/completions/bmc.bash"
    shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _bmc
    printf "%s\n" "${COMPREPLY[@]}"' _ "$src" "$@"
}
expect "bash: commands" "log" "$(bash_complete "$bmc" lo)"
expect "bash: config subcommands" "set" "$(bash_complete "$bmc" config s)"
expect "bash: names, quoted" 'Grace\ Hopper' "$(bash_complete "$bmc" --db "$db" log G)"
expect "bash: every name" $'Ada\\ Lovelace\nGrace\\ Hopper' "$(bash_complete "$bmc" --db "$db" show "")"
expect "bash: option values" $'coffee\ncall' "$(bash_complete "$bmc" --db "$db" log Ada --via c)"
expect "bash: options" "--within" "$(bash_complete "$bmc" due --wi)"
expect "bash: no names for a free-text value" "" "$(bash_complete "$bmc" --db "$db" log Ada --note "")"
expect "bash: names after a value" 'Grace\ Hopper' "$(bash_complete "$bmc" --db "$db" log Ada --note hi Gr)"

# --- zsh: run _bmc with the completion builtins replaced by stubs that print the candidates.
if ! command -v zsh >/dev/null; then
  echo "FAIL: zsh is not installed (scripts/install-deps installs it)" >&2
  failures=$((failures + 1))
else
  zsh_complete() {
    zsh -f -c '
      compadd() { if [[ $1 == -a ]]; then print -rl -- ${(P)2}; else print -rl -- "$@"; fi }
      _describe() { print -rl -- ${(P)4}; }
      _files() { print -r -- "<files>"; }
      source "$1/scripts/completions/_bmc" >/dev/null 2>&1 || true
      shift
      words=("$@"); CURRENT=${#words}
      _bmc' _ "$src" "$@"
  }
  expect "zsh: config subcommands" $'list:List every setting and its value\nget:Print one setting'"'"$'s value\nset:Change a setting; due dates follow at once' \
    "$(zsh_complete "$bmc" config s)"
  expect "zsh: names" $'Ada Lovelace\nGrace Hopper' "$(zsh_complete "$bmc" --db "$db" log "")"
  expect "zsh: strengths" $'strong\nmedium\nweak' "$(zsh_complete "$bmc" add X -s "")"
  expect "zsh: files for import" "<files>" "$(zsh_complete "$bmc" import "")"
  expect "zsh: due options" "--within:Also list people due within this time, e.g. 7d or 2w" \
    "$(zsh_complete "$bmc" due --w | grep -- '^--within')"
fi

# --- fish: ask fish itself what it would complete.
if ! command -v fish >/dev/null; then
  echo "FAIL: fish is not installed (scripts/install-deps installs it)" >&2
  failures=$((failures + 1))
else
  fish_complete() {
    PATH="$(dirname "$bmc"):$PATH" fish --no-config -c \
      'source $argv[1]/scripts/completions/bmc.fish; complete -C $argv[2]' "$src" "$1"
  }
  expect "fish: commands" $'log\tLog a conversation with one or more people' "$(fish_complete "bmc lo")"
  expect "fish: names" $'Ada Lovelace\nGrace Hopper' "$(fish_complete "bmc --db $db show ")"
  expect "fish: names by prefix" "Grace Hopper" "$(fish_complete "bmc --db $db log Ada G")"
  expect "fish: channels" $'call\ncoffee' "$(fish_complete "bmc --db $db log Ada --via c")"
fi

# --- The manual page has a `.SS` section for every command.
for cmd in $("$bmc" _commands | cut -f1); do
  if ! grep -q "^\.SS \"$cmd\b" "$src/docs/bmc.1"; then
    echo "FAIL: docs/bmc.1 has no section for 'bmc $cmd'" >&2
    failures=$((failures + 1))
  fi
done

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "completions and manual page: all checks passed"
