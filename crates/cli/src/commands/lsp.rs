//! `copydesk lsp`: runs the language server (see `crate::lsp`) until the editor stops it.

use crate::Status;
use crate::args::LspArgs;
use crate::lsp::{Ending, run as serve};

/// Exit status as LSP asks: 0 after `shutdown` then `exit`, 1 when the client exited (or
/// closed stdin) without `shutdown`.
pub(crate) fn run(args: &LspArgs) -> Status {
    match serve(args.now) {
        Ending::Clean => Status::Clean,
        Ending::Abrupt => Status::Findings,
    }
}
