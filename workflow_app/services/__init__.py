"""Use cases: load, authorize, fire, number, render, record history, commit.

The only layer that commits. Web and API blueprints call these and map the
domain's refusals (domain/errors.py) to HTTP.
"""
