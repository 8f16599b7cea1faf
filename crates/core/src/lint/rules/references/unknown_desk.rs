use crate::article::Article;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports a `desk` that is not declared as `[desks.<id>]` in `copydesk.toml`,
    /// suggesting the nearest declared desk.
    ///
    /// ## Why is this bad?
    /// Desk pages, navigation and the desk name above the headline come from the
    /// configuration. An undeclared desk leaves the article out of every desk page.
    ///
    /// ## Example
    /// ```toml
    /// desk = "consumer-technology"
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// desk = "consumer-tech"
    /// ```
    /// or declare the desk in `copydesk.toml` with
    /// `copydesk new-desk consumer-technology --name "Consumer Technology"`, which adds:
    /// ```toml
    /// [desks.consumer-technology]
    /// name = "Consumer Technology"
    /// ```
    pub(crate) struct UnknownDesk {
        code: "RF002",
        name: "unknown-desk",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "desk not declared in copydesk.toml",
        check: check_unknown_desk,
    }
}

pub(crate) fn check_unknown_desk(ctx: &LintContext<'_>, article: &Article) {
    if let Some(diagnostic) = unknown_desk(ctx.env.config, article) {
        ctx.push(diagnostic);
    }
}

/// The RF002 finding for `article`, if its desk is not declared; export skips on the same
/// finding, so both say the same thing.
pub(crate) fn unknown_desk(config: &Config, article: &Article) -> Option<Diagnostic> {
    let desk = article.desk.as_deref().filter(|d| !d.is_empty())?;
    let known = &config.desks;
    if known.contains_key(desk) {
        return None;
    }
    let ids = known.keys().map(String::as_str);
    let command = crate::scaffold::new_desk_command(desk);
    // The help ends with the command that declares the desk, so a writer whose newsroom
    // lacks it (a fresh `copydesk init`) is not left guessing at the config format.
    let help = if known.is_empty() {
        format!("`copydesk.toml` declares no desks yet; declare this one with {command}")
    } else {
        let mut help = match crate::suggest::nearest(desk, ids.clone()) {
            Some(best) => format!("{} ", crate::suggest::did_you_mean(best)),
            None => String::new(),
        };
        help.push_str("declared desks: ");
        help.push_str(&entries::id_list(ids));
        help.push_str("; or declare it with ");
        help.push_str(&command);
        help
    };
    Some(
        Diagnostic::new(
            &UnknownDesk::META,
            article.path.clone(),
            article.value_span("desk"),
            format!("unknown desk `{desk}`"),
        )
        .with_help(help),
    )
}
