#!/bin/sh
# Downloads a Debian suite's systemd and the libraries it links with into DIR (default:
# target/systemd-SUITE), unpacks them into DIR/root, and prints the variable that makes
# `cargo test -p tests --test it security` compare the scores with that release too:
#
#   eval "$(tests/security/fetch.sh trixie)"     # SYSTEMD_257_ROOT
#   eval "$(tests/security/fetch.sh forky)"      # SYSTEMD_262_ROOT, while forky has 262
#   cargo test -p tests --test it security
#
# apt's state is kept in DIR/apt, so the host's apt configuration is left alone.
set -eu
suite=${1:?usage: fetch.sh trixie|forky [DIR]}
here=$(cd "$(dirname "$0")" && pwd)
dir=${2:-$here/../../target/systemd-$suite}
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs" "$dir/root"
dir=$(cd "$dir" && pwd)
echo "deb http://deb.debian.org/debian $suite main" >"$dir/apt/sources.list"
apt="-o Dir::Etc::SourceList=$dir/apt/sources.list -o Dir::Etc::SourceParts=/dev/null \
-o Dir::State::Lists=$dir/apt/lists -o Dir::Cache=$dir/apt/cache -o APT::Sandbox::User=root"
if ! ls "$dir"/debs/systemd_*.deb >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    apt-get $apt -q update >&2
    cd "$dir/debs"
    # shellcheck disable=SC2086
    apt-get $apt -q download systemd/$suite libsystemd-shared/$suite libc6/$suite \
        libacl1/$suite libapparmor1/$suite libaudit1/$suite libblkid1/$suite \
        libcap-ng0/$suite libcap2/$suite libcrypt1/$suite libmount1/$suite libpam0g/$suite \
        libpcre2-8-0/$suite libseccomp2/$suite libselinux1/$suite libssl3t64/$suite \
        libzstd1/$suite zlib1g/$suite >&2
fi
for deb in "$dir"/debs/*.deb; do
    dpkg-deb -x "$deb" "$dir/root"
done
major=$(dpkg-deb -f "$(ls "$dir"/debs/systemd_*.deb | head -1)" Version | sed 's/[^0-9].*//')
echo "export SYSTEMD_${major}_ROOT=$dir/root"
