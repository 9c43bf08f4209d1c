"""Following a search by email: subscribe with double opt-in, daily or weekly digests of new
matches sent by a periodic huey task, one-click unsubscribe, and a page to manage one's alerts
reached from a signed link in every mail (no account)."""
