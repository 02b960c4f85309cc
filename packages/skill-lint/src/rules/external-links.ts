/**
 * Checks that every external link (markdown, or HTML `href`/`src`) is a well-formed `https` URL (or `mailto:`). With
 * `--check-external-links` it also requests each URL once (HEAD, then GET, 10 s timeout) and
 * reports the ones that fail; that check needs the network and is off by default and in CI.
 *
 * @example
 *   {"name": "ok", "file": "references/links.md"}
 *
 *   ```markdown
 *   # Links
 *
 *   Read [the Lambda guide](https://docs.aws.amazon.com/lambda/latest/dg/welcome.html).
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "references/links.md", "label": "input"}
 *
 *   ```markdown
 *   # Links
 *
 *   [a](http://example.com/), [b](<https://exa mple.com/>), [c](ftp://example.com/f),
 *   [d](https://localhost/x)
 *
 *   <a href="http://example.com/html">e</a> <img src="https://localhost/i.png">
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   3:1-3:25: Link `http://example.com/` is not https; use `https://`
 *   3:27-3:55: Malformed URL `https://exa mple.com/`
 *   3:57-3:81: Link `ftp://example.com/f` uses `ftp:`; only https links are allowed
 *   4:1-4:25: Link `https://localhost/x` has no public host name
 *   6:10-6:33: Link `http://example.com/html` is not https; use `https://`
 *   6:51-6:74: Link `https://localhost/i.png` has no public host name
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import type { Root } from "mdast";
import type { LintContext } from "../context.js";
import { hasScheme, urlNodes } from "../link-targets.js";

const remarkLintExternalLinks = lintRule<Root, LintContext>(
  "skill-lint:external-links",
  async (tree, file, context) => {
    for (const node of urlNodes(tree)) {
      const url = node.url;
      if (!hasScheme(url) || /^file:/i.test(url) || /^[a-z]:[\\/]/i.test(url)) continue;
      if (/^mailto:/i.test(url)) continue;
      if (url.startsWith("//")) {
        file.message(`Protocol-relative link \`${url}\`; write \`https:${url}\``, node);
        continue;
      }
      const scheme = url.slice(0, url.indexOf(":") + 1).toLowerCase();
      if (scheme === "http:") {
        file.message(`Link \`${url}\` is not https; use \`https://\``, node);
        continue;
      }
      if (scheme !== "https:") {
        file.message(`Link \`${url}\` uses \`${scheme}\`; only https links are allowed`, node);
        continue;
      }
      let parsed: URL;
      try {
        if (/\s/.test(url)) throw new Error("whitespace");
        parsed = new URL(url);
      } catch {
        file.message(`Malformed URL \`${url}\``, node);
        continue;
      }
      if (!parsed.hostname.includes(".") || parsed.hostname.endsWith(".")) {
        file.message(`Link \`${url}\` has no public host name`, node);
        continue;
      }
      if (context.checkExternalLinks) {
        const status = await context.probeUrl(parsed.href);
        if (typeof status === "string") file.message(`Link \`${url}\` could not be fetched: ${status}`, node);
        else if (status >= 400) file.message(`Link \`${url}\` answers HTTP ${status}`, node);
      }
    }
  },
);

export default remarkLintExternalLinks;
