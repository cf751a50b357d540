#!/usr/bin/env bash
# Installs everything Hover needs on a fresh Debian 12 machine (as root). Idempotent:
# it only calls apt-get when a package is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build clang clang-format libclang-rt-14-dev git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  nlohmann-json3-dev libspdlog-dev libcli11-dev libpugixml-dev libphonenumber-dev
  libsodium-dev libical-dev libmstch-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core
  libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev curl wrk ca-certificates
  chromium fonts-dejavu-core
  python3 poppler-utils python3-vobject
  python3-icalendar  # io/ical tests: a second iCalendar parser over the feed (/usr/bin/python3)
)
packages+=(nginx-light)  # bench/web_wrk.sh compares Hover with nginx serving a static file
packages+=(valgrind)     # bench/web_callgrind.sh counts instructions per request

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${#missing[@]} missing packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -q "${missing[@]}"
else
  echo "bootstrap: all packages present"
fi

# Front-end assets (Pico CSS, htmx) and the browser-test and OpenAPI tools, at the exact versions
# of package-lock.json. Node.js and npm come with the base image (never apt's npm: STACK.md).
# Reinstalled only when the lock file changed. No browser is downloaded: the browser tests drive
# Debian's chromium.
cd "$(dirname "$0")/.."
if ! cmp -s package-lock.json node_modules/.hover-lock 2>/dev/null; then
  echo "bootstrap: npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.hover-lock
fi
