#!/bin/sh
# Downloads systemd 257 from Debian trixie with its own C library and the libraries it links,
# `systemd-cryptsetup` (its cryptsetup generator), and Debian's `systemd-tests` package of the
# same version (systemd's own test data, with its test units), and unpacks them.
#
#   tests/corpus/fetch-257.sh [CACHE_DIR]     (default: target/corpus-257)
#
# CACHE_DIR/root/ is then a tree in which `usr/lib64/ld-linux-x86-64.so.2 --library-path ...`
# runs 257's `systemd --test` and its generators; CACHE_DIR/tests/ holds the test data.
# The apt state lives in CACHE_DIR/apt (or CORPUS_APT_DIR), never in the host's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-$here/../../target/corpus-257}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
apt=${CORPUS_APT_DIR:-$cache/apt}
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$cache/debs"
echo "deb http://deb.debian.org/debian trixie main" > "$apt/sources.list"
APTOPT="-o Dir::Etc::SourceList=$apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache -o APT::Sandbox::User=root"
if [ ! -f "$cache/root/usr/lib/systemd/systemd" ] || [ ! -d "$cache/tests" ] \
    || [ ! -f "$cache/root/usr/lib/systemd/system-generators/systemd-cryptsetup-generator" ]; then
    # shellcheck disable=SC2086
    ls "$apt"/lists/*trixie*Packages* >/dev/null 2>&1 || apt-get $APTOPT -q update >/dev/null
    cd "$cache/debs"
    # systemd and systemd-tests of one version: the version trixie's systemd has.
    version=$(apt-cache $APTOPT show systemd/trixie | sed -n 's/^Version: //p' | head -n1)
    # shellcheck disable=SC2086
    apt-get $APTOPT -q download "systemd=$version" "libsystemd-shared=$version" \
        "systemd-tests=$version" "systemd-cryptsetup=$version" libc6/trixie libacl1/trixie libapparmor1/trixie \
        libaudit1/trixie libblkid1/trixie libcap-ng0/trixie libcap2/trixie libcrypt1/trixie \
        libmount1/trixie libpam0g/trixie libpcre2-8-0/trixie libseccomp2/trixie \
        libselinux1/trixie libssl3t64/trixie libzstd1/trixie zlib1g/trixie \
        libcryptsetup12/trixie libdevmapper1.02.1/trixie libjson-c5/trixie libargon2-1/trixie \
        libudev1/trixie >/dev/null
    rm -rf "$cache/root" "$cache/tests.tmp"
    mkdir -p "$cache/root" "$cache/tests.tmp"
    for deb in "$cache"/debs/*.deb; do
        case $(basename "$deb") in
            systemd-tests_*) dpkg-deb -x "$deb" "$cache/tests.tmp" ;;
            *) dpkg-deb -x "$deb" "$cache/root" ;;
        esac
    done
    rm -rf "$cache/tests"
    mv "$cache/tests.tmp" "$cache/tests"
fi
echo "systemd $(ls "$cache"/debs/systemd_*.deb | sed 's/.*systemd_\([^_]*\)_.*/\1/') in $cache/root; $(find "$cache/tests" -type f \( -name '*.service' -o -name '*.socket' -o -name '*.target' -o -name '*.timer' -o -name '*.path' -o -name '*.mount' -o -name '*.automount' -o -name '*.swap' -o -name '*.slice' -o -name '*.conf' \) | wc -l) unit-like files in $cache/tests"
