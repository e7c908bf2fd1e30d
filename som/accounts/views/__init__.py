"""The accounts pages: the person's own account (account.py: home, data export, erasure) and
their API keys (api_keys.py)."""
