"""BM25 over stemmed content words, in pure Python (a dialogue holds a few hundred paragraphs).

Scores are normalised by the query's best possible score (every query term present with a very
high frequency), so that a threshold means the same thing for a short and a long question:
0 = no term shared, values near 0.5 = most of the question's weight is found in the paragraph.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


class BM25:
    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.tf = [Counter(d) for d in docs]
        self.len = [len(d) for d in docs]
        self.avg = (sum(self.len) / self.n) if self.n else 1.0
        df: Counter[str] = Counter()
        for c in self.tf:
            df.update(c.keys())
        self.idf = {t: math.log(1 + (self.n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def idf_of(self, term: str) -> float:
        return self.idf.get(term, math.log(1 + (self.n + 0.5) / 0.5))

    def score(self, query: Sequence[str], doc: int) -> tuple[float, list[str]]:
        """Normalised score of document ``doc`` for ``query``, and the query terms it contains."""
        q = set(query)
        if not q:
            return 0.0, []
        tf, dl = self.tf[doc], self.len[doc]
        total, best, shared = 0.0, 0.0, []
        for t in q:
            idf = self.idf_of(t)
            best += idf * (self.k1 + 1)
            f = tf.get(t, 0)
            if f:
                total += idf * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * dl / self.avg))
                shared.append(t)
        shared.sort(key=lambda t: -self.idf_of(t))
        return (total / best if best else 0.0), shared
