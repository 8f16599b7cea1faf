//! The library's public API, one item per line, checked against `tests/public-api.txt`, and no
//! dependency's type in a public signature.
//!
//! The list is read from rustdoc's JSON output for the `copydesk` crate. rustdoc emits JSON
//! only behind `-Z unstable-options`; `RUSTC_BOOTSTRAP=1` lets the stable toolchain do it, so
//! the test needs no nightly. It builds into its own target directory under `target/tmp`
//! because the `cargo test` running it holds the lock of the main one; the first run there
//! checks every dependency once (the slow part: 12 minutes on a 2-core machine busy with other
//! builds), later runs only document this crate.
//!
//! The JSON is read as untyped `serde_json::Value`s rather than through `rustdoc-types` or the
//! `public-api` crate: both are pinned to one rustdoc format version (each release tracks
//! nightly), so every toolchain update would break the test, while the handful of fields read
//! here have been stable across format versions. The dependency-type check has no crate to do
//! it on stable either (`cargo-check-external-types` needs a pinned nightly).
//!
//! Update the snapshot after an intended change with
//! `COPYDESK_WRITE_API=1 cargo test -p copydesk --test it public_api`, and review the diff.
//! `COPYDESK_RUSTDOC_JSON=path/to/copydesk.json` reads JSON built beforehand.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const CRATE: &str = "copydesk";

/// Crates whose types public signatures may name. chrono is re-exported as `copydesk::chrono`
/// and its times are part of the contract; `serde`'s traits are implemented, not named;
/// `serde_json`'s `Value` is what an article's `[extra]` table is in the export model.
const ALLOWED_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "chrono",
    "serde",
    "serde_core",
    "serde_json",
    CRATE,
];

const SNAPSHOT: &str = "tests/public-api.txt";

#[test]
fn public_api_matches_the_snapshot() {
    let doc = rustdoc_json();
    let api = Api::new(&doc).list();
    assert!(
        api.foreign.is_empty(),
        "public signatures name types of dependencies, so upgrading them would break the API; \
         make the item pub(crate), hide it, or wrap the type:\n  {}",
        api.foreign.iter().cloned().collect::<Vec<_>>().join("\n  ")
    );
    let text: String = api
        .lines
        .iter()
        .flat_map(|line| [line.as_str(), "\n"])
        .collect();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT);
    if std::env::var_os("COPYDESK_WRITE_API").is_some() {
        std::fs::write(&path, &text).expect("write the public API snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != text {
        let diff = similar::TextDiff::from_lines(&expected, &text)
            .unified_diff()
            .header(SNAPSHOT, "current public API")
            .to_string();
        panic!(
            "the public API changed ({} items now):\n{diff}\nIf the change is intended, run \
             `COPYDESK_WRITE_API=1 cargo test -p copydesk --test it public_api` and commit \
             crates/core/{SNAPSHOT}.",
            api.lines.len()
        );
    }
}

/// rustdoc JSON of the library, built with the stable toolchain.
fn rustdoc_json() -> Value {
    let path = match std::env::var_os("COPYDESK_RUSTDOC_JSON") {
        Some(path) => PathBuf::from(path),
        None => build_rustdoc_json(),
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("read rustdoc JSON {}: {e}", path.display()));
    serde_json::from_str(&text).expect("rustdoc JSON parses")
}

fn build_rustdoc_json() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("public-api");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", &target)
        // The snapshot must not depend on flags of the outer build.
        .env_remove("RUSTDOCFLAGS")
        .args(["rustdoc", "--quiet", "--locked", "-p", CRATE, "--lib", "--"])
        .args(["-Z", "unstable-options", "--output-format", "json"])
        .output()
        .expect("run cargo rustdoc");
    assert!(
        output.status.success(),
        "cargo rustdoc failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    target.join("doc").join(format!("{CRATE}.json"))
}

/// What the walk over the JSON found.
struct Listing {
    lines: BTreeSet<String>,
    /// Paths of dependency types named in public signatures.
    foreign: BTreeSet<String>,
}

struct Api<'a> {
    index: &'a serde_json::Map<String, Value>,
    paths: &'a serde_json::Map<String, Value>,
    crates: BTreeMap<u64, String>,
    lines: BTreeSet<String>,
    foreign: BTreeSet<String>,
}

impl<'a> Api<'a> {
    fn new(doc: &'a Value) -> Self {
        let mut crates: BTreeMap<u64, String> = doc["external_crates"]
            .as_object()
            .expect("external_crates")
            .iter()
            .map(|(id, krate)| {
                let id = id.parse().expect("crate ids are numbers");
                (id, krate["name"].as_str().unwrap_or("?").to_owned())
            })
            .collect();
        crates.insert(0, CRATE.to_owned());
        Api {
            index: doc["index"].as_object().expect("index"),
            paths: doc["paths"].as_object().expect("paths"),
            crates,
            lines: BTreeSet::new(),
            foreign: BTreeSet::new(),
        }
    }

    fn item(&self, id: &Value) -> Option<&'a Value> {
        let key = match id {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => return None,
        };
        self.index.get(&key)
    }

    /// Every public path of every item, breadth first from the crate root, so the first path
    /// found is a shortest one; each item is then listed in full at its shortest path (ties
    /// broken alphabetically) and as a `pub use` at every other.
    fn list(mut self) -> Listing {
        let root = self
            .index
            .values()
            .find(|item| item["inner"]["module"]["is_crate"] == Value::Bool(true))
            .expect("the crate root module");
        let mut paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut queue = VecDeque::from([(root, CRATE.to_owned())]);
        let mut descended = BTreeSet::new();
        while let Some((module, path)) = queue.pop_front() {
            let id = module["id"].to_string();
            if !descended.insert(id) {
                continue;
            }
            for child in module["inner"]["module"]["items"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if let Some(line) = self.external_reexport(child, &path) {
                    self.lines.insert(line);
                }
                for (item, name) in self.exports(child) {
                    let full = format!("{path}::{name}");
                    paths
                        .entry(item["id"].to_string())
                        .or_default()
                        .push(full.clone());
                    if item["inner"].get("module").is_some() {
                        queue.push_back((item, full));
                    }
                }
            }
        }
        for (id, mut found) in paths {
            found.sort_by(|a, b| {
                a.matches("::")
                    .count()
                    .cmp(&b.matches("::").count())
                    .then(a.cmp(b))
            });
            let canonical = &found[0];
            for alias in &found[1..] {
                self.lines.insert(format!("pub use {alias} = {canonical}"));
            }
            let item = self.index.get(&id).expect("listed items are in the index");
            self.describe(item, canonical);
        }
        Listing {
            lines: self.lines,
            foreign: self.foreign,
        }
    }

    /// `pub use copydesk::chrono (re-export of chrono)` for a dependency made public whole.
    fn external_reexport(&self, child: &Value, path: &str) -> Option<String> {
        let import = self.item(child)?["inner"].get("use")?;
        match self.item(&import["id"]) {
            Some(target) if target["crate_id"] == 0 => None,
            _ => Some(format!(
                "pub use {path}::{} (re-export of {})",
                import["name"].as_str().unwrap_or("?"),
                import["source"].as_str().unwrap_or("?")
            )),
        }
    }

    /// The items a module child makes public, with the names they are public under.
    fn exports(&self, child: &Value) -> Vec<(&'a Value, String)> {
        let Some(item) = self.item(child) else {
            return Vec::new();
        };
        let Some(import) = item["inner"].get("use") else {
            let name = item["name"].as_str().unwrap_or("?").to_owned();
            return vec![(item, name)];
        };
        let name = import["name"].as_str().unwrap_or("?").to_owned();
        match self.item(&import["id"]) {
            Some(target) if import["is_glob"] == Value::Bool(true) => {
                target["inner"]["module"]["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|c| self.exports(c))
                    .collect()
            }
            Some(target) if target["crate_id"] == 0 => vec![(target, name)],
            // A re-exported dependency (`pub use chrono`): listed by the caller, not walked.
            _ => Vec::new(),
        }
    }

    fn describe(&mut self, item: &'a Value, path: &str) {
        let (kind, inner) = item["inner"]
            .as_object()
            .and_then(|o| o.iter().next())
            .expect("an item has one kind");
        match kind.as_str() {
            "module" => {
                self.lines.insert(format!("pub mod {path}"));
            }
            "function" => {
                let sig = self.signature(inner);
                self.lines.insert(format!("pub fn {path}{sig}"));
            }
            "struct" => {
                let generics = self.generics(&inner["generics"]);
                self.lines.insert(format!("pub struct {path}{generics}"));
                let kind = &inner["kind"];
                if let Some(fields) = kind["plain"]["fields"].as_array() {
                    for field in fields {
                        self.field(field, path);
                    }
                } else if let Some(fields) = kind["tuple"].as_array() {
                    for (position, field) in fields.iter().enumerate() {
                        if let Some(field) = self.item(field) {
                            let ty = self.ty(&field["inner"]["struct_field"]);
                            self.lines.insert(format!("pub {path}.{position}: {ty}"));
                        }
                    }
                }
                self.impls(&inner["impls"], path);
            }
            "enum" => {
                let generics = self.generics(&inner["generics"]);
                self.lines.insert(format!("pub enum {path}{generics}"));
                for variant in inner["variants"].as_array().into_iter().flatten() {
                    let Some(variant) = self.item(variant) else {
                        continue;
                    };
                    let name = format!("{path}::{}", variant["name"].as_str().unwrap_or("?"));
                    let kind = &variant["inner"]["variant"]["kind"];
                    if let Some(fields) = kind["struct"]["fields"].as_array() {
                        self.lines.insert(format!("pub {name}"));
                        for field in fields {
                            self.field(field, &name);
                        }
                    } else if let Some(fields) = kind["tuple"].as_array() {
                        let types: Vec<String> = fields
                            .iter()
                            .map(|f| match self.item(f) {
                                Some(f) => self.ty(&f["inner"]["struct_field"]),
                                None => "_".to_owned(),
                            })
                            .collect();
                        self.lines
                            .insert(format!("pub {name}({})", types.join(", ")));
                    } else {
                        self.lines.insert(format!("pub {name}"));
                    }
                }
                self.impls(&inner["impls"], path);
            }
            "trait" => {
                let generics = self.generics(&inner["generics"]);
                let bounds = self.bounds(&inner["bounds"]);
                self.lines
                    .insert(format!("pub trait {path}{generics}{bounds}"));
                for child in inner["items"].as_array().into_iter().flatten() {
                    let Some(child) = self.item(child) else {
                        continue;
                    };
                    self.member(child, path);
                }
            }
            "type_alias" => {
                let ty = self.ty(&inner["type"]);
                self.lines.insert(format!("pub type {path} = {ty}"));
            }
            "constant" => {
                let ty = self.ty(&inner["type"]);
                self.lines.insert(format!("pub const {path}: {ty}"));
            }
            "static" => {
                let ty = self.ty(&inner["type"]);
                self.lines.insert(format!("pub static {path}: {ty}"));
            }
            "macro" | "proc_macro" => {
                self.lines.insert(format!("pub macro {path}!"));
            }
            other => {
                self.lines.insert(format!("pub {other} {path}"));
            }
        }
    }

    /// A method, associated constant or associated type of a trait or an inherent impl.
    fn member(&mut self, child: &'a Value, owner: &str) {
        let name = child["name"].as_str().unwrap_or("?");
        let Some((kind, inner)) = child["inner"].as_object().and_then(|o| o.iter().next()) else {
            return;
        };
        let line = match kind.as_str() {
            "function" => format!("pub fn {owner}::{name}{}", self.signature(inner)),
            "assoc_const" => format!("pub const {owner}::{name}: {}", self.ty(&inner["type"])),
            "assoc_type" => format!("pub type {owner}::{name}{}", self.bounds(&inner["bounds"])),
            other => format!("pub {other} {owner}::{name}"),
        };
        self.lines.insert(line);
    }

    fn field(&mut self, field: &Value, owner: &str) {
        let Some(field) = self.item(field) else {
            return;
        };
        // Enum variant fields are as public as their enum ("default" visibility).
        if field["visibility"] == "public" || field["visibility"] == "default" {
            let ty = self.ty(&field["inner"]["struct_field"]);
            let name = field["name"].as_str().unwrap_or("?");
            self.lines.insert(format!("pub {owner}.{name}: {ty}"));
        }
    }

    /// Inherent methods are listed; trait impls are summed up in one `impl` line per type.
    /// A trait impl's type arguments are checked too: `From<toml::de::Error>` exposes toml.
    fn impls(&mut self, impls: &Value, owner: &str) {
        let mut traits = BTreeSet::new();
        for id in impls.as_array().into_iter().flatten() {
            let Some(item) = self.item(id) else {
                continue;
            };
            let inner = &item["inner"]["impl"];
            if inner["is_synthetic"] == Value::Bool(true) || !inner["blanket_impl"].is_null() {
                continue;
            }
            if inner["trait"].is_null() {
                for child in inner["items"].as_array().into_iter().flatten() {
                    match self.item(child) {
                        Some(child) if child["visibility"] == "public" => {
                            self.member(child, owner);
                        }
                        _ => {}
                    }
                }
            } else {
                let args = self.args(&inner["trait"]["args"]);
                let name = inner["trait"]["path"].as_str().unwrap_or("?");
                let name = name.rsplit("::").next().unwrap_or(name);
                traits.insert(format!("{name}{args}"));
            }
        }
        if !traits.is_empty() {
            let traits: Vec<String> = traits.into_iter().collect();
            self.lines
                .insert(format!("impl {owner}: {}", traits.join(", ")));
        }
    }

    fn signature(&mut self, function: &Value) -> String {
        let sig = &function["sig"];
        let mut inputs = Vec::new();
        for input in sig["inputs"].as_array().into_iter().flatten() {
            let name = input[0].as_str().unwrap_or("_");
            let ty = &input[1];
            if name == "self" {
                inputs.push(self.self_param(ty));
            } else {
                inputs.push(format!("{name}: {}", self.ty(ty)));
            }
        }
        let output = if sig["output"].is_null() {
            String::new()
        } else {
            format!(" -> {}", self.ty(&sig["output"]))
        };
        let generics = self.generics(&function["generics"]);
        format!("{generics}({}){output}", inputs.join(", "))
    }

    fn self_param(&mut self, ty: &Value) -> String {
        if ty["generic"] == "Self" {
            return "self".to_owned();
        }
        if let Some(reference) = ty.get("borrowed_ref")
            && reference["type"]["generic"] == "Self"
        {
            let mutable = if reference["is_mutable"] == Value::Bool(true) {
                "mut "
            } else {
                ""
            };
            return format!("&{mutable}self");
        }
        format!("self: {}", self.ty(ty))
    }

    /// `<T: Bound, 'a>` of an item, skipping the synthetic parameters of `impl Trait`
    /// arguments (the argument shows the trait).
    fn generics(&mut self, generics: &Value) -> String {
        let mut params = Vec::new();
        for param in generics["params"].as_array().into_iter().flatten() {
            let name = param["name"].as_str().unwrap_or("?");
            if let Some(ty) = param["kind"].get("type") {
                if ty["is_synthetic"] == Value::Bool(true) {
                    continue;
                }
                params.push(format!("{name}{}", self.bounds(&ty["bounds"])));
            } else if param["kind"].get("lifetime").is_some() {
                params.push(name.to_owned());
            } else if let Some(constant) = param["kind"].get("const") {
                params.push(format!("const {name}: {}", self.ty(&constant["type"])));
            }
        }
        for predicate in generics["where_predicates"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(bound) = predicate.get("bound_predicate") {
                let ty = self.ty(&bound["type"]);
                params.push(format!("{ty}{}", self.bounds(&bound["bounds"])));
            }
        }
        if params.is_empty() {
            String::new()
        } else {
            format!("<{}>", params.join(", "))
        }
    }

    fn bounds(&mut self, bounds: &Value) -> String {
        let bounds: Vec<String> = bounds
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| self.bound(b))
            .collect();
        if bounds.is_empty() {
            String::new()
        } else {
            format!(": {}", bounds.join(" + "))
        }
    }

    fn bound(&mut self, bound: &Value) -> String {
        if let Some(trait_bound) = bound.get("trait_bound") {
            return self.path(&trait_bound["trait"]);
        }
        if let Some(lifetime) = bound.get("outlives") {
            return lifetime.as_str().unwrap_or("'_").to_owned();
        }
        "?".to_owned()
    }

    /// A named type or trait: its last path segment and arguments; a dependency's type
    /// outside [`ALLOWED_CRATES`] is recorded.
    fn path(&mut self, path: &Value) -> String {
        if let Some(summary) = self.paths.get(&path["id"].to_string()) {
            let krate = summary["crate_id"]
                .as_u64()
                .and_then(|id| self.crates.get(&id))
                .map_or("?", String::as_str);
            if !ALLOWED_CRATES.contains(&krate) {
                let full: Vec<&str> = summary["path"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                self.foreign.insert(full.join("::"));
            }
        }
        let written = path["path"].as_str().unwrap_or("?");
        let name = written.rsplit("::").next().unwrap_or(written);
        format!("{name}{}", self.args(&path["args"]))
    }

    fn args(&mut self, args: &Value) -> String {
        if let Some(parenthesized) = args.get("parenthesized") {
            let inputs: Vec<String> = parenthesized["inputs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| self.ty(t))
                .collect();
            let output = if parenthesized["output"].is_null() {
                String::new()
            } else {
                format!(" -> {}", self.ty(&parenthesized["output"]))
            };
            return format!("({}){output}", inputs.join(", "));
        }
        let Some(angle) = args.get("angle_bracketed") else {
            return String::new();
        };
        let mut parts = Vec::new();
        for arg in angle["args"].as_array().into_iter().flatten() {
            if let Some(ty) = arg.get("type") {
                parts.push(self.ty(ty));
            } else if let Some(lifetime) = arg.get("lifetime") {
                parts.push(lifetime.as_str().unwrap_or("'_").to_owned());
            } else if let Some(constant) = arg.get("const") {
                parts.push(constant["expr"].as_str().unwrap_or("_").to_owned());
            }
        }
        for constraint in angle["constraints"].as_array().into_iter().flatten() {
            let name = constraint["name"].as_str().unwrap_or("?");
            let binding = &constraint["binding"];
            if let Some(ty) = binding["equality"].get("type") {
                parts.push(format!("{name} = {}", self.ty(ty)));
            } else if let Some(bounds) = binding.get("constraint") {
                parts.push(format!("{name}{}", self.bounds(bounds)));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("<{}>", parts.join(", "))
        }
    }

    fn ty(&mut self, ty: &Value) -> String {
        let Some((kind, value)) = ty.as_object().and_then(|o| o.iter().next()) else {
            return "()".to_owned();
        };
        match kind.as_str() {
            "resolved_path" => self.path(value),
            "primitive" | "generic" => value.as_str().unwrap_or("?").to_owned(),
            "borrowed_ref" => {
                let lifetime = value["lifetime"]
                    .as_str()
                    .map_or(String::new(), |l| format!("{l} "));
                let mutable = if value["is_mutable"] == Value::Bool(true) {
                    "mut "
                } else {
                    ""
                };
                format!("&{lifetime}{mutable}{}", self.ty(&value["type"]))
            }
            "tuple" => {
                let parts: Vec<String> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|t| self.ty(t))
                    .collect();
                format!("({})", parts.join(", "))
            }
            "slice" => format!("[{}]", self.ty(value)),
            "array" => format!(
                "[{}; {}]",
                self.ty(&value["type"]),
                value["len"].as_str().unwrap_or("_")
            ),
            "impl_trait" => {
                let bounds: Vec<String> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|b| self.bound(b))
                    .collect();
                format!("impl {}", bounds.join(" + "))
            }
            "dyn_trait" => {
                let traits: Vec<String> = value["traits"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|t| self.path(&t["trait"]))
                    .collect();
                format!("dyn {}", traits.join(" + "))
            }
            "qualified_path" => {
                let self_type = self.ty(&value["self_type"]);
                format!("<{self_type}>::{}", value["name"].as_str().unwrap_or("?"))
            }
            "raw_pointer" => {
                let mutable = if value["is_mutable"] == Value::Bool(true) {
                    "mut"
                } else {
                    "const"
                };
                format!("*{mutable} {}", self.ty(&value["type"]))
            }
            "function_pointer" => {
                let inputs: Vec<String> = value["sig"]["inputs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|i| self.ty(&i[1]))
                    .collect();
                let output = if value["sig"]["output"].is_null() {
                    String::new()
                } else {
                    format!(" -> {}", self.ty(&value["sig"]["output"]))
                };
                format!("fn({}){output}", inputs.join(", "))
            }
            other => other.to_owned(),
        }
    }
}
