//! Whether two daemons found the same mistake: their messages are one text with holes, each
//! hole holding, in each message, what that daemon put there (its name, a parameter's value).
//!
//! Replacing a daemon's values by placeholders is not enough: a value such as `a`, `1` or `on`
//! also occurs in words of the message that no daemon put there, in one daemon's message and
//! not in the other's. Here a value counts as substituted only where the other message holds
//! the other daemon's value for the same hole, and everything else must be equal.

use std::collections::HashSet;

/// Whether `a` and `b` are one text, where each hole `(in_a, in_b)` may stand in `a` for
/// `in_a` and at the same place in `b` for `in_b`.
pub fn same_mistake(a: &str, b: &str, holes: &[(&str, &str)]) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let holes: Vec<(&[u8], &[u8])> = holes
        .iter()
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.as_bytes(), y.as_bytes()))
        .collect();
    // The pairs of places the two messages can be read up to, together; a search over them
    // rather than backtracking, so that each pair is tried once.
    let mut reached: HashSet<(usize, usize)> = HashSet::new();
    let mut todo = vec![(0, 0)];
    while let Some((i, j)) = todo.pop() {
        if !reached.insert((i, j)) {
            continue;
        }
        let (rest_a, rest_b) = (&a[i..], &b[j..]);
        if rest_a.is_empty() && rest_b.is_empty() {
            return true;
        }
        if let (Some(x), Some(y)) = (rest_a.first(), rest_b.first()) {
            if x == y {
                todo.push((i + 1, j + 1));
            }
        }
        for (x, y) in &holes {
            if rest_a.starts_with(x) && rest_b.starts_with(y) {
                todo.push((i + x.len(), j + y.len()));
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::same_mistake;

    const SOCKET: &str = "invalid `ListenStream=`: `run/{}.sock` is not a socket address; use a \
                          path, `@name`, a port (1 to 65535), `ip:port` or `vsock:cid:port`";

    fn socket(daemon: &str) -> String {
        SOCKET.replace("{}", daemon)
    }

    #[test]
    fn one_letter_daemon_names_are_the_same_mistake() {
        assert!(same_mistake(&socket("a"), &socket("b"), &[("a", "b")]));
        assert!(same_mistake(&socket("p"), &socket("o"), &[("p", "o")]));
    }

    #[test]
    fn long_daemon_names_are_the_same_mistake() {
        assert!(same_mistake(
            &socket("alpha"),
            &socket("virtqemud"),
            &[("alpha", "virtqemud")]
        ));
    }

    #[test]
    fn one_digit_values_are_the_same_mistake() {
        let a = "invalid `Nice=`: `100` is out of range for `Nice=`; use -20 to 19";
        let b = "invalid `Nice=`: `200` is out of range for `Nice=`; use -20 to 19";
        assert!(same_mistake(a, b, &[("alpha", "beta"), ("1", "2")]));
    }

    #[test]
    fn a_value_only_counts_where_the_other_message_has_the_other_value() {
        let a = "`on-falure` is not valid; expected one of `no`, `on-success`";
        let b = "`no-falure` is not valid; expected one of `no`, `on-success`";
        assert!(same_mistake(a, b, &[("on", "no")]));
        let c = "`no-falure` is not valid; expected one of `on`, `on-success`";
        assert!(!same_mistake(a, c, &[("on", "no")]));
    }

    #[test]
    fn different_mistakes_stay_apart() {
        let a = "invalid `Nice=`: `50` is out of range for `Nice=`; use -20 to 19";
        let b = "invalid `Nice=`: `high` is not a whole number; `Nice=` takes -20 to 19";
        assert!(!same_mistake(a, b, &[("a", "b"), ("50", "high")]));
        assert!(!same_mistake(a, b, &[]));
    }

    #[test]
    fn without_holes_only_equal_messages_are_the_same() {
        assert!(same_mistake("bad value", "bad value", &[]));
        assert!(!same_mistake("bad value", "bad valve", &[]));
        assert!(!same_mistake("bad value", "bad value!", &[]));
    }

    #[test]
    fn a_value_must_be_in_the_other_message_in_full() {
        let a = "`run/a.sock` is not a socket address";
        let b = "`run/ab.sock` is not a socket address";
        assert!(!same_mistake(a, b, &[("a", "b")]));
        assert!(same_mistake(a, b, &[("a", "ab")]));
    }

    #[test]
    fn an_empty_value_is_a_hole_of_nothing() {
        let a = "`/run/.sock` is not absolute";
        let b = "`/run/x.sock` is not absolute";
        assert!(same_mistake(a, b, &[("", "x")]));
        assert!(!same_mistake(a, b, &[("", "y")]));
    }
}
