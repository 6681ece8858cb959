//! `calendar_spec_from_string` (src/shared/calendarspec.c), as `OnCalendar=` reads it.
//!
//! The parser is the same from systemd 247 to 262 as far as validity goes (later releases only
//! add a warning for a weekday that cannot match a fixed date, and bound `@` timestamps by
//! `USEC_INFINITY`, which the year limit already implies). Text is read as bytes, a byte past
//! the end standing for C's terminating NUL.
//!
//! Two things depend on the machine in systemd: the local time zone's abbreviations, which
//! are taken here to be `UTC`'s (as on a machine without a configured zone), and the zone
//! files under `/usr/share/zoneinfo`, taken from the list in `tz.rs`.

use super::tz;

const USEC_PER_SEC: i64 = 1_000_000;
const INT_MAX: i64 = i32::MAX as i64;
const MIN_YEAR: i64 = 1970;
const MAX_YEAR: i64 = 2199;
const COMPONENTS_MAX: usize = 240;
/// 2200-01-01 00:00:00 UTC: the first `@` timestamp past `MAX_YEAR`.
const YEAR_2200: u64 = 7_258_118_400;

#[derive(Clone, Copy, Debug)]
struct Component {
    start: i64,
    stop: i64,
    repeat: i64,
}

#[derive(Default)]
struct Spec {
    weekdays: i64,
    end_of_month: bool,
    year: Vec<Component>,
    month: Vec<Component>,
    day: Vec<Component>,
    hour: Vec<Component>,
    minute: Vec<Component>,
    usec: Vec<Component>,
}

/// Why a spec is refused (systemd's errno, kept for the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bad {
    Syntax,
    Range,
}

type R<T> = Result<T, Bad>;

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn at(&self, k: usize) -> u8 {
        self.s.get(self.i + k).copied().unwrap_or(0)
    }
    fn cur(&self) -> u8 {
        self.at(0)
    }
    fn skip_spaces(&mut self) {
        while self.cur() == b' ' {
            self.i += 1;
        }
    }
}

fn single(value: i64) -> Vec<Component> {
    vec![Component {
        start: value,
        stop: -1,
        repeat: 0,
    }]
}

/// Whether `calendar_spec_from_string` accepts `text` (after specifier expansion).
pub fn valid(text: &str, _version: u16) -> bool {
    parse(text).is_ok()
}

fn ends_with_no_case<'a>(p: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = p.len().checked_sub(suffix.len())?;
    let (head, tail) = (p.get(..cut)?, p.get(cut..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}

/// `timezone_is_valid`: the syntax check, then the zone file's existence.
fn timezone_is_valid(name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    if name == "UTC" {
        return true;
    }
    if name.starts_with('/') || name.ends_with('/') || name.contains("//") {
        return false;
    }
    if !name
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || b"-_+/".contains(&c))
    {
        return false;
    }
    let base = ["posix/", "right/"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name);
    tz::NAMES.split(' ').any(|n| n == base)
}

fn parse(text: &str) -> R<Spec> {
    let mut owned = text;
    if let Some(head) = ends_with_no_case(text, " UTC") {
        owned = head;
    } else if let Some((head, zone)) = text.rsplit_once(' ') {
        if timezone_is_valid(zone) {
            owned = head;
        }
    }
    if owned.is_empty() {
        return Err(Bad::Syntax);
    }
    let mut c = Spec::default();
    let lower = owned.to_ascii_lowercase();
    match lower.as_str() {
        "minutely" => c.usec = single(0),
        "hourly" => {
            c.minute = single(0);
            c.usec = single(0);
        }
        "daily" | "weekly" => {
            if lower == "weekly" {
                c.weekdays = 1;
            }
            c.hour = single(0);
            c.minute = single(0);
            c.usec = single(0);
        }
        "monthly" => {
            c.day = single(1);
            c.hour = single(0);
            c.minute = single(0);
            c.usec = single(0);
        }
        "annually" | "yearly" | "anually" | "quarterly" | "biannually" | "bi-annually"
        | "semiannually" | "semi-annually" => {
            c.month = match lower.as_str() {
                "quarterly" => [1, 4, 7, 10].iter().flat_map(|m| single(*m)).collect(),
                "annually" | "yearly" | "anually" => single(1),
                _ => [1, 7].iter().flat_map(|m| single(*m)).collect(),
            };
            c.day = single(1);
            c.hour = single(0);
            c.minute = single(0);
            c.usec = single(0);
        }
        _ => {
            let mut p = Cursor {
                s: owned.as_bytes(),
                i: 0,
            };
            parse_weekdays(&mut p, &mut c)?;
            if !parse_date(&mut p, &mut c)? {
                parse_calendar_time(&mut p, &mut c)?;
            }
            if p.cur() != 0 {
                return Err(Bad::Syntax);
            }
        }
    }
    normalize(&mut c);
    if spec_valid(&c) {
        Ok(c)
    } else {
        Err(Bad::Syntax)
    }
}

const DAYS: [(&str, i64); 14] = [
    ("Monday", 0),
    ("Mon", 0),
    ("Tuesday", 1),
    ("Tue", 1),
    ("Wednesday", 2),
    ("Wed", 2),
    ("Thursday", 3),
    ("Thu", 3),
    ("Friday", 4),
    ("Fri", 4),
    ("Saturday", 5),
    ("Sat", 5),
    ("Sunday", 6),
    ("Sun", 6),
];

fn parse_weekdays(p: &mut Cursor<'_>, c: &mut Spec) -> R<()> {
    let mut l: i64 = -1;
    let mut first = true;
    loop {
        let rest = &p.s[p.i.min(p.s.len())..];
        let found = DAYS.iter().find(|(name, _)| {
            rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        });
        let Some(&(name, nr)) = found else {
            return if first { Ok(()) } else { Err(Bad::Syntax) };
        };
        if !matches!(p.at(name.len()), 0 | b'-' | b'.' | b',' | b' ') {
            return Err(Bad::Syntax);
        }
        c.weekdays |= 1 << nr;
        if l >= 0 {
            if l > nr {
                return Err(Bad::Syntax);
            }
            for j in l + 1..nr {
                c.weekdays |= 1 << j;
            }
        }
        p.i += name.len();
        match p.cur() {
            0 => return Ok(()),
            b' ' => {
                p.skip_spaces();
                return Ok(());
            }
            b'.' => {
                if l >= 0 || p.at(1) != b'.' {
                    return Err(Bad::Syntax);
                }
                l = nr;
                p.i += 2;
            }
            b'-' => {
                if l >= 0 {
                    return Err(Bad::Syntax);
                }
                l = nr;
                p.i += 1;
            }
            b',' => {
                l = -1;
                p.i += 1;
            }
            _ => {}
        }
        if matches!(p.cur(), 0 | b' ') {
            p.skip_spaces();
            return if l < 0 { Ok(()) } else { Err(Bad::Syntax) };
        }
        first = false;
    }
}

/// `strtoul(p, 10)`: leading white space, a sign, digits; `None` without digits, `Range` on
/// overflow. Returns the value (negated modulo 2^64 after `-`) and the bytes read.
fn strtoul(s: &[u8]) -> R<Option<(u64, usize)>> {
    let mut i = 0;
    while s.get(i).is_some_and(|c| b" \t\n\x0b\x0c\r".contains(c)) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let begin = i;
    let mut v: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).filter(|c| c.is_ascii_digit()) {
        match v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
        {
            Some(n) => v = n,
            None => overflow = true,
        }
        i += 1;
    }
    if i == begin {
        return Ok(None);
    }
    if overflow {
        return Err(Bad::Range);
    }
    Ok(Some((if neg { v.wrapping_neg() } else { v }, i)))
}

fn parse_component_decimal(p: &mut Cursor<'_>, usec: bool) -> R<i64> {
    if !p.cur().is_ascii_digit() {
        return Err(Bad::Syntax);
    }
    let (mut value, n) = strtoul(&p.s[p.i..])?.ok_or(Bad::Syntax)?;
    let mut e = p.i + n;
    if usec {
        value = value.checked_mul(USEC_PER_SEC as u64).ok_or(Bad::Range)?;
        let at = |k: usize| p.s.get(k).copied().unwrap_or(0);
        if at(e) == b'.' && at(e + 1) != b'.' {
            e += 1;
            let (add, end) = fractional(p.s, e, 6)?;
            e = end;
            value = value.checked_add(add).ok_or(Bad::Range)?;
        }
    }
    if value > INT_MAX as u64 {
        return Err(Bad::Range);
    }
    p.i = e;
    Ok(value as i64)
}

/// `parse_fractional_part_u`: `digits` decimals, rounded by the next one, more ignored.
fn fractional(s: &[u8], mut i: usize, digits: usize) -> R<(u64, usize)> {
    let at = |k: usize| s.get(k).copied().unwrap_or(0);
    let mut val: u64 = 0;
    for n in 0..digits {
        if !at(i).is_ascii_digit() {
            if n == 0 {
                return Err(Bad::Syntax);
            }
            val *= 10u64.pow((digits - n) as u32);
            break;
        }
        val = val * 10 + u64::from(at(i) - b'0');
        i += 1;
    }
    if (b'5'..=b'9').contains(&at(i)) {
        val += 1;
    }
    while at(i).is_ascii_digit() {
        i += 1;
    }
    Ok((val, i))
}

fn prepend_component(p: &mut Cursor<'_>, usec: bool, chain: &mut Vec<Component>) -> R<()> {
    for nesting in 0.. {
        if nesting > COMPONENTS_MAX {
            return Err(Bad::Range);
        }
        let mut e = Cursor { s: p.s, i: p.i };
        let start = parse_component_decimal(&mut e, usec)?;
        let mut stop = -1;
        let mut repeat = 0;
        if e.cur() == b'.' && e.at(1) == b'.' {
            e.i += 2;
            stop = parse_component_decimal(&mut e, usec)?;
            repeat = if usec { USEC_PER_SEC } else { 1 };
        }
        if e.cur() == b'/' {
            e.i += 1;
            repeat = parse_component_decimal(&mut e, usec)?;
            if repeat == 0 {
                return Err(Bad::Range);
            }
        } else {
            if start > INT_MAX - repeat {
                return Err(Bad::Range);
            }
            if usec && stop >= 0 && start + repeat > stop {
                return Err(Bad::Syntax);
            }
        }
        if !matches!(e.cur(), 0 | b' ' | b',' | b'-' | b'~' | b':') {
            return Err(Bad::Syntax);
        }
        chain.push(Component {
            start,
            stop,
            repeat,
        });
        p.i = e.i;
        if e.cur() != b',' {
            return Ok(());
        }
        p.i += 1;
    }
    Ok(())
}

fn parse_chain(p: &mut Cursor<'_>, usec: bool) -> R<Vec<Component>> {
    if p.cur() == b'*' {
        p.i += 1;
        return Ok(if usec {
            vec![Component {
                start: 0,
                stop: -1,
                repeat: USEC_PER_SEC,
            }]
        } else {
            Vec::new()
        });
    }
    let mut t = Cursor { s: p.s, i: p.i };
    let mut chain = Vec::new();
    prepend_component(&mut t, usec, &mut chain)?;
    p.i = t.i;
    Ok(chain)
}

/// `parse_date`: `Ok(true)` when an `@` timestamp settled everything.
fn parse_date(p: &mut Cursor<'_>, c: &mut Spec) -> R<bool> {
    let mut t = Cursor { s: p.s, i: p.i };
    if t.cur() == 0 {
        return Ok(false);
    }
    if t.cur() == b'@' {
        let (value, n) = strtoul(&t.s[t.i + 1..])?.ok_or(Bad::Syntax)?;
        // gmtime_r then the year check: only 1970-01-01 to 2199-12-31 survive.
        if value >= YEAR_2200 {
            return Err(Bad::Range);
        }
        c.year = single(MIN_YEAR);
        p.i = t.i + 1 + n;
        return Ok(true);
    }
    let first = parse_chain(&mut t, false)?;
    if matches!(t.cur(), 0 | b':') {
        return Ok(false);
    }
    match t.cur() {
        b'~' => c.end_of_month = true,
        b'-' => {}
        _ => return Err(Bad::Syntax),
    }
    t.i += 1;
    let second = parse_chain(&mut t, false)?;
    if matches!(t.cur(), 0 | b' ') {
        t.skip_spaces();
        p.i = t.i;
        c.month = first;
        c.day = second;
        return Ok(false);
    } else if c.end_of_month {
        return Err(Bad::Syntax);
    }
    match t.cur() {
        b'~' => c.end_of_month = true,
        b'-' => {}
        _ => return Err(Bad::Syntax),
    }
    t.i += 1;
    let third = parse_chain(&mut t, false)?;
    if !matches!(t.cur(), 0 | b' ') {
        return Err(Bad::Syntax);
    }
    t.skip_spaces();
    p.i = t.i;
    c.year = first;
    c.month = second;
    c.day = third;
    Ok(false)
}

fn parse_calendar_time(p: &mut Cursor<'_>, c: &mut Spec) -> R<()> {
    let mut t = Cursor { s: p.s, i: p.i };
    if t.cur() == 0 {
        c.hour = single(0);
        c.minute = single(0);
        c.usec = single(0);
        return Ok(());
    }
    let h = parse_chain(&mut t, false)?;
    if t.cur() != b':' {
        return Err(Bad::Syntax);
    }
    t.i += 1;
    let m = parse_chain(&mut t, false)?;
    let s = if t.cur() == 0 {
        single(0)
    } else {
        if t.cur() != b':' {
            return Err(Bad::Syntax);
        }
        t.i += 1;
        let s = parse_chain(&mut t, true)?;
        if t.cur() != 0 {
            return Err(Bad::Syntax);
        }
        s
    };
    p.i = t.i;
    c.hour = h;
    c.minute = m;
    c.usec = s;
    Ok(())
}

fn normalize_chain(chain: &mut Vec<Component>) {
    for i in chain.iter_mut() {
        if i.stop > i.start && i.repeat > 0 {
            i.stop -= (i.stop - i.start) % i.repeat;
        }
        if (i.stop > i.start && i.repeat > 0 && i.start + i.repeat > i.stop) || i.start == i.stop {
            i.repeat = 0;
            i.stop = -1;
        }
    }
    chain.sort_by_key(|c| (c.start, c.stop, c.repeat));
    chain.dedup_by_key(|c| (c.start, c.stop, c.repeat));
}

fn normalize(c: &mut Spec) {
    if c.weekdays <= 0 || c.weekdays >= 127 {
        c.weekdays = -1;
    }
    if c.end_of_month && c.day.is_empty() {
        c.end_of_month = false;
    }
    for y in &mut c.year {
        for v in [&mut y.start, &mut y.stop] {
            if (0..70).contains(v) {
                *v += 2000;
            } else if (70..100).contains(v) {
                *v += 1900;
            }
        }
    }
    for chain in [
        &mut c.year,
        &mut c.month,
        &mut c.day,
        &mut c.hour,
        &mut c.minute,
        &mut c.usec,
    ] {
        normalize_chain(chain);
    }
}

/// `chain_valid`. With `end_of_month`, systemd lowers the bound by 3 days for the first
/// element and again for each further one (the recursion passes the lowered bound on), so
/// `*-*~15,27` is refused while `*-*~27` is not; the chain is sorted by then.
fn chain_valid(chain: &[Component], from: i64, to: i64, end_of_month: bool) -> bool {
    let mut to = to;
    for c in chain {
        if end_of_month {
            to -= 3;
        }
        if c.start < from || c.start > to || c.repeat > to - from {
            return false;
        }
        let ok = if c.stop >= 0 {
            c.stop >= from && c.stop <= to && c.start + c.repeat <= c.stop
        } else if end_of_month {
            c.start - c.repeat >= from
        } else {
            c.start + c.repeat <= to
        };
        if !ok {
            return false;
        }
    }
    true
}

fn spec_valid(c: &Spec) -> bool {
    c.weekdays <= 127
        && chain_valid(&c.year, MIN_YEAR, MAX_YEAR, false)
        && chain_valid(&c.month, 1, 12, false)
        && chain_valid(&c.day, 1, 31, c.end_of_month)
        && chain_valid(&c.hour, 0, 23, false)
        && chain_valid(&c.minute, 0, 59, false)
        && chain_valid(&c.usec, 0, 60 * USEC_PER_SEC - 1, false)
}

#[cfg(test)]
mod tests {
    use super::valid;

    #[test]
    fn accepted_by_systemd() {
        for s in [
            "daily",
            "WEEKLY",
            "minutely",
            "semi-annually",
            "anually",
            "Mon *-*-* 00:00:00",
            "Mon..Fri 08:00",
            "Mon-Wed,Fri",
            "Sat,Sun",
            "Mon,",
            "*-*-* 23:59:59.999999",
            "*-*~01",
            "*-02~1..3",
            "*-*~1,2,3,4,5,6,7",
            "*-*~27",
            "2023-01-01",
            "12-24",
            "69-01-01",
            "*:0/15",
            "*:*:0..30/10",
            "8..18/2:00",
            "@1700000000",
            "@ 5",
            "@-0",
            "daily UTC",
            "daily utc",
            "daily Europe/Berlin",
            "00:00 Etc/GMT+5",
            "2199-12-31 23:59:59",
            "*-*-31",
            "*-*-* *:*:59.5",
            "1,2,3-4-5",
            "Mon 2023-01-02",
            "*-*-* 00:00:00.5..1.5",
            "00:00:00.5..1.5/0.25",
        ] {
            assert!(valid(s, 252), "refused {s:?}");
        }
    }

    #[test]
    fn refused_by_systemd() {
        for s in [
            "",
            "25:00",
            "*-*-* 24:00",
            "*:60",
            "*:*:60",
            "2200-01-01",
            "1969-12-31",
            "*-13-01",
            "*-*-32",
            "*-*-0",
            "Mond",
            "Fri..Mon",
            "Mon..",
            "Mon-",
            "Mon...Fri",
            "*/2",
            "daily Mars/Olympus",
            "Europe/Berlin",
            "*-*~29",
            "*-*~1 ~2",
            "*-*~15,27",
            "*-*~1,2,3,4,5,6,7,8",
            "@7258118400",
            "@-1",
            "@1x",
            "00:00:01..01.5",
            "*:0/0",
            "*:0/60",
            "1-2-3-4",
            "12:00 foo",
            "daily  ",
            " daily",
        ] {
            assert!(!valid(s, 252), "accepted {s:?}");
        }
    }
}
