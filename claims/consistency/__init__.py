"""Consistency checks: figures that repeat, contradict, or are out of scale (issue 7).

records.py    the plain records in (figures, claims, links) and out (findings, their keys)
reading.py    what the text says about each figure: event, reason, part, what it counts
rules.py      the checks: figures compared within and across articles, links reviewers made
reports.py    the database entry points: load records, check them, each finding's status
store.py      findings stored per article, dated by triggers and by `ENGINE`
decisions.py  accept (make the suggested link), dismiss, reopen
models.py     FindingDecision, StoredFindings (claims app, re-exported by claims.models)
views.py      the collection report and the workspace's findings panel

The `finding` records of the JSONL export are claims/exports/findings.py.
"""
