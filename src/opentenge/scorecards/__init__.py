"""Scorecards of state bodies: documented measures of each body's budget, procurement and openness,
side by side per body and ranked within bodies of the same kind (docs/scorecards.md)."""
