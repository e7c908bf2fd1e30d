"""The publishing forms, by topic: contact, directory, consents, portraits and stories."""
