"""
Telling a person's name from a title without a catalogue: by shape (two to six capitalised words), by
common first names, and by the words that name places, channels and studios instead.
"""


def word_set(words):
    """A set of words written as one string, which reads better than seventy quoted ones."""
    return frozenset(words.split())


# Without a catalogue, the commonest first names are what tells "Brad Pitt" from "Fight Club".
FIRST_NAMES = word_set(
    "james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark "
    "donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary "
    "nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick "
    "raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy "
    "walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan "
    "billy bruce gabriel joe logan alan juan albert willie elijah wayne randy vincent mary patricia jennifer linda "
    "elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley kimberly emily donna "
    "michelle carol amanda melissa deborah stephanie rebecca sharon laura cynthia amy kathleen angela shirley "
    "brenda emma anna pamela nicole samantha katherine christine helen debra rachel carolyn janet maria catherine "
    "heather diane olivia julie joyce victoria ruth virginia lauren kelly christina joan evelyn judith andrea "
    "hannah megan cheryl jacqueline martha madison teresa gloria sara janice ann kathryn abigail sophia frances "
    "jean alice judy isabella julia grace amber denise danielle marilyn beverly charlotte natalie theresa diana "
    "brittany doris kayla alexis lori marie tom tim jim bill bob greg steve mike dan ben sam nick alex max leo "
    "denzel keanu leonardo brad quentin martin stanley alfred ridley wes spike guillermo denis bong hayao akira "
    "sofia greta jodie meryl cate scarlett natalie nicolas al clint tom harrison ethan joaquin ryan idris"
)
PARTICLES = {"de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "le", "la", "bin", "al", "y", "st."}
# Two-word capitalised names that are places, not directors, in "(South Korea, 2019)".
PLACES = {
    "south korea", "north korea", "new zealand", "hong kong", "united states", "united kingdom", "soviet union",
    "west germany", "east germany", "south africa", "czech republic", "costa rica", "saudi arabia", "sri lanka",
    "new york", "los angeles", "puerto rico", "ivory coast", "el salvador", "san francisco", "san fernando valley",
    "san diego", "las vegas", "new orleans", "new jersey", "new mexico", "santa monica", "silicon valley",
}  # fmt: skip
# Words in the name of a channel, studio or service, never in a person's.
NOT_NAMES = word_set(
    "bbc itv hbo netflix hulu amazon apple disney fox nbc cbs abc pbs sky canal arte tv channel network one two "
    "four studios pictures films entertainment media productions showtime starz peacock paramount max prime plus"
)


def looks_like_person(name, catalogue=None):
    if catalogue is not None and catalogue.is_person(name):
        return True
    words = name.replace("&", " & ").split()
    if not 2 <= len(words) <= 6 or any(char.isdigit() for char in name) or name.lower() in PLACES:
        return False
    if any(word.lower() in NOT_NAMES for word in words):
        return False  # "BBC One", "Channel 4", "Paramount Network"
    return all(word[0].isupper() or word.lower() in PARTICLES or word in ("&", "and") for word in words)


def common_name(name):
    """A person's name by its shape and a common first name, for when no catalogue knows the person."""
    return looks_like_person(name) and name.split()[0].lower() in FIRST_NAMES
