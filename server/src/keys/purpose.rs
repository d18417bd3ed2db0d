//! What a key is for. Each purpose has keys of its own, so a key leaked or rotated for one
//! purpose says nothing about, and changes nothing in, the others.

/// A purpose with keys of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Purpose {
    /// Signs staff session tokens.
    Session,
    /// Signs machine API tokens.
    Api,
    /// Signs citizens' sessions (decision-scoped and signed in by email).
    Citizen,
    /// Keys the stored hash of each decision's access code.
    AccessCode,
    /// Keys the stored hash of a decision subject's national id.
    NationalId,
    /// Keys the stored hash of API client secrets.
    ClientSecret,
    /// Keys the hash of a stored decision's content, by which a re-sent decision is recognised
    /// (the content holds the national id, so a plain hash would expose it to guessing).
    DecisionContent,
    /// Keys each audit entry's chain hash and signs the chain's checkpoints.
    Audit,
    /// Binds a form's CSRF token to the browser's cookie and session.
    Csrf,
    /// The seed of the Ed25519 key that signs filing receipts.
    Receipt,
    /// Encrypts staff members' TOTP secrets at rest.
    Totp,
}

/// What rotating a purpose's key does to what the old key made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    /// Tokens name their key: the old key verifies until the longest-lived token it signed
    /// has expired, then it is refused.
    Tokens,
    /// Stored values name their key: the old key keeps verifying them for as long as they
    /// exist; only new values use the new key.
    StoredValues,
    /// What the key made is not stored and names no key: it stops verifying at once
    /// (a form open at that moment has to be sent again).
    Immediate,
    /// Not rotatable yet, for the reason given.
    Refused(&'static str),
}

impl Purpose {
    /// Every purpose, in the order commands list them.
    pub const ALL: [Purpose; 11] = [
        Purpose::Session,
        Purpose::Api,
        Purpose::Citizen,
        Purpose::AccessCode,
        Purpose::NationalId,
        Purpose::ClientSecret,
        Purpose::DecisionContent,
        Purpose::Audit,
        Purpose::Csrf,
        Purpose::Receipt,
        Purpose::Totp,
    ];

    /// The name used in key ids, the key ring and `redress rotate-key`.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Session => "session",
            Purpose::Api => "api",
            Purpose::Citizen => "citizen",
            Purpose::AccessCode => "access-code",
            Purpose::NationalId => "national-id",
            Purpose::ClientSecret => "client-secret",
            Purpose::DecisionContent => "decision-content",
            Purpose::Audit => "audit",
            Purpose::Csrf => "csrf",
            Purpose::Receipt => "receipt",
            Purpose::Totp => "totp",
        }
    }

    /// The purpose called `name`.
    pub fn parse(name: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The label version 1 of this purpose was derived with before keys had versions
    /// (`HMAC(master, label)`). Keeping it for version 1 keeps every token, hash and audit
    /// entry made before then valid. `None` for purposes that began with versions.
    pub fn legacy_label(self) -> Option<&'static str> {
        match self {
            Purpose::Session => Some("redress/session-token/v1"),
            Purpose::Api => Some("redress/api-token/v1"),
            Purpose::Citizen => Some("redress/citizen-decision/v1"),
            // These four shared one key before; each now rotates on its own from version 2.
            Purpose::AccessCode
            | Purpose::NationalId
            | Purpose::ClientSecret
            | Purpose::DecisionContent => Some("redress/lookup-hmac/v1"),
            Purpose::Audit => Some("redress/audit-checkpoint/v1"),
            Purpose::Csrf => Some("redress/csrf-binding/v1"),
            Purpose::Receipt => Some("redress/receipt-ed25519/v1"),
            Purpose::Totp => None,
        }
    }

    /// What rotating this purpose's key does.
    pub fn rotation(self) -> Rotation {
        match self {
            Purpose::Session | Purpose::Api | Purpose::Citizen => Rotation::Tokens,
            Purpose::AccessCode
            | Purpose::NationalId
            | Purpose::ClientSecret
            | Purpose::DecisionContent
            | Purpose::Audit => Rotation::StoredValues,
            Purpose::Csrf => Rotation::Immediate,
            Purpose::Receipt => Rotation::Refused(
                "receipts are checked against the one published public key, so a new key \
                 would leave every receipt issued so far unverifiable",
            ),
            Purpose::Totp => Rotation::Refused(
                "stored TOTP secrets do not yet name the key they are encrypted with",
            ),
        }
    }
}

impl std::fmt::Display for Purpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_reads_back_from_its_name() {
        for purpose in Purpose::ALL {
            assert_eq!(Purpose::parse(purpose.name()), Some(purpose));
        }
        assert_eq!(Purpose::parse("lookup"), None);
    }
}
