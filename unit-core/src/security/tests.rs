//! The figures here are what `systemd-analyze security --offline=yes` of systemd 252 (and,
//! where said, Debian trixie's 257) prints for the same files.

use super::*;

fn unit(name: &str, text: &str) -> Unit {
    crate::parse(name, text).unwrap()
}

fn verdict<'r>(report: &'r Report, id: &str) -> &'r Verdict {
    report.verdicts.iter().find(|v| v.check.id == id).unwrap()
}

const FILTERED: &str = "[Service]\nExecStart=/usr/bin/demo\nSystemCallFilter=@system-service\n\
    SystemCallArchitectures=native\nRestrictNamespaces=~user net\n\
    CapabilityBoundingSet=~CAP_SYS_ADMIN CAP_NET_ADMIN\n";

#[test]
fn a_bare_service_is_unsafe() {
    let u = unit("a.service", "[Service]\nExecStart=/bin/true\n");
    let r = score(&[&u], 252, &Policy::default());
    assert_eq!(r.exposure_text(), "9.6");
    assert_eq!(r.level().0, "UNSAFE");
    assert_eq!(verdict(&r, "SupplementaryGroups=").passed(), None);
    assert_eq!(verdict(&r, "KeyringMode=").passed(), Some(true));
}

#[test]
fn a_socket_shares_its_keyring() {
    let u = unit("a.socket", "[Socket]\nListenStream=/run/a\n");
    let r = score(&[&u], 252, &Policy::default());
    assert_eq!(verdict(&r, "KeyringMode=").passed(), Some(false));
}

#[test]
fn allow_lists_inverted_sets_and_namespaces() {
    let u = unit("b.service", FILTERED);
    let r = score(&[&u], 252, &Policy::default());
    assert_eq!(r.exposure_text(), "7.2");
    let privileged = verdict(&r, "SystemCallFilter=~@privileged");
    assert_eq!(privileged.passed(), Some(false));
    assert_eq!(
        privileged.description,
        "System call allow list defined for service, and @privileged is included (e.g. chown is allowed)"
    );
    assert_eq!(verdict(&r, "SystemCallFilter=~@mount").passed(), Some(true));
    assert_eq!(verdict(&r, "RestrictNamespaces=~user").passed(), Some(true));
    assert_eq!(verdict(&r, "RestrictNamespaces=~pid").passed(), Some(false));
    assert_eq!(
        verdict(&r, "CapabilityBoundingSet=~CAP_SYS_ADMIN").passed(),
        Some(true)
    );
}

#[test]
fn private_mounts_unset_counts_as_on_from_257() {
    let u = unit("b.service", FILTERED);
    let r = score(&[&u], 257, &Policy::default());
    assert_eq!(r.exposure_text(), "7.1");
    assert_eq!(verdict(&r, "PrivateMounts=").passed(), Some(true));
    let old = score(&[&u], 252, &Policy::default());
    assert_eq!(verdict(&old, "PrivateMounts=").passed(), Some(false));
}

#[test]
fn drop_ins_apply_in_order() {
    let u = unit("x.service", "[Service]\nExecStart=/bin/true\n");
    let d = unit("x.service", "[Service]\nPrivateNetwork=yes\n");
    let r = score(&[&u, &d], 252, &Policy::default());
    assert_eq!(r.exposure_text(), "9.1");
}

#[test]
fn a_policy_reweighs_excludes_and_renames() {
    let policy = Policy::parse(
        r#"{"PrivateNetwork":{"weight":0},
            "UserOrDynamicUser":{"weight":3000,"range":10,"description_bad":"root!"}}"#,
    )
    .unwrap();
    let demo = unit(
        "demo.service",
        "[Service]\nExecStart=/usr/bin/demo\nPrivateNetwork=yes\nDynamicUser=yes\n",
    );
    let r = score(&[&demo], 252, &policy);
    assert_eq!(r.exposure_text(), "8.1");
    let net = verdict(&r, "PrivateNetwork=");
    assert_eq!(net.passed(), None);
    assert_eq!(net.description, "Option excluded by policy, skipping");
    let b = score(&[&unit("b.service", FILTERED)], 252, &policy);
    assert_eq!(verdict(&b, "User=/DynamicUser=").description, "root!");
    assert_eq!(b.exposure_of(verdict(&b, "User=/DynamicUser=")), Some(6));
}

#[test]
fn policy_errors_name_the_line() {
    assert_eq!(
        Policy::parse("{\n\"a\": [1,\n}").unwrap_err(),
        "expected a JSON value at line 3"
    );
    assert!(Policy::parse("[]").is_err());
    assert_eq!(Policy::parse("{}").unwrap(), Policy::default());
}

#[test]
fn remedies_start_with_the_heaviest() {
    let u = unit("a.service", "[Service]\nExecStart=/bin/true\n");
    let r = score(&[&u], 252, &Policy::default());
    let remedies = r.remedies();
    assert_eq!(remedies[0].0.check.id, "PrivateNetwork=");
    assert_eq!(remedies[0].1, 5);
}

#[test]
fn address_families_go_by_number_aliases_included() {
    // fprintd.service of Debian bookworm: systemd 252 says 5.4, `AF_LOCAL` being `AF_UNIX`.
    let u = unit(
        "a.service",
        "[Service]\nExecStart=/bin/true\nRestrictAddressFamilies=AF_UNIX AF_LOCAL AF_NETLINK\n",
    );
    let r = score(&[&u], 252, &Policy::default());
    assert_eq!(
        verdict(&r, "RestrictAddressFamilies=~…").passed(),
        Some(true)
    );
    assert_eq!(
        verdict(&r, "RestrictAddressFamilies=~AF_UNIX").passed(),
        Some(false)
    );
    let routed = unit(
        "b.service",
        "[Service]\nExecStart=/bin/true\nRestrictAddressFamilies=~AF_ROUTE\n",
    );
    let r = score(&[&routed], 252, &Policy::default());
    assert_eq!(
        verdict(&r, "RestrictAddressFamilies=~AF_NETLINK").passed(),
        Some(true)
    );
}

#[test]
fn a_policy_keeps_the_last_of_a_repeated_name() {
    let policy = Policy::parse(
        r#"{"Zeta":{}, "PrivateNetwork":{"weight":7,"weight":0}, "Alpha":{},
            "PrivateNetwork":{"weight":1,"weight":2}, "PrivateNetwork":3, "Zeta":{}}"#,
    )
    .unwrap();
    let demo = unit("demo.service", "[Service]\nExecStart=/usr/bin/demo\n");
    let r = score(&[&demo], 252, &policy);
    let net = verdict(&r, "PrivateNetwork=");
    assert_eq!(net.weight, 2);
    assert_eq!(policy.unknown_fields(252), ["Alpha", "Zeta"]);
    let same = Policy::parse(r#"{"Zeta":{},"Alpha":{},"PrivateNetwork":{"weight":2}}"#);
    assert_eq!(same.unwrap(), policy);
}

#[test]
fn address_families_and_fields_fit_one_bit_each() {
    for (_, family) in super::values::ADDRESS_FAMILIES {
        assert!(family < 64);
    }
    assert!((super::Field::AfOther as u8) < 64);
}
