"""
The corpus of invented articles in tests/data/articles (and its held_out/ folder), and how the parser scores on it.

Each article is a .txt or .html file with a .json beside it saying what a reader finds in
it: the entries as [rank, title, year] (a fourth item is the director), the subject, and
optionally the title, intro, kinds, taglines, blurbs, skipped lines and images.

Run it to print the scores: .venv/bin/python -m tests.article_corpus
"""

import json
from dataclasses import dataclass
from pathlib import Path

from recommendations.parsing import ArticleParseError, FilmMatch, InMemoryCatalogue, parse_html, parse_text
from recommendations.text import title_key

ARTICLES = Path(__file__).parent / "data" / "articles"
HELD_OUT = ARTICLES / "held_out"


@dataclass
class Article:
    name: str
    path: Path
    expected: dict

    def parse(self, catalogue=None):
        source = self.path.read_text(encoding="utf-8")
        parse = parse_html if self.path.suffix == ".html" else parse_text
        return parse(source, catalogue)


def articles(folder=ARTICLES):
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".html"):
            expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            found.append(Article(path.stem, path, expected))
    return found


def catalogue_of(corpus):
    """What a magazine's catalogue would hold after some years: every film the articles name (entries and
    subjects, not books) and the directors their headings name."""
    films, people = [], set()
    for article in corpus:
        for entry in article.expected["entries"]:
            films.append(FilmMatch(len(films) + 1, entry[1], entry[2]))
            people.update(entry[3:4])
        subject = article.expected.get("subject")
        if subject and subject.get("kind", "film") != "book":
            films.append(FilmMatch(len(films) + 1, subject["title"], subject["year"]))
    return InMemoryCatalogue(films=films, people=people)


def pairs(entries):
    return {(title_key(title), year) for title, year in entries}


def score(corpus, catalogue=None):
    """(entry F1 over (title, year) pairs with the matching key, share of subjects right, failures by name)."""
    true_positives = found_count = expected_count = subjects_right = 0
    failures = {}
    for article in corpus:
        expected = pairs((entry[1], entry[2]) for entry in article.expected["entries"])
        try:
            parsed = article.parse(catalogue)
            got = pairs((entry.title, entry.year) for entry in parsed.entries)
            subject = parsed.subject
        except ArticleParseError as error:
            got, subject = set(), None
            failures[article.name] = str(error)
        true_positives += len(expected & got)
        found_count += len(got)
        expected_count += len(expected)
        wanted = article.expected.get("subject")
        wrong = []
        if (wanted is None and subject is None) or (
            wanted is not None and subject is not None and title_key(subject.title) == title_key(wanted["title"])
        ):
            subjects_right += 1
        else:
            wrong.append(f"subject {subject.title if subject else None!r}, wanted {wanted}")
        if expected != got:
            wrong.append(f"missed {sorted(expected - got)}, extra {sorted(got - expected)}")
        # Both are named: a wrong subject must not hide wrong entries.
        if wrong and article.name not in failures:
            failures[article.name] = "; ".join(wrong)
    precision = true_positives / found_count if found_count else 0.0
    recall = true_positives / expected_count if expected_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, (subjects_right / len(corpus) if corpus else 0.0), failures


if __name__ == "__main__":
    for label, folder in (("corpus", ARTICLES), ("held out", HELD_OUT)):
        if not folder.exists():
            continue
        corpus = articles(folder)
        for catalogue in (None, catalogue_of(corpus)):
            f1, subjects, failures = score(corpus, catalogue)
            given = " with a catalogue" if catalogue else ""
            print(f"{label}{given}: {len(corpus)} articles, entry F1 {f1:.3f}, subject right in {subjects:.0%}")
            for name, failure in failures.items():
                print(f"  {name}: {failure}")
