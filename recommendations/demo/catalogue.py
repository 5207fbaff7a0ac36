"""The generator's one run: a catalogue planned in memory from its seed, then written in chunks."""

import datetime
import io
import random
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem
from tqdm import tqdm

from ..images import make_renditions
from ..models import Article, Availability, Credit, Entry, Film, Person, Service, Theme
from ..placeholders import card_colour
from . import words
from .rows import BATCH_SIZE, Slugs, cumulative, next_id, with_search_text

FILM_CHUNK = 5000
LIST_CHUNK = 250
DIRECTOR_SHARE = 0.12
CAST_SIZES = (3, 4, 5, 5, 6, 6, 7, 8)
# How many films each theme or tag list offers as candidates, per entry a list needs.
CANDIDATES_PER_ENTRY = 2
MAX_SHARED_SHOWN = 3
# Release years lean recent: half the films are from the last eleven years.
FIRST_YEAR = 1920


@dataclass
class Report:
    counts: dict = field(default_factory=dict)
    # {entries per list: an Article of that length}
    sample_lists: dict = field(default_factory=dict)


class Catalogue:
    """One run of the generator: plans the catalogue in memory from its seed, then writes it."""

    def __init__(self, seed, progress):
        self.rng = random.Random(seed)
        self.progress = progress
        self.today = timezone.now().date()
        self.film_type = ContentType.objects.get_for_model(Film)
        self.article_type = ContentType.objects.get_for_model(Article)

    def bar(self, total, desc, unit):
        return tqdm(total=total, desc=desc, unit=unit, file=self.progress, disable=self.progress is None)

    def build(self, films, people, lists, entries, posters):
        self.make_vocabulary()
        self.make_people(people)
        self.plan_films(films)
        self.write_films()
        report = Report()
        report.sample_lists = self.make_lists(lists, entries)
        if posters:
            self.make_posters(posters)
        report.counts = {
            "films": films,
            "people": people,
            "credits": sum(
                len(cast) + 1 + (writer is not None) for cast, writer in zip(self.casts, self.writers, strict=True)
            ),
            "lists": lists,
            "entries": self.entry_count,
            "posters": posters,
        }
        return report

    # Themes, tags, services and bylines: reused by name when the database has them already.

    def make_vocabulary(self):
        names = [name for _tag, themes in words.GENRES.values() for name in themes]
        existing = {theme.name: theme for theme in Theme.objects.filter(name__in=names)}
        slugs = Slugs(Theme)
        new = [
            with_search_text(Theme(name=name, slug=slugs.claim(name), description=words.THEME_DESCRIPTIONS[name]))
            for name in names
            if name not in existing
        ]
        Theme.objects.bulk_create(new)
        themes = {theme.name: theme.pk for theme in Theme.objects.filter(name__in=names)}
        self.theme_ids = [themes[name] for name in names]
        self.theme_names = names
        self.genres = list(words.GENRES)
        self.genre_themes = [[names.index(name) for name in themes] for _tag, themes in words.GENRES.values()]

        tag_names = [tag for tag, _themes in words.GENRES.values()] + words.MOOD_TAGS
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=tag_names)}
        tag_slugs = Slugs(Tag)
        Tag.objects.bulk_create(
            [Tag(name=name, slug=tag_slugs.claim(name)) for name in tag_names if name not in tags],
            batch_size=BATCH_SIZE,
        )
        tags = {tag.name: tag.pk for tag in Tag.objects.filter(name__in=tag_names)}
        self.genre_tag_ids = [tags[tag] for tag, _themes in words.GENRES.values()]
        self.mood_tag_ids = [tags[name] for name in words.MOOD_TAGS]

        self.services = []
        for name, (website, kinds) in words.SERVICES.items():
            service, _ = Service.objects.get_or_create(name=name, defaults={"slug": slugify(name), "website": website})
            self.services.append((service.pk, service.website or website, kinds))

        User = get_user_model()
        self.writer_ids = []
        for first, last in words.WRITERS:
            username = f"demo-{first}-{last}".lower()
            writer, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                writer.set_unusable_password()
                writer.save(update_fields=["password"])
            self.writer_ids.append(writer.pk)

    # People: a few directors, many actors, a long tail of bit parts.

    def make_people(self, count):
        rng = self.rng
        slugs = Slugs(Person)
        first_id = next_id(Person)
        self.person_ids = list(range(first_id, first_id + count))
        self.person_names = []
        rows = []
        with self.bar(count, "People", "person") as bar:
            for person_id in self.person_ids:
                name = words.person_name(rng)
                self.person_names.append(name)
                bio = ""
                if rng.random() < 0.3:
                    bio = f"{name} {rng.choice(words.BIO_SENTENCES)}"
                rows.append(with_search_text(Person(pk=person_id, name=name, slug=slugs.claim(name), bio=bio)))
                if len(rows) == BATCH_SIZE * 5:
                    Person.objects.bulk_create(rows, batch_size=BATCH_SIZE)
                    bar.update(len(rows))
                    rows = []
            Person.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            bar.update(len(rows))

        # Popularity: a Pareto tail, capped, so a busy actor has dozens of credits, not thousands.
        directors = max(1, int(count * DIRECTOR_SHARE)) if count > 2 else 1
        self.directors = list(range(directors))
        self.actors = list(range(directors, count))
        self.director_weights = cumulative([min(rng.paretovariate(1.5), 15) for _ in self.directors])
        self.actor_weights = cumulative([min(rng.paretovariate(1.5), 20) for _ in self.actors])

    # Films, planned in memory first: lists are made of what they share.

    def plan_films(self, count):
        rng = self.rng
        self.film_slugs = Slugs(Film)
        first_id = next_id(Film)
        self.film_ids = list(range(first_id, first_id + count))
        self.titles, self.years, self.slugs, self.genre_of = [], [], [], []
        self.film_themes, self.film_tags = [], []
        self.directors_of, self.writers, self.casts = [], [], []
        self.person_films = [[] for _ in self.person_ids]
        self.theme_films = [[] for _ in self.theme_ids]
        with self.bar(count, "Planning films", "film") as bar:
            for index in range(count):
                title = words.film_title(rng)
                year = max(FIRST_YEAR, self.today.year - int(rng.expovariate(1 / 16)))
                self.titles.append(title)
                self.years.append(year)
                self.slugs.append(self.film_slugs.claim(f"{title} {year}", max_length=220))
                genre = rng.randrange(len(self.genres))
                self.genre_of.append(genre)

                themes = set(rng.sample(self.genre_themes[genre], min(2, len(self.genre_themes[genre]))))
                if rng.random() < 0.5:
                    themes.add(rng.randrange(len(self.theme_ids)))
                self.film_themes.append(tuple(sorted(themes)))
                for theme in themes:
                    self.theme_films[theme].append(index)
                tags = {self.genre_tag_ids[genre], *rng.sample(self.mood_tag_ids, rng.choice((0, 1, 1, 2)))}
                self.film_tags.append(tuple(sorted(tags)))

                director = rng.choices(self.directors, cum_weights=self.director_weights)[0]
                self.directors_of.append(director)
                self.person_films[director].append(index)
                roll = rng.random()
                writer = director if roll < 0.3 else None
                if roll > 0.9:
                    writer = rng.choices(self.directors, cum_weights=self.director_weights)[0]
                    if writer != director:
                        self.person_films[writer].append(index)
                self.writers.append(writer)
                cast = {}
                wanted = min(rng.choice(CAST_SIZES), len(self.actors))
                while len(cast) < wanted:
                    actor = rng.choices(self.actors, cum_weights=self.actor_weights)[0]
                    if actor not in cast:
                        cast[actor] = words.character_name(rng)
                        self.person_films[actor].append(index)
                self.casts.append(cast)
                bar.update()

    def write_films(self):
        rng = self.rng
        count = len(self.film_ids)
        with self.bar(count, "Films", "film") as bar:
            for start in range(0, count, FILM_CHUNK):
                indexes = range(start, min(start + FILM_CHUNK, count))
                films, credits, theme_links, tagged, availability = [], [], [], [], []
                for index in indexes:
                    film_id = self.film_ids[index]
                    films.append(
                        with_search_text(
                            Film(
                                pk=film_id,
                                title=self.titles[index],
                                year=self.years[index],
                                slug=self.slugs[index],
                                runtime=max(72, min(210, int(rng.gauss(104, 17)))),
                                synopsis=self.synopsis(index),
                            )
                        )
                    )
                    credits.append(
                        Credit(film_id=film_id, person_id=self.person_ids[self.directors_of[index]], role="director")
                    )
                    if self.writers[index] is not None:
                        credits.append(
                            Credit(film_id=film_id, person_id=self.person_ids[self.writers[index]], role="writer")
                        )
                    for order, (actor, character) in enumerate(self.casts[index].items()):
                        credits.append(
                            Credit(
                                film_id=film_id,
                                person_id=self.person_ids[actor],
                                role="actor",
                                character_name=character,
                                billing_order=order,
                            )
                        )
                    theme_links += [
                        Film.themes.through(film_id=film_id, theme_id=self.theme_ids[theme])
                        for theme in self.film_themes[index]
                    ]
                    tagged += [
                        TaggedItem(content_type=self.film_type, object_id=film_id, tag_id=tag)
                        for tag in self.film_tags[index]
                    ]
                    availability += self.availability(index, film_id)
                Film.objects.bulk_create(films, batch_size=BATCH_SIZE)
                Credit.objects.bulk_create(credits, batch_size=BATCH_SIZE)
                Film.themes.through.objects.bulk_create(theme_links, batch_size=BATCH_SIZE)
                TaggedItem.objects.bulk_create(tagged, batch_size=BATCH_SIZE)
                Availability.objects.bulk_create(availability, batch_size=BATCH_SIZE)
                bar.update(len(indexes))

    def synopsis(self, index):
        return words.synopsis(
            self.rng,
            character=next(iter(self.casts[index].values()), "a stranger"),
            theme=self.theme_names[self.film_themes[index][0]],
            genre=self.genres[self.genre_of[index]],
        )

    def availability(self, index, film_id):
        rng = self.rng
        offers = {}
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            service_id, website, kinds = rng.choice(self.services)
            key = (service_id, rng.choice(words.REGIONS), rng.choice(kinds))
            offers[key] = f"{website.rstrip('/')}/search?q={quote_plus(self.titles[index])}"
        return [
            Availability(
                film_id=film_id,
                service_id=service_id,
                region=region,
                kind=kind,
                url=url,
                last_checked=self.today - datetime.timedelta(days=rng.randrange(0, 240)),
            )
            for (service_id, region, kind), url in offers.items()
        ]

    # Lists: each about a different film, its entries the films that share most with it.

    def make_lists(self, count, sizes):
        rng = self.rng
        slugs = Slugs(Article)
        subjects = rng.sample(range(len(self.film_ids)), count)
        first_article, first_entry = next_id(Article), next_id(Entry)
        samples = {}
        self.entry_count = 0
        total_entries = sum(sizes[number % len(sizes)] for number in range(count))
        with self.bar(total_entries, "Lists", "entry") as bar:
            for start in range(0, count, LIST_CHUNK):
                articles, entries, entry_themes, entry_people, tagged = [], [], [], [], []
                for number in range(start, min(start + LIST_CHUNK, count)):
                    subject = subjects[number]
                    size = sizes[number % len(sizes)]
                    article_id = first_article + number
                    title = f"Movies Like {self.titles[subject]}"
                    articles.append(
                        with_search_text(
                            Article(
                                pk=article_id,
                                title=title,
                                slug=slugs.claim(f"movies-like-{self.slugs[subject]}"),
                                subject_id=self.film_ids[subject],
                                intro=self.intro(subject),
                                author_id=rng.choice(self.writer_ids),
                                status=Article.Status.PUBLISHED,
                                published_at=self.publication_time(),
                            )
                        )
                    )
                    samples.setdefault(size, article_id)
                    tagged += [
                        TaggedItem(content_type=self.article_type, object_id=article_id, tag_id=tag)
                        for tag in self.film_tags[subject]
                    ]
                    for rank, (film, shared_people, shared_themes) in enumerate(self.picks(subject, size), start=1):
                        entry_id = first_entry + self.entry_count
                        self.entry_count += 1
                        entries.append(
                            Entry(
                                pk=entry_id,
                                article_id=article_id,
                                rank=rank,
                                film_id=self.film_ids[film],
                                blurb=self.blurb(subject, film, shared_people, shared_themes),
                            )
                        )
                        entry_themes += [
                            Entry.themes.through(entry_id=entry_id, theme_id=self.theme_ids[theme])
                            for theme in shared_themes[:MAX_SHARED_SHOWN]
                        ]
                        # With nothing shared (only in tiny catalogues), the entry names its director.
                        people = shared_people[:MAX_SHARED_SHOWN] or (
                            [] if shared_themes else [self.directors_of[film]]
                        )
                        entry_people += [
                            Entry.people.through(entry_id=entry_id, person_id=self.person_ids[person])
                            for person in people
                        ]
                Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
                Entry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
                Entry.themes.through.objects.bulk_create(entry_themes, batch_size=BATCH_SIZE)
                Entry.people.through.objects.bulk_create(entry_people, batch_size=BATCH_SIZE)
                TaggedItem.objects.bulk_create(tagged, batch_size=BATCH_SIZE)
                bar.update(len(entries))
        return {size: Article.objects.get(pk=pk) for size, pk in sorted(samples.items())}

    def people_of(self, film):
        people = {self.directors_of[film], *self.casts[film]}
        if self.writers[film] is not None:
            people.add(self.writers[film])
        return people

    def picks(self, subject, size):
        """`size` films most like `subject`, best first, each with the people and themes it shares."""
        rng = self.rng
        people, themes = self.people_of(subject), set(self.film_themes[subject])
        tags = set(self.film_tags[subject])
        candidates = set()
        for person in people:
            candidates.update(self.person_films[person])
        for theme in themes:
            pool = self.theme_films[theme]
            candidates.update(rng.sample(pool, min(len(pool), size * CANDIDATES_PER_ENTRY)))
        candidates.discard(subject)
        if len(candidates) < size:
            # A tiny catalogue: fill up with any films at all.
            others = [film for film in range(len(self.film_ids)) if film != subject and film not in candidates]
            candidates.update(rng.sample(others, size - len(candidates)))

        scored = []
        for film in sorted(candidates):
            shared_people = sorted(people & self.people_of(film))
            shared_themes = sorted(themes & set(self.film_themes[film]))
            shared_tags = len(tags & set(self.film_tags[film]))
            # The same order similarity.py ranks by: both kinds first, then the weighted score.
            strong = bool(shared_people) + bool(shared_themes)
            score = 3 * len(shared_people) + 2 * len(shared_themes) + shared_tags
            scored.append(((strong, score, rng.random()), film, shared_people, shared_themes))
        scored.sort(reverse=True)
        return [(film, shared_people, shared_themes) for _key, film, shared_people, shared_themes in scored[:size]]

    def intro(self, subject):
        director = self.person_names[self.directors_of[subject]]
        lead, character = next(iter(self.casts[subject].items()), (None, "the lead"))
        return words.intro(
            subject=self.titles[subject],
            director=director,
            genre=self.genres[self.genre_of[subject]],
            theme=" and ".join(self.theme_names[theme] for theme in self.film_themes[subject][:2]),
            lead=director if lead is None else self.person_names[lead],
            character=character,
        )

    def blurb(self, subject, film, shared_people, shared_themes):
        rng = self.rng
        cast = self.casts[film]
        values = {
            "film": self.titles[film],
            "year": self.years[film],
            "subject": self.titles[subject],
            "genre": self.genres[self.genre_of[film]],
            "character": next(iter(cast.values()), "its hero"),
        }
        sentences = [rng.choice(words.BLURB_OPENINGS).format(**values)]
        if shared_themes:
            themes = " and ".join(self.theme_names[theme] for theme in shared_themes[:2])
            sentences.append(rng.choice(words.BLURB_THEMES).format(themes=themes, **values))
        for person in shared_people[:2]:
            name, here, there = self.person_names[person], self.credit(film, person), self.credit(subject, person)
            if here == there == "directed":
                sentences.append(rng.choice(words.BLURB_DIRECTOR).format(person=name, **values))
            elif person in cast and person in self.casts[subject]:
                values["character"] = cast[person]
                sentences.append(rng.choice(words.BLURB_ACTOR).format(person=name, **values))
            else:
                sentences.append(f"{name} {here} this one and {there} *{values['subject']}*.")
        sentences.append(rng.choice(words.BLURB_CLOSINGS))
        return " ".join(sentences)

    def credit(self, film, person):
        """What `person` did on `film`, as a verb phrase: “directed”, “wrote”, “played Nora in”."""
        if person in self.casts[film]:
            return f"played {self.casts[film][person]} in"
        return "directed" if self.directors_of[film] == person else "wrote"

    def publication_time(self):
        day = self.today - datetime.timedelta(days=self.rng.randrange(1, 5 * 365))
        return datetime.datetime.combine(day, datetime.time(self.rng.randrange(6, 20)), tzinfo=datetime.UTC)

    # Posters: a few drawn cards, so pages show real <picture> elements beside the placeholders.

    def make_posters(self, count):
        from PIL import Image, ImageDraw, ImageFont

        chosen = sorted(self.rng.sample(range(len(self.film_ids)), count))
        font = ImageFont.load_default(36)
        with self.bar(count, "Posters", "poster") as bar:
            for index in chosen:
                colour = card_colour(self.titles[index])
                image = Image.new("RGB", (400, 600), colour)
                draw = ImageDraw.Draw(image)
                draw.rectangle((15, 15, 385, 585), outline="white", width=2)
                draw.text((200, 300), self.titles[index].upper(), font=font, fill="white", anchor="mm")
                draw.text((200, 540), str(self.years[index]), font=font, fill="white", anchor="mm")
                buffer = io.BytesIO()
                image.save(buffer, "JPEG", quality=80)
                film = Film(pk=self.film_ids[index])
                film.poster = default_storage.save(
                    f"posters/demo/{self.slugs[index]}.jpg", ContentFile(buffer.getvalue())
                )
                renditions = make_renditions(film.poster)
                Film.objects.filter(pk=film.pk).update(poster=film.poster.name, poster_renditions=renditions)
                bar.update()
