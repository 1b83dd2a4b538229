#!/usr/bin/env bash
# Installs the Debian packages feedwatch builds against, if any is missing. Safe to run again.
set -euo pipefail

packages=(libxml2-dev libcurl4-openssl-dev libsqlite3-dev libpq-dev pkg-config)
# --tests: also the real programs the tests start: an SMTP server (the email sink), a JSON Schema
# validator (the configuration and digest schemas), headless Chromium
# (the HTML digest), systemd-analyze (the unit file) and a PostgreSQL server (the PostgreSQL store).
# --bench: also the peers the benchmarks run beside feedwatch.
for arg in "$@"; do
  case "$arg" in
    --tests) packages+=(python3 python3-aiosmtpd python3-jsonschema chromium fonts-dejavu-core systemd postgresql) ;;
    --bench) packages+=(newsboat sfeed hyperfine time) ;;
    *) echo "install-deps.sh: unknown option $arg (known: --tests, --bench)" >&2; exit 64 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "feedwatch: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "feedwatch: the Swift toolchain (6.0 or later) is not on PATH; see https://www.swift.org/install/linux/" >&2
  exit 1
fi
