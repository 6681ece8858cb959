#!/bin/sh
# Downloads Debian trixie's systemd 257 and the libraries it links with into DIR (default:
# target/systemd-257), unpacks them into DIR/root, and prints the variable that makes
# `cargo test -p tests --test it security` compare the scores with that release too:
#
#   eval "$(tests/security/fetch-257.sh)"
#   cargo test -p tests --test it security
#
# apt's state is kept in DIR/apt, so the host's apt configuration is left alone.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/../../target/systemd-257}
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs" "$dir/root"
dir=$(cd "$dir" && pwd)
echo "deb http://deb.debian.org/debian trixie main" >"$dir/apt/sources.list"
apt="-o Dir::Etc::SourceList=$dir/apt/sources.list -o Dir::Etc::SourceParts=/dev/null \
-o Dir::State::Lists=$dir/apt/lists -o Dir::Cache=$dir/apt/cache -o APT::Sandbox::User=root"
if ! ls "$dir"/debs/systemd_257*.deb >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    apt-get $apt -q update >&2
    cd "$dir/debs"
    # shellcheck disable=SC2086
    apt-get $apt -q download systemd/trixie libsystemd-shared/trixie libc6/trixie \
        libacl1/trixie libapparmor1/trixie libaudit1/trixie libblkid1/trixie libcap-ng0/trixie \
        libcap2/trixie libcrypt1/trixie libmount1/trixie libpam0g/trixie libpcre2-8-0/trixie \
        libseccomp2/trixie libselinux1/trixie libssl3t64/trixie libzstd1/trixie zlib1g/trixie >&2
fi
for deb in "$dir"/debs/*.deb; do
    dpkg-deb -x "$deb" "$dir/root"
done
echo "export SYSTEMD_257_ROOT=$dir/root"
