#!/usr/bin/env bash
# Lints the OpenAPI document with an independent linter, Redocly CLI, and its recommended rules (redocly.yaml).
# Exits non-zero on any error; warnings are printed and counted, not fatal.
#
#   src/local/lint-openapi.sh              the document the last build or test run wrote (target/openapi/openapi.yaml);
#                                          built first (./mvnw package -DskipTests) when missing or older than src/main
#   src/local/lint-openapi.sh FILE         any OpenAPI document
#
# Needs Node.js and npm; the CLI comes from the npm registry at the pinned version (REDOCLY_CLI_VERSION overrides it).
set -euo pipefail
cd "$(dirname "$0")/../.."

version="${REDOCLY_CLI_VERSION:-2.77.0}"
document="${1:-target/openapi/openapi.yaml}"

stale() {
  [[ ! -f "$document" ]] || [[ -n "$(find src/main pom.xml -newer "$document" -print -quit)" ]]
}
if [[ $# -eq 0 ]] && stale; then
  echo "lint-openapi: building the document ($document is missing or older than the sources)" >&2
  ./mvnw -B -q -ntp package -DskipTests
fi
if [[ ! -f "$document" ]]; then
  echo "lint-openapi: no OpenAPI document at $document" >&2
  exit 2
fi

echo "lint-openapi: @redocly/cli@$version lint $document (redocly.yaml: recommended rules)"
npx --yes "@redocly/cli@$version" lint --config redocly.yaml "$document"
