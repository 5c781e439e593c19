"""Linking one organisation or person across sources: candidates, scores, judgments, review."""
