"""The follow-up survey (issue 17, ``docs/survey.md``): how next year's edition is written.

A ``SurveyRound`` starts from a stored follow-up report. ``content`` lays out what each
ministry answers for (the rows it owns and the rows it only sees); ``answers`` is what a
ministry hands in (a ``Revision``'s content) and its checks; ``workbook`` writes the survey
workbook of one ministry and ``validate`` reads one back, refusing anything tampered with;
``form`` checks the browser's form as that workbook; ``messages`` says what the checks find,
in Japanese and English; ``publish`` writes the new edition's report text from last year's
with the accepted answers applied, so that the ordinary reader makes the new edition. Pure:
no store, no printing.
"""
