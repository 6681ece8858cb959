#!/bin/sh
# Runs this machine's systemd-fstab-generator, systemd-cryptsetup-generator and
# systemd-getty-generator on the inputs in tests/corpus/generators/ (an fstab, a crypttab and a
# kernel command line), each into OUT_DIR/<generator>/{normal,early,late}, as systemd runs them
# at boot. Their units, drop-ins and `.wants`/`.requires` links join the corpus.
#
#   tests/corpus/generate.sh OUT_DIR [ROOT]
#
# With ROOT (a release unpacked by fetch-257.sh), that release's generators run instead, with
# its own loader and libraries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gen=/lib/systemd/system-generators
run=""
if [ -n "${2:-}" ]; then
    root=$(cd "$2" && pwd)
    gen=$root/usr/lib/systemd/system-generators
    run="$root/usr/lib64/ld-linux-x86-64.so.2 --library-path $root/usr/lib/x86_64-linux-gnu:$root/usr/lib/x86_64-linux-gnu/systemd"
fi
# The generators refuse a path with `..` in it.
rm -rf "$1"
mkdir -p "$1"
out=$(cd "$1" && pwd)
for g in fstab cryptsetup getty; do
    bin=$gen/systemd-$g-generator
    [ -f "$bin" ] || { echo "$bin is missing" >&2; exit 1; }
    dir=$out/systemd-$g-generator
    mkdir -p "$dir/normal" "$dir/early" "$dir/late"
    SYSTEMD_FSTAB=$here/generators/fstab SYSTEMD_CRYPTTAB=$here/generators/crypttab \
        SYSTEMD_PROC_CMDLINE=$(cat "$here/generators/cmdline") SYSTEMD_IN_INITRD=0 \
        SYSTEMD_LOG_LEVEL=warning \
        $run "$bin" "$dir/normal" "$dir/early" "$dir/late"
done
find "$out" \( -type f -o -type l \) | wc -l
