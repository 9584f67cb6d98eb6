#!/usr/bin/env bash
# Pre-upgrade checks (seed 000, step 4): runs `axonflow preflight` with this script's arguments and environment.
# Reads DATABASE_URL (the schema owner) and the hints DEPLOYMENT_KIND, ORG_ID, AXONFLOW_DB_USE_APP_ROLE,
# AXONFLOW_DB_APP_ROLE_URL, AXONFLOW_DB_PLATFORM_ADMIN_URL, DEPLOYMENT_MODE and the worker switches.
# Prints PASS/WARN/FAIL per check; exits 0 when nothing failed, 1 otherwise. Read-only; prints no secret.
#
#   DATABASE_URL=... DEPLOYMENT_KIND=production ORG_ID=acme-corp ./v9_self_hosted_preflight.sh --backup-evidence 'rds:snap-id'
set -euo pipefail
# shellcheck source=../lib-axonflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib-axonflow.sh"
axonflow_exec preflight "$@"
