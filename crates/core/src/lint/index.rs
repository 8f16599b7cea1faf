//! The lint index: what `copydesk lint` keeps between runs so a run can lint only the articles
//! that changed and still check corpus-wide rules over every article.
//!
//! The index holds each article's [`ArticleFacts`] (what the corpus rules consume), keyed by
//! the article's path relative to the newsroom root, with a hash of the file's bytes. Nothing
//! in it is trusted blindly:
//! - the whole index belongs to one copydesk version, one index format and one fingerprint
//!   of the inputs that shape facts (the effective configuration and the author files); any
//!   mismatch discards it;
//! - an entry is used only while the file's current bytes hash to the stored hash;
//! - an entry is used only while none of the article's times that rules compare with now
//!   (each rule declares them, e.g. TL002 a published article's times) crossed the time of
//!   the run: what such a rule finds decides whether a suppression comment counts as used,
//!   which the facts record;
//! - the file carries a checksum of its payload, so a corrupt or truncated file is detected
//!   and simply rebuilt; reading an index never fails a lint run.
//!
//! The run that uses it is [`Linter::lint`](super::Linter::lint);
//! which files changed comes from [`crate::git`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::engine::ArticleFacts;
use crate::article::Article;
use crate::config::Config;
use crate::error::IoError;

/// The directory of the index when no other is given, relative to the newsroom root.
// Still named `.copydesk-cache` on disk: existing newsrooms ignore it in `.gitignore` and CI
// configurations restore it under that name, and renaming it would orphan their indexes.
pub const DEFAULT_INDEX_DIR: &str = ".copydesk-cache";

/// The index file inside the index directory.
const INDEX_FILE: &str = "lint-index";

/// Bumped whenever the layout of the stored index changes, independently of the version, and
/// whenever the facts it stores are computed differently (an ED008 signature, for one).
// 2: ED008 signatures leave out placeholder (`TK:`) paragraphs.
// 3: facts carry `aliases` (RF003).
// 4: facts carry the title key ED008 pairs same-headline articles by.
// 5: entries carry the counts of the file's per-article findings (`list`), and a scheduled
//    article's `published` is recorded among the timestamps compared with now (TL006).
// 6: rule-specific facts are stored per facts type, as the rules declare them, and the
//    timestamps compared with now are the ones the rules declare.
// 7: the payload is a sequence of length-prefixed records (the key, the number of entries,
//    each entry), read and written one at a time; ED008 signatures hold 32-bit values.
const FORMAT_VERSION: u32 = 7;

/// The first bytes of every index file.
const MAGIC: &[u8; 8] = b"CDLINTIX";

/// The read buffer over the payload's records.
const READ_BUFFER: usize = 256 * 1024;

/// A BLAKE3 hash.
pub type ContentHash = [u8; 32];

/// Reads the next record of the index payload into `record`.
fn read_record<'a>(
    payload: &mut impl std::io::Read,
    record: &'a mut Vec<u8>,
) -> Result<&'a [u8], IndexMiss> {
    use std::io::Read as _;
    let mut len = [0; 4];
    payload
        .read_exact(&mut len)
        .map_err(IndexMiss::of_read_error)?;
    let len = u64::from(u32::from_le_bytes(len));
    record.clear();
    // A length past the end of the file is caught here, not by allocating it.
    let read = payload
        .take(len)
        .read_to_end(record)
        .map_err(IndexMiss::of_read_error)?;
    if read as u64 != len {
        return Err(IndexMiss::Corrupt);
    }
    Ok(record)
}

/// Writes `value` as one record of the index payload: its length, then its postcard bytes
/// (encoded in `scratch`, reused from record to record).
fn write_record(
    out: &mut impl std::io::Write,
    scratch: &mut Vec<u8>,
    value: &impl Serialize,
) -> std::io::Result<()> {
    scratch.clear();
    let encoded =
        postcard::to_extend(value, std::mem::take(scratch)).map_err(std::io::Error::other)?;
    *scratch = encoded;
    let len = u32::try_from(scratch.len()).map_err(std::io::Error::other)?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(scratch)
}

/// A writer that hashes what passes through it.
struct HashingWriter<W> {
    inner: W,
    hasher: blake3::Hasher,
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Hashes a file's bytes the way index entries record them.
pub fn hash_content(bytes: &[u8]) -> ContentHash {
    *blake3::hash(bytes).as_bytes()
}

/// What an index is valid for: a copydesk version, an index format and the inputs that shape
/// the facts of every article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexKey {
    version: String,
    inputs: ContentHash,
}

impl IndexKey {
    /// The key of the newsroom at `root` linted with `config`: this copydesk's version and a
    /// hash of the effective configuration (after command-line overlays), of every author
    /// file and of the newsroom's spelling dictionaries (`dictionaries/`); the configuration
    /// holds the names, sizes and times of the system's (`/usr/share/hunspell`) as well. Authors count because per-article
    /// rules check bylines, and whether a suppression silenced something is part of an
    /// article's facts.
    pub fn for_newsroom(root: &Path, config: &Config) -> IndexKey {
        let mut hasher = blake3::Hasher::new();
        // The derived `Debug` form names every field of the validated configuration and its
        // maps are ordered, so it changes exactly when the configuration means something else;
        // the version is part of the key, so its format may change between versions.
        hasher.update(format!("{config:?}").as_bytes());
        let authors_dir = root.join(&config.paths.authors);
        let authors = crate::list_files(root, &authors_dir, "toml").unwrap_or_default();
        for path in authors {
            hasher.update(b"\0author\0");
            hasher.update(relative_key(root, &path).unwrap_or_default().as_bytes());
            hasher.update(b"\0");
            match crate::fs::read_regular(&path, config.limits.max_file_bytes) {
                Ok(bytes) => hasher.update(&hash_content(&bytes)),
                Err(_) => hasher.update(b"unreadable"),
            };
        }
        // The newsroom's own spelling dictionaries decide which words SP001 reports.
        let dictionaries = root.join(crate::style::NEWSROOM_DIR);
        for extension in ["aff", "dic"] {
            for path in crate::list_files(root, &dictionaries, extension).unwrap_or_default() {
                hasher.update(b"\0dictionary\0");
                hasher.update(relative_key(root, &path).unwrap_or_default().as_bytes());
                hasher.update(b"\0");
                match crate::fs::read_regular(&path, crate::style::MAX_DICTIONARY_BYTES) {
                    Ok(bytes) => hasher.update(&hash_content(&bytes)),
                    Err(_) => hasher.update(b"unreadable"),
                };
            }
        }
        IndexKey {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            inputs: *hasher.finalize().as_bytes(),
        }
    }
}

/// Why a stored index was not used; every case means "lint without it and write a new one".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IndexMiss {
    /// There is no index yet.
    #[error("no lint index yet")]
    Missing,
    /// The index file exists but could not be read.
    #[error("the lint index could not be read: {0}")]
    Unreadable(String),
    /// The file is not an index, is truncated or its checksum does not match.
    #[error("the lint index is corrupt")]
    Corrupt,
    /// The index was written in another layout.
    #[error("the lint index has format {found}, not {FORMAT_VERSION}")]
    OtherFormat {
        /// The format found.
        found: u32,
    },
    /// The index was written by another copydesk version.
    #[error("the lint index was written by copydesk {found}")]
    OtherVersion {
        /// The version that wrote it.
        found: String,
    },
    /// The configuration or an author file changed since the index was written.
    #[error("the configuration or the authors changed since the lint index was written")]
    OtherInputs,
}

impl IndexMiss {
    /// A read of the index that failed: a file that ends early is corrupt (truncated).
    #[allow(clippy::needless_pass_by_value, reason = "passed to `map_err`")]
    fn of_read_error(error: std::io::Error) -> IndexMiss {
        match error.kind() {
            std::io::ErrorKind::UnexpectedEof => IndexMiss::Corrupt,
            _ => IndexMiss::Unreadable(error.to_string()),
        }
    }
}

/// A time as seconds and nanoseconds since the epoch, which compares like the time.
type Instant = (i64, u32);

fn instant(time: DateTime<FixedOffset>) -> Instant {
    (time.timestamp(), time.timestamp_subsec_nanos())
}

/// How many findings of each severity a file has: what `copydesk list` shows for an article
/// without linting it again while its index entry holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FindingCounts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl FindingCounts {
    /// The counts of `diagnostics` (after configuration and suppressions).
    pub fn of(diagnostics: &[crate::diagnostic::Diagnostic]) -> FindingCounts {
        let mut counts = FindingCounts::default();
        for diagnostic in diagnostics {
            counts.add(diagnostic.severity);
        }
        counts
    }

    /// Counts one more finding of `severity`.
    pub fn add(&mut self, severity: crate::diagnostic::Severity) {
        use crate::diagnostic::Severity;
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// What the index records of one article file besides its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EntryMeta {
    /// The hash of the file's bytes when it was linted.
    hash: ContentHash,
    /// The time the article was linted against.
    linted_at: Instant,
    /// The article's times that rules compare with now (their `instants` declarations).
    timestamps: Vec<Instant>,
}

impl EntryMeta {
    /// The record of a file with bytes hashing to `hash`, linted at `now`, that parsed into
    /// `article` (if it did).
    pub(crate) fn fresh(
        hash: ContentHash,
        now: DateTime<FixedOffset>,
        article: Option<&Article>,
    ) -> EntryMeta {
        // A finding of a rule that compares times with now appears or vanishes when one of
        // them crosses now; the rules say which times they compare.
        let timestamps = article
            .map(|article| {
                super::registry::time_sensitive_instants(article)
                    .into_iter()
                    .map(instant)
                    .collect()
            })
            .unwrap_or_default();
        EntryMeta {
            hash,
            linted_at: instant(now),
            timestamps,
        }
    }

    /// Whether the per-article pass would see every timestamp on the same side of `now` as
    /// it did at `linted_at`.
    fn is_current_at(&self, now: Instant) -> bool {
        self.timestamps
            .iter()
            .all(|&stamp| (stamp > self.linted_at) == (stamp > now))
    }
}

/// One article file in the index.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    meta: EntryMeta,
    /// The facts, or `None` for a file whose front matter could not be read. Boxed so the
    /// map's nodes stay small: a run moves the facts out and drops the map.
    facts: Option<Box<ArticleFacts>>,
    /// The counts of the file's per-article findings (corpus findings are computed from
    /// every file's facts on each run).
    counts: FindingCounts,
}

/// The persisted index of article facts. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct LintIndex {
    key: IndexKey,
    entries: BTreeMap<String, Entry>,
}

/// One entry as stored: its record in the payload.
#[derive(Serialize)]
struct StoredEntryRef<'a>(&'a str, &'a Entry);

/// One entry as read back.
#[derive(Deserialize)]
struct StoredEntry(String, Entry);

impl LintIndex {
    /// An empty index for `key`.
    pub fn new(key: IndexKey) -> LintIndex {
        LintIndex {
            key,
            entries: BTreeMap::new(),
        }
    }

    /// Reads the index in `dir` if it exists and was written for `key`; otherwise returns an
    /// empty index for `key` and why the stored one was not used. Never fails: an index that
    /// cannot be used only costs a full lint.
    pub fn load(dir: &Path, key: IndexKey) -> (LintIndex, Option<IndexMiss>) {
        let path = dir.join(INDEX_FILE);
        // Through the checked opener: a FIFO named `lint-index` must not hang the run.
        let file = match crate::fs::open_regular_file(&path) {
            Ok(file) => file,
            Err(crate::fs::ReadError::Io(error))
                if error.kind() == std::io::ErrorKind::NotFound =>
            {
                return (LintIndex::new(key), Some(IndexMiss::Missing));
            }
            Err(error) => {
                return (
                    LintIndex::new(key),
                    Some(IndexMiss::Unreadable(error.to_string())),
                );
            }
        };
        match LintIndex::read(file, &key) {
            Ok(entries) => (LintIndex { key, entries }, None),
            Err(miss) => (LintIndex::new(key), Some(miss)),
        }
    }

    /// Reads an index file in two streaming passes: the checksum over the payload, then the
    /// payload's records one at a time. The file's bytes are never held whole next to what
    /// they decode to, which at archive size would double the memory a run needs.
    fn read(mut file: std::fs::File, key: &IndexKey) -> Result<BTreeMap<String, Entry>, IndexMiss> {
        use std::io::{BufReader, Read as _, Seek as _, SeekFrom};
        let failed = IndexMiss::of_read_error;
        let mut head = [0; MAGIC.len() + 4];
        file.read_exact(&mut head).map_err(failed)?;
        let format = head.strip_prefix(MAGIC).ok_or(IndexMiss::Corrupt)?;
        let format = u32::from_le_bytes(format.try_into().map_err(|_| IndexMiss::Corrupt)?);
        if format != FORMAT_VERSION {
            return Err(IndexMiss::OtherFormat { found: format });
        }
        let mut checksum = [0; 32];
        file.read_exact(&mut checksum).map_err(failed)?;
        let payload_at = file.stream_position().map_err(failed)?;
        let mut hasher = blake3::Hasher::new();
        hasher.update_reader(&mut file).map_err(failed)?;
        if *hasher.finalize().as_bytes() != checksum {
            return Err(IndexMiss::Corrupt);
        }
        file.seek(SeekFrom::Start(payload_at)).map_err(failed)?;
        let mut payload = BufReader::with_capacity(READ_BUFFER, file);
        let mut record = Vec::new();
        let stored_key: IndexKey = postcard::from_bytes(read_record(&mut payload, &mut record)?)
            .map_err(|_| IndexMiss::Corrupt)?;
        if stored_key.version != key.version {
            return Err(IndexMiss::OtherVersion {
                found: stored_key.version,
            });
        }
        if stored_key != *key {
            return Err(IndexMiss::OtherInputs);
        }
        let count: u64 = postcard::from_bytes(read_record(&mut payload, &mut record)?)
            .map_err(|_| IndexMiss::Corrupt)?;
        let mut entries = BTreeMap::new();
        for _ in 0..count {
            let StoredEntry(path, entry) =
                postcard::from_bytes(read_record(&mut payload, &mut record)?)
                    .map_err(|_| IndexMiss::Corrupt)?;
            entries.insert(path, entry);
        }
        Ok(entries)
    }

    /// Writes the index file: the head with a zero checksum, the payload's records (the key,
    /// the number of entries, each entry) streamed through the hasher, then the checksum over
    /// the zeros. Nothing the size of the index is built in memory.
    fn write(&self, file: &mut std::fs::File) -> std::io::Result<()> {
        use std::io::{BufWriter, Seek as _, SeekFrom, Write as _};
        file.write_all(MAGIC)?;
        file.write_all(&FORMAT_VERSION.to_le_bytes())?;
        let checksum_at = file.stream_position()?;
        file.write_all(&[0; 32])?;
        let mut payload = HashingWriter {
            inner: BufWriter::new(&mut *file),
            hasher: blake3::Hasher::new(),
        };
        let mut record = Vec::new();
        write_record(&mut payload, &mut record, &self.key)?;
        write_record(&mut payload, &mut record, &(self.entries.len() as u64))?;
        for (path, entry) in &self.entries {
            write_record(&mut payload, &mut record, &StoredEntryRef(path, entry))?;
        }
        payload.inner.flush()?;
        let checksum = payload.hasher.finalize();
        drop(payload);
        file.seek(SeekFrom::Start(checksum_at))?;
        file.write_all(checksum.as_bytes())
    }

    /// Writes the index into `dir` atomically, creating the directory with a `.gitignore`
    /// that ignores it and a `CACHEDIR.TAG` that backup tools honour (and that marks the
    /// directory as copydesk's, see [`check_index_dir`]). Callers check the directory with
    /// [`check_index_dir`] first.
    pub fn save(&self, dir: &Path) -> Result<(), IoError> {
        std::fs::create_dir_all(dir).map_err(|e| IoError::new("cannot create", dir, e))?;
        for (name, text) in [(".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)] {
            let path = dir.join(name);
            // Create-new never follows a link, not even a dangling one, so a committed
            // `.gitignore` link cannot make copydesk create a file somewhere else.
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    use std::io::Write as _;
                    file.write_all(text.as_bytes())
                        .map_err(|e| IoError::new("cannot write", &path, e))?;
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(IoError::new("cannot write", &path, error)),
            }
        }
        // A run killed while writing the index left its temporary file here.
        crate::fs::remove_stale_temp_files(dir, dir);
        crate::fs::replace_file_with(&dir.join(INDEX_FILE), |file| self.write(file))
    }

    /// The number of files in the index.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index has no file.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The key the index belongs to.
    pub fn key(&self) -> &IndexKey {
        &self.key
    }

    /// The stored record and finding counts of the file at `relative`, when its bytes still
    /// hash to `hash` and its timestamps are on the same side of `now`. Its facts stay in the
    /// index until [`LintIndex::take_facts`] moves them out, so a lint holds one copy of
    /// each article's facts, not two.
    pub(crate) fn lookup(
        &self,
        relative: &str,
        hash: &ContentHash,
        now: DateTime<FixedOffset>,
    ) -> Option<(EntryMeta, FindingCounts)> {
        let entry = self.entries.get(relative)?;
        if entry.meta.hash != *hash || !entry.meta.is_current_at(instant(now)) {
            return None;
        }
        Some((entry.meta.clone(), entry.counts))
    }

    /// Moves the stored facts of the file at `relative` out of the index (`None` for a file
    /// whose front matter could not be read, or facts already taken); `path` becomes the
    /// facts' path.
    pub(crate) fn take_facts(&mut self, relative: &str, path: &Arc<Path>) -> Option<ArticleFacts> {
        let mut facts = *self.entries.get_mut(relative)?.facts.take()?;
        facts.path = Arc::clone(path);
        Some(facts)
    }

    /// Records the file at `relative`.
    pub(crate) fn insert(
        &mut self,
        relative: String,
        meta: EntryMeta,
        facts: Option<ArticleFacts>,
        counts: FindingCounts,
    ) {
        self.entries.insert(
            relative,
            Entry {
                meta,
                facts: facts.map(Box::new),
                counts,
            },
        );
    }
}

/// The key of `path` in the index: its path relative to `root`, `/`-separated.
pub(crate) fn relative_key(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}

/// Why a lint index directory is neither read nor written; the run lints without the index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IndexDirRefused {
    /// The directory is a symbolic link (a committed link could aim it anywhere).
    #[error("the lint index directory `{}` is a symbolic link; not using it", .dir.display())]
    Link {
        /// The directory.
        dir: PathBuf,
    },
    /// The directory's real location is outside the newsroom.
    #[error(
        "the lint index directory `{}` resolves to `{}`, outside the newsroom; not using it",
        .dir.display(),
        .real.display()
    )]
    Outside {
        /// The directory.
        dir: PathBuf,
        /// Where it really is.
        real: PathBuf,
    },
    /// Something other than a directory has the name.
    #[error("the lint index directory `{}` is not a directory; not using it", .dir.display())]
    NotADirectory {
        /// The path.
        dir: PathBuf,
    },
    /// A non-empty directory without copydesk's `CACHEDIR.TAG`: not one copydesk made.
    #[error(
        "the lint index directory `{}` is not empty and has no `CACHEDIR.TAG` written by copydesk, so copydesk did not make it; not using it",
        .dir.display()
    )]
    NotCopydesks {
        /// The directory.
        dir: PathBuf,
    },
}

/// Checks that `dir` may hold the lint index of the newsroom at `root`: it does not exist yet
/// (it will be created), or it is a real directory (not a symbolic link) that copydesk made
/// (it holds copydesk's `CACHEDIR.TAG`) or that is empty. With `inside_root` (the default
/// directory, whose name a repository can commit), its real location must also be inside the
/// newsroom; a directory given explicitly (`--cache-dir`) may be anywhere.
///
/// A run that is refused lints without the index: it reads nothing from the directory and
/// writes nothing into it.
pub fn check_index_dir(root: &Path, dir: &Path, inside_root: bool) -> Result<(), IndexDirRefused> {
    // Missing (created on save), or unreadable (saving reports that).
    let Ok(metadata) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    if metadata.file_type().is_symlink() {
        return Err(IndexDirRefused::Link {
            dir: dir.to_path_buf(),
        });
    }
    if !metadata.is_dir() {
        return Err(IndexDirRefused::NotADirectory {
            dir: dir.to_path_buf(),
        });
    }
    if inside_root {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if !real.starts_with(&real_root) {
            return Err(IndexDirRefused::Outside {
                dir: dir.to_path_buf(),
                real,
            });
        }
    }
    let tag = crate::fs::read_regular(&dir.join("CACHEDIR.TAG"), 4096);
    let ours = tag.is_ok_and(|bytes| bytes == CACHEDIR_TAG.as_bytes());
    let empty = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none());
    if ours || empty {
        Ok(())
    } else {
        Err(IndexDirRefused::NotCopydesks {
            dir: dir.to_path_buf(),
        })
    }
}

/// The index directory of the newsroom at `root` when none is given.
pub fn default_index_dir(root: &Path) -> PathBuf {
    root.join(DEFAULT_INDEX_DIR)
}

const GITIGNORE: &str = "# Automatically created by copydesk.\n*\n";

// The format of https://bford.info/cachedir/: the signature line must come first.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by copydesk.\n\
# For information about cache directory tags see https://bford.info/cachedir/\n";

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use chrono::{DateTime, FixedOffset};

    use super::*;
    use crate::config::CONFIG_FILE;
    use crate::diagnostic::Diagnostic;
    use crate::git::ChangedFiles;
    use crate::lint::{IndexedPass, lint_files_indexed};

    const OPENAI: &str = "articles/2026/05/openai-breaks-microsofts-hold.md";
    const EXODUS: &str = "articles/2026/05/ai-staff-exodus.md";
    const MUSK: &str = "articles/2026/05/musk-v-altman.md";

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time")
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }

    /// The example newsroom in a temporary directory.
    fn newsroom() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
        copy_dir(&example, dir.path());
        dir
    }

    fn config(root: &Path) -> Config {
        Config::load(&root.join(CONFIG_FILE)).expect("valid config")
    }

    fn files(root: &Path, config: &Config) -> Vec<PathBuf> {
        crate::list_files(root, &root.join(&config.paths.articles), "md").expect("articles")
    }

    fn run(root: &Path, changed: Option<&[&str]>, index: &LintIndex) -> IndexedPass {
        let config = config(root);
        let changed = changed.map(|paths| ChangedFiles {
            paths: paths.iter().map(PathBuf::from).collect(),
        });
        lint_files_indexed(
            root,
            &config,
            &files(root, &config),
            changed.as_ref(),
            Some(&mut index.clone()),
            now(),
            &|| {},
        )
        .expect("lints")
    }

    fn key(root: &Path) -> IndexKey {
        IndexKey::for_newsroom(root, &config(root))
    }

    /// A full lint that leaves its index in `dir`.
    fn warm(root: &Path, dir: &Path) -> IndexedPass {
        let run = run(root, None, &LintIndex::new(key(root)));
        run.index
            .as_ref()
            .expect("an indexed run builds an index")
            .save(dir)
            .expect("saved");
        run
    }

    fn edit(root: &Path, relative: &str, from: &str, to: &str) {
        let path = root.join(relative);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{relative} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }

    fn rendered(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| format!("{} {} {:?} {}", d.path.display(), d.code, d.span, d.message))
            .collect()
    }

    #[test]
    fn an_index_round_trips_and_serves_every_unchanged_file() {
        let root = newsroom();
        let dir = root.path().join(DEFAULT_INDEX_DIR);
        let full = warm(root.path(), &dir);
        assert_eq!((full.linted, full.cached), (4, 0));
        assert!(dir.join(".gitignore").is_file() && dir.join("CACHEDIR.TAG").is_file());

        let (index, miss) = LintIndex::load(&dir, key(root.path()));
        assert_eq!(miss, None);
        assert_eq!(index.len(), 4);
        let again = run(root.path(), Some(&[]), &index);
        assert_eq!((again.linted, again.cached), (0, 4));
        assert!(again.report.diagnostics.is_empty());
        // What comes back is what went in, paths included.
        for (key, entry) in &index.entries {
            let stored = &full
                .index
                .as_ref()
                .expect("an indexed run builds an index")
                .entries[key];
            assert_eq!(entry.meta, stored.meta);
            assert_eq!(
                format!(
                    "{:?}",
                    entry
                        .facts
                        .as_ref()
                        .map(|f| (&f.slug, &f.rule_facts, &f.suppressions))
                ),
                format!(
                    "{:?}",
                    stored
                        .facts
                        .as_ref()
                        .map(|f| (&f.slug, &f.rule_facts, &f.suppressions))
                ),
            );
        }
        let facts = again
            .index
            .as_ref()
            .expect("an indexed run builds an index")
            .entries[OPENAI]
            .facts
            .as_ref()
            .expect("facts");
        assert_eq!(&*facts.path, root.path().join(OPENAI));
    }

    #[test]
    fn another_version_or_configuration_discards_the_index() {
        let root = newsroom();
        let dir = root.path().join(DEFAULT_INDEX_DIR);
        warm(root.path(), &dir);

        let mut older = key(root.path());
        older.version = "0.0.1".into();
        let (index, miss) = LintIndex::load(&dir, older);
        assert!(index.is_empty());
        assert_eq!(
            miss,
            Some(IndexMiss::OtherVersion {
                found: env!("CARGO_PKG_VERSION").into()
            })
        );

        edit(
            root.path(),
            CONFIG_FILE,
            "words_per_minute = 200",
            "words_per_minute = 250",
        );
        let (index, miss) = LintIndex::load(&dir, key(root.path()));
        assert!(index.is_empty());
        assert_eq!(miss, Some(IndexMiss::OtherInputs));
    }

    #[test]
    fn an_author_file_is_part_of_the_key() {
        let root = newsroom();
        let before = key(root.path());
        edit(
            root.path(),
            "authors/maya-okafor.toml",
            "name",
            "# edited\nname",
        );
        assert_ne!(key(root.path()), before);
    }

    #[test]
    fn the_newsrooms_dictionaries_are_part_of_the_key() {
        let root = newsroom();
        let before = key(root.path());
        let dir = root.path().join(crate::style::NEWSROOM_DIR);
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("en_GB.aff"), "SET UTF-8\n").expect("write");
        std::fs::write(dir.join("en_GB.dic"), "1\ncolour\n").expect("write");
        let added = key(root.path());
        assert_ne!(added, before);
        std::fs::write(dir.join("en_GB.dic"), "2\ncolour\nharbour\n").expect("write");
        assert_ne!(key(root.path()), added, "a word added to a dictionary");
    }

    #[test]
    fn a_file_whose_bytes_changed_is_linted_again() {
        let root = newsroom();
        let dir = root.path().join(DEFAULT_INDEX_DIR);
        warm(root.path(), &dir);
        // Git would not call it changed (say, an index restored from another branch), but its
        // bytes differ from the indexed ones.
        edit(
            root.path(),
            EXODUS,
            "related = [",
            "related = [\"no-such-article\", ",
        );
        let (index, _) = LintIndex::load(&dir, key(root.path()));
        let run = run(root.path(), Some(&[]), &index);
        assert_eq!((run.linted, run.cached), (1, 3));
        let codes: Vec<_> = run
            .report
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(codes, ["RF004"], "the fresh facts feed the corpus rules");
    }

    #[test]
    fn a_corrupt_or_truncated_index_is_a_miss_not_an_error() {
        let root = newsroom();
        let dir = root.path().join(DEFAULT_INDEX_DIR);
        warm(root.path(), &dir);
        let path = dir.join(INDEX_FILE);
        let bytes = std::fs::read(&path).expect("index");

        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        let cases: [(&[u8], IndexMiss); 4] = [
            (&bytes[..bytes.len() / 2], IndexMiss::Corrupt),
            (&flipped, IndexMiss::Corrupt),
            (b"", IndexMiss::Corrupt),
            (
                b"CDLINTIX\x09\x00\x00\x00",
                IndexMiss::OtherFormat { found: 9 },
            ),
        ];
        for (written, expected) in cases {
            std::fs::write(&path, written).expect("write");
            let (index, miss) = LintIndex::load(&dir, key(root.path()));
            assert!(index.is_empty());
            assert_eq!(miss, Some(expected));
        }
        std::fs::remove_file(&path).expect("remove");
        assert_eq!(
            LintIndex::load(&dir, key(root.path())).1,
            Some(IndexMiss::Missing)
        );
    }

    #[test]
    fn a_deleted_article_drops_out_and_its_absence_is_reported() {
        let root = newsroom();
        let dir = root.path().join(DEFAULT_INDEX_DIR);
        warm(root.path(), &dir);
        std::fs::remove_file(root.path().join(MUSK)).expect("delete");
        let (index, _) = LintIndex::load(&dir, key(root.path()));
        let run = run(root.path(), Some(&[MUSK]), &index);
        assert_eq!((run.linted, run.cached), (0, 3));
        assert!(
            !run.index
                .as_ref()
                .expect("an indexed run builds an index")
                .entries
                .contains_key(MUSK)
        );
        let unknown: BTreeSet<_> = run
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "RF004")
            .map(|d| {
                d.path
                    .strip_prefix(root.path())
                    .expect("inside")
                    .to_path_buf()
            })
            .collect();
        assert_eq!(
            unknown,
            [PathBuf::from(EXODUS), PathBuf::from(OPENAI)]
                .into_iter()
                .collect()
        );
    }

    #[test]
    fn an_entry_expires_when_a_timestamp_crosses_now() {
        let later = DateTime::parse_from_rfc3339("2026-05-01T00:00:00Z").expect("valid");
        let sooner = DateTime::parse_from_rfc3339("2026-04-01T00:00:00Z").expect("valid");
        let meta = EntryMeta {
            hash: [0; 32],
            linted_at: instant(sooner),
            timestamps: vec![instant(later)],
        };
        assert!(meta.is_current_at(instant(sooner)));
        // TL002 fires for a time after now, so at that very time it no longer does.
        assert!(meta.is_current_at(instant(later - chrono::Duration::seconds(1))));
        assert!(!meta.is_current_at(instant(later)));
        assert!(!meta.is_current_at(instant(now())));
    }

    /// Codes whose findings come from the corpus pass, and the unused-suppression `MD000`.
    fn is_corpus(line: &str) -> bool {
        ["RF003", "RF004", "RF008", "RF009", "ED008"]
            .iter()
            .any(|code| line.contains(&format!(" {code} ")))
            || line.contains("suppresses nothing")
    }

    #[test]
    fn an_incremental_run_matches_a_full_run_for_every_kind_of_edit() {
        type Edit = fn(&Path);
        let edits: [(&str, &[&str], Edit); 5] = [
            ("edit the front matter", &[OPENAI], |root| {
                edit(root, OPENAI, "\ndek = ", "\ndeck = ");
            }),
            ("delete a related article", &[MUSK], |root| {
                std::fs::remove_file(root.join(MUSK)).expect("delete");
            }),
            (
                "add a duplicate slug",
                &["articles/2026/05/copy.md"],
                |root| {
                    std::fs::copy(root.join(EXODUS), root.join("articles/2026/05/copy.md"))
                        .expect("copy");
                },
            ),
            ("add an unused suppression", &[EXODUS], |root| {
                edit(
                    root,
                    EXODUS,
                    "\n+++\n",
                    "\n+++\n\n<!-- copydesk-disable-next-line RF004 -->\n",
                );
            }),
            ("unpublish a related article", &[MUSK], |root| {
                edit(root, MUSK, "status = \"published\"", "status = \"draft\"");
            }),
        ];
        for (what, changed, apply) in edits {
            let root = newsroom();
            let dir = root.path().join(DEFAULT_INDEX_DIR);
            warm(root.path(), &dir);
            apply(root.path());
            let (index, _) = LintIndex::load(&dir, key(root.path()));
            let incremental = run(root.path(), Some(changed), &index);
            let full = run(root.path(), None, &LintIndex::new(key(root.path())));
            let changed_paths: Vec<_> = changed.iter().map(|c| root.path().join(c)).collect();
            let expected: Vec<String> = rendered(&full.report.diagnostics)
                .into_iter()
                .zip(&full.report.diagnostics)
                .filter(|(line, d)| changed_paths.iter().any(|p| *p == *d.path) || is_corpus(line))
                .map(|(line, _)| line)
                .collect();
            assert_eq!(
                rendered(&incremental.report.diagnostics),
                expected,
                "{what}"
            );
            assert!(!expected.is_empty(), "{what}: the edit finds something");
        }
    }
}
