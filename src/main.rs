//! `cargo-leapcheck`: the command-line front end of the leapcheck engine.
//!
//! Runs as `cargo leapcheck ...` (cargo passes `leapcheck` as the first argument, which is
//! dropped) and as `cargo-leapcheck ...`; both behave the same.
//!
//! Exit status:
//! * 0 — no finding at deny level (or `--exit-zero`);
//! * 1 — at least one deny-level finding (a file that does not parse is one: `parse_error`,
//!   unless no crate compiles it and it was not named: then it is a note on stderr);
//! * 2 — the run could not happen (bad arguments, unknown lint, no usable `cargo metadata`,
//!   an invalid `LEAPCHECK_TODAY`), or it happened but not every requested file could be
//!   checked (a missing PATH, an unreadable file or directory, an engine panic, a member whose
//!   `[package.metadata.leapcheck]` is broken). Those are reported as `error:` lines naming
//!   the path while the other files are still checked; `--exit-zero` does not hide them,
//!   since the check did not cover what was asked.

mod add_allow;
mod baseline;
mod changed;
mod cli;
mod config;
mod discover;
mod driver;
mod fix;
mod levels;
mod modtree;
mod replay;
mod report;
mod server;
mod today;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use leapcheck_lints::{find_lint, Options, LINTS};

use crate::cli::{Cli, ColorWhen, MessageFormat};
use crate::driver::{FileResult, Finding, Outcome, Settings};
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
    if args.first().is_some_and(|a| a == "server") {
        let code = server::main(args.split_off(1));
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
        return explain(name, json_requested(cli));
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
    // `--list` and `--show-settings` show the package in scope (the current directory's, or
    // `--manifest-path`'s) with its own `[package.metadata.leapcheck]` when it has one.
    if cli.list || cli.show_settings {
        let scope = cli
            .manifest_path
            .as_deref()
            .and_then(|m| m.parent())
            .map_or_else(|| cwd.clone(), |d| cwd.join(d));
        let root = std::fs::canonicalize(&config.root).unwrap_or_else(|_| config.root.clone());
        let mut packages = config::Packages::new(&root, None);
        let scoped = match packages.for_file(&scope.join("Cargo.toml"), &cwd) {
            config::Owner::Package(_, layer) => {
                Some(config.profile(Some(layer), flags, cli.check_tests))
            }
            config::Owner::Workspace => None,
            config::Owner::Unchecked => {
                for e in &packages.errors {
                    error(e);
                }
                return EXIT_ERROR;
            }
        };
        let (levels, check_tests) = match scoped {
            Some(Ok(profile)) => (profile.levels, profile.check_tests),
            Some(Err(msg)) => {
                error(msg);
                return EXIT_ERROR;
            }
            None => (levels, cli.check_tests || config.check_tests()),
        };
        if cli.list {
            return print_or_fail(list(&levels, json_requested(cli)));
        }
        let check_tests = if check_tests { "on" } else { "off" };
        return print_or_fail(show_settings(&levels, check_tests, json_requested(cli)));
    }

    let today = match today::today() {
        Ok(today) => today,
        Err(msg) => {
            error(msg);
            return EXIT_ERROR;
        }
    };

    // Before any file is checked: a missing or broken baseline, or a wrong revision, is a
    // usage error, not an empty report.
    let baseline = match &cli.baseline {
        Some(path) => match baseline::read(path) {
            Ok(b) => Some(b),
            Err(msg) => {
                error(msg);
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let changed = match &cli.new_since {
        Some(rev) => match changed::ChangedLines::since(rev, &cwd) {
            Ok(changed) => Some(changed),
            Err(msg) => {
                error(msg);
                return EXIT_ERROR;
            }
        },
        None => None,
    };

    if cli.include_suppressed && cli.message_format != MessageFormat::Sarif {
        eprintln!("warning: --include-suppressed only changes the sarif format; ignored");
    }

    let mut settings = Settings {
        options: Options {
            check_tests: cli.check_tests || config.check_tests(),
            test_file: false,
            today,
            prefilter: !cli.no_prefilter,
            ..Options::default()
        },
        levels,
        // Filled in once the files are known (package sections of Cargo.toml).
        packages: config::PackageProfiles::default(),
        jobs: cli.jobs.map(|n| n as usize),
        fix: (cli.fix || cli.diff).then_some(fix::FixMode {
            unsafe_fixes: cli.unsafe_fixes,
        }),
    };
    if cli.unsafe_fixes && !(cli.fix || cli.diff) {
        eprintln!("warning: --unsafe-fixes applies fixes only with --fix or --diff; ignored");
    }

    let mut incomplete = false;
    let (results, metadata) = if let Some(name) = &cli.stdin_filename {
        // One file from stdin (an editor's unsaved buffer), reported under `name`.
        let mut bytes = Vec::new();
        if let Err(e) = io::stdin().lock().read_to_end(&mut bytes) {
            error(format!("cannot read stdin: {e}"));
            return EXIT_ERROR;
        }
        let checked =
            discover::stdin_job(name).and_then(|job| driver::run_source(job, bytes, &settings));
        match checked {
            Ok(result) => (vec![result], None),
            Err(e) => {
                error(format!("{e:#}"));
                return EXIT_ERROR;
            }
        }
    } else {
        let request = discover::Request {
            paths: &cli.paths,
            manifest_path: cli.manifest_path.as_deref(),
            packages: &cli.packages,
            workspace: cli.workspace,
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
        incomplete = !discovery.errors.is_empty();
        for e in &discovery.errors {
            error(e);
        }
        // Packages with their own settings; their `exclude` drops walked files here. Only
        // the members' manifests are read (a nested test fixture's may be broken on purpose);
        // a member whose section is broken is reported and left out, the others are checked.
        let members = discovery.metadata.as_ref().map(discover::member_roots);
        for w in config::unread_configuration(&config.root, members.as_ref(), &cwd) {
            eprintln!("warning: {w}");
        }
        let assigned = match config::assign_packages(
            &config,
            discovery.files,
            &cli.paths,
            flags,
            cli.check_tests,
            &cwd,
            members,
        ) {
            Ok(assigned) => assigned,
            Err(e) => {
                error(e);
                return EXIT_ERROR;
            }
        };
        incomplete |= !assigned.errors.is_empty();
        for e in &assigned.errors {
            error(e);
        }
        settings.packages = assigned.profiles;
        match driver::run(assigned.files, &settings) {
            Ok(mut results) => {
                driver::skip_uncompiled(&mut results, discovery.metadata.as_ref());
                (results, discovery.metadata)
            }
            Err(e) => {
                error(format!("{e:#}"));
                return EXIT_ERROR;
            }
        }
    };

    if cli.diff || cli.fix {
        let fixed = results
            .iter()
            .filter_map(|r| r.fixed.as_ref().map(|f| (r, f)));
        for (r, f) in fixed.clone() {
            if let Some(why) = &f.reverted {
                error(format!("`{}`: {why}", r.job.display));
                incomplete = true;
            }
        }
        let summary = fix::summary(fixed.clone().map(|(_, f)| f));
        if cli.diff {
            let mut out = io::stdout().lock();
            for (r, f) in fixed.filter(|(_, f)| f.changed()) {
                if write!(out, "{}", fix::diff(&r.job.display, f)).is_err() {
                    return EXIT_ERROR;
                }
            }
            eprintln!(
                "leapcheck: {}",
                summary.as_deref().map_or_else(
                    || "no fixes to apply".to_string(),
                    |s| format!("would have {s}")
                )
            );
            return if incomplete {
                EXIT_ERROR
            } else if results
                .iter()
                .any(|r| r.fixed.as_ref().is_some_and(fix::Fixed::changed))
            {
                EXIT_FINDINGS
            } else {
                0
            };
        }
        let paths = fixed.map(|(r, f)| (r.job.path.as_path(), r.job.display.as_str(), f));
        for msg in fix::write_all(paths) {
            error(msg);
            incomplete = true;
        }
        if let Some(summary) = summary {
            eprintln!("leapcheck: {summary}");
        }
    }
    let mut results = results;
    if let Some(changed) = &changed {
        keep_new(&mut results, changed);
    }
    if let Some(baseline) = baseline {
        let fixed = baseline.filter(&mut results);
        if fixed > 0 {
            eprintln!(
                "note: {fixed} finding{} of the baseline no longer occur{}; write it again with --write-baseline",
                if fixed == 1 { "" } else { "s" },
                if fixed == 1 { "s" } else { "" },
            );
        }
    }
    if let Some(path) = &cli.write_baseline {
        return match baseline::write(&results, path) {
            Ok(n) => {
                eprintln!(
                    "leapcheck: wrote {n} finding{} to the baseline `{}`",
                    if n == 1 { "" } else { "s" },
                    path.display()
                );
                if incomplete {
                    EXIT_ERROR
                } else {
                    0
                }
            }
            Err(msg) => {
                error(msg);
                EXIT_ERROR
            }
        };
    }
    if let Some(reason) = &cli.add_allow {
        let added = add_allow::add_allow(&results, reason);
        for msg in &added.failed {
            error(msg);
        }
        eprintln!(
            "leapcheck: added {} `leapcheck:allow` comment{} in {} file{}",
            added.comments,
            if added.comments == 1 { "" } else { "s" },
            added.files,
            if added.files == 1 { "" } else { "s" },
        );
        return if incomplete || !added.failed.is_empty() {
            EXIT_ERROR
        } else {
            0
        };
    }
    let (summary, failed) = match emit(cli, &results, metadata) {
        Ok(done) => done,
        // The reader went away (`| head`): nothing more to say, and no reason for a panic.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_ERROR,
        Err(e) => {
            match &cli.output {
                Some(path) => match path
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
                {
                    Some(dir) => error(format!(
                        "cannot write the report to `{}`: the directory `{}` does not exist",
                        path.display(),
                        dir.display()
                    )),
                    None => error(format!(
                        "cannot write the report to `{}`: {e}",
                        path.display()
                    )),
                },
                None => error(format!("cannot write the report: {e}")),
            }
            return EXIT_ERROR;
        }
    };
    incomplete |= failed;
    // For people: which of the findings shown `--fix` would fix (ruff's hint).
    if matches!(
        cli.message_format,
        MessageFormat::Human | MessageFormat::Short
    ) && !cli.statistics
    {
        let shown = results
            .iter()
            .filter_map(FileResult::findings_with_source)
            .flat_map(|(_, findings)| findings)
            .filter(|f| f.suppressed.is_none());
        if let Some(hint) = fix::hint(shown.map(|f| &f.diag), settings.fix) {
            eprintln!("leapcheck: {hint}");
        }
    }
    if incomplete {
        EXIT_ERROR
    } else if summary.errors > 0 && !cli.exit_zero {
        EXIT_FINDINGS
    } else {
        0
    }
}

/// `--new-since`: drops the findings none of whose lines is new.
fn keep_new(results: &mut [FileResult], changed: &changed::ChangedLines) {
    for result in results {
        let Outcome::Checked {
            source: Some(source),
            findings,
        } = &mut result.outcome
        else {
            continue;
        };
        let index = report::LineIndex::new(source);
        let new_lines = changed.of_file(&result.job.path);
        findings.retain(|f| {
            new_lines.touches((index.line(f.diag.span.start), index.line(f.diag.span.end)))
        });
    }
}

/// Prints the report (to stdout, or to `-o FILE`); returns the totals and whether some file
/// could not be checked. Suppressed findings are left out of the report and the totals,
/// except that SARIF with `--include-suppressed` lists them (still not counted).
fn emit(
    cli: &Cli,
    results: &[FileResult],
    metadata: Option<cargo_metadata::Metadata>,
) -> io::Result<(Summary, bool)> {
    let cwd = std::env::current_dir()?;
    let ctx = report::Context::new(
        cli.message_format,
        cwd,
        metadata,
        cli.manifest_path.as_deref(),
        cli.output.is_some(),
    );
    let mut reporter = if cli.statistics {
        report::statistics(cli.message_format)
    } else {
        report::reporter(cli.message_format, ctx)
    };
    match &cli.output {
        None => {
            let out = StandardStream::stdout(color_choice(cli.color));
            let mut out = out.lock();
            report_all(cli, &mut *reporter, &mut out, results)
        }
        Some(path) => {
            // A file gets color only when asked for explicitly.
            let mut buf = match cli.color {
                ColorWhen::Always => Buffer::ansi(),
                _ => Buffer::no_color(),
            };
            let done = report_all(cli, &mut *reporter, &mut buf, results)?;
            report::write_atomically(path, buf.as_slice())?;
            Ok(done)
        }
    }
}

fn report_all(
    cli: &Cli,
    reporter: &mut dyn report::Reporter,
    out: &mut dyn WriteColor,
    results: &[FileResult],
) -> io::Result<(Summary, bool)> {
    let show_suppressed = cli.include_suppressed && cli.message_format == MessageFormat::Sarif;
    let mut summary = Summary {
        files: results.len(),
        ..Summary::default()
    };
    let mut failed = false;
    for result in results {
        match &result.outcome {
            Outcome::Failed(msg) => {
                failed = true;
                summary.failed += 1;
                // Keep the order of stdout and stderr lines sensible on a shared terminal.
                out.flush()?;
                error(msg);
            }
            Outcome::Checked {
                source: Some(source),
                findings,
            } => {
                let shown: Vec<Finding> = findings
                    .iter()
                    .filter(|f| show_suppressed || f.suppressed.is_none())
                    .cloned()
                    .collect();
                for f in shown.iter().filter(|f| f.suppressed.is_none()) {
                    summary.add(f.level);
                }
                if shown.is_empty() {
                    continue;
                }
                reporter.file(
                    out,
                    &FileReport::new(&result.job.display, &result.job.path, source, &shown),
                )?;
            }
            Outcome::Checked { source: None, .. } => {}
            Outcome::NotCompiled(msg) => {
                summary.not_compiled += 1;
                out.flush()?;
                eprintln!("note: {msg}");
            }
        }
    }
    reporter.finish(out, &mut io::stderr(), &summary)?;
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

/// `--list` and `--explain` answer in JSON with `--message-format json` (or sarif).
fn json_requested(cli: &Cli) -> bool {
    matches!(
        cli.message_format,
        MessageFormat::Json | MessageFormat::Sarif
    )
}

fn explain(name: &str, json: bool) -> u8 {
    match find_lint(name) {
        Some(lint) if json => {
            let value = serde_json::json!({
                "name": lint.name,
                "group": lint.group.as_str(),
                "default": lint.default_level().as_str(),
                "summary": lint.summary,
                "explanation": lint.explanation,
            });
            print_or_fail(writeln!(io::stdout().lock(), "{value}"))
        }
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
fn list(levels: &Levels, json: bool) -> io::Result<()> {
    let width = LINTS.iter().map(|l| l.name.len()).max().unwrap_or(4);
    let mut out = io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = LINTS
            .iter()
            .map(|lint| {
                serde_json::json!({
                    "name": lint.name,
                    "group": lint.group.as_str(),
                    "default": lint.default_level().as_str(),
                    "effective": levels.effective(lint).as_str(),
                    "fix": lint.fix.applicability().map(|a| a.as_str()),
                    "summary": lint.summary,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(rows))?;
        return out.flush();
    }
    writeln!(
        out,
        "{:width$}  {:11}  {:7}  {:9}  {:6}  summary",
        "lint", "group", "default", "effective", "fix"
    )?;
    for lint in LINTS {
        writeln!(
            out,
            "{:width$}  {:11}  {:7}  {:9}  {:6}  {}",
            lint.name,
            lint.group.as_str(),
            lint.default_level().as_str(),
            levels.effective(lint).as_str(),
            lint.fix.describe(),
            lint.summary
        )?;
    }
    out.flush()
}

/// `--show-settings`: each lint's effective level and where it comes from, and `check-tests`.
/// (Settings of member packages with their own `[package.metadata.leapcheck]` apply to their
/// files on top of these.)
fn show_settings(levels: &Levels, check_tests: &str, json: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if json {
        let lints: Vec<serde_json::Value> = LINTS
            .iter()
            .map(|lint| {
                serde_json::json!({
                    "name": lint.name,
                    "level": levels.effective(lint).as_str(),
                    "from": levels.origin(lint),
                })
            })
            .collect();
        let value = serde_json::json!({ "check-tests": check_tests, "lints": lints });
        writeln!(out, "{value}")?;
        return out.flush();
    }
    let width = LINTS.iter().map(|l| l.name.len()).max().unwrap_or(4);
    writeln!(out, "check-tests: {check_tests}")?;
    for lint in LINTS {
        writeln!(
            out,
            "{:width$}  {:5}  {}",
            lint.name,
            levels.effective(lint).as_str(),
            levels.origin(lint)
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
