#!/usr/bin/env bash
# Development keys and tokens for running the server with security on, on one machine (README, "Security").
#   scripts/dev-token.sh keys                         create dev-keys/ and print the server arguments
#   scripts/dev-token.sh fhir --scope 'user/*.cruds'  an access token for /fhir (also --patient ID, --sub U)
#   scripts/dev-token.sh cds http://localhost:8080/cds-services/stemirac-patient-view   a CDS client JWT for one call
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile exec:java@dev-token -Dexec.args="$*"
