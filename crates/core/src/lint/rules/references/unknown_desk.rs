use crate::article::Article;
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
    /// or declare the desk in `copydesk.toml`:
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
    }
}

pub(crate) fn check_unknown_desk(ctx: &LintContext<'_>, article: &Article) {
    let Some(desk) = article.desk.as_deref().filter(|d| !d.is_empty()) else {
        return;
    };
    let known = &ctx.env.config.desks;
    if known.contains_key(desk) {
        return;
    }
    let ids = known.keys().map(String::as_str);
    let mut help = match crate::suggest::nearest(desk, ids.clone()) {
        Some(best) => format!("did you mean `{best}`? "),
        None => String::new(),
    };
    help.push_str("declared desks: ");
    help.push_str(&entries::id_list(ids));
    ctx.push(
        ctx.diagnostic(
            &UnknownDesk::META,
            article.value_span("desk"),
            format!("unknown desk `{desk}`"),
        )
        .with_help(help),
    );
}
