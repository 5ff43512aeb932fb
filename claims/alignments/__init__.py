"""Figure alignment of related articles (issue 18): for an article and its original
(`articles.ArticleRelation`), which stored figure of the derived article renders which
figure of the original, and what changed on the way.

models.py stores it (`RelationAlignment` per relation, `FigureAlignment` per figure; both
re-exported by claims/models.py); store.py computes it from `claims.translations.compare_texts`
when the consistency findings of either article are recomputed (claims/consistency/store.py),
keeps corrections made by hand and gives the changes as consistency findings
(`translation_findings`); views.py is the side-by-side page, the workspace's relations panel
and the correction and decision actions; admin.py the back-office.
"""
