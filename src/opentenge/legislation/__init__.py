"""Legislation tracker (draft acts, bills, public councils) and the lobbying-vs-bribery explainers."""
