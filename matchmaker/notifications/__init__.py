"""The Notifications page and the header bell."""
