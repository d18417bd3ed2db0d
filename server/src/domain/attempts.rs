//! When a guess at a secret (a staff password, a decision's access code, an API client's
//! secret) may be checked: the policy that keeps guessing bounded without letting an attacker
//! lock the owner out (docs/security.md).
//!
//! Failures are counted three ways within a window: from the source (a client address), for
//! the account (an email, a decision reference, a client id) from every source, and for the
//! pair. A source is refused when it has failed too often over all accounts, or on this
//! account. An account that many sources have failed on is *under attack*: from then on a
//! source is checked only while it has failed on it at most once, and while its wider network
//! (an IPv4 /24, an IPv6 /48) has failed on it fewer times than one source may. A distributed
//! guesser then gets a guess or two per network per window, and the owner, from their own
//! address, still gets in even after a typing slip.

/// Failures counted within the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    /// By this source, on any account.
    pub from_source: i64,
    /// On this account, from any source.
    pub on_account: i64,
    /// On this account from this source.
    pub pair: i64,
    /// On this account from this source's wider network.
    pub network_pair: i64,
}

/// The limits of one kind of guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimits {
    /// Failures from one source, over all accounts, before it is refused.
    pub per_source: i64,
    /// Failures from one source on one account before that source is refused for it.
    pub per_pair: i64,
    /// Failures on one account, from everywhere, after which only sources that have not
    /// failed on it are checked.
    pub under_attack: i64,
}

/// Whether this attempt may be checked at all.
pub fn may_attempt(failures: Failures, limits: AttemptLimits) -> bool {
    if failures.from_source >= limits.per_source || failures.pair >= limits.per_pair {
        return false;
    }
    failures.on_account < limits.under_attack
        || (failures.pair < 2 && failures.network_pair < limits.per_pair)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: AttemptLimits = AttemptLimits {
        per_source: 30,
        per_pair: 5,
        under_attack: 20,
    };

    #[test]
    fn a_source_that_keeps_failing_on_an_account_is_refused_for_it() {
        let four = Failures {
            from_source: 4,
            on_account: 4,
            pair: 4,
            network_pair: 4,
        };
        assert!(may_attempt(four, LIMITS));
        let five = Failures {
            from_source: 5,
            on_account: 5,
            pair: 5,
            network_pair: 5,
        };
        assert!(!may_attempt(five, LIMITS));
    }

    #[test]
    fn the_owner_from_a_clean_address_gets_through_an_attack_on_their_account() {
        let attacked = Failures {
            from_source: 0,
            on_account: 500,
            pair: 0,
            network_pair: 0,
        };
        assert!(may_attempt(attacked, LIMITS));
        // One slip of the owner's is forgiven.
        let slipped = Failures {
            from_source: 1,
            on_account: 500,
            pair: 1,
            network_pair: 1,
        };
        assert!(may_attempt(slipped, LIMITS));
        // An attacking address that already failed twice on it is not checked again.
        let attacker = Failures {
            from_source: 2,
            on_account: 500,
            pair: 2,
            network_pair: 2,
        };
        assert!(!may_attempt(attacker, LIMITS));
        // Nor is a fresh address in a network that already failed on it as often as one may.
        let neighbour = Failures {
            from_source: 0,
            on_account: 500,
            pair: 0,
            network_pair: 5,
        };
        assert!(!may_attempt(neighbour, LIMITS));
    }

    #[test]
    fn a_source_guessing_across_accounts_is_refused() {
        let spray = Failures {
            from_source: 30,
            on_account: 0,
            pair: 0,
            network_pair: 0,
        };
        assert!(!may_attempt(spray, LIMITS));
    }
}
