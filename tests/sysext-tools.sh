#!/usr/bin/env bash
# Fetches Debian trixie's systemd 257 `systemd-repart`, `systemd-dissect` and `mkfs.erofs` into
# DIR, with wrappers in DIR/bin that run them on their own loader and libraries, so the image
# path of `package --format sysext` can be tested on a machine whose systemd is older than 255:
#
#     bash tests/sysext-tools.sh /tmp/sysext-tools
#     SYSEXT_TOOLS=/tmp/sysext-tools/bin cargo test -p webapp --test image
#
# apt's state and downloads stay under DIR; the host's apt is left alone.
set -euo pipefail
dir="$(mkdir -p "$1" && cd "$1" && pwd)"
apt="$dir/apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/debs" "$dir/bin"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "$apt/sources.list"
opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
apt-get "${opts[@]}" update -q >/dev/null
cd "$dir/debs"
apt-get "${opts[@]}" download -q \
    systemd systemd-repart systemd-container libsystemd-shared erofs-utils \
    libc6 libssl3t64 libfdisk1 libblkid1 libmount1 libcryptsetup12 libacl1 libcap2 libseccomp2 \
    libselinux1 libpcre2-8-0 libaudit1 libcap-ng0 libcrypt1 liblz4-1 liblzma5 libzstd1 \
    libgcc-s1 libdevmapper1.02.1 libjson-c5 libargon2-1 libuuid1 libudev1 libdeflate0 \
    libfuse3-4 libxxhash0 zlib1g libkmod2 libpam0g libapparmor1 2>/dev/null
root="$dir/root"
rm -rf "$root" && mkdir -p "$root"
for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
libs="$root/usr/lib/x86_64-linux-gnu:$root/usr/lib/x86_64-linux-gnu/systemd"
loader="$root/usr/lib64/ld-linux-x86-64.so.2"
for tool in systemd-dissect mkfs.erofs; do
    printf '#!/bin/sh\nexec %s --library-path %s %s "$@"\n' "$loader" "$libs" "$root/usr/bin/$tool" \
        > "$dir/bin/$tool"
done
# `--make-ddi=sysext` reads its partition definitions from /usr/lib/systemd/repart/definitions,
# which this machine lacks: the wrapper passes the release's own, as --make-ddi would.
defs="$root/usr/lib/systemd/repart/definitions/sysext.repart.d"
cat > "$dir/bin/systemd-repart" <<WRAP
#!/bin/sh
run() { exec $loader --library-path $libs $root/usr/bin/systemd-repart "\$@"; }
case " \$* " in
*" --make-ddi=sysext "*)
    args=""
    for a in "\$@"; do [ "\$a" = --make-ddi=sysext ] || args="\$args '\$a'"; done
    eval "set -- --definitions=$defs --empty=create --size=auto --dry-run=no \$args"
    run "\$@" ;;
*) run "\$@" ;;
esac
WRAP
chmod +x "$dir"/bin/*
"$dir/bin/systemd-repart" --version | head -1
