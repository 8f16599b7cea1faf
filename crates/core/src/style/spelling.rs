//! Hunspell dictionaries for SP001: found by name, loaded once per process, and the reading
//! of a block's words a copy editor would check.
//!
//! The `en_US` dictionary (SCOWL, through wooorm/dictionaries; licence in
//! `crates/core/dictionaries/en_US.LICENSE`) is built in, so spelling works on a fresh
//! machine with nothing installed and gives the same findings on every machine. A newsroom's
//! own `dictionaries/<name>.aff`/`.dic` comes first; the system's `/usr/share/hunspell` last.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::config::SpellingSettings;
use super::text::{is_sentence_start, overlaps, technical_ranges};

const BUILTIN_EN_US_AFF: &str = include_str!("../../dictionaries/en_US.aff");
const BUILTIN_EN_US_DIC: &str = include_str!("../../dictionaries/en_US.dic");
/// Newsroom jargon general dictionaries lack ("dek", "lede"), accepted in English articles.
const NEWSROOM_WORDS: &str = include_str!("../../dictionaries/newsroom.txt");

/// Whether `word` (lower case) is newsroom jargon of [`NEWSROOM_WORDS`].
pub(crate) fn is_newsroom_jargon(word: &str) -> bool {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            NEWSROOM_WORDS
                .lines()
                .filter(|line| !line.starts_with('#') && !line.is_empty())
                .collect()
        })
        .contains(word)
}

/// The largest dictionary file read (`.aff` or `.dic`).
pub(crate) const MAX_DICTIONARY_BYTES: u64 = 64 * 1024 * 1024;

/// Where system dictionaries live.
const SYSTEM_DIR: &str = "/usr/share/hunspell";

/// A hash of the name, length and modification time of each dictionary file (`.aff`, `.dic`)
/// of the newsroom at `root` and of the system's: what changes when a writer edits one or a
/// package installs, upgrades or removes one. Taken when the configuration loads, it keys the
/// dictionaries loaded in this process, so a session that loads the configuration again reads
/// a changed dictionary again. Reading every dictionary's bytes would cost more than a run.
pub(crate) fn dictionaries_stamp(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    dictionary_stamps(&root.join(NEWSROOM_DIR)).hash(&mut hasher);
    dictionary_stamps(Path::new(SYSTEM_DIR)).hash(&mut hasher);
    hasher.finish()
}

fn dictionary_stamps(dir: &Path) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stamps: Vec<_> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            // As the dictionaries are looked for: `<name>.aff`, `<name>.dic`, that case.
            let extension = Path::new(&name).extension()?;
            if extension != "aff" && extension != "dic" {
                return None;
            }
            // Through symbolic links: Debian links `en_US.dic` to the file it installs.
            let meta = std::fs::metadata(entry.path()).ok()?;
            Some((name, meta.len(), meta.modified().ok()))
        })
        .collect();
    stamps.sort();
    stamps
}

/// The newsroom's own dictionaries, relative to its root.
pub const NEWSROOM_DIR: &str = "dictionaries";

/// A loaded dictionary, with the suggestions it has made so far (suggesting is the slow
/// part, and a misspelling tends to recur).
pub(crate) struct Speller {
    /// The dictionary's name (`en_US`).
    pub(crate) name: String,
    /// Unique in the process: what this thread remembers of its words is kept under it.
    id: usize,
    // A fixed hasher: with the default random one, the order of equally good suggestions
    // changes from run to run.
    dictionary: spellbook::Dictionary<rustc_hash::FxBuildHasher>,
    /// Every letter the dictionary's words use, lower case: a word with a letter outside it
    /// (another script, a foreign diacritic) is not a word of this language to judge.
    alphabet: Alphabet,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
}

/// What spelling has found out about a word: whether the dictionary knows it, and, for a
/// word it does not, whether the word is a regular variant of one it does (worked out the
/// first time it is asked, for an article that takes either standard and one that does not).
#[derive(Debug, Clone, Copy)]
struct Verdict {
    known: bool,
    variant: Option<[bool; 2]>,
}

/// Looked-up words and their verdicts, by [`crate::text::hash`]: the hash the shared word
/// reading of a block already has for each word, so a word is hashed once for every rule.
/// That hash folds case and apostrophes, so "The" and "the" share a bucket and are told apart
/// by their text.
type Remembered = hashbrown::HashTable<(Box<str>, Verdict)>;

/// Whether `a` and `b` are the same word, compared byte by byte in line: words are short,
/// and this runs for nearly every word of every article.
fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// At most this many looked-up words are remembered per thread (news copy repeats its words,
/// and a hash lookup is several times faster than the dictionary's check), so an archive of
/// unusual words cannot grow the memory without bound.
const MAX_REMEMBERED: usize = 200_000;

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The letters of a dictionary's words, lower case.
#[derive(Debug, Default)]
struct Alphabet {
    /// The ASCII letters, a bit each.
    ascii: u128,
    /// Every ASCII letter is in it: an ASCII word is always covered.
    covers_ascii: bool,
    other: rustc_hash::FxHashSet<char>,
}

impl Alphabet {
    /// The letters of the words of a `.dic` file: each line's word, before its flags (`/`)
    /// and morphological fields.
    fn of_dic(dic: &str) -> Alphabet {
        let mut alphabet = Alphabet::default();
        for line in dic.lines() {
            let word = line.split(['/', '\t', ' ']).next().unwrap_or_default();
            if word.is_ascii() {
                // Byte by byte: a dictionary is hundreds of thousands of ASCII letters.
                for byte in word.bytes().filter(u8::is_ascii_alphabetic) {
                    alphabet.ascii |= 1 << byte.to_ascii_lowercase();
                }
            } else {
                for c in word.chars().filter(|c| c.is_alphabetic()) {
                    alphabet.insert(c);
                }
            }
        }
        alphabet.covers_ascii = (b'a'..=b'z').all(|b| alphabet.ascii & (1 << b) != 0);
        alphabet
    }

    fn insert(&mut self, letter: char) {
        for lower in letter.to_lowercase() {
            match u8::try_from(lower) {
                Ok(byte) if byte.is_ascii() => self.ascii |= 1 << byte,
                _ => {
                    self.other.insert(lower);
                }
            }
        }
    }

    /// Whether every letter of `word` is in the alphabet.
    fn covers(&self, word: &str) -> bool {
        if self.covers_ascii && word.is_ascii() {
            return true;
        }
        word.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .all(|c| match u8::try_from(c) {
                Ok(byte) if byte.is_ascii() => self.ascii & (1 << byte) != 0,
                _ => self.other.contains(&c),
            })
    }
}

/// At most this many suggestions are offered for a word.
const MAX_SUGGESTIONS: usize = 3;

impl Speller {
    fn new(name: &str, aff: &str, dic: &str) -> Result<Self, String> {
        static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dictionary =
            spellbook::Dictionary::new_with_hasher(aff, dic, rustc_hash::FxBuildHasher)
                .map_err(|error| error.to_string())?;
        let alphabet = Alphabet::of_dic(dic);
        Ok(Speller {
            name: name.to_string(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            dictionary,
            alphabet,
            suggestions: Mutex::new(HashMap::new()),
        })
    }

    /// Whether every letter of `word` is one the dictionary's words use: only then can the
    /// dictionary judge it ("マイクロソフト" in an English article is not a misspelling).
    pub(crate) fn covers(&self, word: &str) -> bool {
        self.alphabet.covers(word)
    }

    /// Whether the dictionary knows `word` (typographic apostrophes read as straight ones).
    pub(crate) fn check(&self, word: &str) -> bool {
        self.check_hashed(word, crate::text::hash(word))
    }

    /// [`Speller::check`] for a word whose [`crate::text::hash`] is `hash`.
    pub(crate) fn check_hashed(&self, word: &str, hash: u64) -> bool {
        if let Some(verdict) = self.remembered(word, hash) {
            return verdict.known;
        }
        let known = self.look_up(word);
        self.remember(
            word,
            hash,
            Verdict {
                known,
                variant: None,
            },
        );
        known
    }

    /// Whether `word`, which the dictionary does not know, is a regular variant of a word it
    /// does, so no copy editor would mark it wherever it stands: a prefix before a known word
    /// ("uncited"), a derived ending ("uploader"), a prefix written as a word ("mega"), and,
    /// when `either_standard`, the British spelling of a known word ("centre").
    pub(crate) fn is_variant(&self, word: &str, hash: u64, either_standard: bool) -> bool {
        let slot = usize::from(either_standard);
        let remembered = self.remembered(word, hash);
        if let Some(variant) = remembered.and_then(|v| v.variant) {
            return variant[slot];
        }
        let known = remembered.map_or_else(|| self.look_up(word), |v| v.known);
        let strict =
            self.is_prefixed_word(word) || self.is_derived_word(word) || is_prefix_word(word);
        let variant = [strict, strict || self.is_commonwealth_variant(word)];
        self.remember(
            word,
            hash,
            Verdict {
                known,
                variant: Some(variant),
            },
        );
        variant[slot]
    }

    /// Whether this thread remembers `word` as known to the dictionary, or as a variant of a
    /// known word ([`Speller::is_variant`]) when `either_standard` is as given.
    pub(crate) fn remembers_as_known(&self, word: &str, hash: u64, either_standard: bool) -> bool {
        self.remembered(word, hash).is_some_and(|verdict| {
            verdict.known
                || verdict
                    .variant
                    .is_some_and(|variant| variant[usize::from(either_standard)])
        })
    }

    /// What this thread remembers of `word`.
    fn remembered(&self, word: &str, hash: u64) -> Option<Verdict> {
        self.with_remembered(|known| known.find(hash, |(w, _)| same_word(w, word)).map(|e| e.1))
    }

    /// Sets what this thread remembers of `word`, unless its memory is full.
    fn remember(&self, word: &str, hash: u64, verdict: Verdict) {
        self.with_remembered(|known| {
            if let Some(entry) = known.find_mut(hash, |(w, _)| same_word(w, word)) {
                entry.1 = verdict;
            } else if known.len() < MAX_REMEMBERED {
                known.insert_unique(hash, (word.into(), verdict), |(w, _)| crate::text::hash(w));
            }
        });
    }

    fn with_remembered<T>(&self, f: impl FnOnce(&mut Remembered) -> T) -> T {
        thread_local! {
            // Per thread, so the threads of a run never wait on each other; by speller.
            static KNOWN: RefCell<Vec<(usize, Remembered)>> = const { RefCell::new(Vec::new()) };
        }
        let id = self.id;
        KNOWN.with_borrow_mut(|spellers| {
            let at = match spellers.iter().position(|(speller, _)| *speller == id) {
                Some(at) => at,
                None => {
                    spellers.push((id, Remembered::new()));
                    spellers.len() - 1
                }
            };
            f(&mut spellers[at].1)
        })
    }

    fn look_up(&self, word: &str) -> bool {
        if word.contains('’') {
            return self.dictionary.check(&word.replace('’', "'"));
        }
        self.dictionary.check(word)
    }

    /// Up to three corrections for `word`, best first.
    pub(crate) fn suggest(&self, word: &str) -> Vec<String> {
        let mut cache = self
            .suggestions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = cache.get(word) {
            return found.clone();
        }
        let mut out = Vec::new();
        self.dictionary.suggest(word, &mut out);
        out.truncate(MAX_SUGGESTIONS);
        cache.insert(word.to_string(), out.clone());
        out
    }
}

/// The dictionary for an article's language, or why there is none.
#[derive(Debug, Clone)]
pub(crate) enum SpellerLookup {
    /// Found and loaded.
    Found(Arc<Speller>),
    /// No dictionary for the language, or one that cannot be read.
    Missing(NoSpeller),
}

/// Why an article's language has no dictionary, and what to do about it.
#[derive(Debug, Clone)]
pub(crate) struct NoSpeller {
    /// Why, as a sentence fragment for the info diagnostic.
    pub(crate) reason: String,
    /// What to do, for its help line.
    pub(crate) help: String,
}

type LookupKey = (PathBuf, Vec<String>, u64, String);
type Lookups = HashMap<LookupKey, SpellerLookup>;

/// What [`speller_for`]'s finding for `language` depends on.
fn lookup_key(settings: &SpellingSettings, language: &str) -> LookupKey {
    (
        settings.root.clone(),
        settings.dictionaries.clone(),
        settings.dictionaries_stamp,
        language.to_string(),
    )
}

/// What [`speller_for`] found, by root, configured dictionaries and language.
static LOOKUPS: Mutex<Option<Lookups>> = Mutex::new(None);

/// Starts finding and loading the dictionary for `language` on a thread of its own, unless
/// that is done already, so it is ready, or nearly, when the first article needs it: loading
/// takes tens of milliseconds, and every thread of a run that reaches SP001 meanwhile waits.
pub(crate) fn preload(settings: &SpellingSettings, language: &str) {
    let key = lookup_key(settings, language);
    let cache = LOOKUPS.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.as_ref().is_some_and(|c| c.contains_key(&key)) {
        return;
    }
    drop(cache);
    let settings = settings.clone();
    let language = language.to_string();
    // Detached: a run that never needs the dictionary does not wait for it.
    std::thread::spawn(move || speller_for(&settings, &language));
}

/// The dictionary for `language` (a BCP 47 tag: `en`, `en-GB`), from `settings`: the
/// configured dictionary named after the tag (`en_GB`), else the first configured one of
/// its language (`en_US` for `en`), else one of the system's or the newsroom's named
/// after the tag. Loaded once per process and root.
pub(crate) fn speller_for(settings: &SpellingSettings, language: &str) -> SpellerLookup {
    let key = lookup_key(settings, language);
    {
        let cache = LOOKUPS.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = cache.as_ref().and_then(|c| c.get(&key)) {
            return found.clone();
        }
    }
    let found = resolve(settings, language);
    let mut cache = LOOKUPS.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key, found.clone());
    found
}

fn resolve(settings: &SpellingSettings, language: &str) -> SpellerLookup {
    let tag = language.replace('-', "_");
    let primary = tag
        .split('_')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let configured = settings
        .dictionaries
        .iter()
        .find(|name| name.eq_ignore_ascii_case(&tag))
        .or_else(|| {
            settings.dictionaries.iter().find(|name| {
                name.split(['_', '-'])
                    .next()
                    .unwrap_or_default()
                    .eq_ignore_ascii_case(&primary)
            })
        });
    let name = match configured {
        Some(name) => Some(name.clone()),
        None => find_by_language(&settings.root, &tag, &primary),
    };
    let Some(name) = name else {
        let listed = match settings.dictionaries.as_slice() {
            [] => "nothing".to_string(),
            names => names
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        // A list without `en_US` turns the built-in one off: say so to an English newsroom.
        let built_in = if primary == "en" {
            "; `en_US` is built in: list it to check English"
        } else {
            ""
        };
        return SpellerLookup::Missing(NoSpeller {
            reason: format!(
                "no `{language}` dictionary (`[spelling] dictionaries` lists {listed}; none for `{language}` in `{NEWSROOM_DIR}/` or `{SYSTEM_DIR}`{built_in})"
            ),
            help: format!(
                "add `<name>.aff` and `<name>.dic` to `{NEWSROOM_DIR}/` and list it in `[spelling] dictionaries`"
            ),
        });
    };
    match load(&settings.root, &name, settings.dictionaries_stamp) {
        Ok(speller) => SpellerLookup::Found(speller),
        Err(missing) => SpellerLookup::Missing(missing),
    }
}

/// A dictionary named after `tag` (`de_DE`), or any of language `primary` (`de_AT` for
/// `de`), in the newsroom's directory or the system's.
fn find_by_language(root: &Path, tag: &str, primary: &str) -> Option<String> {
    let dirs = [root.join(NEWSROOM_DIR), PathBuf::from(SYSTEM_DIR)];
    for dir in &dirs {
        if dir.join(format!("{tag}.aff")).is_file() && dir.join(format!("{tag}.dic")).is_file() {
            return Some(tag.to_string());
        }
    }
    for dir in &dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".aff")?;
                let language = stem.split(['_', '-']).next()?;
                (language.eq_ignore_ascii_case(primary)
                    && dir.join(format!("{stem}.dic")).is_file())
                .then(|| stem.to_string())
            })
            .collect();
        names.sort();
        if let Some(first) = names.into_iter().next() {
            return Some(first);
        }
    }
    None
}

/// Loads dictionary `name`: the newsroom's, else the built-in `en_US`, else the system's; once
/// for the dictionary files as `stamp` ([`dictionaries_stamp`]) finds them.
fn load(root: &Path, name: &str, stamp: u64) -> Result<Arc<Speller>, NoSpeller> {
    type Loaded = HashMap<(PathBuf, String), (u64, Arc<Speller>)>;
    // One load per process: every article of a run, on every thread, shares it.
    static LOADED: Mutex<Option<Loaded>> = Mutex::new(None);
    let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
    let key = (root.to_path_buf(), name.to_string());
    if let Some((held, speller)) = loaded.as_ref().and_then(|l| l.get(&key))
        && *held == stamp
    {
        return Ok(Arc::clone(speller));
    }
    let read = |dir: &Path| -> Option<Result<(String, String), NoSpeller>> {
        let aff = dir.join(format!("{name}.aff"));
        let dic = dir.join(format!("{name}.dic"));
        if !aff.is_file() || !dic.is_file() {
            return None;
        }
        let text = |path: &Path| {
            crate::fs::read_text(path, MAX_DICTIONARY_BYTES).map_err(|error| {
                let shown = path.strip_prefix(root).unwrap_or(path).display();
                NoSpeller {
                    reason: format!("cannot read `{shown}`: {}", error.source),
                    help: format!(
                        "a Hunspell file must be UTF-8 text of at most {} MiB: save `{shown}` as UTF-8, or remove the `{name}` pair",
                        MAX_DICTIONARY_BYTES / (1024 * 1024)
                    ),
                }
            })
        };
        Some(text(&aff).and_then(|aff| Ok((aff, text(&dic)?))))
    };
    let newsroom = root.join(NEWSROOM_DIR);
    let files = match read(&newsroom) {
        Some(found) => Some(found?),
        None if name == "en_US" => {
            Some((BUILTIN_EN_US_AFF.to_string(), BUILTIN_EN_US_DIC.to_string()))
        }
        None => read(Path::new(SYSTEM_DIR)).transpose()?,
    };
    let Some((aff, dic)) = files else {
        return Err(NoSpeller {
            reason: format!(
                "no dictionary `{name}` (looked for `{name}.aff` and `{name}.dic` in `{NEWSROOM_DIR}/` and `{SYSTEM_DIR}`)"
            ),
            help: format!(
                "add `{name}.aff` and `{name}.dic` to `{NEWSROOM_DIR}/`, install the system's, or take `{name}` out of `[spelling] dictionaries`"
            ),
        });
    };
    let speller = Arc::new(Speller::new(name, &aff, &dic).map_err(|error| NoSpeller {
        reason: format!("dictionary `{name}` cannot be read: {error}"),
        help: format!("replace `{name}.aff` and `{name}.dic` with a Hunspell dictionary pair"),
    })?);
    // A dictionary loaded before its files changed is let go.
    loaded
        .get_or_insert_with(HashMap::new)
        .insert(key, (stamp, Arc::clone(&speller)));
    Ok(speller)
}

/// Function words that run together with their neighbour are the misspelling, not a closed
/// compound ("eachother", "everytime"): a join with one of them is never accepted.
const FUNCTION_WORDS: &[&str] = &[
    "all", "and", "any", "are", "but", "can", "each", "every", "for", "her", "him", "his", "its",
    "not", "one", "other", "our", "some", "thank", "that", "the", "their", "them", "then", "there",
    "they", "this", "time", "too", "way", "what", "when", "where", "which", "who", "with", "you",
    "your",
];

impl Speller {
    /// Whether `word` is a closed compound of two words the dictionary knows, each of three
    /// letters or more ("chatbot", "livestream", "multibillion"): newer compounds reach the
    /// page before they reach the dictionary. `suggestions` are the dictionary's, which name
    /// the split when there is one ("chat bot").
    pub(crate) fn is_closed_compound(word: &str, suggestions: &[String]) -> bool {
        // Only when the split is the dictionary's first suggestion: when a word ranks above
        // it ("messenger" for "messanger", not "mess anger"), the word is a typo of that one.
        suggestions.iter().take(1).any(|suggestion| {
            let parts: Vec<&str> = suggestion.split([' ', '-']).collect();
            parts.len() == 2
                && parts.concat().eq_ignore_ascii_case(word)
                && parts.iter().all(|part| {
                    part.chars().count() >= 3
                        && !FUNCTION_WORDS.contains(&part.to_lowercase().as_str())
                })
        })
    }

    /// Whether `word` is the British (or Commonwealth) spelling of a word the dictionary
    /// knows: "cancelling", "colour", "organise", "centre", "defence", "catalogue",
    /// "paediatric". An article in English without a region, or with one the dictionaries do
    /// not cover, may use either standard.
    fn is_commonwealth_variant(&self, word: &str) -> bool {
        // Each swap applies only where the British form differs: before the endings listed
        // ("colour", "colours", "honourable"; "centre", "centres"), so "enourmous" or
        // "unilatreal" stay typos. `None` allows any ending.
        const ANY: Option<&[&str]> = None;
        const OUR: &[&str] = &[
            "", "s", "ed", "ing", "ite", "ites", "ful", "fully", "able", "ably", "hood", "hoods",
            "less", "er", "ers", "ist", "ists", "ism", "ly",
        ];
        const ISE: &[&str] = &[
            "e", "es", "ed", "ing", "er", "ers", "ation", "ations", "able",
        ];
        const END: &[&str] = &["", "s", "d"];
        const SWAPS: &[(&str, &str, Option<&[&str]>)] = &[
            // Doubled before an ending only: "cancelling", "labelled", "modeller" (a doubled
            // l elsewhere, "allready", is a typo).
            ("lling", "ling", ANY),
            ("lled", "led", ANY),
            ("ller", "ler", ANY),
            ("our", "or", Some(OUR)),
            ("is", "iz", Some(ISE)),
            ("ys", "yz", Some(ISE)),
            ("tre", "ter", Some(END)),
            ("bre", "ber", Some(END)),
            ("ence", "ense", Some(END)),
            ("ogue", "og", Some(END)),
            ("ium", "um", Some(END)),
            ("ae", "e", ANY),
            ("oe", "e", ANY),
        ];
        SWAPS.iter().any(|(from, to, endings)| {
            word.match_indices(from).any(|(at, _)| {
                let rest = &word[at + from.len()..];
                if endings.is_some_and(|endings| !endings.contains(&rest)) {
                    return false;
                }
                let mut other = String::with_capacity(word.len() + 1);
                other.push_str(&word[..at]);
                other.push_str(to);
                other.push_str(rest);
                self.check(&other)
            })
        })
    }
}

/// Prefixes English makes new words with: a word that is one of them before a word the
/// dictionary knows ("uncited", "nonbinding", "reelected") is a word, not a typo.
const PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "cyber", "de", "hyper", "inter", "mega", "micro", "mid",
    "mini", "multi", "non", "over", "post", "pre", "pro", "re", "semi", "sub", "super", "ultra",
    "un", "under",
];

impl Speller {
    /// Whether `word` is a prefix of [`PREFIXES`] before a known word of five letters or more
    /// (shorter ones would let typos through: "untill" is not "un" + "till").
    fn is_prefixed_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        PREFIXES.iter().any(|prefix| {
            lower
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.chars().count() >= 5 && self.check(rest))
        })
    }
}

impl Speller {
    /// Whether `word` is a word the dictionary knows with a derivational ending it lacks:
    /// "uploader" (upload + er), "genomic" (genome + ic), "penumbral" (penumbra + al),
    /// "congressionally" (congressional + ly). Inflections (-s, -ed, -ing) are left to the
    /// dictionary's own affix rules, which know when a consonant doubles: "begining" is not
    /// "begin" + "ing".
    fn is_derived_word(&self, word: &str) -> bool {
        const SUFFIXES: &[&str] = &["er", "ers", "ic", "al", "ly"];
        let lower = word.to_lowercase();
        SUFFIXES.iter().any(|suffix| {
            let Some(stem) = lower.strip_suffix(suffix) else {
                return false;
            };
            if stem.chars().count() < 4 {
                return false;
            }
            // A stem ending in a vowel drops it before a vowel: genome + ic, penumbra + al.
            let vowel_dropped = || {
                suffix.starts_with(['i', 'a'])
                    && ["e", "a"].iter().any(|v| self.check(&format!("{stem}{v}")))
            };
            self.check(stem) || vowel_dropped()
        })
    }
}

/// Whether `word` is one of the longer [`PREFIXES`] written as a word of its own ("cyber
/// cafes", "mega deal"), as news copy does.
fn is_prefix_word(word: &str) -> bool {
    word.chars().count() >= 4 && PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Whether `word` (unknown to the dictionary) stands next to another unknown word that reads
/// as foreign: a lower-case one, or one with letters outside ASCII ("papier maché", "Québec
/// solidaire", "tikanga Māori"). Two unknown words side by side are a foreign phrase or a
/// name far more often than two typos. An unknown capitalised ASCII neighbour ("Nvidia
/// annouced") does not count: a typo after a company's name is common.
pub(crate) fn is_in_foreign_phrase(speller: &Speller, neighbours: &[Option<&str>; 2]) -> bool {
    neighbours.iter().flatten().any(|neighbour| {
        let neighbour = strip_possessive(neighbour);
        // Letters, not apostrophes or quotes: "OpenAI’s" is an English name.
        let foreign_looking = neighbour
            .chars()
            .any(|c| c.is_alphabetic() && !c.is_ascii())
            || neighbour.chars().next().is_some_and(char::is_lowercase);
        foreign_looking && (!speller.covers(neighbour) || !speller.check(neighbour))
    })
}

/// Whether `candidate` (lower case, unknown) continues the name whose capitalised word it
/// follows: when that word is itself unknown ("Xiaophis myanmarensis") and `candidate` has no
/// suggestion within two edits (so it is no typo of a word either); when the dictionary knows
/// `candidate` as a name ("Tyrannosaurus rex", "Rex"); when its sentence names things in
/// another language ("Parti Québécois, Option nationale"); or when it is a particle between
/// two capitalised words ("Leila de Lima"). A typo after a company's name
/// ("Nvidia annouced") is none of these.
pub(crate) fn continues_a_name(
    speller: &Speller,
    candidate: &Candidate<'_>,
    suggestions: &[String],
) -> bool {
    let word = candidate.word;
    let Some(before) = candidate.neighbours[0].map(strip_possessive) else {
        return false;
    };
    if !before.chars().next().is_some_and(char::is_uppercase)
        || !word.chars().next().is_some_and(char::is_lowercase)
    {
        return false;
    }
    let mut chars = word.chars();
    let capitalised: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let particle = NAME_PARTICLES.contains(&word)
        && candidate.neighbours[1].is_some_and(|after| after.starts_with(char::is_uppercase));
    particle
        || (!speller.check(before) && !is_near_a_suggestion(word, suggestions))
        || speller.check(&capitalised)
        || candidate.in_foreign_sentence
}

/// The small words inside names ("Leila de Lima", "Ludwig van Beethoven", "Osama bin Laden"),
/// read as part of a name between two capitalised words.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ter", "van", "von", "zu",
];

/// Whether one of `suggestions` is within two edits of `word` (letters swapped count as one
/// edit): what a typo of a known word looks like. A capitalised word at a sentence's start
/// with no such suggestion is far more often a name than a typo ("Anthropic" is far from
/// "Philanthropic"; "Becuase" is one swap from "Because").
pub(crate) fn is_near_a_suggestion(word: &str, suggestions: &[String]) -> bool {
    let word = word.to_lowercase();
    suggestions
        .iter()
        .any(|s| strsim::damerau_levenshtein(&word, &s.to_lowercase()) <= 2)
}

/// A word of prose that spelling should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate<'t> {
    /// The word as written, possessive ending removed.
    pub(crate) word: &'t str,
    /// Its byte range in the text (the word without the possessive ending).
    pub(crate) range: Range<usize>,
    /// It starts a sentence (so a capital says nothing about it being a name).
    pub(crate) at_sentence_start: bool,
    /// The words written right before and after it, with only spaces between.
    pub(crate) neighbours: [Option<&'t str>; 2],
    /// Its sentence has a word in letters beyond ASCII ("Parti Québécois"): names in another
    /// language are near.
    pub(crate) in_foreign_sentence: bool,
}

/// What the words of `text` look like to a copy editor: each word to check, with the ones
/// that are never misspellings already left out (numbers and words with digits, ALL-CAPS
/// abbreviations, abbreviations with dots, addresses). Capitalised words inside a sentence
/// come back in `names` instead of the candidates unless `check_proper_nouns`. Hyphenated
/// compounds come back as their parts.
///
/// `spans` and `hashes` are the text's words as [`crate::text::hashes`] reads them. Each word
/// is first put to `remembered_known` with its [`crate::text::hash`] (true only for a word
/// known already: nothing else is worked out for it), and a word that may be a word to check
/// then to `is_known`.
pub(crate) fn candidates<'t>(
    text: &'t str,
    spans: &[Range<usize>],
    hashes: &[u64],
    check_proper_nouns: bool,
    names: &mut Vec<&'t str>,
    remembered_known: impl Fn(&str, u64) -> bool,
    is_known: impl Fn(&str, u64) -> bool,
) -> Vec<Candidate<'t>> {
    let mut out = Vec::new();
    // Read only once a word is unknown: most blocks have none.
    let mut skip: Option<Vec<Range<usize>>> = None;
    let mut foreign_sentences: Option<Vec<Range<usize>>> = None;
    let joined = |from: usize, to: usize| text[from..to].bytes().all(|b| b == b' ');
    for (i, (span, &token_hash)) in spans.iter().zip(hashes).enumerate() {
        let token = &text[span.clone()];
        // The word reading keeps "Altman's" whole: the possessive is checked by its stem.
        let word = strip_possessive(token);
        let hash = if word.len() == token.len() {
            token_hash
        } else {
            crate::text::hash(word)
        };
        // Nearly every word is one seen before: nothing more is worked out for it.
        if remembered_known(word, hash) {
            continue;
        }
        let shape = Shape::of(word);
        if shape.digit_or_dot || shape.letters < 2 || !shape.vowel {
            // A number, an abbreviation with dots, a single letter, or no vowel ("mph").
            continue;
        }
        if shape.uppers == shape.letters {
            // An ALL-CAPS abbreviation (NATO, FBI).
            continue;
        }
        if is_known(word, hash) {
            continue;
        }
        let at = span.start;
        let range = span.clone();
        let skip = skip.get_or_insert_with(|| {
            let mut skip = technical_ranges(text);
            skip.extend(identifier_compounds(text));
            skip
        });
        if overlaps(skip, &range)
            || is_prefix_of_compound(text, &range)
            || is_bracketed_ending(text, &range)
        {
            continue;
        }
        let before = i
            .checked_sub(1)
            .map(|j| &spans[j])
            .filter(|before| joined(before.end, at))
            .map(|before| &text[before.clone()]);
        let after = spans
            .get(i + 1)
            .filter(|after| joined(span.end, after.start))
            .map(|after| &text[after.clone()]);
        let at_start = is_sentence_start(text, at);
        let capitalised = shape.uppers > 0;
        // A capital inside the word (McCain, iPhone) or a capital mid-sentence marks a name;
        // so does a capital followed by another capitalised word ("Satya Nadella said").
        let inner_capital = word.chars().skip(1).any(char::is_uppercase);
        let next_capitalised = text[at + word.len()..]
            .strip_prefix(' ')
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase);
        if capitalised && (inner_capital || !at_start || next_capitalised) {
            names.push(word);
            if !check_proper_nouns {
                continue;
            }
        }
        out.push(Candidate {
            word,
            range: at..at + word.len(),
            at_sentence_start: at_start,
            neighbours: [before, after],
            in_foreign_sentence: foreign_sentences
                .get_or_insert_with(|| foreign_sentences_of(text))
                .iter()
                .any(|sentence| sentence.contains(&at)),
        });
    }
    out
}

/// What a word's characters say about it, read in one pass.
struct Shape {
    letters: usize,
    uppers: usize,
    /// It has a digit or a full stop: a number, or an abbreviation with dots.
    digit_or_dot: bool,
    /// It has a vowel (`y` counts), or letters beyond ASCII, which are always looked at.
    vowel: bool,
}

impl Shape {
    fn of(word: &str) -> Shape {
        let mut shape = Shape {
            letters: 0,
            uppers: 0,
            digit_or_dot: false,
            vowel: !word.is_ascii(),
        };
        if word.is_ascii() {
            // Byte by byte: this runs on every word of every article.
            for byte in word.bytes() {
                if byte.is_ascii_alphabetic() {
                    shape.letters += 1;
                    shape.uppers += usize::from(byte.is_ascii_uppercase());
                    shape.vowel |= matches!(
                        byte.to_ascii_lowercase(),
                        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
                    );
                } else if byte == b'.' || byte.is_ascii_digit() {
                    shape.digit_or_dot = true;
                    break;
                }
            }
            return shape;
        }
        for c in word.chars() {
            if c.is_alphabetic() {
                shape.letters += 1;
                shape.uppers += usize::from(c.is_uppercase());
            } else if c == '.' || c.is_numeric() {
                shape.digit_or_dot = true;
                break;
            }
        }
        shape
    }
}

/// The byte ranges of the sentences of `text` that have a word in letters beyond ASCII.
fn foreign_sentences_of(text: &str) -> Vec<Range<usize>> {
    if !text.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
        return Vec::new();
    }
    crate::lint::rules::prose::sentences(text)
        .into_iter()
        .filter(|sentence| {
            text[sentence.clone()]
                .chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii())
        })
        .collect()
}

/// Whether the word at `range` is a prefix hyphenated to the rest of a compound
/// ("pre-industrial", "co-founder", "cyber-attack"): a copy editor reads the prefix with its
/// word, not as a word of its own.
fn is_prefix_of_compound(text: &str, range: &Range<usize>) -> bool {
    let word = &text[range.clone()];
    text[range.end..]
        .strip_prefix('-')
        .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
        && PREFIXES
            .iter()
            .chain(&["ex", "self", "non", "e"])
            .any(|prefix| prefix.eq_ignore_ascii_case(word))
}

/// Whether the word at `range` is an ending in brackets joined to the word before it
/// ("rain(ing)", "friend(s)"): a transcriber's way of writing a word two ways.
fn is_bracketed_ending(text: &str, range: &Range<usize>) -> bool {
    text[..range.start]
        .strip_suffix('(')
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_alphabetic)
        && text[range.end..].starts_with(')')
}

/// Whether `word`, written in ASCII letters, has a vowel (`y` counts). One without ("mph",
/// "gpt") is an abbreviation or an identifier, not an English word to spell. Words in other
/// letters are always looked at.
fn has_vowel(word: &str) -> bool {
    !word.is_ascii()
        || word.bytes().any(|b| {
            matches!(
                b.to_ascii_lowercase(),
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
            )
        })
}

/// The byte ranges of hyphenated compounds that are identifiers rather than words: one part
/// has a digit or no vowel ("gpt-oss", "x86-64", "mRNA-1273"), so no part of it is spelled.
fn identifier_compounds(text: &str) -> Vec<Range<usize>> {
    let is_part = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    let mut ranges = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_part(c)) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                let compound = &text[from..at];
                let parts: Vec<&str> = compound.split('-').filter(|p| !p.is_empty()).collect();
                if parts.len() >= 2
                    && parts
                        .iter()
                        .any(|part| part.chars().any(char::is_numeric) || !has_vowel(part))
                {
                    ranges.push(from..at);
                }
                start = None;
            }
            _ => {}
        }
    }
    ranges
}

/// `word` without a possessive ending (`'s`, `’s`, or a final apostrophe).
fn strip_possessive(word: &str) -> &str {
    // Byte checks: this runs on every word of every article.
    fn without_apostrophe(text: &str) -> Option<&str> {
        text.strip_suffix(['\'', '’'])
    }
    let stem = match word.strip_suffix(['s', 'S']).and_then(without_apostrophe) {
        Some(stem) => stem,
        None => without_apostrophe(word).unwrap_or(word),
    };
    if stem.is_empty() { word } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Arc<Speller> {
        load(Path::new("/nonexistent-root"), "en_US", 0).expect("built-in en_US")
    }

    #[test]
    fn the_builtin_en_us_dictionary_checks_and_suggests() {
        let speller = builtin();
        for word in [
            "the",
            "optimize",
            "don't",
            "don’t",
            "Tuesday",
            "newsroom",
            "recommend",
        ] {
            assert!(speller.check(word), "{word}");
        }
        assert!(speller.covers("Recieve"));
        assert!(!speller.covers("マイクロソフト"));
        for (typo, right) in [
            ("recieve", "receive"),
            ("definately", "definitely"),
            ("goverment", "government"),
        ] {
            assert!(!speller.check(typo), "{typo}");
            assert!(speller.suggest(typo).iter().any(|s| s == right), "{typo}");
        }
    }

    #[test]
    fn a_changed_dictionary_file_changes_its_stamp() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(dictionary_stamps(dir.path()).is_empty());
        std::fs::write(dir.path().join("de_DE.aff"), "SET UTF-8\n").expect("write");
        std::fs::write(dir.path().join("de_DE.dic"), "1\nHaus\n").expect("write");
        std::fs::write(dir.path().join("README"), "not a dictionary").expect("write");
        let before = dictionary_stamps(dir.path());
        assert_eq!(
            before
                .iter()
                .map(|(name, ..)| name.as_str())
                .collect::<Vec<_>>(),
            ["de_DE.aff", "de_DE.dic"]
        );
        std::fs::write(dir.path().join("de_DE.dic"), "2\nHaus\nBaum\n").expect("write");
        assert_ne!(dictionary_stamps(dir.path()), before);
        assert_eq!(dictionary_stamps(Path::new("/no/such/dir")), []);
    }

    #[test]
    fn words_a_copy_editor_would_not_check_are_left_out() {
        let text = "Altman's team met NATO at 10am in the U.S. on well-knwon work; see example.com. Recieve it, said Ms. Brown.";
        let mut names = Vec::new();
        let reading = crate::text::hashes(text);
        let words: Vec<&str> = candidates(
            text,
            &reading.spans,
            &reading.words,
            false,
            &mut names,
            |_, _| false,
            |_, _| false,
        )
        .into_iter()
        .map(|c| c.word)
        .collect();
        assert_eq!(
            words,
            [
                "Altman", "team", "met", "at", "in", "the", "on", "well", "knwon", "work", "see",
                "Recieve", "it", "said"
            ]
        );
        assert_eq!(names, ["Brown"]);
    }
}
