#!/bin/sh
# Compare the project's kernel fixtures (fixtures/kernel-6.18) with `ksm-sim run --trace`,
# with fixture-check.py's rules (steps, counters, ksm_stat, normalised trace).
# Usage (from anywhere, after `npx -y pnpm@10 run build`):
#   sh tools/fixture-check-project.sh [--backend B] [--content C] [NAME...]
# Exit 0 when every fixture matches exactly.
cd "$(dirname "$0")/.." || exit 2
flags=""
while [ $# -gt 0 ]; do
  case "$1" in
    --backend|--content) flags="$flags $1 $2"; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then set -- $(cd fixtures/scenarios && ls *.json | sed 's/\.json$//'); fi
tmp=$(mktemp -d); ok=0; n=0
for name in "$@"; do
  n=$((n + 1))
  if ! node packages/cli/dist/ksm-sim.js run "fixtures/scenarios/$name.json" --trace $flags > "$tmp/$name.json" 2> "$tmp/err"; then
    echo "  $name: no result document: $(tail -c 200 "$tmp/err")"; continue
  fi
  if out=$(node packages/cli/dist/ksm-sim.js compare "fixtures/kernel-6.18/$name.json" "$tmp/$name.json" --trace); then
    ok=$((ok + 1))
  else
    echo "  $name: $(echo "$out" | head -1)"
  fi
done
rm -rf "$tmp"
echo "project kernel fixtures matching exactly: $ok/$n"
[ "$ok" -eq "$n" ]
