"""
The shapes of pasted text the importer read before the new parser, and what it read from each.

Each text's parse, as the old importer printed it (`import_list --dry-run --format json`, plus
the date it read), is in tests/data/todays_importer/<name>.json, written by that importer
before it was replaced: the new parser must read every one, and the seed, exactly the same.
"""

import json
from pathlib import Path

EXPECTED = Path(__file__).parent / "data" / "todays_importer"

PARENTHESIS_NUMBERS = """10 Films Similar to ‘Heat’ (1995)

Michael Mann’s crime epic set the bar for cops-and-robbers cinema.
3) The Town (2010)
Ben Affleck robs banks in Charlestown.

2) Thief (1981)

Mann’s first feature.
Its heist is a masterclass.

1) Collateral (2004)
One night in Los Angeles.
"""

HASH_AND_DASH = """date: 2019-03-01
If you liked Heat, these will keep you up at night.

#3 – ‘Ronin’ (1998)

Car chases through Paris.

#2 — Den of Thieves (2018)

Gerard Butler’s crew against the sheriff’s.

#1 - Inside Man (2006)

Spike Lee’s bank job.
"""

UNNUMBERED = """Movies like Alien

Space horror that still works.

Event Horizon (1997)

A ship comes back from hell.

Sunshine (2007)

A crew flies into the sun.

Life (2017)

Something grows on the space station.
"""

COUNTING_UP = """Films like Inception, from the top pick down.

1. The Matrix (1999)

Reality is not what it seems.

2. Paprika (2006)

Dreams leak into the waking world.

3. Dark City (1998)

The city is rearranged every night.
"""

AWKWARD_TITLES = """Movies Like 2001: A Space Odyssey

Films with the same sense of awe.

5. Solaris (1972)
Tarkovsky’s answer.

4. 2010: The Year We Make Contact (1984)
The sequel, kinder.

3. Don’t Look Up (2021)
A comet, and nobody looking.

2. Amélie (2001)
Not in space at all, but it shares the wonder.

1. 211 (2018)
A heist, and a test that numbers stay titles.
"""

MISSING_YEAR = """If you enjoyed ‘Paddington 2’, try these.

2. Mary Poppins

Practically perfect.

1. Babe (1995)

A pig who herds sheep.
"""

WINDOWS_AND_CURLY = (
    "date 2021-12-24\r\nMovies like “Home Alone”: holiday chaos.\r\n\r\n"
    "2. “Gremlins” (1984)\r\n\r\nDon’t feed them after midnight.\r\n\r\n"
    "1. Elf (2003)\r\n\r\nBuddy (Will Ferrell) comes to New York.\r\n"
)

MANY_PARAGRAPHS = """Movies like Zodiac

David Fincher’s procedural.

Obsessive and slow.

2. Prisoners (2013)

Keller Dover (Hugh Jackman) looks for his daughter.

Detective Loki (Jake Gyllenhaal) looks for the truth.

1. Memories of Murder (2003)

The case that haunted a country.
"""


TEXTS = {
    "parenthesis-numbers": PARENTHESIS_NUMBERS,
    "hash-and-dash": HASH_AND_DASH,
    "unnumbered": UNNUMBERED,
    "counting-up": COUNTING_UP,
    "colons-apostrophes-digits-accents": AWKWARD_TITLES,
    "missing-year": MISSING_YEAR,
    "windows-lines-curly-quotes": WINDOWS_AND_CURLY,
    "many-paragraphs": MANY_PARAGRAPHS,
}


def expected(name):
    """What the old importer read from TEXTS[name] (or from the seed, for "seed")."""
    return json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
