//! `cargo-leapcheck`: the command-line front end of the leapcheck engine.
//!
//! Runs as `cargo leapcheck ...` (cargo passes `leapcheck` as the first argument, which is
//! dropped) and as `cargo-leapcheck ...`; both behave the same.
//!
//! Exit status:
//! * 0 — no finding at deny level (or `--exit-zero`);
//! * 1 — at least one deny-level finding (a file that does not parse is one: `parse_error`);
//! * 2 — the run could not happen (bad arguments, unknown lint, no usable `cargo metadata`,
//!   an invalid `LEAPCHECK_TODAY`), or it happened but not every requested file could be
//!   checked (a missing PATH, an unreadable file or directory, an engine panic). Those are
//!   reported as `error:` lines naming the path while the other files are still checked;
//!   `--exit-zero` does not hide them, since the check did not cover what was asked.

mod cli;
mod config;
mod discover;
mod driver;
mod levels;
mod replay;
mod report;
mod today;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use leapcheck_lints::{find_lint, Options, LINTS};

use crate::cli::{Cli, ColorWhen};
use crate::driver::{FileResult, Outcome, Settings};
use crate::levels::{did_you_mean, Levels};
use crate::report::{FileReport, Summary};

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "leapcheck") {
        args.remove(0);
    }
    if args.first().is_some_and(|a| a == "replay") {
        // The runtime mode has its own argument parser; hand it everything after `replay`.
        let code = replay::main(args.split_off(1));
        return ExitCode::from(u8::try_from(code).unwrap_or(EXIT_ERROR));
    }
    driver::install_panic_hook();
    let (cli, flags) = cli::parse(args);
    ExitCode::from(run(&cli, &flags))
}

/// The configuration of the workspace around the current directory (or `--manifest-path`).
fn load_config(cli: &Cli, cwd: &std::path::Path) -> Result<config::Config, config::ConfigError> {
    let root = config::find_root(cli.manifest_path.as_deref(), cwd);
    // Canonical like the paths cargo metadata reports, so `exclude` patterns match them.
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    config::Config::load(&root, cwd)
}

fn error(msg: impl std::fmt::Display) {
    eprintln!("error: {msg}");
}

fn run(cli: &Cli, flags: &[cli::LevelFlag]) -> u8 {
    // Bad flags are reported before anything else (even with --explain); the levels in
    // effect are computed once the configuration is read.
    if let Err(msg) = Levels::from_flags(flags) {
        error(msg);
        return EXIT_ERROR;
    }
    if let Some(name) = &cli.explain {
        return explain(name);
    }
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            error(format!("cannot determine the current directory: {e}"));
            return EXIT_ERROR;
        }
    };
    let config = match load_config(cli, &cwd) {
        Ok(config) => config,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    // The configuration's levels, then the flags again on top of them.
    let levels = match config.levels(flags) {
        Ok(levels) => levels,
        Err(msg) => {
            error(msg);
            return EXIT_ERROR;
        }
    };
    if cli.list {
        return print_or_fail(list(&levels));
    }
    let today = match today::today() {
        Ok(today) => today,
        Err(msg) => {
            error(msg);
            return EXIT_ERROR;
        }
    };

    let request = discover::Request {
        paths: &cli.paths,
        manifest_path: cli.manifest_path.as_deref(),
        packages: &cli.packages,
        exclude: &cli.exclude,
        excluder: Some(&config.excluder()),
    };
    let discovery = match discover::discover(&request) {
        Ok(d) => d,
        Err(e) => {
            error(format!("{e:#}"));
            return EXIT_ERROR;
        }
    };
    for w in &discovery.warnings {
        eprintln!("warning: {w}");
    }
    let mut incomplete = !discovery.errors.is_empty();
    for e in &discovery.errors {
        error(e);
    }

    // Packages with their own settings; their `exclude` drops walked files here.
    let (files, packages) = match config::assign_packages(
        &config,
        discovery.files,
        &cli.paths,
        flags,
        cli.check_tests,
        &cwd,
    ) {
        Ok(assigned) => assigned,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let settings = Settings {
        options: Options {
            check_tests: cli.check_tests || config.check_tests(),
            test_file: false,
            today,
        },
        levels,
        packages,
        jobs: cli.jobs.map(|n| n as usize),
    };
    let results = match driver::run(files, &settings) {
        Ok(results) => results,
        Err(e) => {
            error(format!("{e:#}"));
            return EXIT_ERROR;
        }
    };

    let (summary, failed) = match emit(cli, &results) {
        Ok(done) => done,
        // The reader went away (`| head`): nothing more to say, and no reason for a panic.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_ERROR,
        Err(e) => {
            error(format!("cannot write the report: {e}"));
            return EXIT_ERROR;
        }
    };
    incomplete |= failed;
    if incomplete {
        EXIT_ERROR
    } else if summary.errors > 0 && !cli.exit_zero {
        EXIT_FINDINGS
    } else {
        0
    }
}

/// Prints the report; returns the totals and whether some file could not be checked.
fn emit(cli: &Cli, results: &[FileResult]) -> io::Result<(Summary, bool)> {
    let mut reporter = report::reporter(cli.message_format);
    let out = StandardStream::stdout(color_choice(cli.color));
    let mut out = out.lock();
    let mut summary = Summary {
        files: results.len(),
        ..Summary::default()
    };
    let mut failed = false;
    for result in results {
        match &result.outcome {
            Outcome::Failed(msg) => {
                failed = true;
                // Keep the order of stdout and stderr lines sensible on a shared terminal.
                out.flush()?;
                error(msg);
            }
            Outcome::Checked {
                source: Some(source),
                findings,
            } => {
                // Findings silenced by a suppression in the source are neither shown nor
                // counted (they do not change the exit status).
                let shown: Vec<_> = findings
                    .iter()
                    .filter(|f| f.suppressed.is_none())
                    .cloned()
                    .collect();
                for f in &shown {
                    summary.add(f.level);
                }
                if shown.is_empty() {
                    continue;
                }
                reporter.file(
                    &mut out,
                    &FileReport {
                        path: &result.job.display,
                        source,
                        findings: &shown,
                    },
                )?;
            }
            Outcome::Checked { source: None, .. } => {}
        }
    }
    reporter.finish(&mut out, &mut io::stderr(), &summary)?;
    Ok((summary, failed))
}

/// `--color auto` colors when stdout is a terminal and `NO_COLOR` is unset or empty
/// (<https://no-color.org>).
fn color_choice(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if io::stdout().is_terminal() && !no_color {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    }
}

fn explain(name: &str) -> u8 {
    match find_lint(name) {
        Some(lint) => {
            let text = lint.explanation;
            let nl = if text.ends_with('\n') { "" } else { "\n" };
            print_or_fail(write!(io::stdout().lock(), "{text}{nl}"))
        }
        None => {
            let norm = name
                .strip_prefix("leapcheck::")
                .unwrap_or(name)
                .replace('-', "_");
            error(format!(
                "no lint named `{name}`{}",
                did_you_mean(&norm, LINTS.iter().map(|l| l.name))
            ));
            EXIT_ERROR
        }
    }
}

/// `--list`: every lint with group, default and effective level, and summary.
fn list(levels: &Levels) -> io::Result<()> {
    let width = LINTS.iter().map(|l| l.name.len()).max().unwrap_or(4);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{:width$}  {:11}  {:7}  {:9}  summary",
        "lint", "group", "default", "effective"
    )?;
    for lint in LINTS {
        writeln!(
            out,
            "{:width$}  {:11}  {:7}  {:9}  {}",
            lint.name,
            lint.group.as_str(),
            lint.default_level().as_str(),
            levels.effective(lint).as_str(),
            lint.summary
        )?;
    }
    out.flush()
}

fn print_or_fail(result: io::Result<()>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            error(format!("cannot write to stdout: {e}"));
            EXIT_ERROR
        }
    }
}
