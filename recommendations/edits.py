"""
A list changed outside its change form (publish and unpublish actions, renumbering, "Add as
entry"): the one way such a change is recorded.

The change form records its own saves (ArticleAdmin.save_model and the revision
ListRevisionAdmin makes around the form); everything else calls record_edit().
"""

import reversion
from django.db import transaction


def record_edit(article, user, comment):
    """Save `article` as `user` left it, with what every edit records.

    The last editor; a new edit version, so that forms opened before this change are refused
    rather than saved over it; and a revision of its own holding the entries as they now stand,
    which History can compare and restore. Inside an open revision (the change form's), the
    change joins it.
    """
    with transaction.atomic(), reversion.create_revision():
        article.mark_edited_by(user)
        article.save()
        if article.status == article.Status.PUBLISHED:
            article.confirm_what_it_uses()
        # Entries moved by queryset updates sent no signal: record each as it now stands.
        for entry in article.entries.prefetch_related("themes", "people"):
            reversion.add_to_revision(entry)
        reversion.set_user(user)
        reversion.set_comment(comment)
