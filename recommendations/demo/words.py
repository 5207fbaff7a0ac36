"""
The vocabulary of the demo catalogue (see demo_data.py): words for titles and names,
genres with their themes, tags, services and the sentences blurbs are made of.

All invented for this project; none of it names a real film.
"""


def words(text):
    """A word list written as a paragraph, one space between words."""
    return text.split()


# Genre: (its tag, the themes films of that genre mostly carry).
GENRES = {
    "crime": ("crime", ["heist", "bank robbery", "corrupt cops", "veteran lawman", "con artists", "undercover cop"]),
    "thriller": ("thriller", ["memory loss", "prison escape", "conspiracy", "identity theft", "hostage crisis"]),
    "science fiction": ("sci-fi", ["time loop", "first contact", "artificial intelligence", "dystopia", "space"]),
    "horror": ("horror", ["haunted house", "creature feature", "cults", "isolation", "possession"]),
    "drama": ("drama", ["family loyalty", "grief", "coming of age", "addiction", "small-town secrets"]),
    "comedy": ("comedy", ["road trip", "mistaken identity", "found family", "midlife crisis", "workplace rivalry"]),
    "romance": ("romance", ["second chances", "forbidden love", "long distance", "wedding chaos"]),
    "adventure": ("adventure", ["survival", "treasure hunt", "lost worlds", "sea voyage"]),
    "war": ("war", ["behind enemy lines", "home front", "resistance"]),
    "western": ("western", ["frontier justice", "outlaws", "revenge"]),
}

THEME_DESCRIPTIONS = {
    "heist": "A crew, a plan and a haul, and everything that goes wrong between them.",
    "bank robbery": "Robbing a bank and living with what it sets in motion.",
    "corrupt cops": "When the people sworn to uphold the law are the ones breaking it.",
    "veteran lawman": "Grizzled officers and detectives with one more case in them.",
    "con artists": "Grifters, marks and the long con that nobody sees coming.",
    "undercover cop": "An officer living a lie among the people they are meant to catch.",
    "memory loss": "Amnesia, dementia and the struggle to piece a past back together.",
    "prison escape": "Breaking out of a cell, a ward or a fortress built to hold people for good.",
    "conspiracy": "A secret that reaches higher than anyone wants to believe.",
    "identity theft": "Someone else's name, someone else's life, and the cost of keeping it.",
    "hostage crisis": "A standoff where every minute of talk is worth a life.",
    "time loop": "The same day, again and again, until someone gets it right.",
    "first contact": "The moment humanity learns it is not alone.",
    "artificial intelligence": "Machines that think, and what they think of us.",
    "dystopia": "Futures gone wrong, and the people who refuse to go along.",
    "space": "Ships, stations and the long dark between the stars.",
    "haunted house": "A home with a past that will not stay in it.",
    "creature feature": "Something with teeth, and a town that did not believe the warnings.",
    "cults": "Charismatic leaders, closed communities and the ones who try to leave.",
    "isolation": "Cut off from help, with only each other, and that is the problem.",
    "possession": "Something else behind a loved one's eyes.",
    "family loyalty": "How far people go to protect the ones they love.",
    "grief": "Living on after a loss, one ordinary day at a time.",
    "coming of age": "The summer, the school year or the single night when someone grows up.",
    "addiction": "The pull of a habit and the fight to break it.",
    "small-town secrets": "Everybody knows everybody, and nobody is telling the truth.",
    "road trip": "A car, a destination and the detours that matter more.",
    "mistaken identity": "Taken for someone else, and playing along for far too long.",
    "found family": "Strangers who become the family they never had.",
    "midlife crisis": "Halfway through and wondering what it was all for.",
    "workplace rivalry": "Office politics, petty feuds and the promotion only one can get.",
    "second chances": "An old flame, a new start, and the past in the way.",
    "forbidden love": "Two people the world insists must stay apart.",
    "long distance": "Love across time zones, oceans and bad phone lines.",
    "wedding chaos": "Vows, speeches and a family that cannot behave for one day.",
    "survival": "Nature, the elements and the will to make it home.",
    "treasure hunt": "Old maps, older rivals and a prize someone will kill for.",
    "lost worlds": "Places no map shows, and the people who go looking.",
    "sea voyage": "A ship, a crew and weeks without sight of land.",
    "behind enemy lines": "A mission deep in hostile ground with no way to call for help.",
    "home front": "War seen from the kitchens, factories and waiting rooms back home.",
    "resistance": "Ordinary people fighting an occupation in secret.",
    "frontier justice": "Law at the edge of the map, where a badge means what its wearer says.",
    "outlaws": "Gangs, bounties and the romance of life outside the law.",
    "revenge": "A wrong that will be paid back, whatever it costs.",
}

# Tags beside the genre's own: how a film feels or came about.
MOOD_TAGS = [
    "slow burn",
    "twist ending",
    "based on a true story",
    "cult classic",
    "ensemble cast",
    "period piece",
    "directorial debut",
    "sequel",
    "remake",
    "festival favourite",
    "foreign language",
    "feel-good",
    "dark comedy",
    "nonlinear",
]

# name: (web site, the kinds of availability it offers)
SERVICES = {
    "Netflix": ("https://www.netflix.com/", ["subscription"]),
    "Hulu": ("https://www.hulu.com/", ["subscription"]),
    "Amazon Prime Video": ("https://www.amazon.com/gp/video/storefront", ["subscription", "rent", "buy"]),
    "Apple TV": ("https://tv.apple.com/", ["rent", "buy"]),
    "Mubi": ("https://mubi.com/", ["subscription"]),
    "Tubi": ("https://tubitv.com/", ["free"]),
}
REGIONS = ["US", "US", "US", "GB", "GB", "CA", "DE", "FR", "AU"]

WRITERS = [("Ada", "Marsh"), ("Tomas", "Reyes"), ("Priya", "Nair"), ("Jonah", "Kettle"), ("Lena", "Okafor")]

ADJECTIVES = words("""
Silent Broken Crimson Hollow Last Long Burning Frozen Hidden Lonely Quiet Wild Savage Gentle
Distant Golden Iron Midnight Northern Pale Restless Rising Secret Shattered Silver Stolen Sunken
Twisted Violent Wandering Wicked Black Blue Cold Dark Dead Deep Electric Endless Fallen Final
First Forgotten Glass Grey Half Heavy Invisible Lost Lucky Narrow Open Perfect Red Royal Rusty
Sacred Salt Second Small Strange Sweet Thin True Velvet White Wooden Yellow Young
""")

NOUNS = words("""
Harbor Signal Orchard Frontier Circuit Mirror Kingdom Engine Garden Horizon Witness Stranger
Border River Tide Season Promise Protocol Shadow Lantern Compass Crossing Hour Valley
Station Anthem Ledger Weekend Voyage Echo Fever Alibi Ransom Verdict Harvest Paradise Carnival
Ghost Heist Motel Outpost Canyon Island Bridge Tower Empire Cartel Parade Dynasty Orbit Summit
Drift Ember Canvas Vendetta Labyrinth Requiem Sanctuary Meridian Reckoning Exodus Getaway
Mercy Thunder Static Tango Ritual Sparrow Falcon Wolf Coyote Raven Viper Hound Lion
""")

PLACES = words("""
Paris Tangier Lisbon Memphis Reno Tucson Havana Berlin Kyoto Lagos Oslo Marseille Detroit
Baltimore Naples Cairo Macau Dublin Alaska Nevada Montana Sonora Galway Bombay Yukon
""")

FIRST_NAMES = words("""
Aaron Abby Adrian Alice Amara Amir Ana Andre Anika Arthur Ava Ben Bianca Boris Bruno Caleb Camila
Carmen Cecil Chloe Clara Colin Dana Daniel Daria Dev Diego Dora Eli Elena Elias Ellis Emil Emma
Enzo Esme Ethan Eva Felix Fiona Frank Gemma Gia Grace Hana Harvey Hugo Ida Imogen Ines Isaac Ivan
Jack Jade James Jana Jasper Joan Jonas Jude Julia Kai Kara Karl Kenji Kira Lars Laura Leo Leona
Lila Lionel Lola Lucas Luz Mabel Malik Maya Milo Mina Mira Nadia Nate Nell Nico Nina Noah Nora
Oscar Otis Owen Paloma Paul Petra Quinn Rafael Rhea Rita Roman Rosa Ruth Sami Sara Saul Selma
Silas Sofia Stella Teo Thea Tobias Uma Vera Victor Viola Walter Wren Yara Yusuf Zane Zoe
""")

SURNAMES = words("""
Abbott Acosta Adler Alcott Alvarez Amsel Arden Ashby Bain Baptiste Barlow Beck Bellamy Bishop
Blackwood Brandt Calloway Carver Castell Chen Cole Crane Cruz Dahl Dalton Danvers Delacroix Dorsey
Drake Duval Ellery Evers Falk Farrow Fenwick Finch Flores Foley Frost Galloway Garrick Gray Haddad
Hale Halloran Hart Hayes Holt Ibarra Ives Jansen Jarvis Kaplan Keane Kessler Kim Kovac Lang Larkin
Lowe Lund Madsen Marlowe Mercer Moreau Morrow Nakamura Navarro Nolan Novak Oakley Okoro Orton Pace
Pereira Pike Quill Quintero Rainer Reed Roux Russo Salinger Santos Sato Sayer Shaw Sterling Stroud
Sullivan Tanaka Thorne Torres Vance Varga Vaughn Voss Wagner Ward Weller Whitlock Winter Wolfe
Yates Young Zeller Zimmer
""")

INITIALS = "ABCDEFGHJKLMNPRSTVW"

SYNOPSIS_OPENINGS = [
    "When {character} finds out what really happened in {place}, there is no going back.",
    "{character} has one week to make things right before {place} swallows everything.",
    "A chance meeting in {place} pulls {character} into a world of {theme}.",
    "After years away, {character} returns to {place} and the people who never forgave them.",
    "{character} thought the past was buried in {place}. It was only waiting.",
]
SYNOPSIS_CLOSINGS = [
    "A story of {theme} told with a steady hand.",
    "Part {genre}, part character study, all nerve.",
    "Tense, funny in the strangest places, and hard to shake.",
    "It runs on {theme}, and it never lets up.",
    "",
]

INTRO_SENTENCES = [
    "Directed by {director}, *{subject}* is a {genre} film about {theme}.",
    "{lead} plays {character}, and the film never lets you forget what is at stake.",
    "If the ending of *{subject}* left you wanting more, these are the films to watch next, "
    "counted down to the one you should start with.",
    "Each pick below shares something real with it: the people who made it, or what it is about.",
]

BLURB_OPENINGS = [
    "*{film}* ({year}) is the kind of {genre} that stays with you long after the credits.",
    "In *{film}*, {character} is pushed further than anyone in *{subject}*.",
    "*{film}* came out in {year} and still feels ahead of its time.",
    "Few films handle a slow reveal as well as *{film}*.",
    "*{film}* starts small and ends somewhere nobody expects.",
]
BLURB_THEMES = [
    "Like *{subject}*, it is about {themes}, and it takes that seriously.",
    "It shares {themes} with *{subject}*, seen from a very different angle.",
    "Fans of the {themes} in *{subject}* will feel at home here.",
]
BLURB_ACTOR = [
    "{person} plays {character} here, a part that rhymes with their turn in *{subject}*.",
    "{character} ({person}) is the reason to watch: {person} is as good here as in *{subject}*.",
]
BLURB_DIRECTOR = [
    "{person} directed both, and the same eye for detail is everywhere.",
    "It is another film by {person}, and it shows in every frame.",
]
BLURB_CLOSINGS = [
    "Watch it on a quiet night, with the lights down.",
    "The last twenty minutes alone earn its place on this list.",
    "It is not perfect, but it is never dull.",
    "Go in knowing as little as possible.",
    "A rewatch rewards you with everything you missed the first time.",
]

BIO_SENTENCES = [
    "began on the stage before a first screen part at thirty.",
    "is known for playing people with something to hide.",
    "grew up in a family of projectionists and never left the cinema.",
    "has worked with the same small circle of directors for twenty years.",
    "moved between television and film until a festival hit changed everything.",
]
CHARACTER_TITLES = ["Detective", "Agent", "Doctor", "Captain", "Sheriff", "Mrs."]


def person_name(rng):
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    if rng.random() < 0.15:
        return f"{first} {rng.choice(INITIALS)}. {last}"
    return f"{first} {last}"


def character_name(rng):
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(FIRST_NAMES)
    if roll < 0.55:
        return f"{rng.choice(CHARACTER_TITLES)} {rng.choice(SURNAMES)}"
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def film_title(rng):
    adjective, noun, place = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(PLACES)
    patterns = [
        (0.3, f"The {adjective} {noun}"),
        (0.45, f"{adjective} {noun}"),
        (0.6, f"{noun} of {place}"),
        (0.7, f"{rng.choice(FIRST_NAMES)}'s {noun}"),
        (0.8, f"Night of the {noun}"),
        (0.9, f"The {noun} in {place}"),
        (1.0, noun),
    ]
    roll = rng.random()
    return next(title for limit, title in patterns if roll < limit)


def synopsis(rng, **values):
    """Two sentences about a film: its lead `character`, a `theme` and its `genre`."""
    values["place"] = rng.choice(PLACES)
    opening = rng.choice(SYNOPSIS_OPENINGS).format(**values)
    closing = rng.choice(SYNOPSIS_CLOSINGS).format(**values)
    return f"{opening} {closing}".strip()


def intro(**values):
    """A list's two-paragraph intro, from INTRO_SENTENCES."""
    paragraphs = (INTRO_SENTENCES[:2], INTRO_SENTENCES[2:])
    return "\n\n".join(" ".join(sentence.format(**values) for sentence in paragraph) for paragraph in paragraphs)
