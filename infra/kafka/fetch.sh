#!/usr/bin/env bash
# Fetches the Kafka broker jars from Maven Central into infra/kafka/.libs (git-ignored). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$here/.libs/.fetched-$(sha1sum "$here/pom.xml" | cut -c1-12)"
[ -f "$stamp" ] && exit 0
rm -rf "$here/.libs"
echo "[kafka] fetching broker jars from Maven Central (mvn dependency:copy-dependencies)"
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$here/.libs" -DincludeScope=runtime
touch "$stamp"
