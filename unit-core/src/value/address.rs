//! Socket addresses of `ListenStream=`, `ListenDatagram=` and `ListenSequentialPacket=`.

use std::net::SocketAddr;

/// A parsed listen address, comparable across sockets.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListenAddress {
    /// A file-system socket.
    Path(String),
    /// An abstract-namespace socket (`@name`).
    Abstract(String),
    /// A port on every address.
    Port(u16),
    /// An IP address and port.
    Inet(SocketAddr),
    /// An `AF_VSOCK` address.
    Vsock(String, u32),
}

impl ListenAddress {
    /// Whether two addresses would bind the same endpoint (a bare port overlaps any address).
    pub fn overlaps(&self, other: &ListenAddress) -> bool {
        match (self, other) {
            (ListenAddress::Port(p), ListenAddress::Inet(a))
            | (ListenAddress::Inet(a), ListenAddress::Port(p)) => a.port() == *p,
            _ => self == other,
        }
    }
}

fn port(s: &str, value: &str) -> Result<u16, String> {
    match s.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(format!(
            "`{value}` has an invalid port `{s}`; use a number from 1 to 65535"
        )),
    }
}

/// Parses a socket address: an absolute path, `@abstract`, a port, `ip:port`, `[ipv6]:port`
/// or `vsock:cid:port`.
pub fn socket_address(value: &str) -> Result<ListenAddress, String> {
    if value.starts_with('/') || value.starts_with('%') {
        super::absolute_path(value)?;
        return Ok(ListenAddress::Path(value.to_owned()));
    }
    if let Some(name) = value.strip_prefix('@') {
        if name.is_empty() {
            return Err("abstract socket `@` has no name; write `@name`".into());
        }
        return Ok(ListenAddress::Abstract(name.to_owned()));
    }
    if let Some(rest) = value.strip_prefix("vsock:") {
        let (cid, p) = rest
            .rsplit_once(':')
            .ok_or_else(|| format!("`{value}` is not a vsock address; write `vsock:CID:PORT`"))?;
        return Ok(ListenAddress::Vsock(
            cid.to_owned(),
            u32::from(port(p, value)?),
        ));
    }
    if value.chars().all(|c| c.is_ascii_digit()) {
        return port(value, value).map(ListenAddress::Port);
    }
    match value.parse::<SocketAddr>() {
        Ok(a) if a.port() > 0 => Ok(ListenAddress::Inet(a)),
        Ok(_) => Err(format!("`{value}` listens on port 0; use a port from 1 to 65535")),
        Err(_) => Err(format!(
            "`{value}` is not a socket address; use an absolute path, `@name`, a port, `ip:port` or `[ipv6]:port`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            socket_address("/run/libvirt/virtqemud-sock").unwrap(),
            ListenAddress::Path("/run/libvirt/virtqemud-sock".into())
        );
        assert_eq!(socket_address("16509").unwrap(), ListenAddress::Port(16509));
        assert!(matches!(
            socket_address("127.0.0.1:80").unwrap(),
            ListenAddress::Inet(_)
        ));
        assert!(matches!(
            socket_address("[::1]:80").unwrap(),
            ListenAddress::Inet(_)
        ));
        assert!(matches!(
            socket_address("@foo").unwrap(),
            ListenAddress::Abstract(_)
        ));
        assert!(matches!(
            socket_address("vsock:2:1234").unwrap(),
            ListenAddress::Vsock(..)
        ));
        for bad in [
            "0",
            "65536",
            "run/x",
            "@",
            "1.2.3.4",
            "1.2.3.4:0",
            "host:80",
            "vsock:1",
            "/a/../b",
        ] {
            assert!(socket_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn overlap() {
        let port = socket_address("16509").unwrap();
        let any = socket_address("0.0.0.0:16509").unwrap();
        let other = socket_address("0.0.0.0:16514").unwrap();
        assert!(port.overlaps(&any));
        assert!(!port.overlaps(&other));
    }
}
