#!/bin/sh
# Downloads the Debian bookworm packages listed in tests/corpus/packages.txt with
# `apt-get download`, unpacks them, and lists the unit files they ship with their source package.
#
#   tests/corpus/fetch.sh [CACHE_DIR]        (default: target/corpus)
#
# Writes CACHE_DIR/units.tsv: one line per unit file or drop-in, `source<TAB>package<TAB>path`.
# Downloads are kept in CACHE_DIR/debs, so a second run fetches only what is missing;
# CORPUS_OFFLINE=1 only unpacks and lists what is already there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-$here/../../target/corpus}
mkdir -p "$cache/debs" "$cache/root"
cache=$(cd "$cache" && pwd)
# The apt state is the corpus's own (CORPUS_APT_DIR to put it elsewhere), never the host's.
scratch=${CORPUS_APT_DIR:-$cache/apt}
mkdir -p "$scratch/apt/lists/partial" "$scratch/apt/cache/archives/partial"
echo "deb http://deb.debian.org/debian bookworm main" > "$scratch/srcs.list"
APTOPT="-o Dir::Etc::SourceList=$scratch/srcs.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$scratch/apt/lists -o Dir::Cache=$scratch/apt/cache -o APT::Sandbox::User=root"

cd "$cache/debs"
# One apt-get for all packages: each run spends most of its time reading the package lists.
# A name apt cannot find in bookworm would stop the whole download, so a first dry run
# (`--print-uris`) finds those, and they are reported and left out.
if [ -z "${CORPUS_OFFLINE:-}" ]; then
    # shellcheck disable=SC2086
    ls "$scratch"/apt/lists/*bookworm*Packages* >/dev/null 2>&1 || apt-get $APTOPT -q update >/dev/null
    want=""
    for pkg in $(grep -v '^#' "$here/packages.txt"); do
        ls "${pkg}"_*.deb >/dev/null 2>&1 || want="$want $pkg/bookworm"
    done
    if [ -n "$want" ]; then
        # shellcheck disable=SC2086
        apt-get $APTOPT -q --print-uris download $want 2>"$cache/apt-errors.txt" >/dev/null || true
        missing=$(sed -n "s/^E: Unable to locate package \(.*\)$/\1/p; s/^E: Release 'bookworm' for '\(.*\)' was not found$/\1/p; s/^E: Can't select candidate version from package \(.*\) as it has no candidate$/\1/p" "$cache/apt-errors.txt" | sort -u)
        for pkg in $missing; do
            want=$(echo "$want" | tr ' ' '\n' | grep -vx "$pkg/bookworm" | tr '\n' ' ')
        done
        [ -z "$missing" ] || echo "not in bookworm (skipped):" $missing >&2
        # shellcheck disable=SC2086
        [ -z "$(echo $want)" ] || apt-get $APTOPT -q download $want >/dev/null
    fi
fi

: > "$cache/units.tsv.new"
for deb in "$cache"/debs/*.deb; do
    pkg=$(dpkg-deb -f "$deb" Package)
    src=$(dpkg-deb -f "$deb" Source | cut -d' ' -f1)
    [ -n "$src" ] || src=$pkg
    dir="$cache/root/$pkg"
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir.tmp" && dpkg-deb -x "$deb" "$dir.tmp" && mv "$dir.tmp" "$dir"
    fi
    for base in lib/systemd/system usr/lib/systemd/system usr/lib/systemd/user etc/systemd/system etc/systemd/user; do
        [ -d "$dir/$base" ] || continue
        find "$dir/$base" \( -type f -o -type l \) \( -name '*.service' -o -name '*.socket' \
            -o -name '*.target' -o -name '*.timer' -o -name '*.path' -o -name '*.mount' \
            -o -name '*.automount' -o -name '*.swap' -o -name '*.slice' -o -name '*.conf' \) |
            sort | while read -r f; do printf '%s\t%s\t%s\n' "$src" "$pkg" "$f"; done
    done >> "$cache/units.tsv.new"
done
mv "$cache/units.tsv.new" "$cache/units.tsv"
echo "$(wc -l < "$cache/units.tsv") unit files and drop-ins from $(cut -f1 "$cache/units.tsv" | sort -u | wc -l) source packages in $cache/units.tsv"
