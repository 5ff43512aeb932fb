"""Review workflow (issue 5): what reviewers and editors do with the annotators' work.

views.py            the review queue (bulk approve / reject), curation, figure and claim history
agreement_views.py  the agreement page and the collection's dashboard
agreement.py        how far annotators agree (spans, attribution, qualifiers, decisions, tags)
dashboard.py        the dashboard's counts, as charts
charts.py           server-rendered SVG bar and line charts
history.py          who changed a figure or claim, when and what (django-simple-history)
demo.py             the demo's double annotation by carol and dave
models.py           FigureJudgement, each annotator's reading of a figure (claims app, re-exported
                    by claims.models)

Review state lives on claims.models (Claim.status) and here (FigureJudgement); the
review permissions are granted by claims' migrations.
"""
