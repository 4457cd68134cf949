//! Effective lint levels: the group default, then the configuration (`config.rs`), then the
//! command-line flags in the order given.

use leapcheck_lints::registry::all_names;
use leapcheck_lints::{find_lint, Certainty, Group, Level, Lint, LINTS};

use crate::cli::LevelFlag;

/// What a name in `-D/-W/-A` refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    Lint(&'static Lint),
    Group(Group),
    /// Every lint of every group (not `parse_error`, which is no group's member).
    All,
    /// rustc's `warnings`: changes what happens to findings that end up at warn level.
    Warnings,
}

impl Selector {
    /// Resolves a user-written name. Accepts `leapcheck::NAME` and `-` for `_`, like the
    /// engine's `find_lint`. The error is a complete message with a "did you mean" hint.
    pub fn parse(name: &str) -> Result<Selector, String> {
        if let Some(lint) = find_lint(name) {
            return Ok(Selector::Lint(lint));
        }
        let norm = normalize(name);
        if let Some(group) = Group::parse(&norm) {
            return Ok(Selector::Group(group));
        }
        match norm.as_str() {
            "all" => Ok(Selector::All),
            "warnings" => Ok(Selector::Warnings),
            _ => Err(format!(
                "unknown lint or group `{name}`{}",
                did_you_mean(&norm, all_names().chain(["warnings"]))
            )),
        }
    }
}

fn normalize(name: &str) -> String {
    name.strip_prefix("leapcheck::")
        .unwrap_or(name)
        .replace('-', "_")
}

/// `\n  help: did you mean `x`?` for the closest candidate, or "" when nothing is close.
/// Jaro-Winkler favours common prefixes, which is how lint names are usually mistyped or
/// abbreviated (`year_arithmetic` → `year_arithmetic_on_date`).
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let best = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, c)) if score >= 0.7 => format!("\n  help: did you mean `{c}`?"),
        _ => String::new(),
    }
}

/// The level of every lint, indexed like [`LINTS`].
#[derive(Debug, Clone)]
pub struct Levels {
    levels: Vec<Level>,
    /// Where each lint's level was last set (`None`: its default), for `--show-settings`.
    origins: Vec<Option<String>>,
    warnings_origin: Option<String>,
    /// What `warnings` was last set to: `Deny` (`-D warnings`) promotes every warn-level lint,
    /// `Allow` silences them. Like rustc, this applies after all other flags, whatever the
    /// order, because it is about the resulting level, not about a set of lints.
    warnings: Level,
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            levels: LINTS.iter().map(|l| l.default_level()).collect(),
            origins: vec![None; LINTS.len()],
            warnings_origin: None,
            warnings: Level::Warn,
        }
    }
}

impl Levels {
    /// Defaults with the command-line flags applied in order. The first unknown name is an
    /// error (the caller exits with status 2).
    pub fn from_flags(flags: &[LevelFlag]) -> Result<Levels, String> {
        let mut levels = Levels::default();
        levels.apply_flags(flags)?;
        Ok(levels)
    }

    /// Applies command-line flags in order (after the configuration, see `config.rs`).
    pub fn apply_flags(&mut self, flags: &[LevelFlag]) -> Result<(), String> {
        for flag in flags {
            let selector = Selector::parse(&flag.name)?;
            let letter = match flag.level {
                Level::Deny => "D",
                Level::Warn => "W",
                Level::Allow => "A",
            };
            self.apply_from(
                selector,
                flag.level,
                &format!("command line `-{letter} {}`", flag.name),
            );
        }
        Ok(())
    }

    /// Sets the level of the lints `selector` names, remembering `origin` as where it comes
    /// from.
    pub fn apply_from(&mut self, selector: Selector, level: Level, origin: &str) {
        match selector {
            Selector::Warnings => {
                self.warnings = level;
                self.warnings_origin = Some(origin.to_string());
            }
            _ => {
                for (i, lint) in LINTS.iter().enumerate() {
                    let hit = match selector {
                        Selector::Lint(l) => l == *lint,
                        Selector::Group(g) => lint.group == g,
                        Selector::All => Group::ALL.contains(&lint.group),
                        Selector::Warnings => false,
                    };
                    if hit {
                        self.levels[i] = level;
                        self.origins[i] = Some(origin.to_string());
                    }
                }
            }
        }
    }

    /// The level findings of `lint` are reported at.
    pub fn effective(&self, lint: &Lint) -> Level {
        self.with_warnings(self.configured(lint))
    }

    /// The level one finding is reported at: a `Possible` finding (it probably fails, see
    /// `Certainty`) is at most a warning, and then follows `-D/-A warnings` like any warning.
    /// A lint at `allow` stays silent.
    pub fn shown(&self, lint: &Lint, certainty: Certainty) -> Level {
        let level = self.configured(lint);
        let level = match certainty {
            Certainty::Possible => level.min(Level::Warn),
            Certainty::Certain => level,
        };
        self.with_warnings(level)
    }

    /// Where the effective level of `lint` comes from: "default", the configuration file and
    /// section, or the command-line flag; with the `warnings` setting when that decides it.
    pub fn origin(&self, lint: &Lint) -> String {
        let own = LINTS
            .iter()
            .position(|l| *l == lint)
            .and_then(|i| self.origins[i].clone())
            .unwrap_or_else(|| "default".to_string());
        match (&self.warnings_origin, self.configured(lint)) {
            (Some(w), Level::Warn) if self.warnings != Level::Warn => {
                format!("{own}, then {w}")
            }
            _ => own,
        }
    }

    fn configured(&self, lint: &Lint) -> Level {
        LINTS
            .iter()
            .position(|l| *l == lint)
            .map_or(lint.default_level(), |i| self.levels[i])
    }

    fn with_warnings(&self, level: Level) -> Level {
        if level == Level::Warn {
            self.warnings
        } else {
            level
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(flags: &[(Level, &str)]) -> Result<Levels, String> {
        let flags: Vec<LevelFlag> = flags
            .iter()
            .map(|(level, name)| LevelFlag {
                level: *level,
                name: name.to_string(),
            })
            .collect();
        Levels::from_flags(&flags)
    }

    fn lint(name: &str) -> &'static Lint {
        find_lint(name).unwrap()
    }

    #[test]
    fn possible_findings_are_at_most_warnings() {
        let year = lint("year_arithmetic_on_date");
        let l = Levels::default();
        assert_eq!(l.shown(year, Certainty::Certain), Level::Deny);
        assert_eq!(l.shown(year, Certainty::Possible), Level::Warn);
        let unwrap = lint("unwrap_on_date_construction");
        assert_eq!(l.shown(unwrap, Certainty::Possible), Level::Warn);
        let l = levels(&[(Level::Deny, "warnings")]).unwrap();
        assert_eq!(l.shown(year, Certainty::Possible), Level::Deny);
        let l = levels(&[(Level::Allow, "year_arithmetic_on_date")]).unwrap();
        assert_eq!(l.shown(year, Certainty::Possible), Level::Allow);
    }

    #[test]
    fn defaults_follow_groups() {
        let l = Levels::default();
        for lint in LINTS {
            assert_eq!(l.effective(lint), lint.group.default_level());
        }
        assert_eq!(l.effective(lint("parse_error")), Level::Deny);
    }

    #[test]
    fn flags_apply_in_order() {
        let l = levels(&[
            (Level::Allow, "all"),
            (Level::Warn, "year_arithmetic_on_date"),
        ])
        .unwrap();
        assert_eq!(l.effective(lint("year_arithmetic_on_date")), Level::Warn);
        assert_eq!(l.effective(lint("month_arithmetic_on_date")), Level::Allow);
        // `all` does not include the input pseudo-lint.
        assert_eq!(l.effective(lint("parse_error")), Level::Deny);

        let l = levels(&[
            (Level::Warn, "year_arithmetic_on_date"),
            (Level::Allow, "all"),
        ])
        .unwrap();
        assert_eq!(l.effective(lint("year_arithmetic_on_date")), Level::Allow);
    }

    #[test]
    fn groups_and_spellings() {
        let l = levels(&[
            (Level::Deny, "pedantic"),
            (Level::Allow, "leapcheck::hand-built-year-duration"),
        ])
        .unwrap();
        for lint in LINTS.iter().filter(|l| l.group == Group::Pedantic) {
            assert_eq!(l.effective(lint), Level::Deny);
        }
        assert_eq!(l.effective(lint("hand_built_year_duration")), Level::Allow);
    }

    #[test]
    fn deny_warnings_promotes_whatever_the_order() {
        let l = levels(&[
            (Level::Deny, "warnings"),
            (Level::Warn, "pedantic"),
            (Level::Allow, "unchecked_local_time"),
        ])
        .unwrap();
        for lint in LINTS.iter().filter(|l| l.group == Group::Pedantic) {
            assert_eq!(l.effective(lint), Level::Deny);
        }
        assert_eq!(l.effective(lint("unchecked_local_time")), Level::Allow);
        assert_eq!(l.effective(lint("hand_built_year_duration")), Level::Deny);
    }

    #[test]
    fn unknown_names_suggest() {
        let err = levels(&[(Level::Deny, "year_arithmetic")]).unwrap_err();
        assert!(
            err.contains("did you mean `year_arithmetic_on_date`"),
            "{err}"
        );
        let err = levels(&[(Level::Deny, "warning")]).unwrap_err();
        assert!(err.contains("did you mean `warnings`"), "{err}");
        let err = levels(&[(Level::Deny, "zzz")]).unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
    }
}
