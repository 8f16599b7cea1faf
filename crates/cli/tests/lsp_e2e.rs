//! `copydesk lsp` driven by an independent client: `pytest-lsp` (Python) runs
//! `lsp_e2e/test_copydesk_lsp.py` against the binary.
//!
//! Own harness (libtest-mimic), like the core crate's consumer tests: without pytest-lsp the
//! test is listed as ignored with how to install it, and with `COPYDESK_REQUIRE_CONSUMERS` set
//! (as `.ci/run` sets it after installing it) a missing pytest-lsp fails. The Python to use is
//! `COPYDESK_PYTEST_LSP_PYTHON` (a virtualenv's `bin/python`), else `python3`.

use std::path::Path;
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

const NAME: &str = "pytest_lsp_opens_diagnoses_fixes_and_follows_a_definition";
const INSTALL: &str = "python3 -m venv /opt/copydesk-pytest-lsp && /opt/copydesk-pytest-lsp/bin/pip install pytest-lsp, then set COPYDESK_PYTEST_LSP_PYTHON=/opt/copydesk-pytest-lsp/bin/python";

fn main() {
    let args = Arguments::from_args();
    let python = std::env::var("COPYDESK_PYTEST_LSP_PYTHON").unwrap_or_else(|_| "python3".into());
    let installed = Command::new(&python)
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    let trial = if installed {
        Trial::test(NAME, move || run(&python))
    } else if std::env::var_os("COPYDESK_REQUIRE_CONSUMERS").is_some() {
        Trial::test(NAME, || {
            Err(Failed::from(format!(
                "required by COPYDESK_REQUIRE_CONSUMERS but pytest-lsp is not installed ({INSTALL})"
            )))
        })
    } else {
        Trial::test(format!("{NAME} (needs pytest-lsp: {INSTALL})"), || Ok(()))
            .with_ignored_flag(true)
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn run(python: &str) -> Result<(), Failed> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp_e2e/test_copydesk_lsp.py");
    let output = Command::new(python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(&script)
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .output()
        .map_err(|error| Failed::from(format!("cannot run {python}: {error}")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Failed::from(format!(
            "pytest failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )))
    }
}
