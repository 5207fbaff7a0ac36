"""
Importing old articles as draft lists: pasted text, a rich paste's HTML, files, and WordPress exports.

    import_article(Source(...), author=…, commit=False)  → Outcome: the dry run, saving nothing
    import_article(Source(...), author=…)                → Outcome: the draft, or the problems refusing it
    import_export(Source.from_file("export.xml", data))  → ExportOutcome: a draft per list post, the rest skipped

The parser (recommendations.parsing) reads the article with the site's catalogue
(catalogue.DatabaseCatalogue); drafts.save_draft writes it, every row through its model's
full_clean() in one transaction; problems.py says what refuses an import, with the source line.
"""

from .articles import Outcome, import_article
from .catalogue import DatabaseCatalogue
from .drafts import ImportReport, Origin, save_draft
from .problems import MOST_ENTRIES, Deadline, ImportProblem, ImportRefused, TookTooLong
from .sources import READABLE, Reading, Source
from .wordpress import ExportOutcome, PostOutcome, import_export

__all__ = [
    "MOST_ENTRIES",
    "READABLE",
    "DatabaseCatalogue",
    "Deadline",
    "ExportOutcome",
    "ImportProblem",
    "ImportRefused",
    "ImportReport",
    "Origin",
    "Outcome",
    "PostOutcome",
    "Reading",
    "Source",
    "TookTooLong",
    "import_article",
    "import_export",
    "save_draft",
]
