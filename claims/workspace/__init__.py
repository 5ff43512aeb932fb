"""The annotation workspace: an article's text with its figures and claims, and every change
made from it.

rows.py (the data), html.py (the text and the side panel's rows), responses.py (what an action
answers), views.py (the page, figure actions), views_claims.py (claims, tags, links, sources),
views_progress.py (the collection page, the queues), urls.py. Who may see what is
core/access.py and claims/blind.py; stale edits core/locking.py; what follows a figure decision
claims/services.py.
"""
