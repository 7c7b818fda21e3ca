"""A user's own data: download it (JSON), delete the account."""
