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
//! - an entry of a published article is used only while none of its timestamps crossed the
//!   time of the run (TL002 compares them with now, and what it finds decides whether a
//!   suppression comment counts as used, which the facts record);
//! - the file carries a checksum of its payload, so a corrupt or truncated file is detected
//!   and simply rebuilt; reading a cache never fails a lint run.
//!
//! The newsroom-level pass that uses it is [`lint_files_cached`](crate::lint_files_cached);
//! which files changed comes from [`crate::git`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::engine::ArticleFacts;
use crate::article::{Article, Status};
use crate::config::Config;
use crate::error::IoError;

/// The directory of the index when no other is given, relative to the newsroom root.
pub const DEFAULT_CACHE_DIR: &str = ".copydesk-cache";

/// The index file inside the cache directory.
const INDEX_FILE: &str = "lint-index";

/// Bumped whenever the layout of the stored index changes, independently of the version.
const FORMAT_VERSION: u32 = 1;

/// The first bytes of every index file.
const MAGIC: &[u8; 8] = b"CDLINTIX";

/// A BLAKE3 hash.
pub type ContentHash = [u8; 32];

/// Hashes a file's bytes the way index entries record them.
pub fn hash_content(bytes: &[u8]) -> ContentHash {
    *blake3::hash(bytes).as_bytes()
}

/// What an index is valid for: a copydesk version, an index format and the inputs that shape
/// the facts of every article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheKey {
    version: String,
    inputs: ContentHash,
}

impl CacheKey {
    /// The key of the newsroom at `root` linted with `config`: this copydesk's version and a
    /// hash of the effective configuration (after command-line overlays) and of every author
    /// file. Authors count because per-article rules check bylines, and whether a suppression
    /// silenced something is part of an article's facts.
    pub fn for_newsroom(root: &Path, config: &Config) -> CacheKey {
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
            match std::fs::read(&path) {
                Ok(bytes) => hasher.update(&hash_content(&bytes)),
                Err(_) => hasher.update(b"unreadable"),
            };
        }
        CacheKey {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            inputs: *hasher.finalize().as_bytes(),
        }
    }
}

/// Why a stored index was not used; every case means "lint without it and write a new one".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CacheMiss {
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

/// A time as seconds and nanoseconds since the epoch, which compares like the time.
type Instant = (i64, u32);

fn instant(time: DateTime<FixedOffset>) -> Instant {
    (time.timestamp(), time.timestamp_subsec_nanos())
}

/// What the index records of one article file besides its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EntryMeta {
    /// The hash of the file's bytes when it was linted.
    hash: ContentHash,
    /// The time the article was linted against.
    linted_at: Instant,
    /// The timestamps TL002 compares with now (published articles only).
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
        let timestamps = article
            .filter(|article| article.status == Status::Published)
            .map(|article| {
                article
                    .published
                    .iter()
                    .chain(&article.updated)
                    .copied()
                    .chain(article.updates.iter().map(|update| update.at))
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
    /// The facts, or `None` for a file whose front matter could not be read.
    facts: Option<ArticleFacts>,
}

/// The persisted index of article facts. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct LintIndex {
    key: CacheKey,
    entries: BTreeMap<String, Entry>,
}

/// What is stored after the magic, format and checksum.
#[derive(Serialize)]
struct StoredRef<'a> {
    key: &'a CacheKey,
    entries: &'a BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct Header {
    key: CacheKey,
}

impl LintIndex {
    /// An empty index for `key`.
    pub fn new(key: CacheKey) -> LintIndex {
        LintIndex {
            key,
            entries: BTreeMap::new(),
        }
    }

    /// Reads the index in `dir` if it exists and was written for `key`; otherwise returns an
    /// empty index for `key` and why the stored one was not used. Never fails: a cache that
    /// cannot be used only costs a full lint.
    pub fn load(dir: &Path, key: CacheKey) -> (LintIndex, Option<CacheMiss>) {
        let path = dir.join(INDEX_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return (LintIndex::new(key), Some(CacheMiss::Missing));
            }
            Err(error) => {
                return (
                    LintIndex::new(key),
                    Some(CacheMiss::Unreadable(error.to_string())),
                );
            }
        };
        match LintIndex::decode(&bytes, &key) {
            Ok(entries) => (LintIndex { key, entries }, None),
            Err(miss) => (LintIndex::new(key), Some(miss)),
        }
    }

    fn decode(bytes: &[u8], key: &CacheKey) -> Result<BTreeMap<String, Entry>, CacheMiss> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(CacheMiss::Corrupt)?;
        let (format, rest) = rest.split_first_chunk::<4>().ok_or(CacheMiss::Corrupt)?;
        let format = u32::from_le_bytes(*format);
        if format != FORMAT_VERSION {
            return Err(CacheMiss::OtherFormat { found: format });
        }
        let (checksum, payload) = rest.split_first_chunk::<32>().ok_or(CacheMiss::Corrupt)?;
        if hash_content(payload) != *checksum {
            return Err(CacheMiss::Corrupt);
        }
        let (header, _) =
            postcard::take_from_bytes::<Header>(payload).map_err(|_| CacheMiss::Corrupt)?;
        if header.key.version != key.version {
            return Err(CacheMiss::OtherVersion {
                found: header.key.version,
            });
        }
        if header.key != *key {
            return Err(CacheMiss::OtherInputs);
        }
        #[derive(Deserialize)]
        struct Stored {
            #[allow(dead_code, reason = "read and checked as `Header` first")]
            key: CacheKey,
            entries: BTreeMap<String, Entry>,
        }
        let stored: Stored = postcard::from_bytes(payload).map_err(|_| CacheMiss::Corrupt)?;
        Ok(stored.entries)
    }

    fn encode(&self) -> Vec<u8> {
        let payload = postcard::to_stdvec(&StoredRef {
            key: &self.key,
            entries: &self.entries,
        })
        .expect("serialising to a Vec cannot fail: every stored type has a plain serde form");
        let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + 32 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&hash_content(&payload));
        bytes.extend_from_slice(&payload);
        bytes
    }

    /// Writes the index into `dir` atomically, creating the directory with a `.gitignore`
    /// that ignores it and a `CACHEDIR.TAG` that backup tools honour.
    pub fn save(&self, dir: &Path) -> Result<(), IoError> {
        std::fs::create_dir_all(dir).map_err(|e| IoError::new("cannot create", dir, e))?;
        for (name, text) in [
            (".gitignore", GITIGNORE),
            ("CACHEDIR.TAG", CACHEDIR_TAG),
        ] {
            let path = dir.join(name);
            if !path.exists() {
                std::fs::write(&path, text).map_err(|e| IoError::new("cannot write", &path, e))?;
            }
        }
        crate::fs::replace_file(&dir.join(INDEX_FILE), &self.encode())
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
    pub fn key(&self) -> &CacheKey {
        &self.key
    }

    /// The stored record and facts of the file at `relative` (facts `None` for a file whose
    /// front matter could not be read), when its bytes still hash to `hash` and its
    /// timestamps are on the same side of `now`; `path` becomes the facts' path.
    pub(crate) fn lookup(
        &self,
        relative: &str,
        path: &Arc<Path>,
        hash: &ContentHash,
        now: DateTime<FixedOffset>,
    ) -> Option<(EntryMeta, Option<ArticleFacts>)> {
        let entry = self.entries.get(relative)?;
        if entry.meta.hash != *hash || !entry.meta.is_current_at(instant(now)) {
            return None;
        }
        let facts = entry.facts.clone().map(|mut facts| {
            facts.path = Arc::clone(path);
            facts
        });
        Some((entry.meta.clone(), facts))
    }

    /// Records the file at `relative`.
    pub(crate) fn insert(
        &mut self,
        relative: String,
        meta: EntryMeta,
        facts: Option<ArticleFacts>,
    ) {
        self.entries.insert(relative, Entry { meta, facts });
    }

    /// An index with no key, for passes that build one nobody stores.
    pub(crate) fn unkeyed() -> LintIndex {
        LintIndex::new(CacheKey {
            version: String::new(),
            inputs: [0; 32],
        })
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

/// The cache directory of the newsroom at `root` when none is given.
pub fn default_cache_dir(root: &Path) -> PathBuf {
    root.join(DEFAULT_CACHE_DIR)
}

const GITIGNORE: &str = "# Automatically created by copydesk.\n*\n";

// The format of https://bford.info/cachedir/: the signature line must come first.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by copydesk.\n\
# For information about cache directory tags see https://bford.info/cachedir/\n";
