//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by pre-commit itself: `pre-commit
//! try-repo` installs this repository as a `language: python` hook (pip builds the wheel of
//! `pyproject.toml` with maturin and puts the `copydesk` binary in the hook's virtualenv) and
//! runs it on the staged articles of a temporary git repository.
//!
//! pre-commit's try-repo installs the hook in a temporary store, so each run builds the wheel.
//! The wheel is built with the dev profile (`MATURIN_PEP517_ARGS`) into the target directory
//! the tests use, so it reuses the dependencies already compiled for them: only the two
//! copydesk crates are compiled again (pre-commit builds from its own clone of the
//! repository). Test binaries run one after another, so nothing else runs the `copydesk`
//! binary this build writes.
//!
//! Own harness (libtest-mimic), as `crates/core/tests/consumers.rs`: without pre-commit (found
//! as `COPYDESK_PRE_COMMIT`, else `pre-commit` on PATH) or git the test is listed as ignored
//! with the reason; under `COPYDESK_REQUIRE_CONSUMERS` it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{PROSE, TempNewsroom, article_text};
use libtest_mimic::{Arguments, Failed, Trial};

const INSTALL: &str = "pip install pre-commit (and apt-get install -y git)";

fn main() {
    let args = Arguments::from_args();
    let name = "try_repo_runs_the_hook_on_staged_articles";
    let trial = match (pre_commit(), runs(Path::new("git"))) {
        (Some(pre_commit), true) => Trial::test(name, move || try_repo(&pre_commit)),
        _ => common::missing_consumer(name, INSTALL),
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn runs(program: &Path) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn pre_commit() -> Option<PathBuf> {
    let program = std::env::var_os("COPYDESK_PRE_COMMIT")
        .map_or_else(|| PathBuf::from("pre-commit"), PathBuf::from);
    runs(&program).then_some(program)
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

fn git(dir: &Path, args: &[&str]) -> Result<(), Failed> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("git {args:?}: {}", String::from_utf8_lossy(&output.stderr)).into())
    }
}

/// A newsroom in a fresh git repository with everything staged.
fn repository() -> Result<TempNewsroom, Failed> {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "A Clean Story", PROSE);
    // An unknown author is an error, so the hook fails.
    newsroom.write(
        "articles/2026/05/broken.md",
        &article_text("broken", "A Broken Story", "", PROSE).replace("ryan-tanaka", "nobody"),
    );
    let root = newsroom.root();
    git(root, &["init", "--quiet"])?;
    git(root, &["config", "user.email", "desk@example.com"])?;
    git(root, &["config", "user.name", "Copy Desk"])?;
    git(root, &["add", "."])?;
    Ok(newsroom)
}

/// How long pre-commit may take to build the wheel and run the hook before the test fails (a
/// bound, so a stuck build cannot hang the test run).
const PATIENCE: Duration = Duration::from_secs(30 * 60);

/// Runs `pre-commit try-repo <this repository> copydesk-lint` in `newsroom` and returns its
/// exit code and everything it printed. try-repo installs the hook afresh each time, in a
/// temporary store.
fn try_repo_run(
    pre_commit: &Path,
    newsroom: &TempNewsroom,
) -> Result<(Option<i32>, String), Failed> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), PathBuf::from);
    let log = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let stdout = log.reopen().map_err(|e| e.to_string())?;
    let stderr = log.reopen().map_err(|e| e.to_string())?;
    let mut child = Command::new(pre_commit)
        .current_dir(newsroom.root())
        .arg("try-repo")
        .arg(workspace())
        .arg("copydesk-lint")
        .env("CARGO_TARGET_DIR", target)
        .env("MATURIN_PEP517_ARGS", "--profile dev")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("pre-commit: {e}"))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            let said = std::fs::read_to_string(log.path()).unwrap_or_default();
            return Err(format!("pre-commit still running after {PATIENCE:?}:\n{said}").into());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let said = std::fs::read_to_string(log.path()).map_err(|e| e.to_string())?;
    Ok((status.code(), said))
}

fn try_repo(pre_commit: &Path) -> Result<(), Failed> {
    let newsroom = repository()?;
    let (code, said) = try_repo_run(pre_commit, &newsroom)?;
    if code != Some(1) {
        return Err(format!("the hook should fail on the broken article (exit 1):\n{said}").into());
    }
    for expected in [
        // pre-commit ran the hook and it failed
        "copydesk lint",
        "Failed",
        // copydesk's report of the broken article
        "RF001",
        "unknown author `nobody`",
        "articles/2026/05/broken.md",
        // both staged articles went to one run (require_serial)
        "checked 2 files",
    ] {
        if !said.contains(expected) {
            return Err(format!("pre-commit's output lacks {expected:?}:\n{said}").into());
        }
    }
    if said.contains("clean.md:") {
        return Err(format!("the clean article has no finding to show:\n{said}").into());
    }
    Ok(())
}
