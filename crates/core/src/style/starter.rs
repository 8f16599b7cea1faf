//! The starter house style `copydesk init` writes to `styles/house.toml`.

/// Where `copydesk init` puts the starter style, relative to the newsroom root.
pub const STARTER_STYLE_PATH: &str = "styles/house.toml";

/// A dozen choices most English-language newsrooms make (close to AP style), each commented
/// so a desk can change or drop it. Every form here is rare in good copy, so a new newsroom
/// lints clean with it.
pub const STARTER_STYLE: &str = r#"# The house style: terms and patterns copydesk enforces (rules ST001-ST003).
# copydesk.toml reads this file through `[style] include = ["styles/house.toml"]`.
# Change any choice to your own or delete it; `copydesk rule ST001` explains the rules and
# docs/style.md the format. A `use` with one form makes the finding fixable (`lint --fix`).

# One word, lower case, no hyphen.
[[style.terms]]
use = "email"
avoid = ["e-mail"]

[[style.terms]]
use = "website"
avoid = ["web site", "web-site"]

[[style.terms]]
use = "online"
avoid = ["on-line"]

[[style.terms]]
use = "smartphone"
avoid = ["smart phone", "smart-phone"]

# American forms; a British desk would swap these.
[[style.terms]]
use = "toward"
avoid = ["towards"]

[[style.terms]]
use = "among"
avoid = ["amongst"]

[[style.terms]]
use = "while"
avoid = ["whilst"]

# Names are written the way their owners write them; other casings are reported (ST002).
[[style.terms]]
use = "GitHub"

[[style.terms]]
use = "YouTube"

[[style.terms]]
use = "iPhone"

[[style.terms]]
use = "LinkedIn"

# Words the desk does not print: nothing to use instead, so no fix.
[[style.terms]]
avoid = ["very unique", "most unique"]
message = "`unique` admits no degrees"

# Figures take the % sign.
[[style.patterns]]
regex = '\b(\d+(?:\.\d+)?) (?:percent|per cent)\b'
replace = '$1%'
message = "use % with figures"
"#;
