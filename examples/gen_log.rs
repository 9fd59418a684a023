//! Writes a realistic, deterministic session log for tests and benchmarks:
//!
//! ```text
//! cargo run --release --example gen_log -- --records 100000 --out PATH [--seed S] [--end DATE]
//! ```
//!
//! See `focus::domain::loggen` for what the log holds. `--end` defaults to today.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use focus::domain::loggen::{Spec, write_jsonl};

/// Write a generated session log.
#[derive(Debug, Parser)]
struct Args {
    /// How many records.
    #[arg(long, default_value_t = 100_000)]
    records: usize,
    /// Where to write it (`-` for standard output); an existing file is
    /// replaced.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// The seed: the same seed and end give the same log.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The last day with records, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    end: Option<NaiveDate>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = Spec {
        records: args.records,
        seed: args.seed,
        end: args
            .end
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let result = if args.out.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        write_jsonl(&spec, &mut out).and_then(|n| out.flush().map(|()| n))
    } else {
        File::create(&args.out).and_then(|file| {
            let mut out = BufWriter::new(file);
            let n = write_jsonl(&spec, &mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            Ok(n)
        })
    };
    match result {
        Ok(n) => {
            eprintln!(
                "gen_log: wrote {n} records ending {} (seed {}) to {}",
                spec.end,
                spec.seed,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_log: cannot write {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
