//! Who is asking: the client address the rate limits count and the audit log records.
//!
//! Behind the HTTPS proxy every deployment needs, the socket's peer is the proxy, and every
//! citizen would share its address (one person's wrong codes would lock everyone out). The
//! address is therefore taken from `Forwarded` (or `X-Forwarded-For`), but only when the peer
//! is one of the configured `trusted_proxies`, and only as far as the chain of trusted proxies
//! goes: walking from the right, the first address that is not a trusted proxy is the client.
//! A client cannot forge its way past this, because what it writes stands to the left of what
//! the trusted proxies append. IPv6 clients are counted by their /64, the block one household
//! or device usually holds (docs/security.md).

use actix_web::http::header::HeaderMap;
use ipnet::{IpNet, Ipv6Net};
use std::net::IpAddr;

/// Which header the trusted proxies write the client's address in. Only that one is read: a
/// proxy passes the other through as the client sent it, so reading it would let a client
/// choose its own address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForwardedHeader {
    /// `X-Forwarded-For`, which nginx, HAProxy and most load balancers append to.
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239).
    Forwarded,
}

/// The proxies whose forwarding header is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
    header: ForwardedHeader,
}

impl TrustedProxies {
    /// Reads addresses (`10.0.0.5`, `::1`) and CIDR ranges (`10.0.0.0/8`); names the first
    /// entry it cannot read.
    pub fn parse(entries: &[String], header: ForwardedHeader) -> anyhow::Result<TrustedProxies> {
        let mut nets = Vec::with_capacity(entries.len());
        for entry in entries {
            let entry = entry.trim();
            let net = entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    anyhow::anyhow!("trusted_proxies: {entry:?} is not an address or CIDR range")
                })?;
            nets.push(net);
        }
        Ok(TrustedProxies { nets, header })
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|net| net.contains(&ip))
    }

    /// The client's address, from the socket's `peer` and the request's forwarding headers.
    pub fn client_of(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer.map(canonical)?;
        if !self.trusts(peer) {
            return Some(peer);
        }
        let mut hops = forwarded_for(headers, self.header);
        let mut nearest = peer;
        while let Some(hop) = hops.pop() {
            match hop {
                Some(ip) if self.trusts(ip) => nearest = ip,
                Some(ip) => return Some(ip),
                // A hop that is not an address (`unknown`, an obfuscated name): the trusted
                // proxy nearest to it is the best known client.
                None => return Some(nearest),
            }
        }
        Some(nearest)
    }
}

/// IPv4 addresses carried as IPv6 (`::ffff:192.0.2.1`) counted as the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// The hops the trusted proxies' header lists, in order: the `for=` addresses of every
/// `Forwarded` header, or the entries of every `X-Forwarded-For`; `None` for a hop that is not
/// an address. A value that is not plain text is read byte by byte, so one odd character a
/// client put in cannot hide the hops the proxies appended after it.
fn forwarded_for(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect()
    };
    match header {
        ForwardedHeader::Forwarded => values("forwarded")
            .iter()
            .flat_map(|v| v.split(',').map(str::to_string).collect::<Vec<_>>())
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| node_address(value))
                        .flatten()
                })
            })
            .collect(),
        ForwardedHeader::XForwardedFor => values("x-forwarded-for")
            .iter()
            .flat_map(|v| v.split(',').map(node_address).collect::<Vec<_>>())
            .collect(),
    }
}

/// An address as a forwarding header writes it: `192.0.2.60`, `"[2001:db8::17]:4711"`,
/// `192.0.2.60:1234`.
fn node_address(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok().map(canonical);
    }
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    let (host, port) = value.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<IpAddr>().ok().map(canonical)
}

/// The key a client is counted under: an IPv4 address as it is, an IPv6 address by its /64.
pub fn counted_as(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => Ipv6Net::new(v6, 64)
            .map(|net| net.trunc().to_string())
            .unwrap_or_else(|_| v6.to_string()),
    }
}

/// The wider network a counted client belongs to (an IPv4 /24, an IPv6 /48): while an account
/// is under attack, failures are also counted per network, so one holder of many addresses
/// gets no more guesses than one address (`domain::attempts`).
pub fn network_of(counted: &str) -> String {
    let ip = counted
        .split('/')
        .next()
        .and_then(|a| a.parse::<IpAddr>().ok());
    match ip.map(canonical) {
        Some(IpAddr::V4(v4)) => ipnet::Ipv4Net::new(v4, 24)
            .map(|n| n.trunc().to_string())
            .unwrap_or_else(|_| counted.to_string()),
        Some(IpAddr::V6(v6)) => Ipv6Net::new(v6, 48)
            .map(|n| n.trunc().to_string())
            .unwrap_or_else(|_| counted.to_string()),
        None => counted.to_string(),
    }
}

/// The client of `req` as rate limits and the audit log count it.
pub fn client_key(req: &actix_web::HttpRequest) -> String {
    let proxies = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map(|state| state.trusted_proxies.clone())
        .unwrap_or_default();
    proxies
        .client_of(req.peer_addr().map(|a| a.ip()), req.headers())
        .map(counted_as)
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    fn proxies() -> TrustedProxies {
        TrustedProxies::parse(
            &["10.0.0.0/8".into(), "192.0.2.7".into()],
            ForwardedHeader::XForwardedFor,
        )
        .unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let claimed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            proxies().client_of(ip("198.51.100.4"), &claimed),
            ip("198.51.100.4")
        );
        let none = TrustedProxies::default();
        assert_eq!(none.client_of(ip("10.0.0.1"), &claimed), ip("10.0.0.1"));
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        // The client forged "1.1.1.1"; the proxies appended the real address and themselves.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 192.0.2.7")]);
        assert_eq!(
            proxies().client_of(ip("10.0.0.2"), &chain),
            ip("203.0.113.9")
        );
        let forwarded = headers(&[(
            "forwarded",
            "for=1.1.1.1, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.1.1.1",
        )]);
        let rfc =
            TrustedProxies::parse(&["10.0.0.0/8".into()], ForwardedHeader::Forwarded).unwrap();
        assert_eq!(
            rfc.client_of(ip("10.0.0.2"), &forwarded),
            ip("2001:db8:cafe::17")
        );
        let only_proxies = headers(&[("x-forwarded-for", "10.9.9.9")]);
        assert_eq!(
            proxies().client_of(ip("10.0.0.2"), &only_proxies),
            ip("10.9.9.9")
        );
        assert_eq!(
            proxies().client_of(ip("10.0.0.2"), &HeaderMap::new()),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn only_the_configured_header_is_read() {
        // Behind a proxy that appends to X-Forwarded-For, a client's own Forwarded header is
        // passed through untouched: it must not name the client.
        let forged = headers(&[
            ("forwarded", "for=198.51.100.77"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(
            proxies().client_of(ip("10.0.0.2"), &forged),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn networks_are_a_24_or_a_48() {
        assert_eq!(network_of("192.0.2.77"), "192.0.2.0/24");
        assert_eq!(network_of("2001:db8:1:2::/64"), "2001:db8:1::/48");
        assert_eq!(network_of("unknown"), "unknown");
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_block() {
        assert_eq!(
            counted_as("2001:db8:1:2:aaaa::1".parse().unwrap()),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            counted_as("2001:db8:1:2:bbbb::9".parse().unwrap()),
            "2001:db8:1:2::/64"
        );
        assert_eq!(counted_as("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1");
        assert_eq!(counted_as("192.0.2.1".parse().unwrap()), "192.0.2.1");
    }

    #[test]
    fn an_unreadable_entry_is_named() {
        let error = TrustedProxies::parse(
            &["10.0.0.0/8".into(), "proxy.local".into()],
            ForwardedHeader::default(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("proxy.local"));
    }
}
