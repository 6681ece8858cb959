//! Every value parser, and the text and placeholder checks, on arbitrary input: never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unit_core::value::{self, ValueKind};

const KINDS: &[ValueKind] = &[
    ValueKind::Text,
    ValueKind::Bool,
    ValueKind::Timespan,
    ValueKind::Mode,
    ValueKind::Unsigned,
    ValueKind::Integer(-1000, 1000),
    ValueKind::Size,
    ValueKind::Limit,
    ValueKind::Memory,
    ValueKind::TasksMax,
    ValueKind::Enum(value::SERVICE_TYPES),
    ValueKind::Unit,
    ValueKind::Units,
    ValueKind::Path,
    ValueKind::Paths,
    ValueKind::Command,
    ValueKind::Environment,
    ValueKind::EnvironmentFile,
    ValueKind::Signal,
    ValueKind::SocketAddress,
    ValueKind::Uris,
    ValueKind::PathCondition,
];

const LIMIT_KEYS: &[&str] = &["LimitNOFILE", "LimitCPU", "LimitNICE", "LimitMEMLOCK", "LimitRTTIME"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let key = LIMIT_KEYS[usize::from(selector) % LIMIT_KEYS.len()];
    let _ = kind.check(key, &text);
    let _ = unit_core::text::check(&text, selector & 1 == 0, selector & 2 == 0);
    let _ = unit_core::placeholder::parts(&text);
    let _ = value::split_words(&text);
    let _ = value::limit(key, &text);
});
