"""The people an imported entry names: linked when the site knows them, proposed when it does not."""

import re

from ..models import Person
from ..text import search_key

# Runs of two to four capitalised words: the shape of a person's name in a blurb.
NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|da|del|di|le|la)){1,3}"
NAMES = re.compile(NAME)
# "Leonard Shelby (Guy Pearce)": a character, then the actor who plays them.
CHARACTER_AND_ACTOR = re.compile(
    r"(?P<character>[A-Z][\w’'“”.-]*(?:\s+[A-Z“][\w’'”.-]*){0,3})\s+\((?P<actor>" + NAME + r")\)"
)


def link_people(entry, report):
    """Link the people the site knows whom the blurb names; propose the ones it does not know, for an editor to
    confirm on the draft (EntryForm.confirm_people)."""
    names = {match.group(0) for match in NAMES.finditer(entry.blurb)}
    known = {person.search_text: person for person in Person.objects.filter(search_text__in=map(search_key, names))}
    # "Stallone" alone names someone credited on the entry's own film.
    credited = {person for person in entry.film.people.all() if _surname(person.name) in entry.blurb}
    people = set(known.values()) | credited
    if people:
        entry.people.add(*people)
        report.linked_people.extend(people)

    proposals = []
    for match in CHARACTER_AND_ACTOR.finditer(entry.blurb):
        actor = match.group("actor")
        if search_key(actor) not in known and actor not in {proposal["name"] for proposal in proposals}:
            proposals.append({"name": actor, "character": _character(match.group("character"))})
    if proposals:
        entry.proposed_people = proposals
        entry.save(update_fields=["proposed_people"])
        report.proposed_people.extend(proposals)


def _character(text):
    """“Memento’s Leonard Shelby” → “Leonard Shelby”: a possessive names the film, not the character."""
    words = text.strip("“”").split()
    if len(words) > 1 and re.search(r"[’']s$", words[0]):
        words = words[1:]
    return " ".join(words)


def _surname(name):
    return name.split()[-1]
