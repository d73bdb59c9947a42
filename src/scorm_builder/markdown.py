"""Markdown (CommonMark plus tables) to HTML for course pages and quiz text.

- Tables: a paragraph ``Table: caption`` right before a table becomes its ``<caption>``;
  header cells get ``scope="col"``; body cells get ``data-label`` (their column header) so
  the stylesheet can stack rows on narrow screens without losing the labels.
- Audio and video: a paragraph that is only an image of an audio or video file becomes a player
  slot (media.py), in pages; anywhere else such an image is reported.
- Headings: the page title is the document's ``<h2>`` (the SCO title is the ``<h1>``), so
  ``##`` in Markdown renders as ``<h3>`` and so on; a ``#`` heading is reported.
- Relative links and image sources are handed to a resolver, which records the asset and
  returns the URL to use inside the package: Markdown links and images, and the local media of
  author HTML (``img``, ``video``, ``audio``, ``source``, ``track``, ``poster``, ``srcset``, ``a href``).
- Author HTML is sanitized with nh3 (no script, no event handlers, no ``javascript:``)
  unless the course sets ``allow_raw_html: true``. ``<video>`` and ``<audio>`` with their
  ``source`` and ``track`` pass. What the sanitizer removes is reported as a warning at its line,
  and a paragraph left empty by it is dropped.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from html import escape as html_escape
from html import unescape as html_unescape
from typing import TYPE_CHECKING, NamedTuple

import nh3
from markdown_it import MarkdownIt
from markdown_it.common import html_re
from markdown_it.token import Token

from .media import media_kind
from .model import Loc
from .problems import WARNING, Problem

if TYPE_CHECKING:
    from .media import MediaCollector

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
    "video", "audio", "source", "track",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "data-label", "style"},
    "ol": {"start", "reversed", "type"},
    "abbr": {"title"},
    "video": {"src", "poster", "controls", "width", "height", "loop", "muted", "preload", "playsinline"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "source": {"src", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Attributes nh3 (ammonia) checks against URL_SCHEMES, on the tags above.
URL_ATTRIBUTES = {"href", "src", "poster"}
SET_BY_SANITIZER = {("a", "rel")}  # link_rel: replaced, not removed
CONTENT_REMOVED = {"script", "style"}  # nh3 removes these with their content; other tags lose only the tag
SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>\n?")
# What author HTML loads or links to, and so must be packaged (or reported) like a Markdown image.
LOCAL_REFERENCES = {"img": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
                    "source": ("src", "srcset"), "track": ("src",), "a": ("href",), "iframe": ("src",),
                    "embed": ("src",), "object": ("data",), "script": ("src",), "link": ("href",)}
OPEN_TAG_RE = re.compile(html_re.open_tag)
TAG_NAME_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
ATTRIBUTE_RE = re.compile(r"""(\s+)([a-zA-Z_:][a-zA-Z0-9:._-]*)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^"'=<>`\x00-\x20]+))?""")
# Elements that load what their attribute names (links with <a href> are navigation, not loads).
RESOURCE_ATTRIBUTES = {"img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "video": ("src", "poster"),
                       "audio": ("src",), "source": ("src", "srcset"), "track": ("src",), "embed": ("src",),
                       "object": ("data",), "link": ("href",)}
NETWORK_URL_RE = re.compile(r"^(https?:)?//", re.IGNORECASE)


class Rendered(NamedTuple):
    """One Markdown text as sanitized HTML, with the problems found in it."""

    html: str
    problems: list[Problem]

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

    def block(self, text: str, loc: Loc, resolve: Resolver | None = None,
              media: MediaCollector | None = None) -> Rendered:
        """Render Markdown ``text`` whose first line is ``loc.line`` of ``loc.path``; its audio and
        video images become players of ``media`` (a page's), or are reported when it is None."""
        tokens = self.md.parse(text)
        problems: list[Problem] = []
        # Each pass below walks the whole token stream; most texts (a quiz option's feedback, a
        # paragraph of prose) hold none of the tokens a pass looks for, so it runs only when they do.
        kinds = _token_types(tokens, text)
        if "table_open" in kinds:
            _captions(tokens)
            _table_cells(tokens)
        if "heading_open" in kinds:
            problems += _headings(tokens, loc)
        if "image" in kinds:
            problems += _players(tokens, loc, resolve, media)
        if "image" in kinds or "link_open" in kinds:
            _links(tokens, loc, resolve)
        if "html_block" in kinds or "html_inline" in kinds:
            problems += self._author_html(tokens, loc, resolve)
        html = self._clean(self.md.renderer.render(tokens, self.md.options, {}))
        problems += external_resources(html, text, loc)
        return Rendered(html, problems)

    def inline(self, text: str, loc: Loc, resolve: Resolver | None = None) -> Rendered:
        """Render one line of Markdown without a surrounding paragraph (option texts)."""
        tokens = self.md.parseInline(text)
        kinds = _token_types(tokens, text)
        problems = _players(tokens, loc, resolve, None) if "image" in kinds else []
        if "image" in kinds or "link_open" in kinds:
            _links(tokens, loc, resolve)
        if "html_inline" in kinds:
            problems += self._author_html(tokens, loc, resolve)
        html = self._clean(self.md.renderer.render(tokens, self.md.options, {}))
        return Rendered(html, problems + external_resources(html, text, loc))

    def _author_html(self, tokens: list[Token], loc: Loc, resolve: Resolver | None) -> list[Problem]:
        """Give the local files that author HTML loads or links to their place in the package and,
        when the HTML is sanitized, report what the sanitizer will remove."""
        problems = []
        for token, line in _html_pieces(tokens, loc):
            if resolve is not None:
                token.content = _rewrite_references(token.content, Loc(loc.path, line), resolve, self.allow_raw_html)
            if not self.allow_raw_html:
                problems += sanitizer_removals(token.content, Loc(loc.path, line))
        return problems

    def _clean(self, html: str) -> str:
        if self.allow_raw_html:
            return html
        return EMPTY_PARAGRAPH_RE.sub("", self._sanitize(html))

    def _sanitize(self, html: str) -> str:
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
                                        "packages must work offline: save the file into the course folder "
                                        "and link to it there"))
    return problems


def _html_pieces(tokens: list[Token], loc: Loc) -> Iterator[tuple[Token, int]]:
    """The author HTML of a token stream (HTML blocks, inline tags), each with the line it starts on."""
    for tok in tokens:
        if tok.type == "html_block":
            yield tok, _line(tok, loc)
        elif tok.type == "inline":
            line = _line(tok, loc)
            for child in tok.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    yield child, line
                    line += child.content.count("\n")


def _rewrite_references(html: str, loc: Loc, resolve: Resolver, raw: bool) -> str:
    """Hand every relative URL that an HTML tag loads or links to (LOCAL_REFERENCES) to ``resolve``
    and write what it returns, as a Markdown image's source is. Tags the sanitizer will remove are
    left alone (their files would be packaged for nothing)."""

    def tag(m: re.Match) -> str:
        named = TAG_NAME_RE.match(m.group(0))
        if named is None:
            return m.group(0)
        name = named.group(1)
        attributes = LOCAL_REFERENCES.get(name.lower())
        if not attributes or not (raw or name.lower() in ALLOWED_TAGS):
            return m.group(0)
        start = m.start() + len(name) + 1

        def attribute(a: re.Match) -> str:
            key, value = a.group(2).lower(), a.group(4)
            if key not in attributes or value is None:
                return a.group(0)
            at = Loc(loc.path, loc.line + html.count("\n", 0, start + a.start(2)))
            value = html_unescape(value[1:-1] if value[:1] in "\"'" else value)
            new = _resolve_srcset(value, at, resolve) if key == "srcset" else _resolve_url(value, at, resolve)
            return a.group(0) if new is None else f'{a.group(1)}{a.group(2)}="{html_escape(new)}"'

        return m.group(0)[: len(name) + 1] + ATTRIBUTE_RE.sub(attribute, m.group(0)[len(name) + 1 :])

    return OPEN_TAG_RE.sub(tag, html)


def _resolve_url(url: str, loc: Loc, resolve: Resolver) -> str | None:
    return resolve(url.strip(), loc) if is_relative_url(url.strip()) else None


def _resolve_srcset(srcset: str, loc: Loc, resolve: Resolver) -> str | None:
    """``a.png 1x, b.png 2x``: each candidate's URL resolved, its descriptor kept."""
    candidates, changed = [], False
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        new = _resolve_url(url, loc, resolve) if url else None
        changed = changed or new is not None
        candidates.append(" ".join(part for part in (new or url, descriptor.strip()) if part))
    return ", ".join(candidates) if changed else None


@functools.cache
def _sanitizer_preview() -> type:
    """The parser class below, made on first use: html.parser is imported only for author HTML."""
    from html.parser import HTMLParser

    class _SanitizerPreview(HTMLParser):
        """What nh3, given the allowlists above, removes from a piece of author HTML, with the line
        (counted from 0) of each removal. Comments, which nh3 also strips, show nothing to the learner."""

        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.removed: list[tuple[int, str, str]] = []  # (line offset, what was removed, hint)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            offset = self.getpos()[0] - 1
            if tag not in ALLOWED_TAGS:
                if tag in CONTENT_REMOVED:
                    self.removed.append((offset, f"<{tag}> and its content",
                                         f"a {tag} does not run in sanitized pages"))
                else:
                    kept = "" if tag in ("iframe", "embed", "object") else "; the text inside is kept"
                    self.removed.append((offset, f"<{tag}>",
                                         "the sanitizer keeps the tags listed in the README" + kept))
                return
            allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
            for name, value in attrs:
                if (tag, name) in SET_BY_SANITIZER:
                    continue
                if name not in allowed:
                    hint = ("event handlers do not run in sanitized pages" if name.startswith("on")
                            else f"<{tag}> keeps only: {', '.join(sorted(allowed))}")
                    self.removed.append((offset, f"the '{name}' attribute of <{tag}>", hint))
                    continue
                scheme = SCHEME_RE.match(value or "") if name in URL_ATTRIBUTES else None
                if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                    self.removed.append((offset, f"the {scheme.group(1).lower()}: URL of <{tag} {name}>",
                                         f"only {', '.join(sorted(URL_SCHEMES))} and relative URLs are kept"
                                         + ("; the link text stays, as plain text" if tag == "a" else "")))

        handle_startendtag = handle_starttag

    return _SanitizerPreview


def sanitizer_removals(html: str, loc: Loc) -> list[Problem]:
    """Warnings, at their lines, for what the sanitizer removes from author HTML ``html`` starting at ``loc``."""
    preview = _sanitizer_preview()()
    preview.feed(html)
    preview.close()
    return [Problem(loc.path, loc.line + offset, f"the sanitizer removed {what}",
                    f"{hint}; allow_raw_html: true in course.yml keeps author HTML as written", severity=WARNING)
            for offset, what, hint in preview.removed]


def _token_types(tokens: list[Token], text: str) -> set[str]:
    """The types of the tokens of a stream and of their children (inline tokens hold links, images, tags).

    The children are looked at only when ``text`` can hold one of those: every link, image or inline
    tag is written with a ``[`` or a ``<`` (CommonMark, without linkify), and most texts have neither."""
    kinds = {tok.type for tok in tokens}
    if "[" not in text and "<" not in text:
        return kinds
    for tok in tokens:
        if tok.children:
            kinds.update(child.type for child in tok.children)
    return kinds


def _line(token: Token, loc: Loc) -> int:
    return loc.line + (token.map[0] if token.map else 0)


def _captions(tokens: list[Token]) -> None:
    """Turn ``Table: text`` paragraphs that directly precede a table into its caption."""
    i = 3
    while i < len(tokens):
        nxt = tokens[i]
        if nxt.type == "table_open":
            p_open, inline, p_close = tokens[i - 3 : i]
            m = CAPTION_RE.match(inline.content) if inline.type == "inline" else None
            if p_open.type == "paragraph_open" and m and p_close.type == "paragraph_close":
                first = inline.children[0] if inline.children else None
                if first is not None and first.type == "text":
                    first.content = CAPTION_PREFIX_RE.sub("", first.content)
                nxt.meta["caption"] = inline
                del tokens[i - 3 : i]
                i -= 3
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
                                        "the page title is set by 'title:' in the front matter; "
                                        "use '##' for headings inside a page"))
            tok.tag = f"h{min(level + 1, 6)}"
    return problems


def _players(tokens: list[Token], loc: Loc, resolve: Resolver | None, media: MediaCollector | None) -> list[Problem]:
    """Turn each paragraph that is only an image of a local audio or video file into a player slot."""
    problems: list[Problem] = []
    if resolve is None:
        return problems
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type != "inline" or not tok.children or not any(c.type == "image" for c in tok.children):
            i += 1
            continue
        line = _line(tok, loc)
        for child in tok.children:
            target = str(child.attrGet("src") or "") if child.type == "image" else ""
            if not (target and is_relative_url(target) and media_kind(target)):
                continue
            at = Loc(loc.path, line)
            alone = (0 < i < len(tokens) - 1 and tokens[i - 1].type == "paragraph_open"
                     and [c for c in tok.children or [] if c.type != "text" or c.content.strip()] == [child])
            if media is None:
                problems.append(Problem(at.path, at.line, f"'{target}' is audio or video, which plays in pages only",
                                        "put the player on a page of the section and refer to it here"))
            elif not alone:
                problems.append(Problem(at.path, at.line, f"the player of '{target}' shares its paragraph",
                                        "give the player a paragraph of its own, with blank lines around it"))
            else:
                html, found = media.player(child.content, target, str(child.attrGet("title") or ""), at)
                problems += found
                tokens[i - 1 : i + 2] = [Token("html_block", "", 0, content=html, map=tok.map, block=True)]
                i -= 1
                break
        i += 1
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
