"""Links in messages: http(s) addresses become links, everything else stays escaped text (F20)."""
from __future__ import annotations

from matchmaker.linkify import linkify

REL = 'rel="noopener nofollow ugc" target="_blank"'


def test_an_address_becomes_a_link_and_the_sentence_keeps_its_full_stop():
    html = str(linkify("Vedi https://drive.example.org/a/b.pdf?x=1&y=2. Grazie"))
    url = "https://drive.example.org/a/b.pdf?x=1&amp;y=2"
    assert html == f'Vedi <a href="{url}" {REL}>{url}</a>. Grazie'


def test_markup_in_the_text_and_in_an_address_is_escaped():
    html = str(linkify('<script>x</script> https://e.example/"onmouseover=alert(1) <b>'))
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html
    assert 'href="https://e.example/"' in html and "onmouseover" not in html.split(">", 1)[0]


def test_other_schemes_and_bare_words_stay_text():
    assert str(linkify("javascript:alert(1) ftp://x.example www.example.org")) == \
        "javascript:alert(1) ftp://x.example www.example.org"


def test_parentheses_around_an_address():
    html = str(linkify("(see https://en.example.org/wiki/Foo_(bar))"))
    assert 'href="https://en.example.org/wiki/Foo_(bar)"' in html and html.endswith("</a>)")


def test_nothing_and_no_address():
    assert str(linkify(None)) == "" and str(linkify("a & b")) == "a &amp; b"
