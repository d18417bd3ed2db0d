//! The `redress` command line: serve the portal and administer it.

use clap::{Parser, Subcommand};
use server::cli;
use server::config::Settings;
use std::process::ExitCode;

/// Rendering a page makes thousands of short-lived allocations; mimalloc serves them several
/// times faster than the system allocator (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "redress",
    version,
    about = "Redress: explanations and challenges of automated decisions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (migrating the database first).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = None)]
        bind: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create realistic demo agencies, AI systems and one account per role (safe to run twice).
    /// Refused on a database holding anything but demo data, and on PostgreSQL without
    /// --allow-demo: the demo accounts' passwords are published.
    SeedDemo {
        /// Allow seeding a PostgreSQL database (one made for a demo).
        #[arg(long)]
        allow_demo: bool,
        /// Then add N load decisions and N/10 appeals on them, to measure the statistics at
        /// volume (docs/performance.md); skipped when load decisions exist.
        #[arg(long, value_name = "N")]
        scale: Option<usize>,
    },
    /// Create an agency.
    CreateAgency {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        /// Months personal data is kept after a case's last activity (12 to 1200; default 60).
        #[arg(long, value_name = "N")]
        retention_months: Option<i64>,
    },
    /// Set how many months a state body keeps a case's personal data after its last activity.
    SetRetention {
        #[arg(long)]
        agency: String,
        /// 12 to 1200, and longer than the body's challenge window.
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        retention_months: i64,
    },
    /// Remove the personal data of cases past their state body's retention period (the
    /// housekeeping loop also does this daily) and print what went.
    Purge {
        /// Print what would be removed and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Create a staff account; the password is read from standard input or prompted for.
    CreateUser {
        #[arg(long)]
        email: String,
        /// reviewer | supervisor | ombudsman | admin
        #[arg(long)]
        role: String,
        /// Required for reviewers and supervisors, refused for ombudsmen and admins.
        #[arg(long)]
        agency: Option<String>,
        /// The name shown in the portal (defaults to the email address).
        #[arg(long)]
        name: Option<String>,
    },
    /// Create an API client for an agency system; prints client_id=... and client_secret=...
    CreateClient {
        #[arg(long)]
        agency: String,
        /// Comma-separated: systems:write, register:publish, decisions:write, appeals:read, stats:read
        #[arg(long)]
        scopes: String,
    },
    /// Revoke an API client: its tokens stop working at once.
    RevokeClient {
        /// The client_id printed by create-client.
        id: String,
    },
    /// Check that the audit log's hash chain is unbroken and every signed checkpoint holds.
    AuditVerify {
        /// Also check a line printed by audit-checkpoint and kept elsewhere.
        #[arg(long, value_name = "LINE")]
        checkpoint: Option<String>,
    },
    /// Sign the audit chain's head now and print it as a line to keep outside the database.
    AuditCheckpoint,
    /// Make the next version of one purpose's key current (session, api, citizen, access-code,
    /// national-id, client-secret, decision-content, audit, csrf); prints the new key id and
    /// until when the old one verifies.
    RotateKey {
        /// The purpose whose key to rotate.
        purpose: String,
    },
    /// Print when something is due: N working days after a date on an agency's calendar, and
    /// the days off the count skipped.
    Deadline {
        #[arg(long)]
        agency: String,
        /// YYYY-MM-DD: the day of the event; counting starts the day after.
        #[arg(long)]
        from: String,
        #[arg(long)]
        working_days: u32,
    },
    /// Make a date a day off or a working day on an agency's calendar (a decree's swap, a
    /// newly announced holiday); replaces any exception already on that date.
    SetCalendarDay {
        #[arg(long)]
        agency: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// day-off | working-day
        #[arg(long)]
        kind: String,
        /// Why (the decree or the holiday); shown with the day.
        #[arg(long)]
        note: String,
    },
    /// Remove an agency's exception on a date, so the holiday rules apply again.
    ClearCalendarDay {
        #[arg(long)]
        agency: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
    },
    /// Send queued email until stopped (run this beside `serve` with mail.worker = false, or
    /// as several processes: each message is sent once).
    Worker,
    /// List queued, failed and recently sent email; `retry ID` queues a failed one again.
    Outbox {
        #[command(subcommand)]
        action: Option<OutboxAction>,
        /// queued | failed | sent (all three when absent).
        #[arg(long)]
        status: Option<String>,
    },
    /// The ingest benchmark's baseline (scripts/bench.sh): insert an API batch file's
    /// decisions directly, time it, and delete them again.
    #[command(hide = true)]
    BenchIngest {
        /// A JSON file shaped like the body of POST /api/v1/decisions.
        #[arg(long)]
        batch: std::path::PathBuf,
        /// How many times the batch is inserted, each time in its own transaction.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
}

#[derive(Subcommand)]
enum OutboxAction {
    /// Queue the failed message ID again.
    Retry { id: i64 },
}

fn main() -> ExitCode {
    server::telemetry::init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let mut settings = Settings::load()?;
    match cli.command {
        Command::Serve { bind } => {
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            cli::serve::run(settings)
        }
        Command::Migrate => cli::migrate::run(&settings),
        Command::SeedDemo { scale, allow_demo } => {
            cli::seed_demo::run(&settings, allow_demo)?;
            match scale {
                Some(scale) => cli::demo_scale::run(&settings, scale),
                None => Ok(()),
            }
        }
        Command::CreateAgency {
            slug,
            name,
            retention_months,
        } => cli::create_agency::run(&settings, &slug, &name, retention_months),
        Command::SetRetention {
            agency,
            retention_months,
        } => cli::set_retention::run(&settings, &agency, retention_months),
        Command::Purge { dry_run } => cli::purge::run(&settings, dry_run).map(|_| ()),
        Command::CreateUser {
            email,
            role,
            agency,
            name,
        } => cli::create_user::run(&settings, &email, &role, agency.as_deref(), name.as_deref()),
        Command::CreateClient { agency, scopes } => {
            cli::api_clients::create_command(&settings, &agency, &scopes)
        }
        Command::RevokeClient { id } => cli::api_clients::revoke_command(&settings, &id),
        Command::AuditVerify { checkpoint } => {
            cli::audit_verify::run(&settings, checkpoint.as_deref())
        }
        Command::AuditCheckpoint => cli::audit_verify::checkpoint(&settings),
        Command::RotateKey { purpose } => cli::rotate_key::run(&settings, &purpose),
        Command::Deadline {
            agency,
            from,
            working_days,
        } => cli::deadline::run(&settings, &agency, &from, working_days),
        Command::SetCalendarDay {
            agency,
            date,
            kind,
            note,
        } => cli::calendar_day::set(&settings, &agency, &date, &kind, &note),
        Command::ClearCalendarDay { agency, date } => {
            cli::calendar_day::clear(&settings, &agency, &date)
        }
        Command::Worker => cli::worker::run(&settings),
        Command::Outbox { action, status } => match action {
            Some(OutboxAction::Retry { id }) => cli::outbox::retry(&settings, id),
            None => cli::outbox::list(&settings, status.as_deref()),
        },
        Command::BenchIngest { batch, rounds } => cli::bench_ingest::run(&settings, &batch, rounds),
    }
}
