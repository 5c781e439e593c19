#!/usr/bin/env bash
# Maintainer tool: re-vendor the front-end libraries served from
# src/opentenge/web/static/vendor/ (no CDN, no network at run time).
# Not run by the build. Needs node + npm and access to the npm registry.
#
# To upgrade: bump the pinned versions below, run this script, then update
# the versions and sha256 values in static/vendor/VENDORED.md.
set -euo pipefail

ECHARTS_VERSION="5.6.0"
HTMX_VERSION="2.0.11"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${repo_root}/src/opentenge/web/static/vendor"

tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT

(
  cd "${tmp}"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts --save-exact \
    "echarts@${ECHARTS_VERSION}" "htmx.org@${HTMX_VERSION}" >/dev/null
)

nm="${tmp}/node_modules"
for pkg_ver in "echarts:${ECHARTS_VERSION}" "htmx.org:${HTMX_VERSION}"; do
  pkg="${pkg_ver%%:*}"; want="${pkg_ver#*:}"
  got="$(node -p "require('${nm}/${pkg}/package.json').version")"
  if [[ "${got}" != "${want}" ]]; then
    echo "error: ${pkg} installed ${got}, expected ${want}" >&2
    exit 1
  fi
done

mkdir -p "${dest}"
install -m 0644 "${nm}/echarts/dist/echarts.min.js" "${dest}/echarts.min.js"
install -m 0644 "${nm}/echarts/LICENSE"             "${dest}/echarts.LICENSE.txt"
if [[ -f "${nm}/echarts/NOTICE" ]]; then
  install -m 0644 "${nm}/echarts/NOTICE"            "${dest}/echarts.NOTICE.txt"
fi
install -m 0644 "${nm}/htmx.org/dist/htmx.min.js"   "${dest}/htmx.min.js"
install -m 0644 "${nm}/htmx.org/LICENSE"            "${dest}/htmx.LICENSE.txt"

echo "echarts ${ECHARTS_VERSION}, htmx.org ${HTMX_VERSION} -> ${dest}"
cd "${dest}"
files=(echarts.min.js echarts.LICENSE.txt htmx.min.js htmx.LICENSE.txt)
[[ -f echarts.NOTICE.txt ]] && files+=(echarts.NOTICE.txt)
sha256sum "${files[@]}"
