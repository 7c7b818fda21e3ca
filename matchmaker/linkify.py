"""Plain text with its http(s) addresses made into links: every piece escaped, the links marked as user content."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?»”’\"'"  # sentence punctuation after an address is not part of it


def _split_trailing(url: str) -> tuple[str, str]:
    """The address without the punctuation that ends the sentence around it (a ")" only when it opened none)."""
    end = len(url)
    while end and (url[end - 1] in TRAILING
                   or (url[end - 1] == ")" and url.count("(", 0, end) < url.count(")", 0, end))):
        end -= 1
    return url[:end], url[end:]


def linkify(text: str | None) -> Markup:
    """`text` escaped, with each http(s) address an <a rel="noopener nofollow ugc" target="_blank"> to itself."""
    text = text or ""
    out, at = [], 0
    for match in URL.finditer(text):
        url, rest = _split_trailing(match.group(0))
        if len(url) <= len("https://"):
            continue
        out.append(escape(text[at:match.start()]))
        out.append(Markup('<a href="{0}" rel="noopener nofollow ugc" target="_blank">{0}</a>').format(url))
        out.append(escape(rest))
        at = match.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)
