"""One place for the vocabulary extractors and comparators share.

``numbers``: number words, ordinals, fractions and scales; ``spelling``:
folding and spelling conventions (British/American, accents); ``roles``:
office titles and words that flip a statement (opposites, antonym verbs,
planning words); ``verbs``: irregular past forms and the classes of verbs
that name one kind of act. Name
equivalence (nicknames, romanisations, initials) lives in
``extract.name_forms``, which reads ``spelling``.
"""
