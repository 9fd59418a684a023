//! Files and directories that are the user's alone.
//!
//! focus writes its history, its running state, its lock and the output of
//! hooks into directories it trusts, and runs the hooks its config names.
//! If another user could create names in one of those directories, a link
//! planted at `focus.lock` or at a temp file's name would have focus write
//! into a file of the user's (a pid into `.bashrc`), and a planted config
//! would run commands as the user. So, whatever the umask:
//!
//! * every directory focus creates is `0700`, every file `0600`: an
//!   explicit mode, then a `chmod` in case the umask took even the owner's
//!   bits;
//! * a directory focus writes in must belong to the user, be writable by
//!   nobody else, and sit below directories nobody else can rename it out
//!   of (writable by others only with the sticky bit, like `/tmp`);
//! * a file is opened without following a symlink (`O_NOFOLLOW`), and
//!   created only where nothing is (`O_EXCL`);
//! * the config file must belong to the user (or root) and be writable by
//!   nobody else, in a directory nobody else can swap it in.
//!
//! Refusals are [`io::Error`]s of kind `PermissionDenied` carrying a
//! [`Refusal`], whose message names the path and the command that fixes it.

use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of every directory focus creates.
pub(crate) const DIR_MODE: u32 = 0o700;

/// The mode of every file focus creates.
pub(crate) const FILE_MODE: u32 = 0o600;

/// Write permission for the group or for others.
const SHARED_WRITE: u32 = 0o022;

/// The sticky bit: in such a directory only a file's owner may rename or
/// delete it, so others writing there cannot swap what is ours.
const STICKY: u32 = 0o1000;

/// Why focus will not use a path.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// A directory for focus's files that other users can write to.
    #[error(
        "refusing to use {}: other users can write to it (mode {mode:04o}) and could plant files or links there for focus to write through; make it yours alone with `chmod 700 {}`",
        dir.display(),
        shell_quote(dir)
    )]
    SharedDir {
        /// The directory.
        dir: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// A directory for focus's files that belongs to someone else.
    #[error(
        "refusing to use {}: it belongs to user {owner}, not to you (user {me}); move it out of the way and focus will create its own",
        dir.display()
    )]
    ForeignDir {
        /// The directory.
        dir: PathBuf,
        /// Its owner's uid.
        owner: u32,
        /// Ours.
        me: u32,
    },
    /// A directory above one of focus's that others can write to: they
    /// could rename focus's directory away and put their own in its place.
    #[error(
        "refusing to use {}: other users can write to {} above it (mode {mode:04o}, no sticky bit) and could replace it; run `chmod go-w {}` or keep focus's files elsewhere",
        dir.display(),
        parent.display(),
        shell_quote(parent)
    )]
    SharedParent {
        /// focus's directory.
        dir: PathBuf,
        /// The directory above it that others can write to.
        parent: PathBuf,
        /// That directory's permission bits.
        mode: u32,
    },
    /// A symlink where focus writes a file of its own.
    #[error(
        "refusing to write {}: it is a symbolic link, and focus does not write through links in its own directories; remove it with `rm {}`",
        path.display(),
        shell_quote(path)
    )]
    Link {
        /// The link.
        path: PathBuf,
    },
    /// Something other than a regular file where focus writes a file.
    #[error(
        "refusing to write {}: it is not a regular file; remove it with `rm {}`",
        path.display(),
        shell_quote(path)
    )]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A config file (or its directory) that someone else controls: its
    /// hooks would run as the user.
    #[error(
        "refusing to read {}: {why}, and the commands of its [hooks] would run as you; {fix}",
        path.display()
    )]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong.
        why: String,
        /// What to do.
        fix: String,
    },
}

impl From<Refusal> for io::Error {
    fn from(refusal: Refusal) -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, refusal)
    }
}

/// Whether `err` is focus refusing a path (not the system failing).
pub(crate) fn is_refusal(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<Refusal>())
}

/// The directory a file at `path` lives in (`.` for a bare name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Makes sure `dir` exists and is fit for focus's files: creates what is
/// missing as `0700`, then [`check_dir`].
pub(crate) fn ensure_dir(dir: &Path) -> io::Result<()> {
    create_dirs(dir)?;
    check_dir(dir)
}

/// Creates `dir` and its missing parents, each `0700` whatever the umask.
/// `DirBuilder::recursive` would do the creating, but not say which
/// directories it made, and only those may be chmodded.
fn create_dirs(dir: &Path) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty()) {
        match fs::metadata(d) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(d),
            Err(e) => return Err(e),
        }
        at = d.parent();
    }
    for d in missing.into_iter().rev() {
        match DirBuilder::new().mode(DIR_MODE).create(d) {
            // A umask may take even the owner's bits; the mode is set, not
            // asked for.
            Ok(()) => fs::set_permissions(d, Permissions::from_mode(DIR_MODE))?,
            // Another process made it a moment ago; checked below.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Refuses a directory other users could plant files in: one owned by
/// someone else, one writable by the group or others (sticky or not: a
/// name that does not exist yet is anyone's to take), or one below a
/// directory others can write to without the sticky bit.
pub(crate) fn check_dir(dir: &Path) -> io::Result<()> {
    let real = fs::canonicalize(dir)?;
    let meta = fs::metadata(&real)?;
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} is not a directory", dir.display()),
        ));
    }
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Err(Refusal::ForeignDir {
            dir: dir.to_path_buf(),
            owner: meta.uid(),
            me,
        }
        .into());
    }
    if meta.mode() & SHARED_WRITE != 0 {
        return Err(Refusal::SharedDir {
            dir: dir.to_path_buf(),
            mode: meta.mode() & 0o7777,
        }
        .into());
    }
    check_parents(dir, &real)
}

/// Refuses `real` (the canonical form of `dir`) when a directory above it
/// lets others rename entries they do not own.
fn check_parents(dir: &Path, real: &Path) -> io::Result<()> {
    for parent in real.ancestors().skip(1) {
        let mode = fs::metadata(parent)?.mode();
        if mode & SHARED_WRITE != 0 && mode & STICKY == 0 {
            return Err(Refusal::SharedParent {
                dir: dir.to_path_buf(),
                parent: parent.to_path_buf(),
                mode: mode & 0o7777,
            }
            .into());
        }
    }
    Ok(())
}

/// Opens the file at `path` for writing as `options` says (`write` or
/// `append`, perhaps `read`), creating it `0600` if there is none. Never
/// through a symlink, and only a regular file. The directory is the
/// caller's to check ([`ensure_dir`]).
pub(crate) fn open(path: &Path, options: &OpenOptions) -> io::Result<File> {
    let mut create = options.clone();
    create
        .create_new(true)
        .mode(FILE_MODE)
        .custom_flags(nofollow());
    let file = match create.open(path) {
        Ok(file) => {
            // As for directories: the umask must not have the last word.
            file.set_permissions(Permissions::from_mode(FILE_MODE))?;
            file
        }
        // O_EXCL fails on anything there, a link included; open that
        // without following it.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let mut existing = options.clone();
            existing
                .create(false)
                .create_new(false)
                .custom_flags(nofollow());
            existing.open(path).map_err(|e| refuse_link(path, e))?
        }
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Err(Refusal::NotAFile {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(file)
}

/// Opens an existing file for reading without following a symlink at
/// `path`: for files focus itself writes, where a link is never its own.
pub(crate) fn open_read(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(nofollow())
        .open(path)
        .map_err(|e| refuse_link(path, e))
}

/// Turns the error of an `O_NOFOLLOW` open of a symlink (`ELOOP` on Linux,
/// something else elsewhere) into [`Refusal::Link`].
fn refuse_link(path: &Path, err: io::Error) -> io::Error {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        Refusal::Link {
            path: path.to_path_buf(),
        }
        .into()
    } else {
        err
    }
}

fn nofollow() -> i32 {
    // The flag's bits fit an i32 on every platform rustix supports.
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

/// Refuses a config file someone else could have written: one owned by
/// another user (root aside), one writable by the group or others, or one
/// in a directory where someone else could swap it (the link's directory
/// and the file's, when it is a link). A file that cannot be found is left
/// to the reader to report.
pub(crate) fn check_config(path: &Path) -> io::Result<()> {
    let Ok(real) = fs::canonicalize(path) else {
        return Ok(());
    };
    let meta = fs::metadata(&real)?;
    let me = rustix::process::geteuid().as_raw();
    let refuse = |why: String, fix: String| -> io::Result<()> {
        Err(Refusal::Config {
            path: path.to_path_buf(),
            why,
            fix,
        }
        .into())
    };
    if meta.uid() != me && meta.uid() != 0 {
        return refuse(
            format!("it belongs to user {}, not to you", meta.uid()),
            "use a config file of your own".into(),
        );
    }
    if meta.mode() & SHARED_WRITE != 0 {
        return refuse(
            format!(
                "other users can write to it (mode {:04o})",
                meta.mode() & 0o7777
            ),
            format!("run `chmod go-w {}`", shell_quote(&real)),
        );
    }
    let mut dirs = vec![parent_dir(&real).to_path_buf()];
    if let Ok(link_dir) = fs::canonicalize(parent_dir(path))
        && !dirs.contains(&link_dir)
    {
        dirs.push(link_dir);
    }
    for dir in dirs {
        let meta = fs::metadata(&dir)?;
        if meta.uid() != me && meta.uid() != 0 {
            return refuse(
                format!(
                    "its directory {} belongs to user {}, who could replace it",
                    dir.display(),
                    meta.uid()
                ),
                "keep your config in a directory of your own".into(),
            );
        }
        for d in dir.ancestors() {
            let mode = fs::metadata(d)?.mode();
            if mode & SHARED_WRITE != 0 && mode & STICKY == 0 {
                return refuse(
                    format!(
                        "other users can write to {} (mode {:04o}, no sticky bit) and could replace it",
                        d.display(),
                        mode & 0o7777
                    ),
                    format!("run `chmod go-w {}`", shell_quote(d)),
                );
            }
        }
    }
    Ok(())
}

/// `path` as a shell word, for the commands messages suggest: bare when
/// that is safe, else single-quoted.
fn shell_quote(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=~".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_quote(Path::new("/home/a/.local")), "/home/a/.local");
        assert_eq!(shell_quote(Path::new("/x/my dir")), "'/x/my dir'");
        assert_eq!(shell_quote(Path::new("/x/it's")), r"'/x/it'\''s'");
    }

    #[test]
    fn a_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("target");
        fs::write(&target, "keep").expect("seed");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        let err = open(&link, OpenOptions::new().write(true)).expect_err("a link");
        assert!(is_refusal(&err), "{err}");
        let err = open_read(&link).expect_err("a link");
        assert!(is_refusal(&err), "{err}");
        assert_eq!(fs::read_to_string(&target).expect("read"), "keep");
    }

    #[test]
    fn a_world_writable_directory_is_refused_but_a_sticky_parent_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sticky = dir.path().join("tmp");
        fs::create_dir(&sticky).expect("mkdir");
        fs::set_permissions(&sticky, Permissions::from_mode(0o1777)).expect("chmod");
        let ours = sticky.join("focus");
        ensure_dir(&ours).expect("a private dir under a sticky one");
        fs::set_permissions(&ours, Permissions::from_mode(0o777)).expect("chmod");
        let err = ensure_dir(&ours).expect_err("world-writable");
        assert!(is_refusal(&err), "{err}");
        assert!(err.to_string().contains("chmod 700"), "{err}");
        fs::set_permissions(&ours, Permissions::from_mode(0o700)).expect("chmod");
        fs::set_permissions(&sticky, Permissions::from_mode(0o777)).expect("chmod");
        let err = ensure_dir(&ours).expect_err("under a shared parent");
        assert!(err.to_string().contains("chmod go-w"), "{err}");
    }
}
