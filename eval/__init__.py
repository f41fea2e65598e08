"""Evaluation: gold question set, validator and scoring."""
