#!/usr/bin/env bash
# Sets and verifies the runtime roles' passwords (seed 000, step 4.5): runs `axonflow provision-app-role`.
# Needs DATABASE_URL (or PGHOST/PGUSER/PGPASSWORD/PGDATABASE) for the schema owner, and APP_ROLE_PASSWORD and
# PLATFORM_ADMIN_PASSWORD, which it never generates or prints. Idempotent; a different password exits 1 unless
# FORCE_RESET=1. Pass --dry-run to see what would change.
set -euo pipefail
# shellcheck source=../lib-axonflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib-axonflow.sh"
axonflow_exec provision-app-role "$@"
