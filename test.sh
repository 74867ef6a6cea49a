#!/usr/bin/env bash
# Runs every test (unit, integration on SQLite and PostgreSQL, browser) after installing what they need and is
# missing on a Debian machine: PostgreSQL's server binaries, Chromium, the delivery PDF's fonts, Node.js for axe-core.
# Arguments go to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Signing").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }

packages=()
# PostgreSQL server binaries: the integration tests start and remove a throwaway cluster with initdb and pg_ctl.
if ! command -v initdb >/dev/null && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    packages+=(postgresql)
fi
# Debian's Chromium for the browser tests (no browser download is possible), with the fonts it recommends so that
# text lays out as on a desktop.
[[ -x /usr/bin/chromium ]] || packages+=(chromium)
dpkg -s fonts-liberation >/dev/null 2>&1 || packages+=(fonts-liberation)
# The delivery PDF's fonts, which an operator installs too (docs/delivery.md): Noto Sans for Latin, Greek, Cyrillic,
# Arabic, Hebrew, Devanagari and the other scripts of fonts-noto-core; CJK; colour emoji. Poppler's pdftoppm paints
# the PDF in the tests, to check that every name is drawn.
for package in fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils; do
    dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
done
# Node.js and npm install axe-core for the browser tests' accessibility checks.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

if ((${#packages[@]} > 0)); then
    if ((EUID != 0)) && ! command -v sudo >/dev/null; then
        echo "test.sh: the tests need ${packages[*]}; install them as root (apt-get install ${packages[*]})" >&2
        exit 1
    fi
    as_root=()
    ((EUID == 0)) || as_root=(sudo)
    echo "test.sh: installing ${packages[*]}"
    "${as_root[@]}" apt-get update
    "${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi

dotnet tool restore
exec dotnet test Undersigned.slnx "$@"
