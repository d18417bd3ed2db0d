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

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads addresses (`10.0.0.5`, `::1`) and CIDR ranges (`10.0.0.0/8`); names the first
    /// entry it cannot read.
    pub fn parse(entries: &[String]) -> anyhow::Result<TrustedProxies> {
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
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address, from the socket's `peer` and the request's forwarding headers.
    pub fn client_of(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer.map(canonical)?;
        if !self.trusts(peer) {
            return Some(peer);
        }
        let mut hops = forwarded_for(headers);
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

/// The `for=` addresses of every `Forwarded` header in order, else those of
/// `X-Forwarded-For`; `None` for a hop that is not an address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<Option<IpAddr>> = headers
        .get_all("forwarded")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| node_address(value))
            })
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(node_address)
        .collect()
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
        TrustedProxies::parse(&["10.0.0.0/8".into(), "192.0.2.7".into()]).unwrap()
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
        assert_eq!(
            proxies().client_of(ip("10.0.0.2"), &forwarded),
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
        let error =
            TrustedProxies::parse(&["10.0.0.0/8".into(), "proxy.local".into()]).unwrap_err();
        assert!(error.to_string().contains("proxy.local"));
    }
}
