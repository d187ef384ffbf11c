#!/usr/bin/env bash
# Before you regenerate your client from a newer alteryx-jobs-api bundle: what does the upgrade break?
# Copy this file into your repository; docs/regenerating.md of alteryx-jobs-api explains it.
#
#   check-upgrade.sh PINNED NEW
#
# PINNED, NEW: a bundle file (openapi.yaml), or npm:<spec> for the bundle inside a published package
# (npm:alteryx-jobs-api@0.3.0; any spec `npm pack` takes). Exit 0: nothing at or above FAIL_ON; 1: there is (the
# report says what); 2: a usage error, or no bundle where one was named.
#
# Environment:
#   FAIL_ON=major           fail on changes of this impact or higher (major | minor | patch | none)
#   DIFF_CONFIG=FILE        a Redocly config with your diff rules; without it, Redocly's diff-recommended rules
#                           (the strict reading: a response enum gaining a value is major, right for closed enums)
#   REPORT=FILE             also write the report as markdown (for a pull request comment)
#   REDOCLY_CLI_VERSION     the Redocly CLI to run (default 2.77.0, the one alteryx-jobs-api's own gate uses)
set -euo pipefail

if [ "$#" -ne 2 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
FAIL_ON="${FAIL_ON:-major}"
REDOCLY=(npx --yes "@redocly/cli@${REDOCLY_CLI_VERSION:-2.77.0}")
export REDOCLY_TELEMETRY=off NO_UPDATE_NOTIFIER=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# bundle ARG NAME: prints the path of the bundle ARG names (a file, or the one inside an npm package).
bundle() {
  case "$1" in
    npm:*)
      mkdir -p "$work/$2"
      local tarball
      tarball=$(cd "$work/$2" && npm pack --silent --ignore-scripts "${1#npm:}" | tail -n 1) || {
        echo "check-upgrade: npm pack ${1#npm:} failed" >&2
        return 2
      }
      tar -xzf "$work/$2/$tarball" -C "$work/$2"
      local file="$work/$2/package/generated/openapi.yaml"
      [ -f "$file" ] || { echo "check-upgrade: ${1#npm:} has no generated/openapi.yaml" >&2; return 2; }
      echo "$file"
      ;;
    *)
      [ -f "$1" ] || { echo "check-upgrade: no file $1" >&2; return 2; }
      echo "$1"
      ;;
  esac
}

pinned=$(bundle "$1" pinned) || exit 2
new=$(bundle "$2" new) || exit 2

# Your own redocly.yaml may hold only lint rules: without diff rules Redocly rates every break minor. So the
# rules come from DIFF_CONFIG or from a config that extends diff-recommended, never from whatever is around.
config="${DIFF_CONFIG:-$work/redocly-diff.yaml}"
[ -n "${DIFF_CONFIG:-}" ] || printf 'extends:\n  - diff-recommended\n' >"$config"

status=0
"${REDOCLY[@]}" diff "$pinned" "$new" --config "$config" --fail-on "$FAIL_ON" 2>"$work/stderr" || status=$?
grep -v '[║╔╚]' "$work/stderr" >&2 || true
if grep -q 'No diff rules are on' "$work/stderr"; then
  echo "check-upgrade: $config turns no diff rule on, so nothing was checked" >&2
  exit 2
fi
if [ -n "${REPORT:-}" ]; then
  "${REDOCLY[@]}" diff "$pinned" "$new" --config "$config" --fail-on none --format markdown --output "$REPORT" \
    2>/dev/null
fi
if [ "$status" -ne 0 ]; then
  echo "check-upgrade: the upgrade has changes rated $FAIL_ON or higher. Read the CHANGELOG.md entries between" >&2
  echo "the two versions (each says what to do), adapt your code, then raise your pin." >&2
  exit 1
fi
echo "check-upgrade: no change rated $FAIL_ON or higher; regenerate and run your tests."
