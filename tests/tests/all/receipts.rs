//! The receipt key the portal publishes: anyone can check a filing receipt against it.

use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use server::auth::receipt::{sha256_hex, Receipt, ReceiptSigner};
use tests::on_both_backends;

on_both_backends! {
    async fn the_published_key_checks_the_receipts_the_portal_signs(app) {
        let response = app.get("/.well-known/redress-receipt-key").await;
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/jwk-set+json");
        assert!(response.headers().get("set-cookie").is_none(), "a key, not a page: no cookies");
        let jwks: serde_json::Value = response.json().await.unwrap();
        let key = &jwks["keys"][0];
        assert_eq!((key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()), (Some("OKP"), Some("Ed25519"), Some("EdDSA")));

        // A receipt signed with the server's key verifies with nothing but the published key.
        let signer = ReceiptSigner::from_seed(&app.keys.receipt_seed()).unwrap();
        assert_eq!(key["kid"].as_str(), Some(signer.key_id()));
        let receipt = Receipt {
            appeal: "RA-0000-0001".into(),
            decision: "RD-DEM0-0001".into(),
            grounds: vec!["request_human_review".into()],
            statement_sha256: sha256_hex(b"Please have a person look at this."),
            attachments: Vec::new(),
            filed_at: 1_796_000_000,
        };
        let token = signer.sign(&receipt).unwrap();
        let published = DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap();
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        let claims = decode::<serde_json::Value>(&token, &published, &validation).unwrap().claims;
        assert_eq!(claims["appeal"], "RA-0000-0001");
        assert_eq!(claims["filed_at"], 1_796_000_000);
    }
}
