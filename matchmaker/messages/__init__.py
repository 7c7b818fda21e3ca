"""Messages between connected organisations: the list, a conversation, and the counts the navigation shows."""
