"""The theme's page rendered once per page shape, then joined for each page of that shape.

Rendering Material's templates costs about 4 ms a page, and the chrome they draw around a record
page (head, header, tabs, navigation, footer) depends on few values: the page's title,
description, canonical address, head tags, table of contents and body. Pages whose values have
the same *shape* (the same template, folder depth and first folder, the same keys, list lengths
and types) differ only in those values. So the theme renders one page of each shape
with a marker in place of each value (a *probe*), the output is cut at the markers into a
`Frame`, and every page of the shape is its frame joined with its own values: a join, not a
render.

Nothing here trusts that the theme prints a value as it is:

- a second probe puts hostile markers (tags, entities, quotes, runs of white space, capitals)
  where the first put plain ones; a value the theme filters (Material's table of contents says
  `title | striptags | e`) shows there changed, and such a value becomes part of the shape, so
  pages with another value get a frame of their own, rendered with the real value; so does a
  value the theme does not print at all, which it may test (`hide: [toc]`);
- a frame is used only after the theme's own render of a second page of the shape equals that
  page joined, byte for byte; a shape of one page, or one that fails, is rendered by the theme
  page by page (the build says how many).

The engine (MkDocs) stays behind two callables: `inputs(page)`, the page's values as plain
data, and `render(page, inputs)`, the theme's output for the page with those values
(mkdocs_adapter/theme.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from markupsafe import Markup

P = TypeVar("P")

MARK, END = "\ue000", "\ue001"  # private-use characters: a probe's output is cut where they are
_MARKER = re.compile(f"{MARK}(\\d+)[^{MARK}{END}]*{END}")
# what a theme is known to test a text for rather than print it (Material writes the title as an <h1>
# when the body has none): a text's shape says which of these it holds, and its marker holds them too
KEPT = ("<h1",)
# what a filter would change: a tag, an entity, quotes, white space runs, a line break, capitals
_HOSTILE = "<b>&amp;\"' \n  Ab</b>"


def flatten(value: Any) -> tuple[Hashable, list[str]]:
    """A value's shape (its structure, types, numbers, which texts are empty and which are the same)
    and its distinct texts, in order. Raises TypeError for a value of a type it does not know (the
    theme renders such a page)."""
    texts: list[str] = []
    numbers: dict[str, int] = {}

    def walk(v: Any) -> Hashable:
        if isinstance(v, str):
            if v:  # an empty text is part of the shape: a template may test whether there is one
                # HTML given twice (the title in the table of contents too) is one text, one marker; a
                # plain string is always its own (`hide: [toc]` must stay a text of its own to be tested)
                number = numbers.setdefault(v, len(texts)) if isinstance(v, Markup) else len(texts)
                if number == len(texts):
                    texts.append(v)
                return ("text", type(v) is Markup, tuple(k in v for k in KEPT), number)
            return ("empty", type(v) is Markup)
        if isinstance(v, dict):
            return ("dict", tuple((k, walk(x)) for k, x in v.items()))
        if isinstance(v, (list, tuple)):
            return (type(v).__name__, tuple(walk(x) for x in v))
        if v is None or isinstance(v, (bool, int, float)):
            return ("value", type(v).__name__, v)
        raise TypeError(f"a page value of type {type(v).__name__}")

    return walk(value), texts


def rebuild(shape: Hashable, texts: Iterable[str]) -> Any:
    """The value of `shape` with these texts in its places (the inverse of flatten)."""
    texts = list(texts)

    def make(s):
        tag = s[0]
        if tag == "text":
            text = texts[s[3]]
            return Markup(text) if s[1] else str(text)
        if tag == "empty":
            return Markup() if s[1] else ""
        if tag == "dict":
            return {k: make(x) for k, x in s[1]}
        if tag in ("list", "tuple"):
            items = [make(x) for x in s[1]]
            return items if tag == "list" else tuple(items)
        return s[2]

    return make(shape)


@dataclass(frozen=True)
class Frame:
    """A probe's output cut at its markers: parts[0], the text numbered slots[0], parts[1], …"""

    parts: tuple[str, ...]
    slots: tuple[int, ...]

    @classmethod
    def cut(cls, output: str) -> Frame | None:
        """None when the output holds a marker character outside a marker (a value had one)."""
        pieces = _MARKER.split(output)
        parts, slots = tuple(pieces[0::2]), tuple(int(n) for n in pieces[1::2])
        if any(MARK in part or END in part for part in parts):
            return None
        return cls(parts, slots)

    def join(self, texts: list[str]) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out.append(texts[slot])
            out.append(part)
        return "".join(out)


def _markers(texts: list[str], hostile: bool = False) -> list[str]:
    """A marker for each text, holding what KEPT says a theme may test the text for."""
    return [f"{MARK}{n}{''.join(k for k in KEPT if k in text)}{_HOSTILE if hostile else ''}{END}"
            for n, text in enumerate(texts)]


@dataclass
class Plan(Generic[P]):
    """Which pages are joined from a frame, and which the theme renders one by one."""

    joined: list[tuple[P, Frame, list[str]]] = field(default_factory=list)
    themed: list[P] = field(default_factory=list)
    frames: int = 0

    def counts(self) -> tuple[int, int, int]:
        return len(self.joined), self.frames, len(self.themed)


def summary(joined: int, frames: int, themed: int) -> str:
    return (f"theme: {joined:,} pages joined from {frames:,} rendered shapes, {themed:,} rendered one by "
            "one (shapes of one page, or values the theme does not print as they are)")


Group = list  # [(page, shape, texts)] of one shape; a page whose values are of an unknown type is alone


def group(pages: list[P], inputs: Callable[[P], tuple[Hashable, Any]]) -> list[Group]:
    """Pages by shape. `inputs(page)` gives the page's key (what the engine knows its output depends
    on besides the values: its folder, its template …) and its values."""
    groups: dict[Hashable, Group] = {}
    for page in pages:
        key, values = inputs(page)
        try:
            shape, texts = flatten(values)
        except TypeError:
            groups[("alone", id(page))] = [(page, None, None)]
            continue
        members = groups.setdefault((key, shape), [])
        members.append((page, members[0][1] if members else shape, texts))  # one shape kept per group
    return list(groups.values())


def shares(groups: list[Group], count: int) -> list[list[Group]]:
    """Groups dealt to `count` processes, about as many pages each (largest groups first)."""
    dealt: list[list[Group]] = [[] for _ in range(count)]
    loads = [0] * count
    for members in sorted(groups, key=len, reverse=True):  # stable: the same deal on every build
        least = loads.index(min(loads))
        dealt[least].append(members)
        loads[least] += len(members)
    return dealt


def plan_groups(groups: list[Group], render: Callable[[P, Any], str]) -> Plan[P]:
    """A frame for each shape of two pages or more, checked against the theme's render of the shape's
    second page; the other pages are left to the theme."""
    result: Plan[P] = Plan()
    for members in groups:
        _frame_group(members, render, result)
    return result


def plan(pages: list[P], inputs: Callable[[P], tuple[Hashable, Any]],
         render: Callable[[P, Any], str]) -> Plan[P]:
    """group, then plan_groups, in one process."""
    return plan_groups(group(pages, inputs), render)


def _frame_group(members, render, result: Plan) -> None:
    if len(members) < 2:
        result.themed.extend(page for page, _, _ in members)
        return
    page, shape, texts = members[0]
    probed = _probe(page, shape, texts, render)
    if probed is None:
        result.themed.extend(page for page, _, _ in members)
        return
    filtered, unprinted, plain = probed
    # a text the theme does not print may be tested (`hide: [toc]`): it is part of the shape
    fixed = sorted({*filtered, *unprinted})
    subgroups: dict[tuple[str, ...], list] = {}
    for member in members:
        subgroups.setdefault(tuple(member[2][n] for n in fixed), []).append(member)
    for values, group in subgroups.items():
        _frame_subgroup(group, dict(zip(fixed, values, strict=True)), render, result, None if fixed else plain)


def _probe(page, shape, texts: list[str], render) -> tuple[tuple[int, ...], tuple[int, ...], str] | None:
    """The numbers of the texts the theme does not print as they are (plain and hostile markers
    compared), of those it does not print at all, and the plain probe's output; None when the
    probes differ elsewhere too."""
    plain_markers, hostile_markers = _markers(texts), _markers(texts, hostile=True)
    plain = render(page, rebuild(shape, plain_markers))
    hostile = render(page, rebuild(shape, hostile_markers))
    counts = [(plain.count(p), hostile.count(h)) for p, h in zip(plain_markers, hostile_markers, strict=True)]
    filtered = tuple(n for n, (p, h) in enumerate(counts) if p != h)
    if not filtered and hostile.replace(_HOSTILE + END, END) != plain:
        return None
    return filtered, tuple(n for n, (p, h) in enumerate(counts) if p == h == 0), plain


def _frame_subgroup(group, fixed: dict[int, str], render, result: Plan, probe: str | None) -> None:
    """`probe`: the output of the group's plain probe, when this subgroup's frame is that one."""
    if len(group) < 2:
        result.themed.extend(page for page, _, _ in group)
        return
    page, shape, texts = group[0]
    markers = [fixed.get(n, marker) for n, marker in enumerate(_markers(texts))]
    frame = Frame.cut(probe if probe is not None else render(page, rebuild(shape, markers)))
    second, _, second_texts = group[1]
    if frame is None or frame.join(second_texts) != render(second, None):
        result.themed.extend(page for page, _, _ in group)
        return
    result.frames += 1
    result.joined.extend((page, frame, texts) for page, _, texts in group)


__all__ = ["Frame", "Plan", "flatten", "group", "plan", "plan_groups", "rebuild", "shares", "summary"]
