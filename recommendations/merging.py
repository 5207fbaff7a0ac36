"""
Two editors' changes to one list, merged field by field and entry by entry.

When a save is refused because someone saved the list after the form was opened
(forms.ArticleAdminForm.refuse_saving_over_someone_else), three versions of the list are known:
the one the form was opened from (`base`: the revision saved at the form's loaded_version), the
one saved since (`theirs`), and the form as sent (`mine`). For every field of the list and of each
entry:

- changed by one of them only: that change is kept;
- changed by both, to the same value: kept;
- changed by both, differently: a conflict, which the editor settles by picking one side (or, for
  a text, writing the one to keep).

An entry one of them removed and the other left alone is removed; one removed by one and changed by
the other is a conflict too (keep it, or remove it). Entries either of them added are kept. When the
base is unknown (no revision at that version), every field where the two differ is a conflict:
nothing is dropped without a choice.

merged_form_data() writes the result as the change form would send it, with the loaded_version of
`theirs`, so that the save goes through the same form and the same conflict check as any other.
"""

from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from taggit.utils import edit_string_for_tags, parse_tags

from .text import clean_text

LIST_FIELDS = ("title", "slug", "subject", "intro", "tags", "status", "published_at", "author")
ENTRY_FIELDS = ("rank", "film", "blurb", "themes", "people")
TEXT_FIELDS = {"intro", "blurb"}
PREFIX = "entries"


@dataclass(frozen=True)
class Version:
    """A list as one side has it: its fields, and its entries by key (an entry id, or "new-3" for the form's fourth
    entry, not saved yet). A field missing from `fields` is one this side never sent (the form's read-only fields)."""

    fields: dict
    entries: dict = field(default_factory=dict)
    edit_version: int | None = None


@dataclass(frozen=True)
class Decision:
    """What happens to one field, or to one entry's being there at all (`name` "exists")."""

    key: str  # "intro", or "entry-12-blurb"
    name: str
    entry: object  # the entry's key, or None for the list's own fields
    base: object
    theirs: object
    mine: object
    outcome: str  # "theirs", "mine", "same" or "conflict"

    @property
    def kept(self):
        return self.mine if self.outcome == "mine" else self.theirs


def from_state(state, tags=None, edit_version=None):
    """A Version from a revisions.ListState (tags are not in revisions: None when unknown)."""
    fields = {name: getattr(state, name) for name in LIST_FIELDS if name != "tags"}
    if tags is not None:
        fields["tags"] = frozenset(tags)
    entries = {pk: {name: getattr(entry, name) for name in ENTRY_FIELDS} for pk, entry in state.entries.items()}
    return Version(fields, entries, edit_version)


def from_form_data(data):
    """A Version from what the change form sent (a QueryDict), its values read as the form would read them."""
    fields = {}
    for name in ("title", "slug", "status"):
        if name in data:
            fields[name] = clean_text(data[name], multiline=False)
    if "intro" in data:
        fields["intro"] = clean_text(data["intro"])
    for name in ("subject", "author"):
        if name in data:
            fields[name] = as_id(data[name])
    if "tags" in data:
        fields["tags"] = frozenset(parse_tags(data["tags"]))
    if "published_at_0" in data:
        fields["published_at"] = as_time(data.get("published_at_0", ""), data.get("published_at_1", ""))
    entries, removed = {}, set()
    for index in range(as_count(data.get(f"{PREFIX}-TOTAL_FORMS"))):
        prefix = f"{PREFIX}-{index}-"
        pk = as_id(data.get(prefix + "id", ""))
        if data.get(prefix + "DELETE"):
            if pk is not None:
                removed.add(pk)
            continue
        film = as_id(data.get(prefix + "film", ""))
        if pk is None and film is None:
            continue  # an empty extra form
        entries[pk if pk is not None else f"new-{index}"] = {
            "rank": as_id(data.get(prefix + "rank", "")),
            "film": film,
            "blurb": clean_text(data.get(prefix + "blurb", "")),
            "themes": frozenset(filter(None, map(as_id, data.getlist(prefix + "themes")))),
            "people": frozenset(filter(None, map(as_id, data.getlist(prefix + "people")))),
        }
    return Version(fields, entries), removed


def as_id(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() else (value or None)


def as_count(value):
    value = (value or "").strip()
    return min(int(value), 1000) if value.isdigit() else 0


def as_time(date, time):
    if not date.strip() and not time.strip():
        return None
    try:
        moment = forms.SplitDateTimeField().clean([date, time])
    except ValidationError:
        return (date, time)  # not a time: kept as typed, so it can still be told apart and shown
    return moment.replace(microsecond=0)


MISSING = object()


def decide(key, name, entry, base, theirs, mine):
    if mine is MISSING or mine == theirs:
        return Decision(key, name, entry, base, theirs, theirs, "same")
    if base is MISSING:
        return Decision(key, name, entry, None, theirs, mine, "conflict")
    if mine == base:
        return Decision(key, name, entry, base, theirs, mine, "theirs")
    if theirs == base:
        return Decision(key, name, entry, base, theirs, mine, "mine")
    return Decision(key, name, entry, base, theirs, mine, "conflict")


def merge(base, theirs, mine, removed_by_me):
    """Every Decision, the list's fields first, then each entry's; `base` may be None (unknown)."""
    decisions = []
    for name in LIST_FIELDS:
        base_value = base.fields.get(name, MISSING) if base else MISSING
        if name in mine.fields and name not in theirs.fields:
            continue  # tags, which no revision keeps, when theirs are unknown too
        decisions.append(decide(name, name, None, base_value, theirs.fields.get(name), mine.fields.get(name, MISSING)))
    base_entries = base.entries if base else {}
    for key in [*theirs.entries, *(key for key in mine.entries if key not in theirs.entries)]:
        decisions += decide_entry(
            key, base_entries.get(key), theirs.entries.get(key), mine.entries.get(key), base, removed_by_me
        )
    return decisions


def decide_entry(key, base, theirs, mine, known_base, removed_by_me):
    prefix = f"entry-{key}-"
    if theirs is not None and mine is not None:
        return [
            decide(prefix + name, name, key, base[name] if base else MISSING, theirs[name], mine[name])
            for name in ENTRY_FIELDS
        ]
    if theirs is not None:
        # Mine lacks it: removed by me, or added by them after I opened the form.
        if key not in removed_by_me:
            return [Decision(prefix + "exists", "exists", key, False, True, True, "same")]
        untouched = base is not None and base == theirs
        return [Decision(prefix + "exists", "exists", key, True, True, False, "mine" if untouched else "conflict")]
    if isinstance(key, str) or known_base is not None and base is None:
        return [Decision(prefix + "exists", "exists", key, False, False, True, "mine")]  # added by me
    # They removed it; I still had it.
    untouched = base is not None and base == mine
    return [Decision(prefix + "exists", "exists", key, True, False, True, "theirs" if untouched else "conflict")]


def settle(decisions, picks, edits):
    """The decisions with each conflict settled by `picks` ({key: "theirs" | "mine" | "edited"}) and `edits`
    ({key: text}); returns (settled decisions, keys of conflicts still without a pick)."""
    settled, unpicked = [], []
    for decision in decisions:
        if decision.outcome != "conflict":
            settled.append(decision)
            continue
        pick = picks.get(decision.key)
        if pick == "edited" and decision.name in TEXT_FIELDS:
            text = clean_text(edits.get(decision.key, ""))
            settled.append(replace(decision, mine=text, outcome="mine"))
        elif pick in {"theirs", "mine"}:
            settled.append(replace(decision, outcome=pick))
        else:
            unpicked.append(decision.key)
            settled.append(decision)
    return settled, unpicked


def merged_form_data(decisions, theirs, mine, mine_data, article_pk):
    """What the change form would send for the merged list: the list's fields, every entry of theirs (kept or
    deleted) as the formset's initial forms, then the entries only the editor has."""
    kept = {decision.key: decision.kept for decision in decisions}
    data = {}
    for name in LIST_FIELDS:
        if name in kept:
            data.update(form_values(name, kept[name]))
        elif name == "tags" and "tags" in mine_data:
            data["tags"] = mine_data["tags"]
    rows = []
    for key in theirs.entries:
        exists = kept.get(f"entry-{key}-exists", True)
        values = {name: kept.get(f"entry-{key}-{name}", theirs.entries[key][name]) for name in ENTRY_FIELDS}
        rows.append((key, key, values, not exists))
    for key, values in mine.entries.items():
        if key not in theirs.entries and kept.get(f"entry-{key}-exists"):
            rows.append((key, None, values, False))  # added by the editor, or kept after they removed it
    for index, (key, pk, values, delete) in enumerate(rows):
        prefix = f"{PREFIX}-{index}-"
        data[prefix + "id"] = str(pk) if pk is not None else ""
        data[prefix + "article"] = str(article_pk)
        for name in ENTRY_FIELDS:
            data[prefix + name] = form_value(values[name])
        data[prefix + "confirm_people"] = confirmed_people(mine_data, key)
        if delete:
            data[prefix + "DELETE"] = "on"
    data.update(
        {
            f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
            f"{PREFIX}-INITIAL_FORMS": str(len(theirs.entries)),
            f"{PREFIX}-MIN_NUM_FORMS": "0",
            f"{PREFIX}-MAX_NUM_FORMS": "1000",
            "loaded_version": str(theirs.edit_version),
        }
    )
    return data


def form_values(name, value):
    if name == "published_at":
        if value is None:
            return {"published_at_0": "", "published_at_1": ""}
        if isinstance(value, tuple):
            return {"published_at_0": value[0], "published_at_1": value[1]}
        local = timezone.localtime(value)
        return {"published_at_0": local.strftime("%Y-%m-%d"), "published_at_1": local.strftime("%H:%M:%S")}
    if name == "tags":
        return {"tags": edit_string_for_tags([SimpleNamespace(name=tag) for tag in sorted(value or ())])}
    return {name: form_value(value)}


def form_value(value):
    if isinstance(value, frozenset):
        return [str(pk) for pk in sorted(value, key=str)]
    return "" if value is None else str(value)


def confirmed_people(mine_data, key):
    """The proposed people the editor ticked on this entry, carried into the merged form."""
    for index in range(as_count(mine_data.get(f"{PREFIX}-TOTAL_FORMS"))):
        prefix = f"{PREFIX}-{index}-"
        pk = as_id(mine_data.get(prefix + "id", ""))
        if pk == key or key == f"new-{index}":
            return mine_data.getlist(prefix + "confirm_people")
    return []
