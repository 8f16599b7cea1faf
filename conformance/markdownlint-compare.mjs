// Lints every Markdown file of markdownlint's test suite with copydesk's Markdown rules and
// with markdownlint's equivalent rules, and prints where they disagree, line by line, minus
// the deliberate differences documented in docs/accuracy.md.
//
// Usage (see conformance/markdownlint.sh, which installs what this needs):
//   node conformance/markdownlint-compare.mjs CHECKOUT MARKDOWNLINT_DIR COPYDESK_BIN [--all]
// CHECKOUT is a clone of markdownlint's repository (its test/*.md files are linted),
// MARKDOWNLINT_DIR the installed package (node_modules/markdownlint), COPYDESK_BIN the built
// `copydesk` binary. `--all` also prints the documented differences. Exits 1 when an
// undocumented disagreement is left.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [checkout, markdownlintDir, copydesk, ...flags] = process.argv.slice(2);
if (!checkout || !markdownlintDir || !copydesk) {
  console.error("usage: markdownlint-compare.mjs CHECKOUT MARKDOWNLINT_DIR COPYDESK_BIN [--all]");
  process.exit(2);
}
const showAll = flags.includes("--all");
const { lint } = await import(
  pathToFileURL(path.join(markdownlintDir, "lib", "exports-sync.mjs")).href
);

// copydesk's default MD006 phrases, given to MD059 so the comparison tests how link texts
// are matched, not which phrases each tool lists.
const PHRASES = ["here", "click here", "source", "link", "this", "read more", "more"];
// markdownlint rule -> copydesk rule.
const PAIRS = { MD001: "MD002", MD024: "MD003", MD045: "MD005", MD059: "MD006", MD033: "MD007" };

const testDir = path.join(checkout, "test");
const files = fs
  .readdirSync(testDir)
  .filter((f) => f.endsWith(".md"))
  .sort();

// One newsroom with every test file as an article body.
const room = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-mdl-"));
fs.writeFileSync(
  path.join(room, "copydesk.toml"),
  '[site]\ntitle = "Conformance"\nbase_url = "https://example.com"\n\n' +
    '[paths]\narticles = "articles"\nauthors = "authors"\n\n' +
    `[lint.options]\nMD006 = { phrases = ${JSON.stringify(PHRASES)} }\n`,
);
fs.mkdirSync(path.join(room, "articles"));
fs.mkdirSync(path.join(room, "authors"));
const FRONT = (slug) =>
  `+++\ntitle = "Conformance article"\nslug = "${slug}"\nstatus = "draft"\n+++\n`;
const offset = FRONT("x").split("\n").length - 1;
const bodies = new Map();
for (const [i, file] of files.entries()) {
  const body = fs.readFileSync(path.join(testDir, file), "utf8");
  // Numbered, so that names differing only in case or punctuation never share an article.
  const slug = `t${i}-${file.replace(/\.md$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  bodies.set(file, { slug, body, lines: body.split(/\r\n|\r|\n/) });
  fs.writeFileSync(path.join(room, "articles", `${slug}.md`), FRONT(slug) + body);
}

let report;
try {
  report = execFileSync(
    copydesk,
    ["lint", "--root", room, "--format", "json", "--select", Object.values(PAIRS).join(",")],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
} catch (error) {
  // Exit 1 means findings; the report is on stdout all the same.
  if (error.status !== 1) throw error;
  report = error.stdout;
}
const bySlug = new Map();
for (const d of JSON.parse(report).diagnostics) {
  const slug = path.basename(d.path, ".md");
  if (!bySlug.has(slug)) bySlug.set(slug, []);
  bySlug.get(slug).push(d);
}
fs.rmSync(room, { recursive: true, force: true });

const config = { default: false, MD059: { prohibited_texts: PHRASES } };
for (const rule of Object.keys(PAIRS)) config[rule] = config[rule] ?? true;

const words = (text) =>
  text
    .toLowerCase()
    .replace(/['’‘ʼ]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(" ");
const atxText = (line) =>
  line
    .replace(/^ {0,3}#{1,6}(?:[ \t]+|$)/, "")
    .replace(/[ \t]+#+[ \t]*$/, "")
    .trim();

// The link text of `[text](target)` links, as a reader sees them.
const linkText = (text) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");

// Character references decoded, as the renderer decodes them (numeric ones and the few named
// ones the test suite uses).
const NAMED = { copy: "©", amp: "&", lt: "<", gt: ">", quot: '"', nbsp: "\u00a0" };
const decoded = (text) =>
  text
    .replace(/&#[xX]([0-9a-fA-F]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&([a-zA-Z]+);/g, (all, name) => NAMED[name] ?? all);

// Whether markdownlint reads `line` as TeX math (`$$` blocks, `$…$` spans), which copydesk's
// parser does not know: comrak's math extension is off, as in the export.
const inMath = (lines, line) =>
  lines[line - 1].includes("$") ||
  lines.slice(0, line - 1).filter((l) => l.trim() === "$$").length % 2 === 1;

// The documented deliberate difference (docs/accuracy.md) that explains a line only one side
// reports, or null.
function documentedReason({ inTheirs, ourRule, finding, text, line, lines, ours }) {
  if (!inTheirs) {
    if (ourRule === "MD002" && /follows level 1;/.test(finding.message)) {
      return "the title counts as the H1";
    }
    if (ourRule === "MD003") {
      const first = atxText(lines[(finding.related[0] ?? 0) - 1] ?? "");
      const here = atxText(text);
      if (first !== here && decoded(first) === decoded(here)) {
        return "headings compare as read: entities as their characters";
      }
      if (first !== here && words(first) === words(here)) return "case and punctuation are ignored";
      if (linkText(first) === linkText(here)) return "headings compare as read, without link targets";
    }
    if (ourRule === "MD007" && /^\s*<\//.test(text)) return "an HTML block opening with a closing tag is reported";
    if (ourRule === "MD007" && finding.message.startsWith("text `")) {
      return "text on the lines of a comment block is reported";
    }
    if (ourRule === "MD006" && inMath(lines, line)) return "no TeX math";
    return null;
  }
  if (ourRule === "MD003" && atxText(text) === "") return "empty headings are not compared";
  if (
    ourRule === "MD005" &&
    /<img/i.test(lines.slice(line - 1, line + 4).join("\n")) &&
    ours.some((d) => d.code === "MD007" && d.line <= line && line <= d.end)
  ) {
    return "an HTML image is raw HTML (MD007)";
  }
  return null;
}

const counts = { agree: 0, documented: 0, undocumented: 0 };
const byReason = {};
const out = [];
for (const file of files) {
  const { slug, body, lines } = bodies.get(file);
  const theirs = lint({ strings: { [file]: body }, config, noInlineConfig: true, frontMatter: null })[file];
  const ours = (bySlug.get(slug) ?? []).map((d) => ({
    code: d.code,
    line: d.start.line - offset,
    end: d.end.line - offset,
    message: d.message,
    related: (d.related ?? []).map((r) => r.position.line - offset),
  }));
  for (const [theirRule, ourRule] of Object.entries(PAIRS)) {
    const theirLines = new Set(
      theirs.filter((r) => r.ruleNames.includes(theirRule)).map((r) => r.lineNumber),
    );
    const ourFindings = ours.filter((d) => d.code === ourRule);
    const ourLines = new Set(ourFindings.map((d) => d.line));
    const covered = (line) =>
      ourFindings.some((d) => ourRule === "MD007" && d.line <= line && line <= d.end);
    for (const line of [...new Set([...theirLines, ...ourLines])].sort((a, b) => a - b)) {
      const inTheirs = theirLines.has(line);
      const inOurs = ourLines.has(line) || (inTheirs && covered(line));
      if (inTheirs && inOurs) {
        counts.agree++;
        continue;
      }
      const text = lines[line - 1] ?? "";
      const finding = ourFindings.find((d) => d.line === line);
      const reason = documentedReason({ inTheirs, ourRule, finding, text, line, lines, ours });
      const side = inTheirs ? `${theirRule} only` : `${ourRule} only`;
      if (reason) {
        counts.documented++;
        byReason[reason] = (byReason[reason] ?? 0) + 1;
        if (showAll) out.push(`${file}:${line}: ${side} (documented: ${reason}): ${text}`);
      } else {
        counts.undocumented++;
        out.push(`${file}:${line}: ${side}: ${text}`);
      }
    }
  }
}
for (const line of out) console.log(line);
console.log(
  `\n${files.length} files; ${counts.agree} lines agree, ${counts.documented} documented differences, ` +
    `${counts.undocumented} undocumented`,
);
for (const [reason, n] of Object.entries(byReason)) console.log(`  ${reason}: ${n}`);
process.exit(counts.undocumented > 0 ? 1 : 0);
