//! The faked-clock library (built by build.rs, embedded here), its file in the cache
//! directory, and the check that a program can be faked at all.

use std::ffi::OsStr;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The preload library built from src/replay/fakeclock.rs (empty on platforms without it).
static LIBRARY: &[u8] = include_bytes!(env!("LEAPCHECK_FAKECLOCK_LIB"));
const LIBRARY_HASH: &str = env!("LEAPCHECK_FAKECLOCK_HASH");
const LIBRARY_NAME: &str = "libleapcheck_fakeclock.so";

/// Writes the embedded library to `<cache>/cargo-leapcheck/<hash>/` once and returns its path.
/// The content hash in the directory name means a new build never loads an old library; the
/// write goes to a temporary name and is renamed into place so that concurrent replays never
/// see (or preload) a half-written file.
pub fn library_path() -> Result<PathBuf, String> {
    if LIBRARY.is_empty() || !cfg!(target_os = "linux") {
        return Err(
            "replay needs the LD_PRELOAD faked-clock library, which this build does not have \
             (Linux only for now; macOS DYLD_INSERT_LIBRARIES is planned)"
                .into(),
        );
    }
    let mut last_err = String::new();
    for base in cache_bases() {
        let dir = base.join("cargo-leapcheck").join(LIBRARY_HASH);
        let path = dir.join(LIBRARY_NAME);
        if std::fs::read(&path).is_ok_and(|b| b == LIBRARY) {
            return Ok(path);
        }
        match write_atomically(&dir, &path) {
            Ok(()) => return Ok(path),
            Err(e) => last_err = format!("{}: {e}", dir.display()),
        }
    }
    Err(format!(
        "cannot write the faked-clock library to a cache directory ({last_err})"
    ))
}

fn cache_bases() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|x| !x.is_empty()) {
        v.push(PathBuf::from(x));
    }
    if let Some(h) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        v.push(PathBuf::from(h).join(".cache"));
    }
    v.push(std::env::temp_dir());
    v
}

fn write_atomically(dir: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(
        ".{LIBRARY_NAME}.{}.{nanos}.tmp",
        std::process::id()
    ));
    let result = std::fs::write(&tmp, LIBRARY).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Resolves a command the way `execvp` would: a name with a slash is a path, anything else
/// is looked up in PATH.
pub fn find_program(cmd: &OsStr) -> Option<PathBuf> {
    let p = Path::new(cmd);
    if cmd.is_empty() {
        return None;
    }
    if p.components().count() > 1 || cmd.to_string_lossy().contains('/') {
        return is_executable(p).then(|| p.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(p))
        .find(|c| is_executable(c))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// How a program file is linked, as far as LD_PRELOAD is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Linkage {
    /// Has an ELF interpreter (the dynamic loader), which honours LD_PRELOAD.
    Dynamic,
    /// No PT_INTERP: nothing will load the faked clock (musl static, glibc static, static-pie,
    /// Go without cgo).
    Static,
    /// An ELF of the other class (32-bit here): the loader would skip our 64-bit library with
    /// a warning and run the program on the real clock.
    OtherClass,
    /// `#!` script: the interpreter is what runs.
    Script(PathBuf),
    /// Not ELF and not a script (we cannot tell; replay proceeds).
    Unknown,
}

/// Reads the ELF program headers (32 or 64 bit, either byte order) and looks for PT_INTERP.
pub fn linkage(path: &Path) -> std::io::Result<Linkage> {
    let mut f = File::open(path)?;
    let mut head = [0u8; 64];
    let n = read_up_to(&mut f, &mut head)?;
    let head = &head[..n];
    if head.starts_with(b"#!") {
        let mut buf = head.to_vec();
        let mut rest = [0u8; 192];
        let m = read_up_to(&mut f, &mut rest)?;
        buf.extend_from_slice(&rest[..m]);
        let line = buf[2..].split(|b| *b == b'\n').next().unwrap_or_default();
        let line = String::from_utf8_lossy(line);
        let interp = line.split_whitespace().next().unwrap_or_default();
        return Ok(Linkage::Script(PathBuf::from(interp)));
    }
    if n < 52 || !head.starts_with(b"\x7fELF") {
        return Ok(Linkage::Unknown);
    }
    let is64 = head[4] == 2;
    if is64 != cfg!(target_pointer_width = "64") {
        return Ok(Linkage::OtherClass);
    }
    let le = head[5] == 1;
    let u16_at = |b: &[u8], o: usize| -> u64 {
        let v = [b[o], b[o + 1]];
        u64::from(if le {
            u16::from_le_bytes(v)
        } else {
            u16::from_be_bytes(v)
        })
    };
    let u32_at = |b: &[u8], o: usize| -> u64 {
        let v = [b[o], b[o + 1], b[o + 2], b[o + 3]];
        u64::from(if le {
            u32::from_le_bytes(v)
        } else {
            u32::from_be_bytes(v)
        })
    };
    let u64_at = |b: &[u8], o: usize| -> u64 {
        let mut v = [0u8; 8];
        v.copy_from_slice(&b[o..o + 8]);
        if le {
            u64::from_le_bytes(v)
        } else {
            u64::from_be_bytes(v)
        }
    };
    let (phoff, phentsize, phnum) = if is64 {
        if n < 64 {
            return Ok(Linkage::Unknown);
        }
        (u64_at(head, 32), u16_at(head, 54), u16_at(head, 56))
    } else {
        (u32_at(head, 28), u16_at(head, 42), u16_at(head, 44))
    };
    if phentsize < 4 || phnum == 0 || phnum > 4096 {
        return Ok(Linkage::Static);
    }
    use std::os::unix::fs::FileExt;
    let mut table = vec![0u8; (phentsize * phnum) as usize];
    if f.read_exact_at(&mut table, phoff).is_err() {
        return Ok(Linkage::Unknown);
    }
    const PT_INTERP: u64 = 3;
    let has_interp = table
        .chunks_exact(phentsize as usize)
        .any(|ph| u32_at(ph, 0) == PT_INTERP);
    Ok(if has_interp {
        Linkage::Dynamic
    } else {
        Linkage::Static
    })
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Refuses programs whose clock the preload library cannot reach: a replay of them would
/// show the real clock at every instant and report passes that mean nothing.
pub fn check_fakeable(program: &Path) -> Result<(), String> {
    let mut current = program.to_path_buf();
    // Follow one level of `#!`: `#!/usr/bin/env python3` runs a (dynamic) env.
    for _ in 0..2 {
        match linkage(&current) {
            Ok(Linkage::Static) => {
                return Err(format!(
                    "cannot fake the clock of {}: it is statically linked (no ELF interpreter, \
                     e.g. a musl or static-pie build), so the LD_PRELOAD faked clock cannot \
                     reach its time calls; replay refuses rather than report passes on the \
                     real clock. Build it dynamically (e.g. the -gnu target) to replay it.",
                    program.display()
                ))
            }
            Ok(Linkage::OtherClass) => {
                return Err(format!(
                    "cannot fake the clock of {}: it is a {} program and the faked-clock \
                     library is {}-bit, so the loader would skip it and the program would run \
                     on the real clock",
                    program.display(),
                    if cfg!(target_pointer_width = "64") {
                        "32-bit"
                    } else {
                        "64-bit"
                    },
                    usize::BITS
                ))
            }
            Ok(Linkage::Script(interp)) => match find_program(interp.as_os_str()) {
                Some(p) => current = p,
                None => return Ok(()),
            },
            Ok(Linkage::Dynamic | Linkage::Unknown) => return Ok(()),
            Err(e) => return Err(format!("cannot read {}: {e}", program.display())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dynamic_programs_are_fakeable() {
        let sh = find_program(OsStr::new("sh")).expect("sh in PATH");
        assert_eq!(check_fakeable(&sh), Ok(()));
        let exe = std::env::current_exe().unwrap();
        assert_eq!(linkage(&exe).unwrap(), Linkage::Dynamic);
    }

    #[test]
    fn other_elf_class_is_refused() {
        let dir = std::env::temp_dir().join(format!("leapcheck-elf32-{}", std::process::id()));
        let mut elf = b"\x7fELF\x01\x01\x01".to_vec();
        elf.resize(64, 0);
        std::fs::write(&dir, &elf).unwrap();
        assert_eq!(linkage(&dir).unwrap(), Linkage::OtherClass);
        assert!(check_fakeable(&dir).unwrap_err().contains("32-bit"));
        let _ = std::fs::remove_file(&dir);
    }

    #[test]
    fn missing_program() {
        assert_eq!(find_program(OsStr::new("no-such-command-leapcheck")), None);
        assert_eq!(find_program(OsStr::new("")), None);
        assert_eq!(find_program(OsStr::new("./no/such")), None);
    }

    #[test]
    fn library_is_embedded_and_cached() {
        let p = library_path().expect("library");
        let bytes = std::fs::read(&p).unwrap();
        assert!(bytes.starts_with(b"\x7fELF"));
        assert_eq!(library_path().unwrap(), p);
    }
}
