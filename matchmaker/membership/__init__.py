"""Joining an organisation of the directory: asking (users without one) and deciding (its members, organisers)."""
