"""Documents the events app prints: attendee lists and badges, attendance certificates."""
