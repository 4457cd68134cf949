//! Command-line options of the static check (`cargo leapcheck [OPTIONS] [PATH]...`).
//!
//! Parsed with clap's derive API. The level flags (`-D/-W/-A`) are additionally read from the
//! raw `ArgMatches` with their indices, because their relative order matters (`-D all -A foo`
//! differs from `-A foo -D all`) and the derived `Vec`s lose the order across flags.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};
use leapcheck_lints::Level;

#[derive(Parser, Debug)]
#[command(
    name = "cargo-leapcheck",
    bin_name = "cargo leapcheck",
    version,
    about = "Finds the leap-day bug family (Azure 2012) and other calendar bugs in Rust code",
    after_help = "Lint and group names for -D/-W/-A: see `--list`. Group names: correctness, \
                  suspicious, pedantic, all; `-D warnings` turns every warning into an error.\n\
                  Runtime mode: `cargo leapcheck replay --help`. Editors (LSP): \
                  `cargo leapcheck server --help`."
)]
pub struct Cli {
    /// Files and directories to check (default: the cargo workspace around the current dir)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Path to the Cargo.toml of the workspace or package to check
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,

    /// Check only this package (repeatable)
    #[arg(short = 'p', long = "package", value_name = "SPEC")]
    pub packages: Vec<String>,

    /// Check every workspace member (the default at the workspace root; inside a member's
    /// directory, or with --manifest-path naming a member, only that member is checked)
    #[arg(long)]
    pub workspace: bool,

    /// Skip this package (repeatable)
    #[arg(long, value_name = "SPEC")]
    pub exclude: Vec<String>,

    /// Output format
    #[arg(long, value_enum, value_name = "FMT", default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,

    /// Write the report to FILE (atomically) instead of stdout; the summary goes to stderr
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// SARIF: also list findings silenced by a suppression, marked as suppressed
    #[arg(long)]
    pub include_suppressed: bool,

    /// Read one file's source from stdin and report it under PATH (no discovery)
    #[arg(long, value_name = "PATH", conflicts_with_all = ["paths", "manifest_path", "packages", "exclude"])]
    pub stdin_filename: Option<PathBuf>,

    /// Coloring of the human output
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Set a lint or group to deny (repeatable; `-D warnings` makes all warnings errors)
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    pub deny: Vec<String>,

    /// Set a lint or group to warn (repeatable)
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    pub warn: Vec<String>,

    /// Set a lint or group to allow (repeatable)
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    pub allow: Vec<String>,

    /// List every lint with its group, default and effective level
    #[arg(long)]
    pub list: bool,

    /// Print the documentation of a lint
    #[arg(long, value_name = "LINT")]
    pub explain: Option<String>,

    /// Number of parallel jobs (default: all cores)
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,

    /// Exit with status 0 even when deny-level findings are reported
    #[arg(long)]
    pub exit_zero: bool,

    /// Also check test code (#[cfg(test)], #[test], files under tests/ and benches/) with the
    /// lints that skip it by default (`--all-targets` as with cargo clippy)
    #[arg(long, visible_alias = "all-targets")]
    pub check_tests: bool,

    /// Parse every file, not only those containing words a lint needs (slower; also reports
    /// syntax errors in files without date code)
    #[arg(long)]
    pub no_prefilter: bool,

    /// Apply the safe fixes of the findings (re-checking until none is left), then report what
    /// remains
    #[arg(long, conflicts_with_all = ["baseline", "write_baseline", "new_since", "add_allow", "stdin_filename"])]
    pub fix: bool,

    /// With --fix or --diff: also apply the unsafe fixes (they change behaviour on purpose,
    /// e.g. Feb 29 + 1 year becomes Feb 28 instead of an error)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing (exit status 1 when there is a diff)
    #[arg(long, conflicts_with_all = ["fix", "baseline", "write_baseline", "new_since", "add_allow", "stdin_filename"])]
    pub diff: bool,

    /// Write `// leapcheck:allow(LINT) REASON` above every line with a finding, instead of
    /// reporting them (adopting the checker on an existing code base)
    #[arg(long, value_name = "REASON", num_args = 0..=1, default_missing_value = "", require_equals = true)]
    pub add_allow: Option<String>,

    /// Record the current findings in FILE (a baseline) instead of reporting them
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings that the baseline FILE (from --write-baseline) does not record
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Print the effective level of every lint and where it comes from (default, which
    /// configuration file, which flag), and exit
    #[arg(long)]
    pub show_settings: bool,

    /// Print how many findings each lint has, most frequent first, instead of the findings
    #[arg(long)]
    pub statistics: bool,

    /// Report only findings on lines added or changed since the git revision REV (committed,
    /// staged or not; files git does not track yet count as new)
    #[arg(long, value_name = "REV")]
    pub new_since: Option<String>,
}

/// `--message-format`: one `Reporter` in `report/` per variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// rustc-style diagnostics with source snippets
    Human,
    /// one line per finding: `path:line:col: level[lint]: message`
    Short,
    /// cargo's JSON message stream (rust-analyzer, clippy-reading tools)
    Json,
    /// one SARIF 2.1.0 log (GitHub code scanning)
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// One `-D/-W/-A NAME` as written, in command-line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelFlag {
    pub level: Level,
    pub name: String,
}

/// Parses the arguments (without the program name and without cargo's `leapcheck`).
/// On `--help`, `--version` or a usage error, clap prints and exits (status 0 or 2).
pub fn parse(args: Vec<OsString>) -> (Cli, Vec<LevelFlag>) {
    let cmd = Cli::command();
    let argv =
        std::iter::once(OsString::from("cargo-leapcheck")).chain(lint_flags_after_dashes(args));
    let matches = cmd.get_matches_from(argv);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let flags = level_flags(&matches);
    (cli, flags)
}

/// `cargo leapcheck -- -D warnings`, as with `cargo clippy -- -D warnings`: level flags after
/// `--` are read as level flags, after all others. Anything else after `--` keeps its meaning
/// (paths, even ones that start with `-`).
fn lint_flags_after_dashes(args: Vec<OsString>) -> Vec<OsString> {
    let Some(pos) = args.iter().position(|a| a == "--") else {
        return args;
    };
    let tail: Vec<&str> = match args[pos + 1..].iter().map(|a| a.to_str()).collect() {
        Some(tail) => tail,
        None => return args,
    };
    let mut i = 0;
    while i < tail.len() {
        let t = tail[i];
        if matches!(t, "-D" | "-W" | "-A" | "--deny" | "--warn" | "--allow") && i + 1 < tail.len() {
            i += 2;
        } else if (t.len() > 2 && ["-D", "-W", "-A"].iter().any(|f| t.starts_with(f)))
            || ["--deny=", "--warn=", "--allow="]
                .iter()
                .any(|f| t.starts_with(f))
        {
            i += 1;
        } else {
            return args;
        }
    }
    if tail.is_empty() {
        return args;
    }
    let mut out = args;
    out.remove(pos);
    out
}

/// The level flags sorted by their position on the command line.
fn level_flags(matches: &ArgMatches) -> Vec<LevelFlag> {
    let mut flags: Vec<(usize, LevelFlag)> = Vec::new();
    for (id, level) in [
        ("deny", Level::Deny),
        ("warn", Level::Warn),
        ("allow", Level::Allow),
    ] {
        let (Some(values), Some(indices)) =
            (matches.get_many::<String>(id), matches.indices_of(id))
        else {
            continue;
        };
        for (name, index) in values.zip(indices) {
            flags.push((
                index,
                LevelFlag {
                    level,
                    name: name.clone(),
                },
            ));
        }
    }
    flags.sort_by_key(|(index, _)| *index);
    flags.into_iter().map(|(_, flag)| flag).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags_of(args: &[&str]) -> Vec<(Level, String)> {
        let (_, flags) = parse(args.iter().map(OsString::from).collect());
        flags.into_iter().map(|f| (f.level, f.name)).collect()
    }

    #[test]
    fn level_flags_keep_command_line_order() {
        assert_eq!(
            flags_of(&["-A", "all", "-D", "x", "--warn=y", "-Dz", "--allow", "w"]),
            vec![
                (Level::Allow, "all".to_string()),
                (Level::Deny, "x".to_string()),
                (Level::Warn, "y".to_string()),
                (Level::Deny, "z".to_string()),
                (Level::Allow, "w".to_string()),
            ]
        );
    }

    #[test]
    fn level_flags_after_dashes_as_with_clippy() {
        assert_eq!(
            flags_of(&["-W", "x", "--", "-D", "warnings", "-Ay"]),
            vec![
                (Level::Warn, "x".to_string()),
                (Level::Deny, "warnings".to_string()),
                (Level::Allow, "y".to_string()),
            ]
        );
        // Not only level flags after `--`: everything there stays a path.
        let (cli, flags) = parse(
            ["--", "-odd.rs", "-D", "y"]
                .iter()
                .map(OsString::from)
                .collect(),
        );
        assert!(flags.is_empty());
        assert_eq!(
            cli.paths,
            [
                PathBuf::from("-odd.rs"),
                PathBuf::from("-D"),
                PathBuf::from("y")
            ]
        );
        let (cli, _) = parse(["--all-targets"].iter().map(OsString::from).collect());
        assert!(cli.check_tests);
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
