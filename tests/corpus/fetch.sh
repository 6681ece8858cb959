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
scratch=${CORPUS_APT_DIR:-/work/scratch}
APTOPT="-o Dir::Etc::SourceList=$scratch/srcs.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$scratch/apt/lists -o Dir::Cache=$scratch/apt/cache"

cd "$cache/debs"
[ -n "${CORPUS_OFFLINE:-}" ] || {
# Several downloads at once: each apt-get spends most of its time reading the package lists.
grep -v '^#' "$here/packages.txt" | xargs -P "${CORPUS_JOBS:-6}" -n 1 sh -c '
    ls "$1"_*.deb >/dev/null 2>&1 && exit 0
    apt-get $0 -q download "$1/bookworm" >/dev/null 2>&1 || echo "not in bookworm (skipped): $1" >&2
' "$APTOPT"
}

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
