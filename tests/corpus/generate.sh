#!/bin/sh
# Runs this machine's systemd-fstab-generator, systemd-cryptsetup-generator and
# systemd-getty-generator on the inputs in tests/corpus/generators/ (an fstab, a crypttab and a
# kernel command line), each into OUT_DIR/<generator>/{normal,early,late}, as systemd runs them
# at boot. Their units, drop-ins and `.wants`/`.requires` links join the corpus.
#
#   tests/corpus/generate.sh OUT_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gen=/lib/systemd/system-generators
# The generators refuse a path with `..` in it.
rm -rf "$1"
mkdir -p "$1"
out=$(cd "$1" && pwd)
for g in fstab cryptsetup getty; do
    bin=$gen/systemd-$g-generator
    [ -x "$bin" ] || { echo "$bin is missing" >&2; exit 1; }
    dir=$out/systemd-$g-generator
    mkdir -p "$dir/normal" "$dir/early" "$dir/late"
    SYSTEMD_FSTAB=$here/generators/fstab SYSTEMD_CRYPTTAB=$here/generators/crypttab \
        SYSTEMD_PROC_CMDLINE=$(cat "$here/generators/cmdline") SYSTEMD_IN_INITRD=0 \
        SYSTEMD_LOG_LEVEL=warning \
        "$bin" "$dir/normal" "$dir/early" "$dir/late"
done
find "$out" \( -type f -o -type l \) | wc -l
