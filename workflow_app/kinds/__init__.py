"""The document kinds this app knows, one package each, registered when the app package is imported.

A kind's package holds its workflow, the shape of its body and how it is checked, the data its
masters are rendered from, its sample content, its editor form (editor.py, web layer) and names
its templates: see domain/kinds.py. A new kind is a new package here, its masters and its tests.
"""
from ..domain.kinds import register
from . import commendation, decision, plan

for _kind in (plan.KIND, commendation.KIND, decision.KIND):
    register(_kind)
