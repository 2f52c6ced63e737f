"""Resolve the people, fracties, posts and ministries that readers found (as written) to register
entries valid on the document's date.

Resolving never guesses: a name that is not in a register (or fits more than one entry) becomes a
local entry (`local=True`) whose slug comes from the text as written, and is recorded in
`get_registers().unresolved()` so a curator can add it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..model import Fractie, Ministry, OrgMention, Person, PersonMention, Post
from ..registers import get_registers, name_key, norm, slugify, split_name

__all__ = ["resolve_mention", "resolve_org", "resolve_fractie", "local_slug"]


def local_slug(text: str) -> str:
    """A [a-z0-9-] slug for a local URI: no diacritics, one hyphen between words."""
    return slugify(text)


def _local_person(name: str) -> Person:
    # one slug and one name per person however written: the surname with particles, first letter up
    # ("van den Broek" and "Van den Broek" are one local person); never a register person's slug
    _, _, surname = split_name(name)
    slug = local_slug(name_key(surname) or name)
    if get_registers().has_person(slug):
        slug += "-onbekend"
    shown = (surname or name).strip()
    return Person(slug=slug, name=shown[:1].upper() + shown[1:], local=True)


# portfolios that head no ministry: "Minister van Staat" is an honorary title
_NO_MINISTRY = {"staat"}


def _local_ministry(text: str) -> Ministry:
    name = re.sub(r"^\s*(?:het\s+)?ministerie\s+van\s+", "", text.strip(), flags=re.I)
    slug = local_slug(name)
    return Ministry(uri=f"ministerie/{slug}", code=slug, name=f"ministerie van {name}", local=True)


def resolve_fractie(text: str, on: date | None) -> Fractie:
    """The fractie a text names; unknown -> a local Fractie named as written."""
    regs = get_registers()
    found = regs.fractie(text, on)
    if found is not None:
        return found
    cleaned = re.sub(r"^\s*(?:beiden|allen)\s+", "", text.strip(), flags=re.I)
    return Fractie(slug=local_slug(cleaned), name=cleaned, notation=cleaned, local=True)


def resolve_mention(m: PersonMention, on: date | None) -> None:
    """Fill m.person, m.fractie_ref, m.post and m.ministry in place."""
    regs = get_registers()
    role = (m.role or "").lower() or None
    if role == "rekenkamer":
        # the Algemene Rekenkamer's president and secretary are no members or ministers: the registers of
        # parliament and government do not hold them by design, so they stay local people, as named
        m.person = _local_person(m.name)
        return
    if m.fractie:
        m.fractie_ref = resolve_fractie(m.fractie, on)
    if role in ("minister", "staatssecretaris", "minister-president"):
        portfolio = m.portfolio or ""
        post = regs.post(role, portfolio, on) if (portfolio or role == "minister-president") else None
        if post is None and portfolio:
            label = f"{role} van {portfolio}"
            ministry = regs.ministry(portfolio, on)
            if ministry is None and norm(portfolio) not in _NO_MINISTRY:
                # a ministry the registers do not hold (the Ministerie van Oorlog, of Uniezaken en
                # Overzeese Rijksdelen): the post heads a ministry of its portfolio's name, kept local
                ministry = _local_ministry(portfolio)
            post = Post(slug=local_slug(label), label=label, ministry=ministry, local=True)
        m.post = post
        m.ministry = post.ministry if post else None
    if not m.name.strip():
        return  # a post named without its holder ("mede namens de minister van X")
    fractie = m.fractie_ref if m.fractie_ref is not None and not m.fractie_ref.local else None
    person = regs.person(m.name, fractie=fractie, role=role, on=on, portfolio=m.portfolio)
    if person is None:
        person = _local_person(m.name)
    m.person = person
    if not person.local:
        if m.fractie_ref is not None and not m.fractie_ref.local:
            m.member_during = regs.membership_span(person, "fractie", m.fractie_ref.slug, on)
        if m.post is not None and not m.post.local:
            m.post_during = regs.membership_span(person, "post", m.post.slug, on)


def resolve_org(m: OrgMention, on: date | None) -> list[OrgMention]:
    """Fill post and ministry; a phrase naming several posts gives one OrgMention per post (the
    first is `m` itself, the rest copies with the same text)."""
    regs = get_registers()
    posts = regs.posts(m.text, on)
    if posts:
        out = []
        for i, post in enumerate(posts):
            target = m if i == 0 else replace(m)
            target.post, target.ministry = post, post.ministry
            out.append(target)
        return out
    ministry = regs.ministry(m.text, on)
    if ministry is None:
        text = norm(m.text)
        if re.match(r"^(?:de )?(?:minister|staatssecretaris)", text):
            # a post we do not know: keep it as written, local
            label = re.sub(r"^de\s+", "", m.text.strip(), flags=re.I)
            m.post = Post(slug=local_slug(label), label=label, local=True)
            return [m]
        ministry = _local_ministry(m.text)
    m.ministry = ministry
    return [m]
