"""The permission names the views, the blind rule and the admin check, each defined once.

A module of plain names with no imports, so that `articles.models` (the blind rule's
"who is never blind") can use them without an import circle through `core.access`, which
imports the models. The codenames are granted to the roles by claims/migrations/0002_groups.py.
"""

# Anyone with a role reads articles; outsiders (no role) get 404 for every page.
VIEW_ARTICLE = "articles.view_article"

# Reviewers and editors: they approve and reject claims, decide on consistency findings,
# and see every annotator's work on a double-annotated article (they curate it, so they are
# never blind).
REVIEW = "claims.review_claim"

# Editors: change articles (title, text, language, status) and relate an article to its
# original (a translation of, based on, relays: issue 18).
CHANGE_ARTICLE = "articles.change_article"
