# Sourced by the operator wrappers: finds the axonflow CLI and runs one sub-command with the wrapper's arguments.
# Order: $AXONFLOW_BIN (a path to an executable), the repository launcher next to these scripts, an installed axonflow.
axonflow_exec() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ -n "${AXONFLOW_BIN:-}" ]]; then
    exec "$AXONFLOW_BIN" "$@"
  elif [[ -x "$root/axonflow" && -d "$root/src/AxonFlow.Cli" ]]; then
    exec "$root/axonflow" "$@"
  elif command -v axonflow >/dev/null 2>&1; then
    exec axonflow "$@"
  fi
  echo "$(basename "$0"): no axonflow CLI found: set AXONFLOW_BIN, run from a repository checkout, or put axonflow on PATH" >&2
  exit 1
}
