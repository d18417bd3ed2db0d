//! `redress seed-demo`: realistic demo agencies, AI systems and one account per role.
//! Safe to run twice: what exists is left as it is, identical register content makes no version.

use crate::config::Settings;
use crate::db::models::agency::{self, NewAgency};
use crate::db::models::audit::Actor;
use crate::db::models::user;
use crate::db::{write_transaction, DbConnection};
use crate::domain::register_walk::read_register_entry;
use crate::domain::validator::Validator;
use crate::services::register::{self, Publication, SaveStatus};
use serde::Deserialize;

const AGENCIES: &str = include_str!("demo/agencies.json");
const SYSTEMS: &str = include_str!("demo/systems.json");
/// How long ago the demo systems were entered in the register, in days.
const DEMO_REGISTER_AGE_DAYS: i64 = 400;
/// What the demo's first versions say changed: they are published, as a supervisor would
/// after review, so the public sees them (docs/api.md, "Drafts and publishing").
const DEMO_CHANGE_NOTE: &str =
    "Тізілімге алғаш рет жарияланды. Впервые опубликовано в реестре. First published in the register.";

/// The demo accounts: email, role, agency, display name, password. Demo only: printed for
/// newcomers and listed in the README, never for a real deployment.
pub const DEMO_ACCOUNTS: [(&str, &str, Option<&str>, &str, &str); 4] = [
    (
        "reviewer@social-benefits.demo.gov.kz",
        "reviewer",
        Some("social-benefits"),
        "Айгерім Серікова",
        "demo-reviewer-2026",
    ),
    (
        "supervisor@social-benefits.demo.gov.kz",
        "supervisor",
        Some("social-benefits"),
        "Ерлан Жақсыбеков",
        "demo-supervisor-2026",
    ),
    (
        "ombudsman@ombudsman.demo.gov.kz",
        "ombudsman",
        None,
        "Динара Оспанова",
        "demo-ombudsman-2026",
    ),
    (
        "admin@redress.demo.gov.kz",
        "admin",
        None,
        "Redress administrator",
        "demo-admin-2026",
    ),
];

#[derive(Deserialize)]
struct DemoAgency {
    slug: String,
    name: serde_json::Value,
    contact: serde_json::Value,
}

#[derive(Deserialize)]
struct DemoSystem {
    agency: String,
    content: serde_json::Value,
}

/// What seeding did, for the summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub agencies_created: usize,
    pub systems_versions_created: usize,
    pub users_created: usize,
    pub decisions_created: usize,
    pub appeals_created: usize,
}

/// Refuses to seed a database that is not a demo's: the demo accounts have published
/// passwords, so they must never reach a real deployment. PostgreSQL is the production
/// backend, so seeding it also needs `allow_demo` (`--allow-demo`); any agency or account
/// that is not the demo's refuses it whatever the flag.
pub fn refuse_unless_demo(conn: &mut DbConnection, allow_demo: bool) -> anyhow::Result<()> {
    use crate::db::schema::{agencies, users};
    use diesel::prelude::*;
    if matches!(conn, DbConnection::Pg(_)) && !allow_demo {
        anyhow::bail!(
            "seed-demo creates staff accounts whose passwords are published; on PostgreSQL, the \
             production backend, run it only on a database made for a demo, with --allow-demo"
        );
    }
    let demo_agencies: Vec<String> = serde_json::from_str::<Vec<DemoAgency>>(AGENCIES)?
        .into_iter()
        .map(|a| a.slug)
        .collect();
    let demo_emails: Vec<&str> = DEMO_ACCOUNTS.iter().map(|a| a.0).collect();
    let other_agency: Option<String> = agencies::table
        .filter(agencies::slug.ne_all(&demo_agencies))
        .select(agencies::slug)
        .first(conn)
        .optional()?;
    let other_accounts: i64 = users::table
        .filter(users::email.ne_all(&demo_emails))
        .count()
        .get_result(conn)?;
    if let Some(slug) = other_agency {
        anyhow::bail!(
            "this database holds a state body that is not the demo's ({slug}); seed-demo refuses \
             to add accounts with published passwords to it"
        );
    }
    if other_accounts > 0 {
        anyhow::bail!(
            "this database holds {other_accounts} staff account(s) that are not the demo's; \
             seed-demo refuses to add accounts with published passwords to it"
        );
    }
    Ok(())
}

/// Seeds and prints the demo sign-ins.
pub fn run(settings: &Settings, allow_demo: bool) -> anyhow::Result<()> {
    let (mut conn, keys) = super::open(settings)?;
    refuse_unless_demo(&mut conn, allow_demo)?;
    let blobs = crate::blobs::open(&settings.blob_settings())?;
    let summary = seed_with_evidence(&mut conn, &keys, Some(blobs.as_ref()))?;
    println!(
        "demo data: {} agencies, {} register versions, {} accounts, {} decisions, {} appeals created (existing ones kept)",
        summary.agencies_created,
        summary.systems_versions_created,
        summary.users_created,
        summary.decisions_created,
        summary.appeals_created
    );
    println!("demo staff sign-ins (at /staff/signin):");
    for (email, role, agency, _, password) in DEMO_ACCOUNTS {
        let agency = agency.map(|a| format!(", {a}")).unwrap_or_default();
        println!("  {role:<10} {email}  password: {password}  ({role}{agency})");
    }
    println!("demo decisions to open at /find (reference, access code):");
    for (reference, code) in super::demo_decisions::DEMO_PAIRS {
        println!("  {reference}  {code}");
    }
    let first = super::demo_decisions::DEMO_PAIRS[0].0;
    if let Some(email) = crate::db::models::decision::find_by_reference(&mut conn, first)?
        .and_then(|d| d.subject_email)
    {
        println!(
            "citizen sign-in by email (at /signin): {email}, the contact of {first}; the link \
             arrives in {}",
            settings.mail_settings().folder.display()
        );
    }
    Ok(())
}

/// Creates whatever demo data is missing.
pub fn seed(conn: &mut DbConnection, keys: &crate::secrets::Keys) -> anyhow::Result<SeedSummary> {
    seed_with_evidence(conn, keys, None)
}

/// [`seed`], with the demo appeals' evidence files written to `blobs`.
pub fn seed_with_evidence(
    conn: &mut DbConnection,
    keys: &crate::secrets::Keys,
    blobs: Option<&dyn crate::blobs::BlobStore>,
) -> anyhow::Result<SeedSummary> {
    let agencies: Vec<DemoAgency> = serde_json::from_str(AGENCIES)?;
    let systems: Vec<DemoSystem> = serde_json::from_str(SYSTEMS)?;
    let now = chrono::Utc::now().naive_utc();
    let mut summary = SeedSummary::default();
    write_transaction(conn, |conn| -> anyhow::Result<()> {
        for demo in &agencies {
            if agency::find_by_slug(conn, &demo.slug)?.is_none() {
                agency::insert(
                    conn,
                    &NewAgency {
                        slug: &demo.slug,
                        name_json: &demo.name.to_string(),
                        contact_json: &demo.contact.to_string(),
                        time_zone: "Asia/Almaty",
                        challenge_window_months: 3,
                        created_at: now,
                    },
                )?;
                summary.agencies_created += 1;
            }
        }
        for demo in &systems {
            let owner = agency::find_by_slug(conn, &demo.agency)?.ok_or_else(|| {
                anyhow::anyhow!("demo system names unknown agency {}", demo.agency)
            })?;
            let mut problems = Validator::new(None);
            let content = read_register_entry(&demo.content, &mut problems)
                .ok_or_else(|| anyhow::anyhow!("demo entry invalid: {:?}", problems.details))?;
            // The demo's systems have been in use for a while: their decisions go back half a
            // year, and no decision may predate its system's register entry.
            let registered = now.and_utc() - chrono::Duration::days(DEMO_REGISTER_AGE_DAYS);
            let saved = register::save_entry(
                conn,
                owner.id,
                Actor::operator("seed-demo"),
                &content,
                Publication::Now {
                    change_note: DEMO_CHANGE_NOTE,
                },
                registered,
            )
            .map_err(|e| anyhow::anyhow!("demo entry not saved: {e:?}"))?;
            if saved.status == SaveStatus::Created {
                summary.systems_versions_created += 1;
            }
        }
        Ok(())
    })?;
    for (email, role, agency_slug, name, password) in DEMO_ACCOUNTS {
        if user::find_by_email(conn, email)?.is_none() {
            super::create_user::create(conn, email, role, agency_slug, Some(name), password)?;
            summary.users_created += 1;
        }
    }
    summary.decisions_created = super::demo_decisions::seed(conn, keys)?;
    let signer = crate::auth::receipt::ReceiptSigner::from_seed(&keys.receipt_seed())?;
    summary.appeals_created = super::demo_appeals::seed(conn, &signer, blobs)?;
    Ok(summary)
}
