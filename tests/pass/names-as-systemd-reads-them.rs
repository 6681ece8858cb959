// Unit names and specifiers as systemd 252 reads them:
// - a unit named as an instance expands `%i` to its instance (`systemctl show -p BindsTo
//   systemd-makefs@dev-sdx12.service` gives `dev-sdx12.device`);
// - a `\x2d` escape stays in a unit name (systemd's dependency parser keeps backslashes), so
//   the name declared in `extern` is the one named;
// - an empty `DefaultInstance=` clears the default instance (`config_parse_default_instance`);
// - `Where=` is compared with the mount's name after `%t` is expanded and `.`, `//` dropped.

use unit_macros::systemd_unit;

systemd_unit! {
    extern {
        "dev-sdx12.device" = "the disk, from the kernel";
        "blockdev@.target" = "block device targets, from systemd";
        "dev-virtio\\x2dports-org.qemu.guest_agent.0.device" = "the guest agent's port, from QEMU";
    }

    unit "systemd-makefs@dev-sdx12.service" {
        [Unit]
        BindsTo = "%i.device";
        After = "%i.device";
        Before = "blockdev@dev-mapper-%i.target";
        [Service]
        Type = oneshot;
        RemainAfterExit = yes;
        ExecStart = "/usr/lib/systemd/systemd-makefs ext4 /%I";
    }

    unit "qemu-guest-agent.service" {
        [Unit]
        BindsTo = "dev-virtio\\x2dports-org.qemu.guest_agent.0.device";
        After = "dev-virtio\\x2dports-org.qemu.guest_agent.0.device";
        [Service]
        ExecStart = "/usr/sbin/qemu-ga";
    }

    unit "getty-like@.service" {
        [Service]
        ExecStart = "/usr/bin/agetty %I";
        [Install]
        DefaultInstance = "";
        DefaultInstance = "tty1";
        WantedBy = "getty.target";
    }

    unit "run-x.mount" {
        [Mount]
        What = "tmpfs";
        Where = "%t/x";
    }

    unit "a-b.mount" {
        [Mount]
        What = "tmpfs";
        Where = "/a/./b";
    }
}

fn main() {
    let options = FAMILY.default_options();
    let text = FAMILY
        .unit("qemu-guest-agent.service")
        .unwrap()
        .render(&options)
        .unwrap()
        .text;
    assert!(text.contains("BindsTo=dev-virtio\\x2dports-org.qemu.guest_agent.0.device\n"));
}
