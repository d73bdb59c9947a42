"""Markdown (CommonMark plus tables) to HTML for course pages and quiz text.

- Tables: a paragraph ``Table: caption`` right before a table becomes its ``<caption>``;
  header cells get ``scope="col"``; body cells get ``data-label`` (their column header) so
  the stylesheet can stack rows on narrow screens without losing the labels.
- Headings: the page title is the document's ``<h2>`` (the SCO title is the ``<h1>``), so
  ``##`` in Markdown renders as ``<h3>`` and so on; a ``#`` heading is reported.
- Relative links and image sources are handed to a resolver, which records the asset and
  returns the URL to use inside the package.
- Author HTML is sanitized with nh3 (no script, no event handlers, no ``javascript:``)
  unless the course sets ``allow_raw_html: true``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Loc
from .problems import Problem

# resolver(target as written, location) -> URL to write in the HTML, or None to leave it unchanged
Resolver = Callable[[str, Loc], "str | None"]

CAPTION_RE = re.compile(r"^Table:\s*\S", re.DOTALL)
CAPTION_PREFIX_RE = re.compile(r"^Table:\s*")
SINGLE_PARAGRAPH_RE = re.compile(r"^\s*<p>(.*)</p>\s*$", re.DOTALL)
EXTERNAL_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#|/)")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "data-label", "style"},
    "ol": {"start", "reversed", "type"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements that load what their attribute names (links with <a href> are navigation, not loads).
RESOURCE_ATTRIBUTES = {"img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "video": ("src", "poster"),
                       "audio": ("src",), "source": ("src", "srcset"), "track": ("src",), "embed": ("src",),
                       "object": ("data",), "link": ("href",)}
NETWORK_URL_RE = re.compile(r"^(https?:)?//", re.IGNORECASE)


@dataclass
class Rendered:
    html: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def single_paragraph(self) -> str | None:
        """The content of the HTML when it is exactly one paragraph (it can then sit in a <legend>)."""
        m = SINGLE_PARAGRAPH_RE.match(self.html)
        return m.group(1) if m and "<p>" not in m.group(1) else None


def is_relative_url(target: str) -> bool:
    return bool(target) and not EXTERNAL_RE.match(target)


class MarkdownRenderer:
    def __init__(self, allow_raw_html: bool = False):
        self.allow_raw_html = allow_raw_html
        self.md = MarkdownIt("commonmark", {"html": True}).enable("table")
        self.md.add_render_rule("table_open", _render_table_open)
        # One sanitizer for every text: nh3.clean(html, tags=...) would build one per call (4x slower).
        self.cleaner = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                                   link_rel="noopener noreferrer", strip_comments=True)

    def block(self, text: str, loc: Loc, resolve: Resolver | None = None) -> Rendered:
        """Render Markdown ``text`` whose first line is ``loc.line`` of ``loc.path``."""
        tokens = self.md.parse(text)
        problems: list[Problem] = []
        _captions(tokens)
        _table_cells(tokens)
        problems += _headings(tokens, loc)
        _links(tokens, loc, resolve)
        html = self._clean(self.md.renderer.render(tokens, self.md.options, {}))
        problems += external_resources(html, text, loc)
        return Rendered(html, problems)

    def inline(self, text: str, loc: Loc, resolve: Resolver | None = None) -> Rendered:
        """Render one line of Markdown without a surrounding paragraph (option texts)."""
        tokens = self.md.parseInline(text)
        _links(tokens, loc, resolve)
        html = self._clean(self.md.renderer.render(tokens, self.md.options, {}))
        return Rendered(html, external_resources(html, text, loc))

    def _clean(self, html: str) -> str:
        if self.allow_raw_html:
            return html
        return self.cleaner.clean(html)


def external_resources(html: str, source: str, loc: Loc) -> list[Problem]:
    """Images, media, scripts or frames loaded from the network: the package must work offline."""
    if "//" not in html:
        return []
    import lxml.html  # only for HTML that may name a network URL: most builds never need it

    problems = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter(*RESOURCE_ATTRIBUTES):
        for attribute in RESOURCE_ATTRIBUTES[element.tag]:
            url = (element.get(attribute) or "").strip()
            if NETWORK_URL_RE.match(url):
                at = source.find(url)
                line = loc.line + (source.count("\n", 0, at) if at >= 0 else 0)
                problems.append(Problem(loc.path, line, f"'{url[:80]}' would be loaded from the network",
                                        "packages must work offline: save the file into the course folder and link to "
                                        "it there"))
    return problems


def _line(token: Token, loc: Loc) -> int:
    return loc.line + (token.map[0] if token.map else 0)


def _captions(tokens: list[Token]) -> None:
    """Turn ``Table: text`` paragraphs that directly precede a table into its caption."""
    i = 0
    while i + 3 < len(tokens):
        p_open, inline, p_close, nxt = tokens[i : i + 4]
        m = CAPTION_RE.match(inline.content) if inline.type == "inline" else None
        if p_open.type == "paragraph_open" and m and p_close.type == "paragraph_close" and nxt.type == "table_open":
            first = inline.children[0] if inline.children else None
            if first is not None and first.type == "text":
                first.content = CAPTION_PREFIX_RE.sub("", first.content)
            nxt.meta["caption"] = inline
            del tokens[i : i + 3]
        i += 1


def _render_table_open(self, tokens, idx, options, env):
    token = tokens[idx]
    caption = token.meta.get("caption")
    html = "<table>\n"
    if caption is not None:
        html += "<caption>" + self.renderInline(caption.children or [], options, env) + "</caption>\n"
    return html


def _table_cells(tokens: list[Token]) -> None:
    headers: list[str] = []
    col = 0
    for i, tok in enumerate(tokens):
        if tok.type == "thead_open":
            headers = []
        elif tok.type == "th_open":
            tok.attrSet("scope", "col")
            headers.append(tokens[i + 1].content if i + 1 < len(tokens) else "")
        elif tok.type == "tr_open":
            col = 0
        elif tok.type == "td_open":
            if col < len(headers) and headers[col]:
                tok.attrSet("data-label", _plain(headers[col]))
            col += 1


def _plain(markdown_inline: str) -> str:
    return re.sub(r"[*_`]", "", markdown_inline).strip()


def _headings(tokens: list[Token], loc: Loc) -> list[Problem]:
    problems = []
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            level = int(tok.tag[1])
            if level == 1 and tok.type == "heading_open":
                problems.append(Problem(loc.path, _line(tok, loc), "a '#' heading inside a page",
                                        "the page title is set by 'title:' in the front matter; use '##' for headings "
                                        "inside a page"))
            tok.tag = f"h{min(level + 1, 6)}"
    return problems


def _links(tokens: list[Token], loc: Loc, resolve: Resolver | None) -> None:
    if resolve is None:
        return
    for tok in tokens:
        if tok.type != "inline" and tok.type not in ("image", "link_open"):
            continue
        children = tok.children or [] if tok.type == "inline" else [tok]
        line = _line(tok, loc) if tok.type == "inline" else loc.line
        for child in children:
            attr = "src" if child.type == "image" else "href" if child.type == "link_open" else None
            if attr is None:
                continue
            target = str(child.attrGet(attr) or "")
            if is_relative_url(target):
                new = resolve(target, Loc(loc.path, line))
                if new is not None:
                    child.attrSet(attr, new)
