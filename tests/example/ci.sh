#!/usr/bin/env bash
# The example project through its documented commands: build, check, install into a staging
# tree, package as a system extension and a .deb, read both back with systemd's and dpkg's
# tools, uninstall. Run from anywhere; `.ci/run` calls it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/example}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$here"

cargo build --locked -q
cargo fmt --check
units="$CARGO_TARGET_DIR/debug/notesd-units"
fail() { echo "example: $*" >&2; exit 1; }

echo "== example: check"
"$units" check
"$units" check --message-format json > "$scratch/findings.json"
[ ! -s "$scratch/findings.json" ] || fail "findings in a sound family: $(cat "$scratch/findings.json")"
printf '[Service]\nType=notifyy\nExecStart=/bin/true\n' > "$scratch/bad.service"
if "$units" check --message-format json "$scratch/bad.service" > "$scratch/bad.json" 2>/dev/null; then
    fail "check passed a unit with \`Type=notifyy\`"
fi
grep -q '"rule":"value","unit":"bad.service",.*"line":2,"column":6' "$scratch/bad.json" \
    || fail "unexpected finding: $(cat "$scratch/bad.json")"

echo "== example: install"
"$units" install --destdir "$scratch/dest" --statedir /srv/notes
[ -f "$scratch/dest/usr/lib/systemd/system/notesd.service" ] || fail "notesd.service not installed"
grep -q -- '--data /srv/notes' "$scratch/dest/usr/lib/systemd/system/notesd.service" \
    || fail "--statedir did not reach notesd.service"
if command -v systemctl >/dev/null; then
    systemctl --root="$scratch/dest" preset-all
    [ "$(systemctl --root="$scratch/dest" is-enabled notesd.socket)" = enabled ] \
        || fail "the preset did not enable notesd.socket"
fi

echo "== example: package"
"$units" package --format sysext --out "$scratch/ext"
grep -qx 'ID=_any' "$scratch/ext/notesd/usr/lib/extension-release.d/extension-release.notesd" \
    || fail "no ID=_any in the extension-release file"
if command -v systemctl >/dev/null; then
    # Whole outputs first: `grep -q` stops reading at its match, and under `pipefail` the
    # writer's broken pipe would fail the pipeline.
    systemctl --root="$scratch/ext/notesd" list-unit-files 'notesd*' --no-legend > "$scratch/ext.list"
    grep -q notesd.socket "$scratch/ext.list" \
        || fail "systemctl does not see the extension's units"
fi
if command -v dpkg-deb >/dev/null; then
    "$units" package --format deb --out "$scratch/deb" --maintainer "notesd team <notesd@example.org>"
    dpkg-deb --contents "$scratch/deb/notesd_0.3.0_all.deb" > "$scratch/deb.list"
    grep -q './usr/lib/systemd/system/notesd.socket' "$scratch/deb.list" \
        || fail "notesd.socket missing from the .deb"
fi

echo "== example: uninstall"
"$units" uninstall --destdir "$scratch/dest"
[ ! -e "$scratch/dest/usr/lib/systemd/system/notesd.service" ] || fail "uninstall left notesd.service"
[ -z "$(find "$scratch/dest" -type f)" ] || fail "uninstall left files: $(find "$scratch/dest" -type f)"
echo "example: built, checked, installed, packaged, uninstalled"
